#pragma once

#include "components/common/CallerPolicies.h"
#include "components/common/CallingNode.h"
#include "components/common/CommonOutcomes.h"
#include "components/common/Downstream.h"
#include "components/common/PolicyCaller.h"
#include "components/registry/BuildContext.h"
#include "emulator/Node.h"
#include "emulator/ServiceTime.h"
#include "emulator/Station.h"

#include <cstdint>
#include <string_view>
#include <vector>

namespace sb::comp {

/// The role of an internal microservice: a server that other services call. Its own
/// role, so a service may link to services (and nothing else of the server role needs to).
inline constexpr std::string_view kServiceRole = "service";

/// An internal microservice: a multi-worker station (workers, service time, queue limit,
/// queue timeout), then its calls downstream: one to each linked service (or balancer in
/// front of services) and, by the request's class, one to the data tier (a read is
/// cache-aside when a cache is linked, then the replica, writer or data router; a write
/// goes to the writer and invalidates the caches; async work to a queue; a static asset
/// to a static origin). With `fan_out` sequence the calls go one after another and the
/// first that fails ends the request; with parallel they all go at once and the request
/// is answered when the last has answered (failed if any failed). Every call goes through
/// a PolicyCaller: attempts copied from the request, under the node's call_policy or a
/// link's.
class Service final : public CallingNode, public emu::StationClient {
public:
    Service(emu::Simulation& sim, BuildContext& context);

    void start() override;
    void onRequest(std::uint32_t request, std::uint32_t link) override;
    void onReply(std::uint32_t request) override;
    void onTimer(std::uint32_t timer, std::uint64_t payload) override;
    /// Answers health probes (contract/HealthProbe.h): a balancer may check it.
    void onMessage(const emu::Message& message) override;
    void serviceDone(std::uint32_t request, std::uint32_t tag) override;
    void serviceFailed(std::uint32_t request, std::uint32_t tag, emu::FailReason reason) override;
    bool applyProperty(const std::string& name, double value) override;
    void collectMetrics(emu::MetricList& out) const override;

protected:
    void onFailed() override;

private:
    /// Where the data call of a request is.
    enum DataStep : std::uint8_t { NoData, CacheLookup, DataRead, DataWrite, DataOther };
    /// A request's calls in progress, by its slot.
    struct FanOut {
        std::uint16_t next = 0;    ///< calls started so far
        std::uint16_t pending = 0; ///< calls out now
        std::uint16_t total = 0;
        DataStep data = NoData;
        emu::FailReason failure = emu::FailReason::None;
    };
    /// One call out: the request it belongs to and which of its calls it is.
    struct CallRef {
        std::uint64_t request = 0;
        std::uint16_t index = 0;
    };

    DataStep firstDataStep(const emu::Request& r) const;
    std::optional<Route> dataRoute(DataStep step);
    void startCall(std::uint32_t slot, std::uint16_t index);
    void callOver(std::uint32_t slot, std::uint16_t index, const Route& route);
    /// A call ended (`failure` None when it answered): the request's next call, or its
    /// answer once none is out.
    void callEnded(std::uint32_t slot, emu::FailReason failure);
    void finishRequest(std::uint32_t slot);

    void callFinished(std::uint64_t token, const CallResult& result) override;

    emu::Station m_station;
    emu::ServiceTime m_service;
    emu::RandomStream m_rng;
    const CommonOutcomes& m_outcomes = commonOutcomes(m_sim);
    int m_instances;
    bool m_parallel;
    Downstream m_down;
    std::vector<std::uint32_t> m_serviceLinks; ///< links to services and balancers
    CallerPolicies m_policies;
    PolicyCaller m_caller;
    std::vector<FanOut> m_fanOut; ///< by request slot
    std::vector<CallRef> m_callRefs;
    std::vector<std::uint32_t> m_freeCallRefs;
    std::uint64_t m_cacheHits = 0, m_cacheLookups = 0;
};

} // namespace sb::comp
