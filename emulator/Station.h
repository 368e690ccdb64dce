#pragma once

#include "emulator/Kernel.h"
#include "emulator/LatencyHistogram.h"
#include "emulator/Request.h"

#include <cstdint>
#include <deque>
#include <string>
#include <vector>

namespace sb::emu {

class Simulation;

/// Told when a station finishes (or gives up on) a request.
class StationClient {
public:
    virtual ~StationClient() = default;
    /// Service finished; `tag` is what was passed to submit().
    virtual void serviceDone(std::uint32_t request, std::uint32_t tag) = 0;
    /// The request waited longer than the station's timeout, or the station failed.
    virtual void serviceFailed(std::uint32_t request, std::uint32_t tag, FailReason reason) = 0;
};

/// A multi-server queueing station: c servers, a bounded queue, a waiting timeout, a
/// speed factor (for "slow node" faults), and time-integrated busy and queue statistics.
class Station final : public Entity {
public:
    /// Which waiting request a free server takes: the oldest (FIFO), or, while more than
    /// `lifoAfter` wait (overload), the newest, shedding from the old end the requests that
    /// have already waited past the timeout (adaptive LIFO, as Facebook's servers do): the
    /// newest have the best chance of being answered before their caller gives up.
    enum class QueueOrder : std::uint8_t { Fifo, AdaptiveLifo };

    Station(Simulation& sim, StationClient& client, int servers, std::int64_t queueLimit,
            Time timeout = kNever);

    /// Starts service now, queues, or rejects (returns false: the queue is full).
    bool submit(std::uint32_t request, Time serviceTime, std::uint32_t tag = 0);
    /// Fails every queued and in-service request (node crash).
    void failAll(FailReason reason);

    void setServers(int servers);
    int servers() const { return m_servers; }
    void setQueueLimit(std::int64_t limit) { m_queueLimit = limit; }
    void setTimeout(Time timeout) { m_timeout = timeout; }
    void setQueueOrder(QueueOrder order, std::size_t lifoAfter) {
        m_order = order;
        m_lifoAfter = lifoAfter;
    }
    void setSpeedFactor(double slowdown) { m_slowdown = slowdown; }
    double speedFactor() const { return m_slowdown; }

    int busy() const { return m_busy; }
    std::size_t queueLength() const { return m_queue.size(); }
    std::size_t maxQueueLength() const { return m_maxQueue; }

    /// Integrals of busy servers and queue length over time (for utilisation and L).
    double busyIntegral() const; ///< server-nanoseconds busy so far
    double queueIntegral() const;
    double capacityIntegral() const; ///< server-nanoseconds available so far
    /// Where each served request's time at the station (wait + service) is recorded; the
    /// owning node's histogram, set by Node::addStation.
    void recordSojournInto(LatencyHistogram* histogram) { m_sojourn = histogram; }

    void handleEvent(std::uint32_t kind, std::uint64_t payload) override;

private:
    struct Waiting {
        std::uint32_t request;
        std::uint32_t tag;
        Time service;
        Time enqueued;
    };
    void account();
    /// Starts a service. (Scalars rather than a Waiting: a struct built field by field on
    /// the stack and reloaded whole stalls the load.)
    void begin(std::uint32_t request, std::uint32_t tag, Time service, Time enqueued);
    void startNext();
    /// Takes the request a free server serves next (see QueueOrder).
    Waiting takeNext();

    Simulation& m_sim;
    StationClient& m_client;
    std::uint32_t m_entity;
    int m_servers;
    std::int64_t m_queueLimit;
    Time m_timeout;
    double m_slowdown = 1.0;
    QueueOrder m_order = QueueOrder::Fifo;
    std::size_t m_lifoAfter = 0;
    std::uint32_t m_epoch = 0; ///< bumps on failAll so stale completions are ignored
    int m_busy = 0;
    std::deque<Waiting> m_queue;
    std::size_t m_maxQueue = 0;
    Time m_lastChange = 0;
    double m_busyArea = 0;
    double m_queueArea = 0;
    double m_capacityArea = 0;
    LatencyHistogram* m_sojourn = nullptr;
    struct InService {
        std::uint32_t request;
        std::uint32_t tag;
        Time arrived;
    };
    std::vector<InService> m_inService; ///< position kept in Request::stationSlot
};

} // namespace sb::emu
