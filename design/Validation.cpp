#include "design/Validation.h"

#include "design/BoundedJson.h"
#include "design/LinkProperties.h"

#include <algorithm>
#include <set>
#include <unordered_map>
#include <unordered_set>

namespace sb::design {

const std::vector<std::string>& faultActions() {
    static const std::vector<std::string> actions{"fail",      "recover",      "slow",  "unslow",
                                                  "drop",      "partition",    "heal",  "promote",
                                                  "add_shard", "remove_shard", "spike", "set"};
    return actions;
}

namespace {

/// The longest run a design may ask for (run.duration_s, --duration): one day.
constexpr double kLongestRunSeconds = 86400;

bool validId(const std::string& id) {
    if (id.empty() || id.size() > 64)
        return false;
    return std::all_of(id.begin(), id.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.';
    });
}

class Checker {
public:
    Checker(const Design& design, const DescriptorCatalog& catalog)
        : m_design(design)
        , m_catalog(catalog) {}

    Problems run() {
        checkDataCentres();
        checkNodes();
        checkLinks();
        checkTraffic();
        checkFaults();
        checkSettings();
        return std::move(m_problems);
    }

private:
    void error(std::string node, std::string link, std::string property, std::string message) {
        m_problems.push_back({Problem::Severity::Error, std::move(node), std::move(link),
                              std::move(property), std::move(message)});
    }
    void warning(std::string node, std::string message) {
        m_problems.push_back(
            {Problem::Severity::Warning, std::move(node), {}, {}, std::move(message)});
    }

    void checkDataCentres() {
        for (const auto& dc : m_design.datacentres) {
            if (!validId(dc.id.value))
                error({}, {}, {},
                      "data centre id '" + dc.id.value +
                          "' must be 1-64 letters, digits, '_', '-' or '.'");
            if (!m_dcIds.insert(dc.id.value).second)
                error({}, {}, {}, "data centre id '" + dc.id.value + "' is used twice");
            if (dc.region.empty())
                error({}, {}, "region", "data centre '" + dc.id.value + "' has no region");
            if (dc.width < 0 || dc.height < 0)
                error({}, {}, "width", "data centre '" + dc.id.value + "' has a negative size");
        }
    }

    void checkNodes() {
        for (const auto& n : m_design.nodes) {
            const std::string& id = n.id.value;
            if (!validId(id))
                error(id, {}, {},
                      "node id '" + id + "' must be 1-64 letters, digits, '_', '-' or '.'");
            if (m_dcIds.count(id))
                error(id, {}, {}, "node id '" + id + "' is also a data centre id");
            if (!m_nodeKinds.emplace(id, n.kind).second) {
                error(id, {}, {}, "node id '" + id + "' is used twice");
                continue;
            }
            const ComponentDescriptor* d = m_catalog.find(n.kind);
            if (!d) {
                error(id, {}, {}, "node '" + id + "' has unknown kind '" + n.kind + "'");
                continue;
            }
            if (!n.dc.empty() && !m_dcIds.count(n.dc))
                error(id, {}, "dc",
                      "node '" + id + "' is in data centre '" + n.dc + "', which does not exist");
            if (!n.props.is_object()) {
                error(id, {}, "props", "node '" + id + "': props must be an object");
                continue;
            }
            for (auto it = n.props.begin(); it != n.props.end(); ++it) {
                const PropertySpec* spec = d->property(it.key());
                if (!spec) {
                    error(id, {}, it.key(),
                          "node '" + id + "' (" + n.kind + ") has no property '" + it.key() + "'");
                    continue;
                }
                std::string problem = checkValue(*spec, it.value(), it.key());
                if (!problem.empty())
                    error(id, {}, it.key(), "node '" + id + "': " + problem);
            }
            if (d->trafficSource())
                m_sources.push_back(&n);
        }
    }

    void checkLinks() {
        std::set<std::pair<std::string, std::string>>& seen = m_linkPairs;
        for (const auto& l : m_design.links) {
            const std::string name = l.from.value + "->" + l.to.value;
            auto from = m_nodeKinds.find(l.from.value);
            auto to = m_nodeKinds.find(l.to.value);
            if (from == m_nodeKinds.end() || to == m_nodeKinds.end()) {
                const std::string& missing = from == m_nodeKinds.end() ? l.from.value : l.to.value;
                error({}, name, {},
                      "link " + name + " points to node '" + missing + "', which does not exist");
                continue;
            }
            if (l.from == l.to)
                error(l.from.value, name, {}, "link " + name + " joins a node to itself");
            if (!seen.insert({l.from.value, l.to.value}).second)
                error({}, name, {}, "link " + name + " is drawn twice");
            else
                m_downstream[l.from.value].push_back(l.to.value);
            const ComponentDescriptor* d = m_catalog.find(from->second);
            const ComponentDescriptor* target = m_catalog.find(to->second);
            if (d && target && !mayLink(*d, *target))
                error(l.from.value, name, {},
                      "link " + name + ": a " + from->second + " cannot send to a " + to->second +
                          linkHint(*d));
            if (!l.props.is_object()) {
                error({}, name, "props", "link " + name + ": props must be an object");
                continue;
            }
            for (auto it = l.props.begin(); it != l.props.end(); ++it) {
                const PropertySpec* spec = linkProperty(it.key(), d);
                if (!spec) {
                    error({}, name, it.key(),
                          "link " + name + " has no property '" + it.key() + "'" +
                              linkPropertyHint(d));
                    continue;
                }
                std::string problem = checkValue(*spec, it.value(), it.key());
                if (!problem.empty())
                    error({}, name, it.key(), "link " + name + ": " + problem);
            }
        }
    }

    bool needsTraffic(const std::string& kind) const {
        const ComponentDescriptor* d = m_catalog.find(kind);
        return !d || d->needsTraffic;
    }

    /// Which properties a link from a node of this kind may carry.
    static std::string linkPropertyHint(const ComponentDescriptor* sender) {
        std::string out = " (a link";
        if (sender)
            out += " from a " + sender->kind;
        out += " may carry: ";
        const std::vector<PropertySpec> specs = linkPropertiesFrom(sender);
        for (size_t i = 0; i < specs.size(); ++i)
            out += (i ? ", " : "") + specs[i].name;
        return out + ")";
    }

    std::string linkHint(const ComponentDescriptor& d) const {
        const std::vector<std::string> downstream = m_catalog.downstreamKinds(d);
        if (downstream.empty())
            return " (a " + d.kind + " sends to nothing)";
        std::string out = " (a " + d.kind + " may send to: ";
        for (size_t i = 0; i < downstream.size(); ++i)
            out += (i ? ", " : "") + downstream[i];
        return out + ")";
    }

    void checkTraffic() {
        if (m_sources.empty()) {
            if (!m_design.nodes.empty())
                error({}, {}, {}, "the design has no clients node, so no traffic enters it");
            return;
        }
        for (const Node* source : m_sources)
            if (!m_downstream.count(source->id.value))
                error(source->id.value, {}, {},
                      "clients '" + source->id.value +
                          "' are linked to nothing: draw a link to "
                          "a dns, load balancer, cdn or web server");
        // Nodes no request can reach are probably a drawing mistake.
        std::unordered_set<std::string> reached;
        std::vector<std::string> stack;
        for (const Node* source : m_sources)
            stack.push_back(source->id.value);
        while (!stack.empty()) {
            std::string id = stack.back();
            stack.pop_back();
            if (!reached.insert(id).second)
                continue;
            if (auto next = m_downstream.find(id); next != m_downstream.end())
                stack.insert(stack.end(), next->second.begin(), next->second.end());
        }
        for (const auto& n : m_design.nodes)
            if (!reached.count(n.id.value) && m_nodeKinds.count(n.id.value) && needsTraffic(n.kind))
                warning(n.id.value, "node '" + n.id.value + "' is not reachable from any clients");
    }

    void checkFaults() {
        const auto& actions = faultActions();
        for (size_t i = 0; i < m_design.faults.size(); ++i) {
            const Fault& f = m_design.faults[i];
            const std::string where = "fault #" + std::to_string(i + 1);
            if (!(f.atSeconds >= 0 && f.atSeconds <= kLongestRunSeconds))
                error(f.target, {}, "at_s",
                      where + ": at_s must be from 0 to 86400 seconds (the longest run)");
            if (std::find(actions.begin(), actions.end(), f.action) == actions.end())
                error(f.target, {}, "action", where + ": unknown action '" + f.action + "'");
            bool known = m_nodeKinds.count(f.target) || m_dcIds.count(f.target);
            auto arrow = f.target.find("->");
            if (!known && arrow != std::string::npos)
                known = m_linkPairs.count({f.target.substr(0, arrow), f.target.substr(arrow + 2)});
            if (!known)
                error(f.target, {}, "target",
                      where + ": target '" + f.target + "' is no node, data centre or link");
            if (f.action == "partition" || f.action == "heal") {
                auto peer = f.params.find("peer");
                if (peer == f.params.end() || !peer->is_string() ||
                    !m_dcIds.count(peer->get<std::string>()))
                    error(f.target, {}, "peer",
                          where + ": " + f.action +
                              " needs \"peer\": the id of another data centre");
            }
            // Ranges that keep every time inside the engine's int64 nanoseconds and every
            // rate inside what it can hold.
            struct Range {
                const char* key;
                double max;
                const char* text;
            };
            for (const Range& r :
                 {Range{"factor", 1000, "from 0 to 1000"}, Range{"fraction", 1, "from 0 to 1"},
                  Range{"duration_s", kLongestRunSeconds, "from 0 to 86400"},
                  Range{"latency_ms", 3.6e6, "from 0 to 3600000 (an hour)"},
                  Range{"shards", 64, "from 0 to 64"}}) {
                auto it = f.params.find(r.key);
                if (it == f.params.end())
                    continue;
                const double v = it->is_number() ? it->get<double>() : -1;
                if (!(v >= 0 && v <= r.max))
                    error(f.target, {}, r.key,
                          where + ": " + r.key + " must be a number " + r.text + ", got " +
                              describeValue(*it));
            }
            if (f.action == "set")
                checkSetFault(f, where);
        }
    }

    /// A "set" fault changes a property live: its value must fit the property's range as
    /// a value in the file would.
    void checkSetFault(const Fault& f, const std::string& where) {
        auto property = f.params.find("property");
        auto value = f.params.find("value");
        if (property == f.params.end() || value == f.params.end()) {
            error(f.target, {}, "property", where + ": set needs \"property\" and \"value\"");
            return;
        }
        if (!property->is_string() || !value->is_number()) {
            error(f.target, {}, "value",
                  where + ": set needs a property name and a numeric \"value\"");
            return;
        }
        auto kind = m_nodeKinds.find(f.target);
        const ComponentDescriptor* d =
            kind == m_nodeKinds.end() ? nullptr : m_catalog.find(kind->second);
        const PropertySpec* spec =
            d ? d->property(property->get_ref<const std::string&>()) : nullptr;
        if (!spec)
            return; // not a file property: the kind says at run time whether it takes it
        const std::string path = where + ": " + f.target + "." + spec->name;
        if (spec->type == PropertyType::Boolean) {
            const double v = value->get<double>();
            if (v != 0 && v != 1)
                error(f.target, {}, "value",
                      path + " must be 0 or 1, got " + describeValue(*value));
        } else if (spec->type == PropertyType::Integer || spec->type == PropertyType::Number) {
            const std::string problem = checkValue(*spec, *value, path);
            if (!problem.empty())
                error(f.target, {}, "value", problem);
        } else {
            error(f.target, {}, "value",
                  path + " cannot be set by a fault (only numbers and "
                         "true/false properties can)");
        }
    }

    void checkSettings() {
        const auto& run = m_design.run;
        if (run.durationSeconds && (*run.durationSeconds <= 0 || *run.durationSeconds > 86400))
            error({}, {}, "run.duration_s", "run.duration_s must be a number from 0 to 86400");
        if (run.warmupSeconds && *run.warmupSeconds < 0)
            error({}, {}, "run.warmup_s", "run.warmup_s must be 0 or more");
        for (const auto& r : m_design.regionLatencies)
            if (r.latencyMs < 0 || r.a.empty() || r.b.empty())
                error({}, {}, "region_latency_ms",
                      "region latency " + r.a + "<->" + r.b +
                          " needs two regions and a latency of 0 or more");
        // Failures at most once a second per node, so chaos cannot flood the event set;
        // at most 10^7 s, so the times stay inside the engine's clock.
        const auto& chaos = m_design.chaos;
        if (!(chaos.mtbfSeconds >= 1 && chaos.mtbfSeconds <= 1e7))
            error({}, {}, "chaos.mtbf_s",
                  "chaos.mtbf_s must be from 1 to 10000000 seconds, got " +
                      describeValue(chaos.mtbfSeconds));
        if (!(chaos.mttrSeconds >= 0.1 && chaos.mttrSeconds <= 1e7))
            error({}, {}, "chaos.mttr_s",
                  "chaos.mttr_s must be from 0.1 to 10000000 seconds, got " +
                      describeValue(chaos.mttrSeconds));
        for (const auto& kind : m_design.chaos.kinds)
            if (!m_catalog.find(kind))
                error({}, {}, "chaos.kinds", "chaos.kinds names unknown kind '" + kind + "'");
    }

    const Design& m_design;
    const DescriptorCatalog& m_catalog;
    Problems m_problems;
    std::unordered_set<std::string> m_dcIds;
    std::unordered_map<std::string, std::string> m_nodeKinds;
    std::vector<const Node*> m_sources;
    /// Each drawn link once, and the nodes each node sends to: built once by checkLinks,
    /// so reachability and fault targets are looked up, not searched (linear in size).
    std::set<std::pair<std::string, std::string>> m_linkPairs;
    std::unordered_map<std::string, std::vector<std::string>> m_downstream;
};

} // namespace

Problems validate(const Design& design, const DescriptorCatalog& catalog) {
    return Checker(design, catalog).run();
}

} // namespace sb::design
