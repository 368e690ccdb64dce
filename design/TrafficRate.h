#pragma once

#include "design/PropertyValues.h"

namespace sb::design {

/// A client population's base rate in requests per second, the one definition the
/// emulator, the review and the reports share: rate_rps when set, else users / think time
/// for a closed loop (the most its users can ask for), else users x requests per user.
double populationRate(const PropertyValues& clientProperties);

} // namespace sb::design
