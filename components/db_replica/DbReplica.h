#pragma once

#include "components/common/DatabaseNode.h"
#include "components/registry/BuildContext.h"

namespace sb::comp {

/// A read replica: serves reads from the versions it has applied (stale reads are counted),
/// follows the writer linked to it, can be promoted, and when it fails is replaced after
/// replace_after_s by a copy that restores a snapshot and then catches up with the log.
class DbReplica final : public DatabaseNode {
public:
    DbReplica(emu::Simulation& sim, BuildContext& context);

    void onTimer(std::uint32_t timer, std::uint64_t payload) override;
    bool applyProperty(const std::string& name, double value) override;
    void collectMetrics(emu::MetricList& out) const override;

protected:
    void onFailed() override;
    void onCaughtUp() override;

private:
    enum Timer : std::uint32_t { Replace = FirstKindTimer, RestoreDone };

    emu::Time m_replaceAfter, m_restore;
    std::uint32_t m_failures = 0;
    emu::Time m_replacedAt = -1;
    double m_lastCatchUpS = 0;
    std::uint64_t m_replacements = 0;
};

} // namespace sb::comp
