#include "experiments/Capacity.h"

#include "components/registry/ComponentRegistry.h"
#include "design/Roles.h"
#include "practice/Cost.h"

#include <algorithm>
#include <numeric>
#include <stdexcept>

namespace sb::experiments {

namespace {

/// A property's value in a node: what the user set, else the spec's default.
nlohmann::json propertyValue(const design::Node& node, const design::PropertySpec& spec) {
    return node.props.contains(spec.name) ? node.props[spec.name] : spec.defaultValue;
}

} // namespace

double designCost(const design::Design& design, const std::string& minimise) {
    const auto& registry = comp::ComponentRegistry::builtin();
    if (minimise == "cost")
        return practice::estimateCost(design, practice::builtinPrices(), registry).totalMonthly;
    if (minimise == "instances") {
        double instances = 0;
        for (const design::Node& n : design.nodes) {
            const design::ComponentDescriptor* d = registry.find(n.kind);
            if (!d || d->hasRole(design::roles::kTrafficSource))
                continue;
            const design::PropertySpec* spec = d->property("instances");
            const nlohmann::json v = spec ? propertyValue(n, *spec) : nlohmann::json(1);
            instances += v.is_number() ? v.get<double>() : 1;
        }
        return instances;
    }
    const auto dot = minimise.find('.');
    if (dot == std::string::npos)
        throw std::invalid_argument(
            "--minimise '" + minimise +
            "' must be cost, instances or NODE.PROPERTY, e.g. web1.instances");
    const std::string id = minimise.substr(0, dot), property = minimise.substr(dot + 1);
    const design::Node* node = design.node(design::NodeId{id});
    if (!node)
        throw std::invalid_argument("--minimise " + minimise + ": the design has no node '" + id +
                                    "'");
    const design::ComponentDescriptor* d = registry.find(node->kind);
    const design::PropertySpec* spec = d ? d->property(property) : nullptr;
    if (!spec)
        throw std::invalid_argument("--minimise " + minimise + ": node '" + id +
                                    "' has no property '" + property + "'");
    const nlohmann::json v = propertyValue(*node, *spec);
    if (!v.is_number())
        throw std::invalid_argument("--minimise " + minimise + ": the property is not a number");
    return v.get<double>();
}

CapacityResult planCapacity(const Plan& plan, const std::string& minimise, unsigned jobs,
                            const std::function<void(std::size_t, std::size_t)>& progress) {
    if (plan.targets.empty())
        throw std::invalid_argument("the capacity planner needs targets, e.g. --targets "
                                    "'p99_ms<200,error_rate<0.01'");
    const auto points = sweepPoints(plan.parameters);
    CapacityResult result;
    result.minimise = minimise;
    result.candidates = points.size();
    std::vector<double> costs;
    for (const auto& values : points)
        costs.push_back(designCost(pointDesign(plan, values), minimise));
    std::vector<std::size_t> order(points.size());
    std::iota(order.begin(), order.end(), std::size_t(0));
    std::stable_sort(order.begin(), order.end(),
                     [&costs](std::size_t a, std::size_t b) { return costs[a] < costs[b]; });
    const std::size_t reps = std::max<std::size_t>(1, plan.replications);
    const std::size_t total = points.size() * reps;
    for (std::size_t index : order) {
        const std::size_t before = result.evaluated.size() * reps;
        CapacityPoint c;
        c.index = index;
        c.cost = costs[index];
        c.result = runPoints(plan, {index}, jobs, [&](std::size_t done, std::size_t) {
                       if (progress)
                           progress(before + done, total);
                   }).front();
        c.meetsTargets = pointJson(plan, c.result)["meets_targets"].get<bool>();
        result.evaluated.push_back(std::move(c));
        if (result.evaluated.back().meetsTargets) {
            result.chosen = result.evaluated.size() - 1;
            if (result.evaluated.size() > 1)
                result.cheaperFailed = result.evaluated.size() - 2;
            break;
        }
    }
    return result;
}

nlohmann::json toJson(const Plan& plan, const CapacityResult& result) {
    const auto entry = [&](const CapacityPoint& c) {
        nlohmann::json j = pointJson(plan, c.result);
        j["point"] = c.index;
        j["cost"] = c.cost;
        return j;
    };
    nlohmann::json doc;
    doc["minimise"] = result.minimise;
    if (result.minimise == "cost") {
        doc["currency"] = practice::builtinPrices().currency;
        doc["cost_note"] = practice::builtinPrices().note;
    }
    doc["replications"] = plan.replications;
    doc["seed"] = plan.settings.seed;
    doc["duration_s"] = plan.settings.durationSeconds;
    doc["warmup_s"] = plan.settings.warmupSeconds;
    doc["targets"] = nlohmann::json::array();
    for (const Target& t : plan.targets)
        doc["targets"].push_back(t.text());
    doc["candidates"] = result.candidates;
    doc["chosen"] = result.chosen ? entry(result.evaluated[*result.chosen]) : nlohmann::json();
    doc["next_cheaper"] =
        result.cheaperFailed ? entry(result.evaluated[*result.cheaperFailed]) : nlohmann::json();
    doc["evaluated"] = nlohmann::json::array();
    for (const CapacityPoint& c : result.evaluated)
        doc["evaluated"].push_back(entry(c));
    return doc;
}

} // namespace sb::experiments
