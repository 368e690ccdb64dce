#include "practice/Cost.h"

#include "components/registry/ComponentRegistry.h"
#include "design/BoundedJson.h"
#include "design/PropertySpec.h"
#include "design/PropertyValues.h"
#include "practice/EmbeddedTexts.h"

#include <cmath>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace sb::practice {

namespace {

using nlohmann::json;

bool numericProperty(const design::PropertySpec* spec) {
    return spec && (spec->type == design::PropertyType::Number ||
                    spec->type == design::PropertyType::Integer);
}

void readKind(const std::string& kind, const json& entry, const design::ComponentDescriptor& d,
              std::vector<std::string>& errors, KindPrice& out) {
    const std::string path = "kinds." + kind;
    if (!entry.is_object()) {
        errors.push_back(path + " must be an object, got " + design::describeValue(entry));
        return;
    }
    for (const auto& item : entry.items())
        if (item.key() != "count_property" && item.key() != "size_property" &&
            item.key() != "autoscale_property" && item.key() != "sizes" && item.key() != "monthly")
            errors.push_back(path + "." + item.key() + " is not a key this format knows");
    auto property = [&](const char* key, bool group) {
        const auto it = entry.find(key);
        if (it == entry.end())
            return std::string();
        const design::PropertySpec* spec =
            it->is_string() ? d.property(it->get<std::string>()) : nullptr;
        const bool fits = group ? spec && spec->type == design::PropertyType::Group &&
                                      spec->field("enabled") && spec->field("max")
                                : numericProperty(spec);
        if (!fits) {
            errors.push_back(path + "." + key + ": " + kind + " has no " +
                             (group ? "group property with enabled and max" : "numeric property") +
                             " called " + design::describeValue(*it));
            return std::string();
        }
        return it->get<std::string>();
    };
    out.countProperty = property("count_property", false);
    out.sizeProperty = property("size_property", false);
    out.autoscaleProperty = property("autoscale_property", true);
    auto money = [&](const json& v, const std::string& where) {
        if (!v.is_number() || !std::isfinite(v.get<double>()) || v.get<double>() < 0 ||
            v.get<double>() > 1e9) {
            errors.push_back(where + " must be a monthly cost from 0 to 1e+09, got " +
                             design::describeValue(v));
            return 0.0;
        }
        return v.get<double>();
    };
    const auto sizes = entry.find("sizes");
    const auto monthly = entry.find("monthly");
    if ((sizes == entry.end()) == (monthly == entry.end())) {
        errors.push_back(path + " must have either monthly (one price) or sizes");
        return;
    }
    if (monthly != entry.end()) {
        if (!out.sizeProperty.empty())
            errors.push_back(path + " has a size_property but no sizes");
        out.sizes.push_back(
            {"", std::numeric_limits<double>::infinity(), money(*monthly, path + ".monthly")});
        return;
    }
    if (out.sizeProperty.empty())
        errors.push_back(path + " has sizes but no size_property to pick one by");
    if (!sizes->is_array() || sizes->empty()) {
        errors.push_back(path + ".sizes must be a non-empty list");
        return;
    }
    for (std::size_t i = 0; i < sizes->size(); ++i) {
        const json& s = (*sizes)[i];
        const std::string where = path + ".sizes[" + std::to_string(i) + "]";
        if (!s.is_object() || !s.contains("name") || !s["name"].is_string() ||
            !s.contains("monthly")) {
            errors.push_back(where + " must be {\"name\": text, \"up_to\": number, \"monthly\": "
                                     "number} (the last may leave up_to out)");
            continue;
        }
        for (const auto& item : s.items())
            if (item.key() != "name" && item.key() != "up_to" && item.key() != "monthly")
                errors.push_back(where + "." + item.key() + " is not a key this format knows");
        PriceSize size{s["name"].get<std::string>(), std::numeric_limits<double>::infinity(),
                       money(s["monthly"], where + ".monthly")};
        if (const auto up = s.find("up_to"); up != s.end()) {
            if (!up->is_number() || !std::isfinite(up->get<double>()))
                errors.push_back(where + ".up_to must be a number, got " +
                                 design::describeValue(*up));
            else
                size.upTo = up->get<double>();
        } else if (i + 1 != sizes->size()) {
            errors.push_back(where + ".up_to is missing (only the last size may leave it out)");
        }
        if (!out.sizes.empty() && size.upTo <= out.sizes.back().upTo)
            errors.push_back(where + ".up_to must be larger than the size before it");
        out.sizes.push_back(std::move(size));
    }
}

} // namespace

PriceLoad readPriceTable(std::string_view text, const design::DescriptorCatalog& catalog) {
    PriceLoad load;
    std::string parseError;
    const json doc = design::parseBoundedJson(text, parseError);
    if (!parseError.empty()) {
        load.errors.push_back("the price table " + parseError);
        return load;
    }
    if (!doc.is_object()) {
        load.errors.push_back("the price table must be a JSON object");
        return load;
    }
    auto& errors = load.errors;
    for (const auto& item : doc.items())
        if (item.key() != "format" && item.key() != "version" && item.key() != "currency" &&
            item.key() != "note" && item.key() != "kinds")
            errors.push_back(item.key() + " is not a key this format knows");
    if (doc.value("format", json()) != kPriceFormat)
        errors.push_back(std::string("format must be \"") + kPriceFormat + "\"");
    if (doc.value("version", json()) != 1)
        errors.push_back("version must be 1");
    PriceTable table;
    for (const char* key : {"currency", "note"}) {
        const json v = doc.value(key, json());
        if (!v.is_string() || v.get<std::string>().empty())
            errors.push_back(std::string(key) + " must be a non-empty text" +
                             (std::string(key) == "note"
                                  ? " saying the prices are illustrative estimates"
                                  : ""));
        else
            (std::string(key) == "currency" ? table.currency : table.note) = v.get<std::string>();
    }
    const json kinds = doc.value("kinds", json());
    if (!kinds.is_object()) {
        errors.push_back("kinds must be an object with one entry per component kind");
        return load;
    }
    for (const auto& item : kinds.items()) {
        const design::ComponentDescriptor* d = catalog.find(item.key());
        if (!d) {
            errors.push_back("kinds." + item.key() + ": there is no such component kind");
            continue;
        }
        readKind(item.key(), item.value(), *d, errors, table.kinds[item.key()]);
    }
    for (const design::ComponentDescriptor* d : catalog.all())
        if (!kinds.contains(d->kind))
            errors.push_back("kinds has no price for " + d->kind);
    if (errors.empty())
        load.table = std::move(table);
    return load;
}

PriceLoad readPriceTableFile(const std::string& path, const design::DescriptorCatalog& catalog) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        PriceLoad load;
        load.errors.push_back("cannot read the price table '" + path + "'");
        return load;
    }
    std::stringstream text;
    text << in.rdbuf();
    return readPriceTable(text.str(), catalog);
}

const PriceTable& builtinPrices() {
    static const PriceTable table = [] {
        for (const EmbeddedText& text : priceTexts()) {
            PriceLoad load = readPriceTable(text.json, comp::ComponentRegistry::builtin());
            if (!load.ok()) {
                std::string message = "the built-in price table:";
                for (const std::string& e : load.errors)
                    message += "\n  " + e;
                throw std::runtime_error(message);
            }
            return std::move(*load.table);
        }
        throw std::runtime_error("no built-in price table (resources/prices/ is empty)");
    }();
    return table;
}

CostEstimate estimateCost(const design::Design& design, const PriceTable& prices,
                          const design::DescriptorCatalog& catalog) {
    CostEstimate estimate;
    estimate.currency = prices.currency;
    estimate.note = prices.note;
    for (const design::Node& n : design.nodes) {
        const design::ComponentDescriptor* d = catalog.find(n.kind);
        const auto price = prices.kinds.find(n.kind);
        if (!d || price == prices.kinds.end())
            continue; // a valid design has only known kinds, and the table prices them all
        const design::PropertyValues values(*d, n.props);
        const KindPrice& k = price->second;
        CostLine line{n.id.value, n.kind, "", 1, 0, 0};
        if (!k.countProperty.empty())
            line.count = values.number(k.countProperty);
        if (!k.autoscaleProperty.empty() && values.boolean(k.autoscaleProperty, "enabled"))
            line.count = values.number(k.autoscaleProperty, "max");
        const double size = k.sizeProperty.empty() ? 0 : values.number(k.sizeProperty);
        const PriceSize* chosen = &k.sizes.back();
        for (const PriceSize& s : k.sizes)
            if (size <= s.upTo) {
                chosen = &s;
                break;
            }
        line.size = chosen->name;
        line.unitMonthly = chosen->monthly;
        line.monthly = line.count * line.unitMonthly;
        estimate.totalMonthly += line.monthly;
        estimate.lines.push_back(std::move(line));
    }
    return estimate;
}

json toJson(const CostEstimate& cost) {
    json lines = json::array();
    for (const CostLine& l : cost.lines)
        lines.push_back({{"node", l.node},
                         {"kind", l.kind},
                         {"size", l.size},
                         {"count", l.count},
                         {"unit_monthly", l.unitMonthly},
                         {"monthly", l.monthly}});
    return {{"estimate", true},
            {"currency", cost.currency},
            {"note", cost.note},
            {"monthly", cost.totalMonthly},
            {"lines", lines}};
}

} // namespace sb::practice
