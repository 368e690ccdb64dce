#include "components/db_replica/DbReplica.h"

#include "components/common/ReplicationGroup.h"
#include "emulator/Simulation.h"

#include <sstream>

namespace sb::comp {

namespace {

DatabaseSettings replicaSettings(const BuildContext& c) {
    const auto& p = c.props;
    DatabaseSettings s = databaseSettings(p);
    s.write = s.read;
    s.lag = LagProcess(emu::ServiceTime(emu::ServiceTime::parseShape(p.text("lag_dist")),
                                        emu::fromMillis(p.number("lag_ms"))),
                       emu::fromSeconds(p.number("lag_period_s")),
                       c.sim.stream(c.node.id.value, "lag"));
    return s;
}

} // namespace

DbReplica::DbReplica(emu::Simulation& sim, BuildContext& c)
    : DatabaseNode(sim, c.node.id.value, c.node.kind, replicaSettings(c))
    , m_replaceAfter(emu::fromSeconds(c.props.number("replace_after_s")))
    , m_restore(emu::fromSeconds(c.props.number("restore_s"))) {}

void DbReplica::onFailed() {
    DatabaseNode::onFailed();
    if (m_replaceAfter > 0)
        startTimer(m_replaceAfter, Replace, ++m_failures);
}

void DbReplica::onTimer(std::uint32_t timer, std::uint64_t payload) {
    switch (timer) {
    case Replace: {
        if (payload != m_failures || isUp() || isWriter() || !group())
            return;
        // The replacement starts from a snapshot of the writer taken now.
        cloneFrom(group()->writer(), group()->log().head());
        m_replacedAt = now();
        ++m_replacements;
        std::ostringstream detail;
        detail << "restore_s=" << emu::toSeconds(m_restore);
        m_sim.logEvent("replica_replaced", id(), detail.str());
        startTimer(m_restore, RestoreDone, m_failures);
        return;
    }
    case RestoreDone:
        if (payload == m_failures && !isUp())
            recover(); // rejoins the group and replays what was written during the restore
        return;
    default:
        DatabaseNode::onTimer(timer, payload);
        return;
    }
}

void DbReplica::onCaughtUp() {
    if (m_replacedAt < 0)
        return;
    m_lastCatchUpS = emu::toSeconds(now() - m_replacedAt);
    m_replacedAt = -1;
    std::ostringstream detail;
    detail << "catch_up_s=" << m_lastCatchUpS;
    m_sim.logEvent("replica_caught_up", id(), detail.str());
}

bool DbReplica::applyProperty(const std::string& name, double value) {
    (void)value;
    if (name == "promote")
        return group() && group()->promotionRequested && group()->promotionRequested(*this);
    return false;
}

void DbReplica::collectMetrics(emu::MetricList& out) const {
    DatabaseNode::collectMetrics(out);
    out.emplace_back("replacements", static_cast<double>(m_replacements));
    out.emplace_back("catch_up_s", m_lastCatchUpS);
}

} // namespace sb::comp
