#pragma once

#include "components/contract/IWriteEndpoint.h"
#include "components/registry/BuildContext.h"
#include "emulator/Node.h"
#include "emulator/Outcomes.h"
#include "emulator/RandomStream.h"

#include <cstdint>
#include <optional>
#include <unordered_map>
#include <vector>

namespace sb::comp {

/// A Dynamo-style key-value store: `members` storage nodes on a hash ring, each key kept
/// by the `replicas` (N) members that follow its position on the ring. This node is the
/// coordinator: a write gets the key's next version and goes to the N members, and is
/// acknowledged once W of them applied it; a read asks the N members and answers with the
/// newest version among the first R that reply. Each member answers after a network
/// delay (exponential, mean `member_latency_ms`) and its service time. Members that are
/// down (`members_down`, the highest-numbered ones; a live property) are skipped; with
/// `hinted_handoff` a write meant for one goes to the next healthy member on the ring,
/// which counts towards W and hands the write over when the member is back (a sloppy
/// quorum). Fewer than R (or W) members reachable: the request fails as
/// `quorum_unavailable`. Replicas that reply after the quorum still apply their write, so
/// the copies converge. A read that returns an older version than the newest acknowledged
/// when it answers is a stale read (`stale_reads`); `stale_at_start` counts those older
/// than the newest acknowledged when the read began (none when R + W > N). Its counts are
/// after the warm-up.
class KvStore final : public emu::Node, public contract::IWriteEndpoint {
public:
    KvStore(emu::Simulation& sim, BuildContext& context);

    void onRequest(std::uint32_t request, std::uint32_t link) override;
    void onTimer(std::uint32_t timer, std::uint64_t payload) override;
    bool applyProperty(const std::string& name, double value) override;
    void collectMetrics(emu::MetricList& out) const override;

    emu::Node* currentWriter() override { return isUp() ? this : nullptr; }
    emu::Node* readTarget() override { return isUp() ? this : nullptr; }
    std::uint64_t writerVersion(std::uint32_t key) const override;

private:
    enum Timer : std::uint32_t { MemberDone, HandOff };
    /// One client request between the coordinator and the members.
    struct Operation {
        std::uint32_t slot = 0;
        std::uint32_t key = 0;
        bool write = false;
        bool answered = false;
        int needed = 0;            ///< R or W
        int replied = 0;           ///< members that answered
        int outstanding = 0;       ///< members still to answer
        std::uint64_t version = 0; ///< a write's version; a read's newest so far
        std::uint64_t ackedAtStart = 0;
    };
    struct Hint {
        std::uint32_t member, key;
        std::uint64_t version;
    };

    /// The N members that keep `key`, in ring order from its position.
    std::vector<std::uint32_t> preferenceList(std::uint32_t key) const;
    /// The next healthy member after `from` on the ring that is not in `taken`.
    std::optional<std::uint32_t> standIn(std::uint32_t from,
                                         const std::vector<std::uint32_t>& taken) const;
    emu::Time memberDelay();
    void apply(std::uint32_t member, std::uint32_t key, std::uint64_t version);
    std::uint64_t stored(std::uint32_t member, std::uint32_t key) const;
    void finish(Operation& op);
    void setMembersDown(int down);
    void onFailed() override;

    int m_members, m_replicas, m_readQuorum, m_writeQuorum;
    emu::Time m_serviceTime;
    double m_latencyMs;
    bool m_handoff;
    emu::RandomStream m_rng;
    emu::FailReason m_unavailable;
    std::vector<bool> m_up;
    std::vector<std::unordered_map<std::uint32_t, std::uint64_t>> m_store; ///< per member
    std::unordered_map<std::uint32_t, std::uint64_t> m_lastVersion;        ///< per key, issued
    std::unordered_map<std::uint32_t, std::uint64_t> m_acked;              ///< newest acknowledged
    std::vector<Operation> m_ops;
    std::vector<std::uint32_t> m_freeOps;
    std::vector<Hint> m_hints;
    std::uint64_t m_staleReads = 0, m_staleAtStart = 0, m_reads = 0, m_writes = 0;
    std::uint64_t m_unavailableCount = 0, m_hinted = 0, m_handedOff = 0;
};

} // namespace sb::comp
