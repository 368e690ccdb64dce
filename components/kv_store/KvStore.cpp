#include "components/kv_store/KvStore.h"

#include "components/common/HttpRequestMapping.h"
#include "components/common/RequestState.h"
#include "components/common/VersionedData.h"
#include "emulator/Simulation.h"

#include <algorithm>
#include <charconv>
#include <string_view>

namespace sb::comp {

KvStore::KvStore(emu::Simulation& sim, BuildContext& c)
    : Node(sim, c.node.id.value, c.node.kind)
    , m_members(static_cast<int>(c.props.integer("members")))
    , m_replicas(std::min(m_members, static_cast<int>(c.props.integer("replicas"))))
    , m_readQuorum(std::min(m_replicas, static_cast<int>(c.props.integer("read_quorum"))))
    , m_writeQuorum(std::min(m_replicas, static_cast<int>(c.props.integer("write_quorum"))))
    , m_serviceTime(emu::fromMillis(c.props.number("member_ms")))
    , m_latencyMs(c.props.number("member_latency_ms"))
    , m_handoff(c.props.boolean("hinted_handoff"))
    , m_rng(sim.stream(id(), "members"))
    , m_unavailable(sim.outcomes().failReason("quorum_unavailable"))
    , m_up(static_cast<std::size_t>(m_members), true)
    , m_store(static_cast<std::size_t>(m_members)) {
    setMembersDown(static_cast<int>(c.props.integer("members_down")));
}

std::vector<std::uint32_t> KvStore::preferenceList(std::uint32_t key) const {
    char digits[16]; // the key's decimal digits, hashed as ever, without a string per request
    const auto end = std::to_chars(digits, digits + sizeof digits, key).ptr;
    const auto first = static_cast<std::uint32_t>(
        stableHash(std::string_view(digits, static_cast<std::size_t>(end - digits))) %
        static_cast<std::uint64_t>(m_members));
    std::vector<std::uint32_t> out;
    for (int i = 0; i < m_replicas; ++i)
        out.push_back((first + static_cast<std::uint32_t>(i)) %
                      static_cast<std::uint32_t>(m_members));
    return out;
}

std::optional<std::uint32_t> KvStore::standIn(std::uint32_t from,
                                              const std::vector<std::uint32_t>& taken) const {
    for (int step = 1; step < m_members; ++step) {
        const auto m =
            (from + static_cast<std::uint32_t>(step)) % static_cast<std::uint32_t>(m_members);
        if (m_up[m] && std::find(taken.begin(), taken.end(), m) == taken.end())
            return m;
    }
    return std::nullopt;
}

emu::Time KvStore::memberDelay() {
    return emu::fromMillis(m_rng.exponential(m_latencyMs)) + m_serviceTime;
}

std::uint64_t KvStore::stored(std::uint32_t member, std::uint32_t key) const {
    const auto& s = m_store[member];
    const auto it = s.find(key);
    return it == s.end() ? 0 : it->second;
}

void KvStore::apply(std::uint32_t member, std::uint32_t key, std::uint64_t version) {
    std::uint64_t& v = m_store[member][key];
    v = std::max(v, version);
}

std::uint64_t KvStore::writerVersion(std::uint32_t key) const {
    const auto it = m_acked.find(key);
    return it == m_acked.end() ? 0 : it->second;
}

void KvStore::onRequest(std::uint32_t slot, std::uint32_t) {
    emu::Request& r = request(slot);
    ++counters().arrivals;
    const bool write = r.cls == emu::RequestClass::Write || r.cls == emu::RequestClass::Async;
    const std::vector<std::uint32_t> preferred = preferenceList(r.key);
    // Who gets the request: the healthy preferred members, and for a write with hinted
    // handoff, a stand-in for each preferred member that is down.
    std::vector<std::pair<std::uint32_t, std::uint32_t>> targets; // (member, meant for)
    std::vector<std::uint32_t> taken = preferred;
    for (std::uint32_t m : preferred) {
        if (m_up[m]) {
            targets.emplace_back(m, m);
        } else if (write && m_handoff) {
            if (const auto s = standIn(m, taken)) {
                targets.emplace_back(*s, m);
                taken.push_back(*s);
            }
        }
    }
    const int needed = write ? m_writeQuorum : m_readQuorum;
    if (static_cast<int>(targets.size()) < needed) {
        if (now() >= m_sim.metrics().warmupEnd())
            ++m_unavailableCount;
        failRequest(slot, m_unavailable);
        return;
    }
    std::uint32_t index;
    if (m_freeOps.empty()) {
        index = static_cast<std::uint32_t>(m_ops.size());
        m_ops.emplace_back();
    } else {
        index = m_freeOps.back();
        m_freeOps.pop_back();
    }
    Operation& op = m_ops[index];
    op = Operation{};
    op.slot = slot;
    op.key = r.key;
    op.write = write;
    op.needed = needed;
    op.outstanding = static_cast<int>(targets.size());
    op.ackedAtStart = writerVersion(r.key);
    const bool measuring = now() >= m_sim.metrics().warmupEnd();
    op.version = write ? ++m_lastVersion[r.key] : 0;
    (write ? m_writes : m_reads) += measuring ? 1 : 0;
    for (const auto& [member, meantFor] : targets) {
        if (member != meantFor)
            m_hints.push_back({meantFor, r.key, op.version}); // handed over when it is back
        const std::uint64_t hinted = member != meantFor ? 1u : 0u;
        startTimer(memberDelay(), MemberDone,
                   (static_cast<std::uint64_t>(index) << 32) | (hinted << 16) | member);
    }
}

void KvStore::onTimer(std::uint32_t timer, std::uint64_t payload) {
    if (timer == HandOff) {
        const auto member = static_cast<std::uint32_t>(payload);
        if (!m_up[member])
            return; // down again: its hints wait for the next recovery
        const bool measuring = now() >= m_sim.metrics().warmupEnd();
        std::erase_if(m_hints, [&](const Hint& h) {
            if (h.member != member)
                return false;
            apply(member, h.key, h.version);
            m_handedOff += measuring ? 1 : 0;
            return true;
        });
        return;
    }
    const auto index = static_cast<std::uint32_t>(payload >> 32);
    const bool hinted = (payload >> 16) & 1;
    const auto member = static_cast<std::uint32_t>(payload & 0xFFFF);
    Operation& op = m_ops[index];
    --op.outstanding;
    if (op.write) {
        if (hinted)
            m_hinted += now() >= m_sim.metrics().warmupEnd() ? 1 : 0; // kept for its member
        else
            apply(member, op.key, op.version);
        ++op.replied;
    } else if (m_up[member]) {
        op.version = std::max(op.version, stored(member, op.key));
        ++op.replied;
    }
    if (!op.answered && op.replied >= op.needed)
        finish(op);
    else if (!op.answered && op.replied + op.outstanding < op.needed) {
        // Members went down while it waited: no quorum any more.
        op.answered = true;
        if (now() >= m_sim.metrics().warmupEnd())
            ++m_unavailableCount;
        failRequest(op.slot, m_unavailable);
    }
    if (op.outstanding == 0)
        m_freeOps.push_back(index);
}

void KvStore::finish(Operation& op) {
    op.answered = true;
    emu::Request& r = request(op.slot);
    ++counters().completed;
    if (op.write) {
        std::uint64_t& acked = m_acked[op.key];
        acked = std::max(acked, op.version);
        VersionedData& truth = m_sim.service<VersionedData>();
        truth.set(op.key, std::max(truth.latest(op.key), acked));
        requestState(r).version = op.version;
    } else {
        serveRead(m_sim, r, op.version); // stale: older than the newest acknowledged now
        const bool measuring = now() >= m_sim.metrics().warmupEnd();
        if (requestState(r).stale && measuring)
            ++m_staleReads;
        if (op.version < op.ackedAtStart && measuring)
            ++m_staleAtStart;
    }
    reply(op.slot);
}

void KvStore::setMembersDown(int down) {
    down = std::clamp(down, 0, m_members);
    for (int m = 0; m < m_members; ++m) {
        const bool up = m < m_members - down;
        if (up && !m_up[static_cast<std::size_t>(m)]) // back: the stand-ins hand over
            startTimer(memberDelay(), HandOff, static_cast<std::uint64_t>(m));
        m_up[static_cast<std::size_t>(m)] = up;
    }
}

bool KvStore::applyProperty(const std::string& name, double value) {
    if (name == "members_down") {
        setMembersDown(static_cast<int>(value));
        m_sim.logEvent("members_down", id(),
                       std::to_string(static_cast<int>(value)) + " of " +
                           std::to_string(m_members) + " members down");
        return true;
    }
    return false;
}

void KvStore::onFailed() {
    for (Operation& op : m_ops)
        if (op.outstanding > 0 && !op.answered) {
            op.answered = true;
            failRequest(op.slot, emu::FailReason::NodeDown);
        }
}

void KvStore::collectMetrics(emu::MetricList& out) const {
    out.emplace_back("members_up", static_cast<double>(std::count(m_up.begin(), m_up.end(), true)));
    out.emplace_back("reads", static_cast<double>(m_reads));
    out.emplace_back("writes", static_cast<double>(m_writes));
    out.emplace_back("stale_reads", static_cast<double>(m_staleReads));
    out.emplace_back("stale_at_start", static_cast<double>(m_staleAtStart));
    out.emplace_back("quorum_unavailable", static_cast<double>(m_unavailableCount));
    out.emplace_back("hinted_writes", static_cast<double>(m_hinted));
    out.emplace_back("handed_off", static_cast<double>(m_handedOff));
}

} // namespace sb::comp
