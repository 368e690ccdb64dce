#pragma once

#include "components/api_gateway/RequestClassSet.h"
#include "components/common/CallerPolicies.h"
#include "components/common/CallingNode.h"
#include "components/common/Downstream.h"
#include "components/common/PolicyCaller.h"
#include "components/common/TokenBucket.h"
#include "components/registry/BuildContext.h"
#include "emulator/Node.h"
#include "emulator/Station.h"

#include <array>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sb::comp {

/// The role of an API gateway: the entry of a set of services. Its own role, so that
/// traffic sources reach it through acceptsFrom.
inline constexpr std::string_view kApiGatewayRole = "api_gateway";

/// An API gateway in front of services: a request first passes its rate limit (a token
/// bucket of `rate_rps` and `burst`, answering 429 as "rate_limited" beyond it), then its
/// own `latency_ms` plus `auth_ms` on one of its `workers`, and goes on to a healthy node
/// over a link whose `classes` name its class (in turn), or else over the links that name
/// none. A caller: with a call policy, its calls go through a PolicyCaller.
class ApiGateway final : public CallingNode, public emu::StationClient {
public:
    ApiGateway(emu::Simulation& sim, BuildContext& context);

    void start() override;
    void onRequest(std::uint32_t request, std::uint32_t link) override;
    void onReply(std::uint32_t request) override;
    void onTimer(std::uint32_t timer, std::uint64_t payload) override;
    /// Answers health probes (contract/HealthProbe.h): a DNS may check it.
    void onMessage(const emu::Message& message) override;
    void serviceDone(std::uint32_t request, std::uint32_t tag) override;
    void serviceFailed(std::uint32_t request, std::uint32_t tag, emu::FailReason reason) override;
    bool applyProperty(const std::string& name, double value) override;
    void collectMetrics(emu::MetricList& out) const override;

protected:
    void onFailed() override;

private:
    void callFinished(std::uint64_t token, const CallResult& result) override;

    emu::Station m_station;
    emu::Time m_latency, m_auth;
    bool m_limited;
    TokenBucket m_bucket;
    emu::FailReason m_rateLimited = emu::FailReason::None;
    emu::CounterId m_rateLimitedCounter{};
    std::uint64_t m_refused = 0;
    /// The classes each link carries, by the far end's id (empty: the classes no link names).
    std::vector<std::pair<std::string, RequestClassSet>> m_linkClasses;
    /// The links each request class goes over.
    std::array<std::vector<std::uint32_t>, emu::kRequestClassCount> m_routes;
    /// Each class's turn among its healthy links (Downstream::pickHealthy).
    std::array<Downstream, emu::kRequestClassCount> m_rotations;
    CallerPolicies m_policies;
    std::unique_ptr<PolicyCaller> m_caller;
};

} // namespace sb::comp
