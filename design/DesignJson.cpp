#include "design/DesignJson.h"

#include "design/AtomicFile.h"
#include "design/BoundedJson.h"
#include "design/Validation.h"

#include <set>

namespace sb::design {

namespace {

using nlohmann::json;

const std::set<std::string> kTopLevelKeys{
    "format", "version",           "name", "description", "datacenters", "nodes", "links",
    "faults", "region_latency_ms", "run",  "targets",     "chaos"};
const std::set<std::string> kNodeKeys{"id", "kind", "label", "dc", "x", "y", "props"};
const std::set<std::string> kLinkKeys{"from", "to", "props"};
const std::set<std::string> kDataCentreKeys{"id", "region", "label", "x", "y", "width", "height"};
const std::set<std::string> kFaultParams{"duration_s", "factor",   "fraction", "peer",
                                         "latency_ms", "property", "value",    "shards"};

/// Reads fields of one JSON object, recording a problem for each wrong or unknown key.
class ObjectReader {
public:
    ObjectReader(const json& object, std::string where, Problems& problems, std::string node = {})
        : m_object(object)
        , m_where(std::move(where))
        , m_problems(problems)
        , m_node(std::move(node)) {}

    bool isObject() const {
        if (m_object.is_object())
            return true;
        fail({}, m_where + " must be an object");
        return false;
    }

    void rejectUnknown(const std::set<std::string>& known) const {
        for (auto it = m_object.begin(); it != m_object.end(); ++it)
            if (!known.count(it.key()))
                fail(it.key(), m_where + " has an unknown key '" + it.key() + "'");
    }

    std::string text(const char* key, bool required) const {
        auto it = m_object.find(key);
        if (it == m_object.end()) {
            if (required)
                fail(key, m_where + " needs \"" + key + "\"");
            return {};
        }
        if (!it->is_string()) {
            fail(key, m_where + ": \"" + key + "\" must be a text, got " + describeValue(*it));
            return {};
        }
        return it->get<std::string>();
    }

    template <typename T> std::optional<T> number(const char* key) const {
        auto it = m_object.find(key);
        if (it == m_object.end())
            return std::nullopt;
        if (!it->is_number()) {
            fail(key, m_where + ": \"" + key + "\" must be a number, got " + describeValue(*it));
            return std::nullopt;
        }
        if constexpr (std::is_integral_v<T>) {
            if (!it->is_number_unsigned()) {
                fail(key, m_where + ": \"" + key + "\" must be a whole number of 0 or more, got " +
                              describeValue(*it));
                return std::nullopt;
            }
        }
        return it->get<T>();
    }

    const json* array(const char* key) const {
        auto it = m_object.find(key);
        if (it == m_object.end())
            return nullptr;
        if (!it->is_array()) {
            fail(key, m_where + ": \"" + key + "\" must be a list");
            return nullptr;
        }
        return &*it;
    }

    void fail(const std::string& property, std::string message) const {
        m_problems.push_back({Problem::Severity::Error, m_node, {}, property, std::move(message)});
    }

private:
    const json& m_object;
    std::string m_where;
    Problems& m_problems;
    std::string m_node;
};

std::optional<Design> parseStructure(const json& doc, Problems& problems) {
    ObjectReader top(doc, "the design", problems);
    if (!doc.is_object()) {
        top.fail({}, "the file is not a Scaleboard design: it must be a JSON object");
        return std::nullopt;
    }
    auto format = doc.find("format");
    if (format == doc.end() || *format != kDesignFormat) {
        top.fail("format", "the file is not a Scaleboard design: \"format\" must be \"" +
                               std::string(kDesignFormat) + "\"");
        return std::nullopt;
    }
    auto version = doc.find("version");
    if (version == doc.end() || !version->is_number_integer()) {
        top.fail("version", "the design needs \"version\": 1");
        return std::nullopt;
    }
    // Compared as a 64-bit value: 4294967297 is a newer version, not 1.
    const std::int64_t fileVersion =
        version->is_number_unsigned() && version->get<std::uint64_t>() > INT64_MAX
            ? INT64_MAX
            : version->get<std::int64_t>();
    if (fileVersion > kDesignVersion) {
        top.fail("version", "this design was written by a newer Scaleboard (file version " +
                                describeValue(*version) + "; this version reads up to " +
                                std::to_string(kDesignVersion) +
                                "). Please update Scaleboard to open it.");
        return std::nullopt;
    }
    if (fileVersion < 1) {
        top.fail("version", "\"version\" must be 1");
        return std::nullopt;
    }
    top.rejectUnknown(kTopLevelKeys);

    Design d;
    d.name = top.text("name", false);
    d.description = top.text("description", false);

    if (const json* dcs = top.array("datacenters")) {
        for (size_t i = 0; i < dcs->size(); ++i) {
            ObjectReader r((*dcs)[i], "data centre #" + std::to_string(i + 1), problems);
            if (!r.isObject())
                continue;
            r.rejectUnknown(kDataCentreKeys);
            DataCentre dc;
            dc.id.value = r.text("id", true);
            dc.region = r.text("region", true);
            dc.label = r.text("label", false);
            dc.x = r.number<double>("x").value_or(0);
            dc.y = r.number<double>("y").value_or(0);
            dc.width = r.number<double>("width").value_or(0);
            dc.height = r.number<double>("height").value_or(0);
            d.datacentres.push_back(std::move(dc));
        }
    }
    if (const json* nodes = top.array("nodes")) {
        for (size_t i = 0; i < nodes->size(); ++i) {
            const json& n = (*nodes)[i];
            std::string id = n.is_object() && n.contains("id") && n["id"].is_string()
                                 ? n["id"].get<std::string>()
                                 : std::string{};
            ObjectReader r(n, id.empty() ? "node #" + std::to_string(i + 1) : "node '" + id + "'",
                           problems, id);
            if (!r.isObject())
                continue;
            r.rejectUnknown(kNodeKeys);
            Node node;
            node.id.value = r.text("id", true);
            node.kind = r.text("kind", true);
            node.label = r.text("label", false);
            node.dc = r.text("dc", false);
            node.x = r.number<double>("x").value_or(0);
            node.y = r.number<double>("y").value_or(0);
            if (n.contains("props")) {
                if (n["props"].is_object())
                    node.props = n["props"];
                else
                    r.fail("props", "node '" + id + "': \"props\" must be an object");
            }
            d.nodes.push_back(std::move(node));
        }
    }
    if (const json* links = top.array("links")) {
        for (size_t i = 0; i < links->size(); ++i) {
            ObjectReader r((*links)[i], "link #" + std::to_string(i + 1), problems);
            if (!r.isObject())
                continue;
            r.rejectUnknown(kLinkKeys);
            Link link;
            link.from.value = r.text("from", true);
            link.to.value = r.text("to", true);
            const json& l = (*links)[i];
            if (l.contains("props")) {
                if (l["props"].is_object())
                    link.props = l["props"];
                else
                    r.fail("props",
                           "link #" + std::to_string(i + 1) + ": \"props\" must be an object");
            }
            d.links.push_back(std::move(link));
        }
    }
    if (const json* faults = top.array("faults")) {
        for (size_t i = 0; i < faults->size(); ++i) {
            const json& f = (*faults)[i];
            ObjectReader r(f, "fault #" + std::to_string(i + 1), problems);
            if (!r.isObject())
                continue;
            std::set<std::string> known = kFaultParams;
            known.insert({"at_s", "target", "action"});
            r.rejectUnknown(known);
            Fault fault;
            auto at = r.number<double>("at_s");
            if (!at)
                r.fail("at_s", "fault #" + std::to_string(i + 1) + " needs \"at_s\" (a number)");
            fault.atSeconds = at.value_or(0);
            fault.target = r.text("target", true);
            fault.action = r.text("action", true);
            for (auto it = f.begin(); it != f.end(); ++it)
                if (kFaultParams.count(it.key()))
                    fault.params[it.key()] = it.value();
            d.faults.push_back(std::move(fault));
        }
    }
    if (const json* latencies = top.array("region_latency_ms")) {
        for (size_t i = 0; i < latencies->size(); ++i) {
            ObjectReader r((*latencies)[i], "region_latency_ms #" + std::to_string(i + 1),
                           problems);
            if (!r.isObject())
                continue;
            r.rejectUnknown({"a", "b", "latency_ms"});
            RegionLatency rl;
            rl.a = r.text("a", true);
            rl.b = r.text("b", true);
            rl.latencyMs = r.number<double>("latency_ms").value_or(-1);
            d.regionLatencies.push_back(std::move(rl));
        }
    }
    if (doc.contains("run")) {
        ObjectReader r(doc["run"], "run", problems);
        if (r.isObject()) {
            r.rejectUnknown({"duration_s", "warmup_s", "seed"});
            d.run.durationSeconds = r.number<double>("duration_s");
            d.run.warmupSeconds = r.number<double>("warmup_s");
            d.run.seed = r.number<std::uint64_t>("seed");
        }
    }
    if (doc.contains("targets")) {
        ObjectReader r(doc["targets"], "targets", problems);
        if (r.isObject()) {
            r.rejectUnknown({"p99_ms", "error_rate", "lost_writes"});
            d.targets.p99Ms = r.number<double>("p99_ms");
            d.targets.errorRate = r.number<double>("error_rate");
            d.targets.lostWrites = r.number<std::uint64_t>("lost_writes");
        }
    }
    if (doc.contains("chaos")) {
        const json& c = doc["chaos"];
        ObjectReader r(c, "chaos", problems);
        if (r.isObject()) {
            r.rejectUnknown({"enabled", "mtbf_s", "mttr_s", "seed", "kinds"});
            if (c.contains("enabled")) {
                if (c["enabled"].is_boolean())
                    d.chaos.enabled = c["enabled"].get<bool>();
                else
                    r.fail("enabled", "chaos: \"enabled\" must be true or false");
            }
            d.chaos.mtbfSeconds = r.number<double>("mtbf_s").value_or(d.chaos.mtbfSeconds);
            d.chaos.mttrSeconds = r.number<double>("mttr_s").value_or(d.chaos.mttrSeconds);
            d.chaos.seed = r.number<std::uint64_t>("seed").value_or(d.chaos.seed);
            if (const json* kinds = r.array("kinds"))
                for (const auto& k : *kinds) {
                    if (k.is_string())
                        d.chaos.kinds.push_back(k.get<std::string>());
                    else
                        r.fail("kinds", "chaos: \"kinds\" must be a list of kind names");
                }
        }
    }
    return d;
}

} // namespace

LoadResult readDesignJson(const json& document, const DescriptorCatalog& catalog) {
    LoadResult result;
    std::optional<Design> d = parseStructure(document, result.problems);
    if (!d || hasErrors(result.problems))
        return result;
    Problems more = validate(*d, catalog);
    result.problems.insert(result.problems.end(), more.begin(), more.end());
    if (!hasErrors(result.problems))
        result.design = std::move(d);
    return result;
}

namespace {

/// Parses JSON text; on failure records why and returns a discarded value.
json parseText(std::string_view text, Problems& problems) {
    std::string error;
    json doc = parseBoundedJson(text, error);
    if (doc.is_discarded())
        problems.push_back({Problem::Severity::Error, {}, {}, {}, "the file " + error});
    return doc;
}

} // namespace

LoadResult readDesign(std::string_view text, const DescriptorCatalog& catalog) {
    LoadResult result;
    json doc = parseText(text, result.problems);
    if (doc.is_discarded())
        return result;
    return readDesignJson(doc, catalog);
}

LoadResult readDraftDesign(std::string_view text, const DescriptorCatalog& catalog) {
    LoadResult result;
    json doc = parseText(text, result.problems);
    if (doc.is_discarded())
        return result;
    std::optional<Design> d = parseStructure(doc, result.problems);
    if (!d || hasErrors(result.problems))
        return result;
    Problems more = validate(*d, catalog);
    result.problems.insert(result.problems.end(), more.begin(), more.end());
    result.design = std::move(d);
    return result;
}

LoadResult readDesignFile(const std::string& path, const DescriptorCatalog& catalog) {
    std::string text, error;
    if (!readWholeFile(path, text, error)) {
        LoadResult result;
        result.problems.push_back({Problem::Severity::Error, {}, {}, {}, error});
        return result;
    }
    LoadResult result = readDesign(std::string_view(text), catalog);
    for (auto& p : result.problems)
        p.message = path + ": " + p.message;
    return result;
}

json toJson(const Design& d) {
    json doc = json::object();
    doc["format"] = kDesignFormat;
    doc["version"] = kDesignVersion;
    doc["name"] = d.name;
    if (!d.description.empty())
        doc["description"] = d.description;
    json dcs = json::array();
    for (const auto& dc : d.datacentres) {
        json j{{"id", dc.id.value},
               {"region", dc.region},
               {"label", dc.label},
               {"x", dc.x},
               {"y", dc.y}};
        if (dc.width > 0 || dc.height > 0) {
            j["width"] = dc.width;
            j["height"] = dc.height;
        }
        dcs.push_back(std::move(j));
    }
    doc["datacenters"] = std::move(dcs);
    json nodes = json::array();
    for (const auto& n : d.nodes) {
        json j{{"id", n.id.value}, {"kind", n.kind}, {"label", n.label}};
        if (!n.dc.empty())
            j["dc"] = n.dc;
        j["x"] = n.x;
        j["y"] = n.y;
        j["props"] = n.props;
        nodes.push_back(std::move(j));
    }
    doc["nodes"] = std::move(nodes);
    json links = json::array();
    for (const auto& l : d.links)
        links.push_back({{"from", l.from.value}, {"to", l.to.value}, {"props", l.props}});
    doc["links"] = std::move(links);
    json faults = json::array();
    for (const auto& f : d.faults) {
        json j{{"at_s", f.atSeconds}, {"target", f.target}, {"action", f.action}};
        for (auto it = f.params.begin(); it != f.params.end(); ++it)
            j[it.key()] = it.value();
        faults.push_back(std::move(j));
    }
    doc["faults"] = std::move(faults);
    if (!d.regionLatencies.empty()) {
        json rl = json::array();
        for (const auto& r : d.regionLatencies)
            rl.push_back({{"a", r.a}, {"b", r.b}, {"latency_ms", r.latencyMs}});
        doc["region_latency_ms"] = std::move(rl);
    }
    json run = json::object();
    if (d.run.durationSeconds)
        run["duration_s"] = *d.run.durationSeconds;
    if (d.run.warmupSeconds)
        run["warmup_s"] = *d.run.warmupSeconds;
    if (d.run.seed)
        run["seed"] = *d.run.seed;
    if (!run.empty())
        doc["run"] = std::move(run);
    json targets = json::object();
    if (d.targets.p99Ms)
        targets["p99_ms"] = *d.targets.p99Ms;
    if (d.targets.errorRate)
        targets["error_rate"] = *d.targets.errorRate;
    if (d.targets.lostWrites)
        targets["lost_writes"] = *d.targets.lostWrites;
    if (!targets.empty())
        doc["targets"] = std::move(targets);
    if (d.chaos != ChaosSettings{}) {
        doc["chaos"] = {{"enabled", d.chaos.enabled},
                        {"mtbf_s", d.chaos.mtbfSeconds},
                        {"mttr_s", d.chaos.mttrSeconds},
                        {"seed", d.chaos.seed},
                        {"kinds", d.chaos.kinds}};
    }
    return doc;
}

std::string writeDesign(const Design& design) {
    return toJson(design).dump(2) + "\n";
}

std::string writeDesignFile(const Design& design, const std::string& path) {
    return writeFileAtomically(path, writeDesign(design));
}

} // namespace sb::design
