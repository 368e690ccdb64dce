#pragma once

#include "experiments/Experiment.h"

#include <optional>

namespace sb::experiments {

/// The cost of a design for the capacity planner, by what `minimise` names:
/// - `cost`: the estimated monthly cost from the practice price table
///   (resources/prices/prices.json; an illustrative estimate, not a measurement);
/// - `instances`: the count of instances: every node but the traffic sources, each as many
///   times as its `instances` property says;
/// - NODE.PROPERTY: that numeric property's value (its default when unset).
/// Throws std::invalid_argument naming what is wrong.
double designCost(const design::Design& design, const std::string& minimise);

struct CapacityPoint {
    std::size_t index = 0; ///< into sweepPoints(plan.parameters)
    double cost = 0;
    PointResult result;
    bool meetsTargets = false;
};

struct CapacityResult {
    std::string minimise;
    std::size_t candidates = 0;           ///< points in the sweep
    std::vector<CapacityPoint> evaluated; ///< cheapest first, as run
    /// The cheapest point that meets every target (the last evaluated), if any.
    std::optional<std::size_t> chosen;
    /// The evaluated point just cheaper than the chosen one, which did not meet them.
    std::optional<std::size_t> cheaperFailed;
};

/// The capacity planner: orders the sweep's points by cost (then by index), runs them
/// cheapest first (each with the plan's replications, spread over `jobs` threads) and
/// stops at the first whose targets are all met on their 95% intervals. Seeds are those
/// of the full sweep, so the answer does not depend on `jobs`. Throws std::invalid_argument
/// when the plan has no targets. `progress(done, total)` counts runs of the whole sweep.
CapacityResult planCapacity(const Plan& plan, const std::string& minimise, unsigned jobs,
                            const std::function<void(std::size_t, std::size_t)>& progress);

/// The planner's result document (docs/experiments.md).
nlohmann::json toJson(const Plan& plan, const CapacityResult& result);

} // namespace sb::experiments
