#include "design/LinkProperties.h"

namespace sb::design {

const std::vector<PropertySpec>& linkProperties() {
    static const std::vector<PropertySpec> specs{
        {"latency_ms",
         PropertyType::Number,
         "ms",
         0.5,
         0.0,
         10000.0,
         {},
         "One-way network latency added to every request crossing the link (a cross-region "
         "link adds the regions' latency on top)"},
        {"jitter_ms",
         PropertyType::Number,
         "ms",
         0.0,
         0.0,
         10000.0,
         {},
         "Random extra latency, uniform from 0 to this value"},
        {"loss",
         PropertyType::Number,
         "fraction",
         0.0,
         0.0,
         1.0,
         {},
         "Fraction of requests the link drops"},
    };
    return specs;
}

const PropertySpec* linkProperty(std::string_view name) {
    for (const auto& s : linkProperties())
        if (s.name == name)
            return &s;
    return nullptr;
}

const std::vector<PropertySpec>& dataCentreProperties() {
    static const std::vector<PropertySpec> specs{
        {"region",
         PropertyType::Text,
         "",
         "us-east",
         {},
         {},
         {},
         "Region of the data centre; sets the latency to other regions and where geoDNS sends "
         "users"},
        {"label", PropertyType::Text, "", "", {}, {}, {}, "Name shown on the canvas"},
    };
    return specs;
}

} // namespace sb::design
