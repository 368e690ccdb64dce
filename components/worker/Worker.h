#pragma once

#include "components/common/Downstream.h"
#include "components/contract/IQueueConsumer.h"
#include "components/registry/BuildContext.h"
#include "emulator/Node.h"
#include "emulator/ServiceTime.h"
#include "emulator/Station.h"

#include <string>

namespace sb::comp {

/// Consumers of a queue (one node may stand for several identical instances): each message
/// the queue delivers takes a worker for its service time, then the job writes its key to
/// the linked database (invalidating linked caches), stores its output in a linked object
/// store and publishes to a linked queue, in that order, before it is acknowledged.
class Worker final : public emu::Node, public emu::StationClient, public contract::IQueueConsumer {
public:
    Worker(emu::Simulation& sim, BuildContext& context);

    void start() override;
    void onRequest(std::uint32_t request, std::uint32_t link) override;
    void onReply(std::uint32_t request) override;
    void serviceDone(std::uint32_t request, std::uint32_t tag) override;
    void serviceFailed(std::uint32_t request, std::uint32_t tag, emu::FailReason reason) override;
    bool applyProperty(const std::string& name, double value) override;
    void collectMetrics(emu::MetricList& out) const override;

    /// Messages it can work on at once (workers x instances).
    int concurrency() const override { return m_workers * m_instances; }
    /// The consumer group: under pub-sub every group gets every message.
    const std::string& consumerGroup() const override { return m_group; }

private:
    enum Phase : std::uint8_t { InService = 1, AwaitDatabase, AwaitStore, AwaitQueue };

    void next(std::uint32_t slot, Phase after);
    void invalidateCaches(std::uint32_t slot);
    void forward(std::uint32_t slot, Phase phase, const std::optional<Route>& route);

    emu::Station m_station;
    emu::ServiceTime m_service;
    emu::RandomStream m_rng;
    Downstream m_down;
    std::string m_group;
    int m_workers;
    int m_instances;
    std::uint64_t m_jobs = 0, m_failedJobs = 0;
};

} // namespace sb::comp
