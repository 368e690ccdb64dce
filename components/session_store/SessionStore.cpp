#include "components/session_store/SessionStore.h"

#include "components/common/CommonOutcomes.h"
#include "emulator/Simulation.h"

namespace sb::comp {

SessionStore::SessionStore(emu::Simulation& sim, BuildContext& c)
    : Node(sim, c.node.id.value, c.node.kind)
    , m_workers(sim, *this, *this, c.props)
    , m_sessions(static_cast<std::size_t>(c.props.integer("capacity")), Eviction::Lru) {
    addStation(&m_workers.station());
}

void SessionStore::onRequest(std::uint32_t slot, std::uint32_t) {
    if (!m_workers.submit(slot))
        failRequest(slot, emu::FailReason::Overloaded);
}

void SessionStore::serviceDone(std::uint32_t slot, std::uint32_t) {
    ++counters().completed;
    const std::uint32_t user = request(slot).user;
    if (m_sessions.lookup(user, now())) {
        reply(slot);
        return;
    }
    if (user >= m_everHeld.size())
        m_everHeld.resize(static_cast<std::size_t>(user) + 1 + m_everHeld.size() / 2, false);
    // The web tier writes a session when the user signs in; the store sees it on the first
    // lookup. Only a session it held before and no longer has is lost.
    const bool lost = m_everHeld[user];
    m_everHeld[user] = true;
    m_sessions.store(user, 0, emu::kNever);
    if (lost) {
        ++m_lost;
        failRequest(slot, commonOutcomes(m_sim).sessionLost);
        return;
    }
    reply(slot);
}

void SessionStore::serviceFailed(std::uint32_t slot, std::uint32_t, emu::FailReason reason) {
    failRequest(slot, reason);
}

void SessionStore::onFailed() {
    m_sessions.clear(); // an in-memory store restarts empty
}

bool SessionStore::applyProperty(const std::string& name, double value) {
    return m_workers.applyProperty(name, value);
}

void SessionStore::collectMetrics(emu::MetricList& out) const {
    out.emplace_back("sessions", static_cast<double>(m_sessions.size()));
    out.emplace_back("lost_sessions", static_cast<double>(m_lost));
    out.emplace_back("evictions", static_cast<double>(m_sessions.evictions()));
}

} // namespace sb::comp
