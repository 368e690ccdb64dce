#pragma once

#include "components/registry/BuildContext.h"
#include "emulator/LatencyHistogram.h"
#include "emulator/Node.h"

#include <deque>
#include <string>
#include <unordered_map>
#include <vector>

namespace sb::comp {

namespace contract {
class IQueueConsumer;
}

/// A message broker: publishers' messages are acknowledged after the broker's latency and
/// kept until consumed. Work-queue delivery shares the messages among every linked consumer
/// (contract::IQueueConsumer); pub-sub gives each consumer group its own copy. Consumers are
/// pushed as
/// many messages as they can work on; a full backlog rejects publishes, and a failure of an
/// unreplicated queue loses the messages it holds.
class MessageQueue final : public emu::Node {
public:
    MessageQueue(emu::Simulation& sim, BuildContext& context);

    void start() override;
    void onRequest(std::uint32_t request, std::uint32_t link) override;
    void onReply(std::uint32_t request) override;
    void onTimer(std::uint32_t timer, std::uint64_t payload) override;
    bool applyProperty(const std::string& name, double value) override;
    void collectMetrics(emu::MetricList& out) const override;

    /// Messages waiting, over every consumer group.
    std::size_t depth() const;

protected:
    void onFailed() override;
    void onRecovered() override;

private:
    enum Timer : std::uint32_t { Acknowledge, RetryDispatch };
    struct Message {
        emu::Time published;
        std::uint32_t key;
    };
    struct Consumer {
        std::uint32_t link;
        contract::IQueueConsumer* consumer;
        const emu::Node* node; ///< the consumer itself
        int inFlight = 0;
    };
    struct Group {
        std::string name;
        std::vector<Consumer> consumers;
        std::deque<Message> backlog;
        std::uint32_t rotation = 0;
    };
    struct Delivery {
        std::size_t group;
        std::size_t consumer;
        Message message;
    };

    void dispatch();
    bool deliver(std::size_t group);
    void finishDelivery(std::uint32_t slot);

    std::int64_t m_capacity;
    bool m_pubSub;
    bool m_replicated;
    emu::Time m_ackLatency;
    std::vector<Group> m_groups;
    std::unordered_map<std::uint32_t, Delivery> m_inFlight; ///< by request slot
    std::uint32_t m_epoch = 0; ///< bumps on failure: answers to older deliveries are ignored
    bool m_retryArmed = false;
    std::size_t m_depthMax = 0;
    std::uint64_t m_published = 0, m_delivered = 0, m_done = 0, m_rejections = 0;
    std::uint64_t m_lost = 0, m_redelivered = 0, m_failedJobs = 0;
    emu::LatencyHistogram m_jobLatency;
};

} // namespace sb::comp
