#pragma once

#include "design/ComponentDescriptor.h"
#include "design/Design.h"

#include <nlohmann/json.hpp>

#include <limits>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sb::practice {

inline constexpr const char* kPriceFormat = "scaleboard-prices";

/// One size of a kind: nodes whose size property is at most `upTo` cost `monthly` each.
struct PriceSize {
    std::string name;
    double upTo = std::numeric_limits<double>::infinity();
    double monthly = 0;
};

/// What one node of a kind costs a month (docs/practice.md, "Price table").
struct KindPrice {
    std::string countProperty; ///< the property that multiplies it ("instances"), or none
    std::string sizeProperty;  ///< the property that picks the size ("workers"), or none
    /// A group property with `enabled` and `max` (an autoscaling group): when enabled, the
    /// node is priced at `max` instances, the most it may cost.
    std::string autoscaleProperty;
    std::vector<PriceSize> sizes; ///< by increasing `upTo`; one size when it has no sizes
};

/// An illustrative price table: a monthly cost per node, by kind and size.
struct PriceTable {
    std::string currency;
    std::string note; ///< says the prices are illustrative estimates
    std::map<std::string, KindPrice, std::less<>> kinds;
};

struct PriceLoad {
    std::optional<PriceTable> table;
    std::vector<std::string> errors;
    bool ok() const { return table.has_value(); }
};

/// Reads a price table; it must price every kind of `catalog`, name only their properties
/// and list sizes by increasing bound.
PriceLoad readPriceTable(std::string_view text, const design::DescriptorCatalog& catalog);
/// Reads a price table file from disk.
PriceLoad readPriceTableFile(const std::string& path, const design::DescriptorCatalog& catalog);
/// The shipped table (resources/prices/prices.json).
const PriceTable& builtinPrices();

/// One node's estimated monthly cost.
struct CostLine {
    std::string node;
    std::string kind;
    std::string size; ///< the size's name, empty for a kind with one size
    double count = 1; ///< instances priced
    double unitMonthly = 0;
    double monthly = 0; ///< count x unitMonthly
};

/// A design's estimated monthly cost: an estimate from the price table, not a measurement.
struct CostEstimate {
    std::string currency;
    std::string note;
    std::vector<CostLine> lines; ///< one per node, in design order
    double totalMonthly = 0;
};

/// A cost estimate as JSON: {"estimate": true, "currency", "note", "monthly", "lines":
/// [{node, kind, size, count, unit_monthly, monthly}]} (the `cost` command and scorecards).
nlohmann::json toJson(const CostEstimate& cost);

CostEstimate estimateCost(const design::Design& design, const PriceTable& prices,
                          const design::DescriptorCatalog& catalog);

} // namespace sb::practice
