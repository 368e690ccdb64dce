#pragma once

#include "components/common/CallerPolicies.h"
#include "components/common/CallingNode.h"
#include "components/common/CommonOutcomes.h"
#include "components/common/Downstream.h"
#include "components/common/PolicyCaller.h"
#include "components/contract/IWeightedBackend.h"
#include "components/registry/BuildContext.h"
#include "emulator/Node.h"
#include "emulator/ServiceTime.h"
#include "emulator/Station.h"

#include <memory>
#include <vector>

namespace sb::comp {

/// An application server (or a group of identical instances): a multi-worker station,
/// stateful or stateless sessions, cache-aside reads, writes to the primary or the owning
/// shard, async work published to a queue, and an optional autoscaling group. With a call
/// policy (its own call_policy or a link's), its calls downstream (session store, cache,
/// database, queue, static origin) go through a PolicyCaller: attempts copied from the
/// request, which waits here for the call's outcome.
class WebServer final : public CallingNode,
                        public emu::StationClient,
                        public contract::IWeightedBackend {
public:
    WebServer(emu::Simulation& sim, BuildContext& context);

    void start() override;
    void onRequest(std::uint32_t request, std::uint32_t link) override;
    void onReply(std::uint32_t request) override;
    void onTimer(std::uint32_t timer, std::uint64_t payload) override;
    /// Answers health probes (contract/HealthProbe.h).
    void onMessage(const emu::Message& message) override;
    void serviceDone(std::uint32_t request, std::uint32_t tag) override;
    void serviceFailed(std::uint32_t request, std::uint32_t tag, emu::FailReason reason) override;
    bool applyProperty(const std::string& name, double value) override;
    void collectMetrics(emu::MetricList& out) const override;

    int weight() const override { return m_weight; }
    bool stateless() const { return m_stateless; }

protected:
    void onFailed() override;
    void onRecovered() override;

private:
    enum Phase : std::uint8_t {
        Arrived,
        AwaitSession,
        InService,
        AwaitCache,
        AwaitRead,
        AwaitWrite,
        AwaitQueue,
        AwaitStatic,
        AwaitServer
    };
    enum Timer : std::uint32_t { AutoscaleTick, InstanceReady, CallPolicyTimer };

    void beginService(std::uint32_t slot);
    void afterService(std::uint32_t slot);
    /// Calls the linked server (a service) `index` of m_down.servers, or, past the last, goes
    /// on to the request's data step (afterCalls).
    void callServer(std::uint32_t slot, std::uint32_t index);
    void afterCalls(std::uint32_t slot);
    void readFromDatabase(std::uint32_t slot);
    void notifyCaches(std::uint32_t slot, bool fill);
    void forward(std::uint32_t slot, Phase next, const std::optional<Route>& route,
                 emu::FailReason ifNone);
    /// A call downstream ended (its answer, or its failure, is on the request): the next
    /// step of the request's phase.
    void continueAfterCall(std::uint32_t slot);
    void callFinished(std::uint64_t token, const CallResult& result) override;
    emu::Time serviceTime(const emu::Request& r);
    void updateServers();

    const CommonOutcomes& m_outcomes = commonOutcomes(m_sim);
    emu::Station m_station;
    emu::ServiceTime m_service;
    emu::RandomStream m_rng;
    Downstream m_down;
    int m_workers;
    int m_instances;
    int m_pendingInstances = 0;
    int m_weight;
    bool m_stateless;
    emu::Time m_embeddedDb, m_asyncWork, m_staticWork;
    // Autoscaling group.
    bool m_autoscale;
    int m_min, m_max;
    double m_targetCpu;
    emu::Time m_startup, m_cooldown;
    emu::Time m_lastScale = -emu::kNever / 2;
    double m_lastBusy = 0, m_lastCapacity = 0;
    double m_windowCpu = 0;
    // Sessions held in memory (stateful servers): one flag per user id.
    std::vector<bool> m_sessions;
    std::uint64_t m_sessionMisses = 0;
    std::uint64_t m_cacheHits = 0, m_cacheLookups = 0;
    /// By request slot: the linked server a request in AwaitServer is calling.
    std::vector<std::uint32_t> m_serverCall;
    /// Timeouts, retries, budget, breaker and hedges on its calls downstream; empty when
    /// no policy is active, so such a server forwards its requests as it always did.
    CallerPolicies m_policies;
    std::unique_ptr<PolicyCaller> m_caller;
};

} // namespace sb::comp
