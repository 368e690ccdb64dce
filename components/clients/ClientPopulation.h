#pragma once

#include "components/clients/AccessLogReplay.h"
#include "components/common/CallerPolicies.h"
#include "components/common/CallingNode.h"
#include "components/common/PolicyCaller.h"
#include "components/contract/IRequestEntry.h"
#include "components/contract/IUserPopulation.h"
#include "components/registry/BuildContext.h"
#include "emulator/Node.h"
#include "emulator/RandomStream.h"
#include "emulator/ZipfSampler.h"

#include <array>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace sb::comp {

/// A population of users: generates open-loop (Poisson or constant) or closed-loop traffic
/// following a rate pattern and a class mix, with Zipf-popular keys; measures every
/// request's latency from issue to answer. With a `traffic_log`, its arrivals replay a web
/// server's access log instead: each line's time, class, key and client address. Real
/// requests (the live endpoint) enter here too, alongside the population's own: each is
/// sent once along the same links, traced, measured with the others and counted in
/// `real_requests` and `real_failed`; the population's call_policy is its own users'
/// client library and does not apply to them.
class ClientPopulation final : public CallingNode,
                               public contract::IUserPopulation,
                               public contract::IRequestEntry {
public:
    ClientPopulation(emu::Simulation& sim, BuildContext& context);

    void start() override;
    void onRequest(std::uint32_t request, std::uint32_t link) override;
    void onReply(std::uint32_t request) override;
    void onTimer(std::uint32_t timer, std::uint64_t payload) override;
    bool applyProperty(const std::string& name, double value) override;
    void collectMetrics(emu::MetricList& out) const override;

    const std::string& region() const override { return m_region; }
    void admit(const contract::ExternalRequest& request, emu::Time at, Done done) override;
    /// The popularity of keys this population asks for.
    const emu::ZipfSampler& keys() const override { return m_keys; }
    /// The pattern's multiplier at a virtual time.
    double patternFactor(emu::Time t) const;

private:
    enum Timer : std::uint32_t {
        Arrival,
        UserWake,
        Timeout,
        SpikeEnd,
        Replay,
        CallPolicyTimer,
        ExternalSend,
        ExternalTimeout
    };
    /// A real request in flight: who to tell.
    struct External {
        Done done;
        emu::Time issued = 0;
    };
    enum class Pattern { Steady, Ramp, Diurnal, Spike };

    void issue(std::uint32_t user);
    void issue(std::uint32_t user, emu::RequestClass cls, std::uint32_t key);
    void scheduleArrival();
    void scheduleReplay();
    void reportMalformedLines();
    std::uint32_t replayUser(const std::string& address);
    std::uint32_t chooseLink(emu::RequestClass cls);
    emu::RequestClass drawClass();
    /// A request's answer or failure reached the user who asked (the outcome counts); a
    /// closed-loop user then thinks and asks again (`thinkAgain`: not for a real request).
    void answered(emu::Request& r, emu::Time issued, bool thinkAgain = true);
    /// A request named by `handle` outlived the timeout: it counts as timed out now and
    /// its answer will be ignored. Returns its slot, or UINT32_MAX when it was answered.
    std::uint32_t timeOut(std::uint64_t handle);
    /// Tells a real request's sender how it ended; `timedOut` when it outlived the timeout.
    void answerExternal(std::uint32_t slot, bool timedOut);
    void callFinished(std::uint64_t token, const CallResult& result) override;

    std::string m_region;
    double m_baseRate;
    std::uint32_t m_timeoutLane = 0; ///< closed-loop timeouts, one delay: a FIFO
    bool m_closed;
    bool m_constant;
    double m_thinkMean;
    Pattern m_pattern;
    double m_peak, m_period, m_spikeAt, m_spikeLength;
    std::array<double, emu::kRequestClassCount> m_mixCumulative{};
    emu::Time m_timeout;
    std::uint32_t m_users;
    emu::ZipfSampler m_keys;
    std::optional<emu::ZipfSampler> m_userSkew;
    emu::RandomStream m_arrivalRng, m_mixRng, m_keyRng, m_userRng, m_thinkRng, m_routeRng;
    std::vector<bool> m_hasSession;
    double m_liveFactor = 1.0; ///< traffic panel multiplier and spikes
    double m_spikeFactor = 1.0;
    std::uint64_t m_issued = 0;
    std::uint64_t m_outstanding = 0;
    std::uint32_t m_roundRobin = 0;
    bool m_cdnFallback = false; ///< static requests bypass a failed CDN
    /// Timeouts, retries, budget, breaker and hedges (call_policy, the node's and its
    /// links'); empty when none is active, so a population without a policy sends its
    /// requests as before.
    CallerPolicies m_policies;
    std::unique_ptr<PolicyCaller> m_caller;

    /// Access-log replay (empty without a traffic_log).
    std::unique_ptr<AccessLogReplay> m_replay;
    std::string m_replayPath;
    double m_replaySpeed = 1;
    std::uint64_t m_keyCount = 1;
    std::optional<ReplayArrival> m_nextReplay;
    std::unordered_map<std::string, std::uint32_t> m_replayUsers; ///< address -> user
    std::uint64_t m_malformedReported = 0;
    emu::Time m_replayWindowStart = 0; ///< the measured replay rate's current window
    std::uint64_t m_replayWindowCount = 0;
    double m_replayRate = 0;

    std::unordered_map<std::uint32_t, External> m_external; ///< real requests, by slot
    std::uint32_t m_externalLane = 0;                       ///< their timeouts (one delay: a FIFO)
    std::uint64_t m_realIssued = 0;
    /// real_requests and real_failed, once the first real request is answered.
    std::optional<std::pair<emu::CounterId, emu::CounterId>> m_realCounters;
};

} // namespace sb::comp
