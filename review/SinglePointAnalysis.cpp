#include "review/SinglePointAnalysis.h"

#include "design/PropertyValues.h"

#include <algorithm>

namespace sb::review {

namespace {

bool isDatabase(const std::string& kind) {
    return kind == "db_primary" || kind == "db_replica" || kind == "shard_router";
}

bool isManagedService(const std::string& kind) {
    return kind == "dns" || kind == "cdn";
}

} // namespace

SinglePointAnalysis::SinglePointAnalysis(const design::Design& design,
                                         const design::DescriptorCatalog& catalog)
    : m_design(design)
    , m_catalog(catalog) {}

std::vector<const design::Node*> SinglePointAnalysis::downstream(const std::string& id) const {
    std::vector<const design::Node*> out;
    for (const design::Link* l : m_design.linksFrom(design::NodeId{id}))
        if (const design::Node* n = m_design.node(l->to))
            out.push_back(n);
    return out;
}

bool SinglePointAnalysis::writable(const std::string& id, Query& q) const {
    const design::Node* n = m_design.node(design::NodeId{id});
    if (!n)
        return false;
    const auto below = downstream(id);
    if (n->kind == "shard_router") {
        if (id == q.removed)
            return false;
        return std::all_of(below.begin(), below.end(), [&](const design::Node* shard) {
            return shard->kind != "db_primary" || writable(shard->id.value, q);
        });
    }
    if (n->kind != "db_primary")
        return false;
    if (id != q.removed)
        return true;
    const design::ComponentDescriptor* d = m_catalog.find(n->kind);
    if (!d)
        return false;
    const design::PropertyValues p(*d, n->props);
    const std::string recovery = p.text("recovery");
    const bool peers = recovery == "multi_primary" || recovery == "circular";
    return std::any_of(below.begin(), below.end(), [&](const design::Node* next) {
        if (next->kind == "db_replica")
            return p.text("failover") == "auto";
        return peers && next->kind == "db_primary";
    });
}

bool SinglePointAnalysis::usable(const std::string& id, Query& q) const {
    if (id == q.removed)
        return false;
    if (auto it = q.memo.find(id); it != q.memo.end())
        return it->second;
    if (!q.visiting.insert(id).second)
        return false; // a cycle: no path through here
    const design::Node* n = m_design.node(design::NodeId{id});
    bool ok = false;
    if (n) {
        const auto below = downstream(id);
        if (n->kind == "web_server") {
            const design::ComponentDescriptor* d = m_catalog.find(n->kind);
            const bool stateless = d && design::PropertyValues(*d, n->props).boolean("stateless");
            bool storeLinked = false, storeUp = false, anyDatabase = false, anyWritable = false;
            for (const design::Node* next : below) {
                if (next->kind == "session_store" && stateless) {
                    storeLinked = true;
                    storeUp = storeUp || next->id.value != q.removed;
                }
                if (isDatabase(next->kind)) {
                    anyDatabase = true;
                    anyWritable = anyWritable || next->kind != "db_replica";
                }
            }
            const bool sessions = !storeLinked || storeUp;
            bool data = !anyDatabase; // no database linked: it answers itself (step 1)
            for (const design::Node* next : below) {
                if (anyWritable && isDatabase(next->kind) && next->kind != "db_replica")
                    data = data || writable(next->id.value, q);
                if (!anyWritable && next->kind == "db_replica")
                    data = data || next->id.value != q.removed;
            }
            ok = sessions && data;
        } else if (n->kind == "clients" || n->kind == "dns" || n->kind == "load_balancer" ||
                   n->kind == "cdn") {
            ok = std::any_of(below.begin(), below.end(),
                             [&](const design::Node* next) { return usable(next->id.value, q); });
        }
    }
    q.visiting.erase(id);
    q.memo[id] = ok;
    return ok;
}

bool SinglePointAnalysis::reachesData(const std::string& population,
                                      const std::string& removed) const {
    Query q{removed, {}, {}};
    return usable(population, q);
}

std::vector<SinglePoint> SinglePointAnalysis::singlePoints() const {
    std::vector<std::string> populations;
    for (const auto& n : m_design.nodes)
        if (n.kind == "clients" && reachesData(n.id.value, {}))
            populations.push_back(n.id.value);
    std::vector<SinglePoint> out;
    for (const auto& candidate : m_design.nodes) {
        if (candidate.kind == "clients" || isManagedService(candidate.kind))
            continue;
        SinglePoint point{candidate.id.value, {}};
        for (const auto& population : populations)
            if (!reachesData(population, candidate.id.value))
                point.populations.push_back(population);
        if (!point.populations.empty())
            out.push_back(std::move(point));
    }
    return out;
}

} // namespace sb::review
