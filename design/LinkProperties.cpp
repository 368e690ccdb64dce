#include "design/LinkProperties.h"

#include "design/PropertyBuilders.h"

namespace sb::design {

using namespace builders;

const std::vector<PropertySpec>& linkProperties() {
    static const std::vector<PropertySpec> specs{
        numberProperty("latency_ms", 0.5, 0.0, 10000.0, "ms",
                       "One-way network latency added to every request crossing the link (a "
                       "cross-region link adds the regions' latency on top)"),
        numberProperty("jitter_ms", 0.0, 0.0, 10000.0, "ms",
                       "Random extra latency, uniform from 0 to this value"),
        numberProperty("loss", 0.0, 0.0, 1.0, "fraction", "Fraction of requests the link drops"),
    };
    return specs;
}

const PropertySpec* linkProperty(std::string_view name) {
    for (const auto& s : linkProperties())
        if (s.name == name)
            return &s;
    return nullptr;
}

std::vector<PropertySpec> linkPropertiesFrom(const ComponentDescriptor* sender) {
    std::vector<PropertySpec> specs = linkProperties();
    if (sender)
        specs.insert(specs.end(), sender->outLinkProperties.begin(),
                     sender->outLinkProperties.end());
    return specs;
}

const PropertySpec* linkProperty(std::string_view name, const ComponentDescriptor* sender) {
    if (const PropertySpec* common = linkProperty(name))
        return common;
    if (!sender)
        return nullptr;
    for (const auto& s : sender->outLinkProperties)
        if (s.name == name)
            return &s;
    return nullptr;
}

nlohmann::json overriddenGroup(const nlohmann::json& nodeProps, const nlohmann::json& linkProps,
                               std::string_view group) {
    const std::string key(group);
    const auto fieldsOf = [&](const nlohmann::json& props) {
        return props.is_object() && props.contains(key) && props.at(key).is_object()
                   ? props.at(key)
                   : nlohmann::json::object();
    };
    nlohmann::json fields = fieldsOf(nodeProps);
    fields.merge_patch(fieldsOf(linkProps));
    return {{key, std::move(fields)}};
}

const std::vector<PropertySpec>& dataCentreProperties() {
    static const std::vector<PropertySpec> specs{
        textProperty("region", "us-east",
                     "Region of the data centre; sets the latency to other regions and where "
                     "geoDNS sends users"),
        textProperty("label", "", "Name shown on the canvas"),
    };
    return specs;
}

} // namespace sb::design
