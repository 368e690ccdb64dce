#include "components/datacenter/RegionMatrix.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace sb::comp {

namespace {

struct Place {
    const char* name;
    double lat, lon;
};

// Approximate locations of common cloud regions; latency follows great-circle distance at
// about two thirds of the speed of light in fibre, plus routing overhead.
constexpr std::array<Place, 8> kPlaces{{{"us-east", 39.0, -77.5},
                                        {"us-west", 45.6, -121.2},
                                        {"eu-west", 53.3, -6.3},
                                        {"eu-central", 50.1, 8.7},
                                        {"ap-south", 19.1, 72.9},
                                        {"ap-northeast", 35.7, 139.7},
                                        {"ap-southeast", 1.3, 103.8},
                                        {"sa-east", -23.5, -46.6}}};

const Place* place(const std::string& name) {
    for (const auto& p : kPlaces)
        if (name == p.name)
            return &p;
    return nullptr;
}

double distanceKm(const Place& a, const Place& b) {
    constexpr double kRad = M_PI / 180.0;
    const double dLat = (b.lat - a.lat) * kRad;
    const double dLon = (b.lon - a.lon) * kRad;
    const double h =
        std::sin(dLat / 2) * std::sin(dLat / 2) +
        std::cos(a.lat * kRad) * std::cos(b.lat * kRad) * std::sin(dLon / 2) * std::sin(dLon / 2);
    return 2 * 6371.0 * std::asin(std::sqrt(h));
}

} // namespace

RegionMatrix::RegionMatrix(const std::vector<design::RegionLatency>& overrides) {
    for (const auto& o : overrides) {
        m_overrides[{o.a, o.b}] = o.latencyMs;
        m_overrides[{o.b, o.a}] = o.latencyMs;
    }
}

double RegionMatrix::latencyMs(const std::string& a, const std::string& b) const {
    if (a.empty() || b.empty() || a == b)
        return 0.0;
    auto it = m_overrides.find({a, b});
    if (it != m_overrides.end())
        return it->second;
    const Place* pa = place(a);
    const Place* pb = place(b);
    if (!pa || !pb)
        return 50.0; // unknown regions: a typical continental distance
    // 200 km per ms in fibre, 1.5x route stretch, 2 ms of equipment.
    return 2.0 + distanceKm(*pa, *pb) * 1.5 / 200.0;
}

std::vector<std::string> RegionMatrix::knownRegions() {
    std::vector<std::string> out;
    for (const auto& p : kPlaces)
        out.emplace_back(p.name);
    return out;
}

} // namespace sb::comp
