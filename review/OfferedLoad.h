#pragma once

#include "design/ComponentDescriptor.h"
#include "design/Design.h"

namespace sb::review {

/// Request rates by class, in requests per second.
struct ClassRates {
    double read = 0;
    double write = 0;
    double staticAssets = 0;
    double async = 0;
    double join = 0;

    double total() const { return read + write + staticAssets + async + join; }
};

/// The traffic a design's client populations offer: the base rate (rate_rps, else users x
/// requests per user, else users / think time for closed loops) and the peak of their rate
/// pattern (ramp end, diurnal peak or spike height).
struct OfferedLoad {
    ClassRates base;
    ClassRates peak;
};

OfferedLoad offeredLoad(const design::Design& design, const design::DescriptorCatalog& catalog);

} // namespace sb::review
