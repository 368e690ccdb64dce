#pragma once

#include "components/common/CacheTable.h"
#include "components/common/WorkerPool.h"
#include "components/registry/BuildContext.h"
#include "emulator/Node.h"

#include <vector>

namespace sb::comp {

/// An external session store (Redis, a database table) for a stateless web tier: keyed by
/// user, at most `capacity` sessions (least recently used dropped). A session the store
/// has held and lost — dropped for room, or wiped by a restart — fails the request with
/// session_lost (the user must sign in again; the store then holds the new session).
class SessionStore final : public emu::Node, public emu::StationClient {
public:
    SessionStore(emu::Simulation& sim, BuildContext& context);

    void onRequest(std::uint32_t request, std::uint32_t link) override;
    void serviceDone(std::uint32_t request, std::uint32_t tag) override;
    void serviceFailed(std::uint32_t request, std::uint32_t tag, emu::FailReason reason) override;
    bool applyProperty(const std::string& name, double value) override;
    void collectMetrics(emu::MetricList& out) const override;

    std::size_t sessions() const { return m_sessions.size(); }
    std::uint64_t lostSessions() const { return m_lost; }

protected:
    void onFailed() override;

private:
    WorkerPool m_workers;
    CacheTable m_sessions;
    std::vector<bool> m_everHeld; ///< per user: the store has held this user's session
    std::uint64_t m_lost = 0;
};

} // namespace sb::comp
