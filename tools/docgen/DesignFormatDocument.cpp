#include "tools/docgen/DesignFormatDocument.h"

#include "design/LinkProperties.h"
#include "design/Validation.h"

#include <cmath>
#include <map>
#include <sstream>

namespace sb::docgen {

namespace {

using design::PropertySpec;
using design::PropertyType;

std::string cell(std::string text) {
    std::string out;
    for (char c : text) {
        if (c == '|')
            out += "\\|";
        else if (c == '\n')
            out += ' ';
        else
            out += c;
    }
    return out;
}

std::string formatDefault(const PropertySpec& spec) {
    const nlohmann::json& v = spec.defaultValue;
    if (spec.optional && v.is_null())
        return "not set";
    if (v.is_number_float()) {
        double d = v.get<double>();
        if (std::floor(d) == d && std::abs(d) < 1e15)
            return "`" + std::to_string(static_cast<long long>(d)) + "`";
    }
    return "`" + v.dump() + "`";
}

void propertyRows(std::ostringstream& out, const PropertySpec& spec, const std::string& prefix) {
    const std::string name = prefix + spec.name;
    if (spec.type == PropertyType::Group) {
        std::string help = spec.help;
        if (spec.fractionsSumToOne && help.find("add up to 1") == std::string::npos)
            help += " (the fields must add up to 1)";
        out << "| `" << name << "` | object | | | | " << cell(help) << " |\n";
        for (const auto& field : spec.fields)
            propertyRows(out, field, name + ".");
        return;
    }
    out << "| `" << name << "` | " << design::toString(spec.type) << " | " << formatDefault(spec)
        << " | " << cell(design::describeRange(spec)) << " | " << cell(spec.unit) << " | "
        << cell(spec.help) << " |\n";
}

std::string propertyTable(const std::vector<PropertySpec>& specs) {
    std::ostringstream out;
    out << "| property | type | default | accepted values | unit | meaning |\n"
        << "|---|---|---|---|---|---|\n";
    for (const auto& spec : specs)
        propertyRows(out, spec, "");
    return out.str();
}

std::string anchor(const std::string& kind) {
    std::string out = "kind-";
    for (char c : kind)
        out += c == '_' ? '-' : c;
    return out;
}

std::string kindIndex(const design::DescriptorCatalog& catalog) {
    std::ostringstream out;
    out << "| kind | shown as | palette group | what it is |\n|---|---|---|---|\n";
    for (const auto* d : catalog.all())
        out << "| [`" << d->kind << "`](#" << anchor(d->kind) << ") | " << cell(d->displayName)
            << " | " << d->category << " | " << cell(d->summary) << " |\n";
    return out.str();
}

std::string kindSections(const design::DescriptorCatalog& catalog) {
    std::ostringstream out;
    bool first = true;
    for (const auto* d : catalog.all()) {
        if (!first)
            out << "\n";
        first = false;
        out << "<a id=\"" << anchor(d->kind) << "\"></a>\n\n### `" << d->kind << "` — "
            << d->displayName << "\n\n"
            << d->summary << ".\n\n";
        out << "Palette group: " << d->category << ". ";
        out << "Roles: ";
        for (size_t i = 0; i < d->roles.size(); ++i)
            out << (i ? ", " : "") << "`" << d->roles[i] << "`";
        out << ". ";
        if (d->trafficSource())
            out << "Requests enter the design here. ";
        const std::vector<std::string> downstream = catalog.downstreamKinds(*d);
        if (downstream.empty()) {
            out << "Sends to nothing.\n\n";
        } else {
            out << "May link to: ";
            for (size_t i = 0; i < downstream.size(); ++i)
                out << (i ? ", " : "") << "`" << downstream[i] << "`";
            out << ".\n\n";
        }
        if (d->properties.empty())
            out << "This kind has no properties.\n";
        else
            out << propertyTable(d->properties);
        if (!d->outLinkProperties.empty())
            out << "\nA link leaving a `" << d->kind
                << "` may carry these too, besides every link's properties:\n\n"
                << propertyTable(d->outLinkProperties);
    }
    return out.str();
}

std::string faultActionTable() {
    std::ostringstream out;
    out << "| action | what happens |\n|---|---|\n";
    for (const auto& action : design::faultActions())
        out << "| `" << action << "` | " << cell(faultActionDescription(action)) << " |\n";
    return out.str();
}

void replace(std::string& text, const std::string& placeholder, const std::string& value) {
    for (auto at = text.find(placeholder); at != std::string::npos;
         at = text.find(placeholder, at + value.size()))
        text.replace(at, placeholder.size(), value);
}

} // namespace

std::string faultActionDescription(std::string_view action) {
    static const std::map<std::string, std::string, std::less<>> descriptions{
        {"fail", "The target stops: a node answers nothing, a data centre fails every node it "
                 "holds, a link carries nothing. With `duration_s` it recovers afterwards."},
        {"recover", "Undoes `fail`."},
        {"slow", "A node (or every node of a data centre) serves `factor` times slower "
                 "(default 3); a link adds `latency_ms` (default (factor - 1) x 10 ms)."},
        {"unslow", "Undoes `slow`."},
        {"drop", "A link (target `\"from->to\"`) loses `fraction` of its requests (default "
                 "0.1)."},
        {"partition", "Cuts every link between the target data centre and the data centre "
                      "`peer`."},
        {"heal", "Undoes `partition` between the target data centre and `peer`."},
        {"promote", "Manual failover: a `db_replica` target becomes the primary; a `db_primary` "
                    "target hands over to one of its replicas."},
        {"add_shard", "A shard router gains `shards` shards (default 1) and moves keys."},
        {"remove_shard", "A shard router loses `shards` shards (default 1) and moves keys."},
        {"spike", "Clients multiply their request rate by `factor` (default 5); with "
                  "`duration_s` the spike ends afterwards."},
        {"set", "Sets the node's numeric property `property` to `value` while the run goes."},
    };
    auto it = descriptions.find(action);
    return it != descriptions.end() ? it->second : std::string{};
}

std::string designFormatDocument(std::string_view templateText,
                                 const design::DescriptorCatalog& catalog) {
    std::string text(templateText);
    replace(text, "@KIND_INDEX@\n", kindIndex(catalog));
    replace(text, "@KINDS@\n", kindSections(catalog));
    replace(text, "@LINK_PROPERTIES@\n", propertyTable(design::linkProperties()));
    replace(text, "@DATA_CENTRE_PROPERTIES@\n", propertyTable(design::dataCentreProperties()));
    replace(text, "@FAULT_ACTIONS@\n", faultActionTable());
    return text;
}

} // namespace sb::docgen
