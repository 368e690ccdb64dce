#pragma once

#include "design/Design.h"

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace sb::comp {

/// One-way latency between regions: built-in figures for a handful of named regions,
/// overridden by the design's region_latency_ms entries.
class RegionMatrix {
public:
    explicit RegionMatrix(const std::vector<design::RegionLatency>& overrides = {});

    /// Latency in ms between two regions; 0 within a region or when either is empty.
    double latencyMs(const std::string& a, const std::string& b) const;
    /// The regions with built-in figures.
    static std::vector<std::string> knownRegions();

private:
    std::map<std::pair<std::string, std::string>, double> m_overrides;
};

} // namespace sb::comp
