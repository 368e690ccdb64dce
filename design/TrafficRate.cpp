#include "design/TrafficRate.h"

#include <algorithm>

namespace sb::design {

double populationRate(const PropertyValues& p) {
    const double users = static_cast<double>(p.integer("users"));
    if (p.has("rate_rps"))
        return p.number("rate_rps");
    if (p.text("arrival") == "closed")
        return users / std::max(p.number("think_s"), 1e-3);
    return users * p.number("requests_per_user_per_min") / 60.0;
}

} // namespace sb::design
