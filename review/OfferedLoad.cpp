#include "review/OfferedLoad.h"

#include "design/PropertyValues.h"
#include "design/TrafficRate.h"

namespace sb::review {

namespace {

void add(ClassRates& to, const design::PropertyValues& p, double rate) {
    to.read += rate * p.number("mix", "read");
    to.write += rate * p.number("mix", "write");
    to.staticAssets += rate * p.number("mix", "static");
    to.async += rate * p.number("mix", "async");
    to.join += rate * p.number("mix", "join");
}

} // namespace

OfferedLoad offeredLoad(const design::Design& design, const design::DescriptorCatalog& catalog) {
    OfferedLoad load;
    for (const auto& n : design.nodes) {
        const design::ComponentDescriptor* d = catalog.find(n.kind);
        if (!d || !d->trafficSource())
            continue;
        const design::PropertyValues p(*d, n.props);
        const double rate = design::populationRate(p);
        const double peak = p.text("pattern") == "steady" ? 1.0 : p.number("pattern_peak");
        add(load.base, p, rate);
        add(load.peak, p, rate * peak);
    }
    return load;
}

} // namespace sb::review
