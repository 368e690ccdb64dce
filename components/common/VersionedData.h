#pragma once

#include "components/common/CommonOutcomes.h"
#include "components/common/RequestState.h"
#include "emulator/Request.h"
#include "emulator/Simulation.h"

#include <cstdint>
#include <vector>

namespace sb::comp {

/// The truth of the versioned data model: the latest committed version of every key
/// (what the primary, or the owning shard's primary, holds now). A read that returns an
/// older version is a stale read.
class VersionedData {
public:
    std::uint64_t latest(std::uint32_t key) const {
        return key < m_versions.size() ? m_versions[key] : 0;
    }
    /// Records a committed write of `key` and returns its new version.
    std::uint64_t commit(std::uint32_t key) {
        if (key >= m_versions.size())
            m_versions.resize(static_cast<std::size_t>(key) + 1 + m_versions.size() / 2, 0);
        return ++m_versions[key];
    }
    /// Sets a key's version (a failover rolls the truth back to what the new primary has).
    void set(std::uint32_t key, std::uint64_t version) {
        if (key >= m_versions.size())
            m_versions.resize(static_cast<std::size_t>(key) + 1, 0);
        m_versions[key] = version;
    }

private:
    std::vector<std::uint32_t> m_versions;
};

/// Marks a read as served with `version`; counts a stale read (after warm-up) when the
/// truth holds a newer one.
inline void serveRead(emu::Simulation& sim, emu::Request& r, std::uint64_t version) {
    requestState(r).version = version;
    if (r.internal)
        return;
    if (version < sim.service<VersionedData>().latest(r.key)) {
        requestState(r).stale = true;
        if (sim.now() >= sim.metrics().warmupEnd())
            ++sim.outcomes()[commonOutcomes(sim).staleReads];
    }
}

} // namespace sb::comp
