#include "experiments/ExperimentFile.h"

#include "design/PropertySpec.h"

#include <cmath>
#include <stdexcept>

namespace sb::experiments {

namespace {

[[noreturn]] void fail(const std::string& message) {
    throw std::invalid_argument("experiment file: " + message);
}

std::string shown(const nlohmann::json& v) {
    const std::string text = v.dump();
    return text.size() > 40 ? text.substr(0, 40) + "..." : text;
}

double seconds(const nlohmann::json& v, const char* key, bool zeroAllowed) {
    if (!v.is_number() || !std::isfinite(v.get<double>()) || v.get<double>() > 86400 ||
        (zeroAllowed ? v.get<double>() < 0 : v.get<double>() <= 0))
        fail(std::string("'") + key + "' must be a number of seconds " +
             (zeroAllowed ? "from 0" : "more than 0") + " to 86400, got " + shown(v));
    return v.get<double>();
}

std::size_t wholeNumber(const nlohmann::json& v, const std::string& key, std::size_t min,
                        std::size_t max) {
    if (!v.is_number_unsigned() || v.get<std::uint64_t>() < min || v.get<std::uint64_t>() > max)
        fail("'" + key + "' must be a whole number from " + std::to_string(min) + " to " +
             std::to_string(max) + ", got " + shown(v));
    return static_cast<std::size_t>(v.get<std::uint64_t>());
}

Parameter factor(const nlohmann::json& f, std::size_t index) {
    const std::string where = "factors[" + std::to_string(index) + "]";
    if (!f.is_object())
        fail(where + " must be an object with 'path' and 'values' or 'range'");
    for (const auto& [key, value] : f.items())
        if (key != "path" && key != "values" && key != "range" && key != "zip")
            fail(where + " has an unknown key '" + key + "' (known: path, values, range, zip)");
    if (!f.contains("path") || !f["path"].is_string() || f["path"].get<std::string>().empty())
        fail(where + " needs a 'path', NODE.PROPERTY, e.g. web1.workers");
    Parameter p{f["path"].get<std::string>(), {}, {}};
    const std::string named = where + " (" + p.path + ")";
    if (f.contains("values") == f.contains("range"))
        fail(named + " needs either 'values' or 'range'");
    if (f.contains("values")) {
        const nlohmann::json& values = f["values"];
        if (!values.is_array() || values.empty())
            fail(named + ": 'values' must be a non-empty list");
        for (const nlohmann::json& v : values) {
            if (!v.is_number() && !v.is_boolean() && !v.is_string())
                fail(named + ": value " + shown(v) + " is not a number, true/false or text");
            p.values.push_back(v);
        }
    } else {
        const nlohmann::json& r = f["range"];
        const auto number = [&](const char* key) {
            if (!r.is_object() || !r.contains(key) || !r[key].is_number())
                fail(named + ": 'range' must be {\"from\": A, \"to\": B, \"step\": S}, numbers");
            return r[key].get<double>();
        };
        p.values = rangeValues(named + ": range", number("from"), number("to"), number("step"));
    }
    if (f.contains("zip")) {
        if (!f["zip"].is_string() || f["zip"].get<std::string>().empty())
            fail(named + ": 'zip' must be the name of a group of factors that move together");
        p.zip = f["zip"].get<std::string>();
    }
    return p;
}

} // namespace

bool isExperimentFile(const nlohmann::json& document) {
    return document.is_object() && document.contains("format") &&
           document["format"] == kExperimentFormat;
}

ExperimentFile readExperimentFile(const nlohmann::json& doc) {
    if (!isExperimentFile(doc))
        fail(std::string("'format' must be \"") + kExperimentFormat + "\"");
    if (!doc.contains("version") || doc["version"] != kExperimentVersion)
        fail("'version' must be " + std::to_string(kExperimentVersion) + ", got " +
             (doc.contains("version") ? shown(doc["version"]) : std::string("nothing")));
    static const char* const known[] = {"format",       "version",    "design",   "factors",
                                        "replications", "duration_s", "warmup_s", "seed",
                                        "metrics",      "targets",    "minimise", "slurm"};
    for (const auto& [key, value] : doc.items())
        if (std::find(std::begin(known), std::end(known), key) == std::end(known))
            fail("unknown key '" + key +
                 "' (known: design, factors, replications, duration_s, warmup_s, seed, metrics, "
                 "targets, minimise, slurm)");
    ExperimentFile file;
    if (!doc.contains("design") || !doc["design"].is_string() ||
        doc["design"].get<std::string>().empty())
        fail("'design' must name the design file (relative to the experiment file)");
    file.design = doc["design"].get<std::string>();
    if (doc.contains("factors")) {
        if (!doc["factors"].is_array())
            fail("'factors' must be a list");
        for (std::size_t i = 0; i < doc["factors"].size(); ++i)
            file.parameters.push_back(factor(doc["factors"][i], i));
    }
    if (doc.contains("replications"))
        file.replications = wholeNumber(doc["replications"], "replications", 1, 100000);
    if (doc.contains("duration_s"))
        file.durationSeconds = seconds(doc["duration_s"], "duration_s", false);
    if (doc.contains("warmup_s"))
        file.warmupSeconds = seconds(doc["warmup_s"], "warmup_s", true);
    if (doc.contains("seed")) {
        if (!doc["seed"].is_number_unsigned())
            fail("'seed' must be a whole number from 0 to 18446744073709551615, got " +
                 shown(doc["seed"]));
        file.seed = doc["seed"].get<std::uint64_t>();
    }
    if (doc.contains("metrics")) {
        if (!doc["metrics"].is_array() || doc["metrics"].empty())
            fail("'metrics' must be a non-empty list of metric names");
        for (const nlohmann::json& m : doc["metrics"]) {
            if (!m.is_string())
                fail("'metrics' holds " + shown(m) + ", not a metric name");
            file.metrics.push_back(m.get<std::string>());
        }
    }
    if (doc.contains("targets")) {
        if (!doc["targets"].is_array())
            fail("'targets' must be a list such as [\"p99_ms<200\", \"error_rate<0.01\"]");
        for (const nlohmann::json& t : doc["targets"]) {
            if (!t.is_string())
                fail("'targets' holds " + shown(t) + ", not a target such as \"p99_ms<200\"");
            try {
                file.targets.push_back(parseTarget(t.get<std::string>()));
            } catch (const std::invalid_argument& e) {
                fail(e.what());
            }
        }
    }
    if (doc.contains("minimise")) {
        if (!doc["minimise"].is_string() || doc["minimise"].get<std::string>().empty())
            fail("'minimise' must be \"cost\", \"instances\" or NODE.PROPERTY");
        file.minimise = doc["minimise"].get<std::string>();
    }
    if (doc.contains("slurm")) {
        const nlohmann::json& s = doc["slurm"];
        if (!s.is_object() || !s.contains("runs_per_task"))
            fail("'slurm' must be {\"runs_per_task\": N}");
        file.runsPerTask = wholeNumber(s["runs_per_task"], "slurm.runs_per_task", 1, 100000);
    }
    return file;
}

nlohmann::json experimentFileJson(const Plan& plan, const std::string& design,
                                  std::size_t runsPerTask) {
    nlohmann::json doc{{"format", kExperimentFormat},
                       {"version", kExperimentVersion},
                       {"design", design},
                       {"factors", nlohmann::json::array()},
                       {"replications", plan.replications},
                       {"duration_s", plan.settings.durationSeconds},
                       {"warmup_s", plan.settings.warmupSeconds},
                       {"seed", plan.settings.seed}};
    for (const Parameter& p : plan.parameters) {
        nlohmann::json f{{"path", p.path}, {"values", p.values}};
        if (!p.zip.empty())
            f["zip"] = p.zip;
        doc["factors"].push_back(std::move(f));
    }
    if (!plan.metrics.empty())
        doc["metrics"] = plan.metrics;
    if (!plan.targets.empty()) {
        doc["targets"] = nlohmann::json::array();
        for (const Target& t : plan.targets)
            doc["targets"].push_back(t.text());
    }
    if (runsPerTask)
        doc["slurm"] = {{"runs_per_task", runsPerTask}};
    return doc;
}

} // namespace sb::experiments
