#include "review/SinglePointAnalysis.h"

#include "design/PropertyValues.h"
#include "design/Roles.h"

#include <algorithm>
#include <utility>

namespace sb::review {

namespace roles = design::roles;

namespace {

void sortUnique(std::vector<std::size_t>& v) {
    std::sort(v.begin(), v.end());
    v.erase(std::unique(v.begin(), v.end()), v.end());
}

/// The nodes in both sets (each sorted and free of repeats).
std::vector<std::size_t> intersection(const std::vector<std::size_t>& a,
                                      const std::vector<std::size_t>& b) {
    std::vector<std::size_t> out;
    std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
    return out;
}

} // namespace

SinglePointAnalysis::SinglePointAnalysis(const design::Design& design,
                                         const design::DescriptorCatalog& catalog)
    : m_catalog(catalog)
    , m_graph(design) {
    computeKillSets();
}

bool SinglePointAnalysis::servesThroughChildren(const std::string& kind) const {
    const design::ComponentDescriptor* d = m_catalog.find(kind);
    return d && d->forwards;
}

bool SinglePointAnalysis::isManaged(const std::string& kind) const {
    const design::ComponentDescriptor* d = m_catalog.find(kind);
    return d && d->managed;
}

bool SinglePointAnalysis::is(std::size_t node, std::string_view role) const {
    return m_catalog.hasRole(m_graph.node(node).kind, role);
}

std::vector<std::size_t> SinglePointAnalysis::writeKillSet(std::size_t database) const {
    const design::Node& n = m_graph.node(database);
    if (m_catalog.hasRole(n.kind, roles::kDataRouter)) {
        std::vector<std::size_t> out{database};
        for (std::size_t shard : m_graph.downstream(database))
            if (is(shard, roles::kWriter)) {
                const auto more = writeKillSet(shard);
                out.insert(out.end(), more.begin(), more.end());
            }
        sortUnique(out);
        return out;
    }
    // A primary: its loss is survived when a replica would be promoted, or a peer primary
    // takes the writes.
    const design::ComponentDescriptor* d = m_catalog.find(n.kind);
    if (!d)
        return {database};
    const design::PropertyValues p(*d, n.props);
    const std::string recovery = p.text("recovery");
    const bool peers = recovery == "multi_primary" || recovery == "circular";
    const bool autoFailover = p.text("failover") == "auto";
    for (std::size_t next : m_graph.downstream(database)) {
        const std::string& kind = m_graph.node(next).kind;
        if ((m_catalog.hasRole(kind, roles::kReplica) && autoFailover) ||
            (m_catalog.hasRole(kind, roles::kWriter) && peers))
            return {};
    }
    return {database};
}

SinglePointAnalysis::KillSet SinglePointAnalysis::webServerKillSet(std::size_t web) const {
    const design::Node& n = m_graph.node(web);
    const design::ComponentDescriptor* d = m_catalog.find(n.kind);
    // A server kind without the property (a service) keeps no sessions of its own.
    const bool stateless = d && (!d->property("stateless") ||
                                 design::PropertyValues(*d, n.props).boolean("stateless"));
    std::vector<std::size_t> stores, replicas, writable;
    for (std::size_t next : m_graph.downstream(web)) {
        const std::string& kind = m_graph.node(next).kind;
        if (m_catalog.hasRole(kind, roles::kSessionStore) && stateless)
            stores.push_back(next);
        else if (m_catalog.hasRole(kind, roles::kReplica))
            replicas.push_back(next);
        else if (m_catalog.hasRole(kind, roles::kWriter) ||
                 m_catalog.hasRole(kind, roles::kDataRouter))
            writable.push_back(next);
    }
    KillSet k{false, {web}};
    // Sessions need any one of the linked stores; data any one writable route (else any
    // replica); with nothing linked it answers itself (step 1).
    if (stores.size() == 1)
        k.nodes.push_back(stores.front());
    if (!writable.empty()) {
        std::vector<std::size_t> common = writeKillSet(writable.front());
        for (std::size_t i = 1; i < writable.size() && !common.empty(); ++i)
            common = intersection(common, writeKillSet(writable[i]));
        k.nodes.insert(k.nodes.end(), common.begin(), common.end());
    } else if (replicas.size() == 1) {
        k.nodes.push_back(replicas.front());
    }
    sortUnique(k.nodes);
    return k;
}

void SinglePointAnalysis::computeKillSets() {
    const std::size_t n = m_graph.size();
    m_kill.assign(n, {});
    // How many nodes still have to read each node's set; the last one may take it.
    // A node reads the sets of the nodes it forwards to, and a server those of the servers
    // it calls (a service's downstream services: it needs every one of them).
    const auto reads = [&](std::size_t v, std::size_t c) {
        return servesThroughChildren(m_graph.node(v).kind) ||
               (is(v, roles::kServer) && is(c, roles::kServer));
    };
    std::vector<std::size_t> readers(n, 0);
    for (std::size_t v = 0; v < n; ++v)
        for (std::size_t c : m_graph.downstream(v))
            if (reads(v, c))
                ++readers[c];
    enum class Mark : unsigned char { New, Open, Done };
    std::vector<Mark> mark(n, Mark::New);

    const auto release = [&](std::size_t v) {
        for (std::size_t c : m_graph.downstream(v))
            if (reads(v, c) && --readers[c] == 0 && !is(c, roles::kTrafficSource))
                m_kill[c] = KillSet{m_kill[c].unusable, {}};
    };
    auto finish = [&](std::size_t v) {
        const std::string& kind = m_graph.node(v).kind;
        if (m_catalog.hasRole(kind, roles::kServer)) {
            // Lost with itself, its data, and whatever loses any server it calls. A server
            // still open is on a cycle back here.
            KillSet k = webServerKillSet(v);
            for (std::size_t c : m_graph.downstream(v))
                if (reads(v, c) && mark[c] == Mark::Done && !m_kill[c].unusable)
                    k.nodes.insert(k.nodes.end(), m_kill[c].nodes.begin(), m_kill[c].nodes.end());
            sortUnique(k.nodes);
            m_kill[v] = std::move(k);
            release(v);
            return;
        }
        if (!servesThroughChildren(kind))
            return; // serves nothing itself: unusable as a route to the data
        // It serves while any one child does: it is lost with itself or with what every
        // usable child would be lost with. A child still open is on a cycle back here.
        std::vector<std::size_t> usable;
        for (std::size_t c : m_graph.downstream(v))
            if (mark[c] == Mark::Done && !m_kill[c].unusable)
                usable.push_back(c);
        KillSet k;
        if (!usable.empty()) {
            k.unusable = false;
            const std::size_t first = usable.front();
            if (usable.size() == 1 && readers[first] == 1)
                k.nodes = std::move(m_kill[first].nodes);
            else
                k.nodes = m_kill[first].nodes;
            for (std::size_t i = 1; i < usable.size() && !k.nodes.empty(); ++i)
                k.nodes = intersection(k.nodes, m_kill[usable[i]].nodes);
            // Kept sorted: v is new to the set (no child's set holds an ancestor).
            k.nodes.insert(std::upper_bound(k.nodes.begin(), k.nodes.end(), v), v);
        }
        m_kill[v] = std::move(k);
        release(v);
    };

    // Post-order without recursion: designs can be chains thousands of nodes deep.
    std::vector<std::pair<std::size_t, std::size_t>> stack;
    for (std::size_t root = 0; root < n; ++root) {
        if (mark[root] != Mark::New)
            continue;
        mark[root] = Mark::Open;
        stack.emplace_back(root, 0);
        while (!stack.empty()) {
            auto& [v, next] = stack.back();
            const auto& children = m_graph.downstream(v);
            if (next < children.size()) {
                const std::size_t c = children[next++];
                if (reads(v, c) && mark[c] == Mark::New) {
                    mark[c] = Mark::Open;
                    stack.emplace_back(c, 0);
                }
                continue;
            }
            const std::size_t done = v;
            stack.pop_back();
            finish(done);
            mark[done] = Mark::Done;
        }
    }
}

std::vector<SinglePoint> SinglePointAnalysis::singlePoints() const {
    std::vector<std::vector<std::string>> cuts(m_graph.size());
    for (std::size_t p = 0; p < m_graph.size(); ++p) {
        if (!is(p, roles::kTrafficSource) || m_kill[p].unusable)
            continue;
        for (std::size_t x : m_kill[p].nodes)
            if (x != p)
                cuts[x].push_back(m_graph.node(p).id.value);
    }
    std::vector<SinglePoint> out;
    for (std::size_t x = 0; x < m_graph.size(); ++x) {
        const design::Node& candidate = m_graph.node(x);
        if (m_catalog.hasRole(candidate.kind, roles::kTrafficSource) || isManaged(candidate.kind) ||
            cuts[x].empty())
            continue;
        out.push_back({candidate.id.value, std::move(cuts[x])});
    }
    return out;
}

} // namespace sb::review
