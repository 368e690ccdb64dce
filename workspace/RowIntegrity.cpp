#include "workspace/RowIntegrity.h"

#include <cstdio>

namespace sb::ws {

namespace {

using nlohmann::json;

/// The problem with `value` at `where`, or empty when it is of the kind `ok` accepts.
template <typename Check>
std::string expect(const json& object, const char* key, Check ok, const char* what,
                   const std::string& where) {
    auto it = object.find(key);
    if (it == object.end() || ok(*it))
        return {};
    return where + "." + key + " must be " + what;
}

bool isNumber(const json& v) {
    return v.is_number();
}

bool isCount(const json& v) {
    return v.is_number_unsigned();
}

/// Every member of `object[key]`, when present, must be an object of numbers (latency
/// percentiles, data counters) or, for `nested`, an object of objects (nodes).
std::string checkGroup(const json& summary, const char* key, bool nested) {
    auto it = summary.find(key);
    if (it == summary.end())
        return {};
    if (!it->is_object())
        return std::string("summary.") + key + " must be an object";
    for (auto member = it->begin(); member != it->end(); ++member) {
        if (nested ? !member->is_object() : !member->is_number())
            return std::string("summary.") + key + "." + member.key() + " has the wrong type";
    }
    return {};
}

} // namespace

std::string rowChecksum(std::initializer_list<std::string_view> texts) {
    std::uint64_t hash = 0xcbf29ce484222325ULL;
    for (std::string_view text : texts) {
        for (unsigned char c : text)
            hash = (hash ^ c) * 0x100000001b3ULL;
        hash = (hash ^ 0xff) * 0x100000001b3ULL; // separates the texts
    }
    char out[17];
    std::snprintf(out, sizeof out, "%016llx", static_cast<unsigned long long>(hash));
    return out;
}

std::string checkRunShape(const RunRecord& run) {
    const json& settings = run.settings;
    const json& summary = run.summary;
    if (!settings.is_object())
        return "settings must be an object";
    for (const char* key : {"duration_s", "warmup_s", "speed"})
        if (auto problem = expect(settings, key, isNumber, "a number", "settings");
            !problem.empty())
            return problem;
    if (auto problem = expect(settings, "seed", isCount, "a whole number", "settings");
        !problem.empty())
        return problem;
    if (!summary.is_object())
        return "summary must be an object";
    if (auto it = summary.find("requests"); it != summary.end()) {
        if (!it->is_object())
            return "summary.requests must be an object";
        for (const char* key : {"total", "ok", "failed"})
            if (auto problem = expect(*it, key, isCount, "a whole number", "summary.requests");
                !problem.empty())
                return problem;
    }
    if (auto problem = expect(summary, "throughput_rps", isNumber, "a number", "summary");
        !problem.empty())
        return problem;
    for (const char* group : {"latency_ms", "data"})
        if (auto problem = checkGroup(summary, group, false); !problem.empty())
            return problem;
    if (auto problem = checkGroup(summary, "nodes", true); !problem.empty())
        return problem;
    if (auto it = summary.find("events"); it != summary.end()) {
        if (!it->is_array())
            return "summary.events must be a list";
        for (const auto& e : *it)
            if (!e.is_object())
                return "summary.events must be a list of objects";
    }
    return {};
}

std::string checkExperimentShape(const ExperimentRecord& experiment) {
    if (!experiment.plan.is_object())
        return "plan must be an object";
    const json& results = experiment.results;
    if (!results.is_object())
        return "results must be an object";
    auto points = results.find("points");
    if (points == results.end() || !points->is_array())
        return "results.points must be a list";
    for (const auto& point : *points) {
        if (!point.is_object())
            return "results.points must be a list of objects";
        if (auto values = point.find("values"); values == point.end() || !values->is_object())
            return "results.points[].values must be an object";
    }
    return {};
}

} // namespace sb::ws
