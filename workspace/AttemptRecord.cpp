#include "workspace/AttemptRecord.h"

#include <cmath>
#include <limits>

namespace sb::ws {

namespace {

using nlohmann::json;

/// A measured value as stored: a number, or null for one that is not finite (JSON has none).
json storedNumber(double v) {
    return std::isfinite(v) ? json(v) : json(nullptr);
}

/// `object[key]` as a number (null reads as NaN); false when it is neither.
bool readNumber(const json& object, const char* key, double& out) {
    auto it = object.find(key);
    if (it == object.end() || !(it->is_number() || it->is_null()))
        return false;
    out = it->is_null() ? std::numeric_limits<double>::quiet_NaN() : it->get<double>();
    return true;
}

bool readText(const json& object, const char* key, std::string& out) {
    auto it = object.find(key);
    if (it == object.end() || !it->is_string())
        return false;
    out = it->get<std::string>();
    return true;
}

} // namespace

json toJson(const std::vector<AttemptTarget>& targets) {
    json out = json::array();
    for (const AttemptTarget& t : targets)
        out.push_back({{"id", t.id},
                       {"label", t.label},
                       {"met", t.met},
                       {"measured", storedNumber(t.measured)},
                       {"target", storedNumber(t.target)},
                       {"comparison", t.comparison},
                       {"unit", t.unit}});
    return out;
}

json toJson(const std::vector<AttemptEstimate>& estimates) {
    json out = json::array();
    for (const AttemptEstimate& e : estimates)
        out.push_back({{"quantity", e.quantity},
                       {"estimate", storedNumber(e.estimate)},
                       {"computed", storedNumber(e.computed)},
                       {"factor_off", storedNumber(e.factorOff)}});
    return out;
}

std::string readAttemptLists(const json& seeds, const json& targets, const json& estimates,
                             AttemptRecord& attempt) {
    if (!seeds.is_array())
        return "seeds must be a list";
    attempt.seeds.clear();
    for (const json& s : seeds) {
        if (!s.is_number_unsigned())
            return "seeds must be a list of whole numbers";
        attempt.seeds.push_back(s.get<std::uint64_t>());
    }
    if (!targets.is_array())
        return "targets must be a list";
    attempt.targets.clear();
    for (const json& t : targets) {
        AttemptTarget target;
        auto met = t.is_object() ? t.find("met") : t.end();
        if (!t.is_object() || !readText(t, "id", target.id) ||
            !readText(t, "label", target.label) || met == t.end() || !met->is_boolean() ||
            !readNumber(t, "measured", target.measured) ||
            !readNumber(t, "target", target.target) ||
            !readText(t, "comparison", target.comparison) || !readText(t, "unit", target.unit))
            return "targets must be a list of objects with id, label, met, measured, target, "
                   "comparison and unit";
        target.met = met->get<bool>();
        attempt.targets.push_back(std::move(target));
    }
    if (!estimates.is_array())
        return "estimates must be a list";
    attempt.estimates.clear();
    for (const json& e : estimates) {
        AttemptEstimate estimate;
        if (!e.is_object() || !readText(e, "quantity", estimate.quantity) ||
            !readNumber(e, "estimate", estimate.estimate) ||
            !readNumber(e, "computed", estimate.computed) ||
            !readNumber(e, "factor_off", estimate.factorOff))
            return "estimates must be a list of objects with quantity, estimate, computed and "
                   "factor_off";
        attempt.estimates.push_back(std::move(estimate));
    }
    return {};
}

} // namespace sb::ws
