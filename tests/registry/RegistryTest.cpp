#include "components/registry/ComponentRegistry.h"
#include "design/LinkProperties.h"

#include <QTest>

#include <cctype>
#include <map>
#include <set>

using sb::comp::ComponentRegistry;
using sb::design::ComponentDescriptor;
using sb::design::PropertySpec;
using sb::design::PropertyType;

namespace {

/// The kinds DESIGN.md promises, in its order.
const std::vector<std::string> kDesignKinds{
    "clients", "dns",        "load_balancer", "web_server",   "session_store",
    "cache",   "db_primary", "db_replica",    "shard_router", "queue",
    "worker",  "cdn",        "object_store",  "monitor"};

/// The property names DESIGN.md calls stable ("mix.read" names a group's field).
const std::map<std::string, std::vector<std::string>> kStableProperties{
    {"clients",
     {"users", "rate_rps", "requests_per_user_per_min", "arrival", "think_s", "pattern", "mix.read",
      "mix.write", "mix.static", "mix.async", "keys", "zipf_s", "timeout_ms", "region"}},
    {"dns", {"ttl_s", "geo", "latency_ms"}},
    {"load_balancer", {"algorithm", "health_check_s", "unhealthy_threshold"}},
    {"web_server",
     {"workers", "service_ms", "service_dist", "queue_limit", "timeout_ms", "stateless",
      "instances", "autoscale.min", "autoscale.max", "autoscale.target_cpu",
      "autoscale.startup_s"}},
    {"session_store", {"capacity", "latency_ms"}},
    {"cache", {"capacity", "ttl_s", "eviction", "write_policy", "latency_ms"}},
    {"db_primary",
     {"workers", "read_ms", "write_ms", "replication", "failover", "detection_s", "recovery"}},
    {"db_replica", {"workers", "read_ms", "lag_ms"}},
    {"shard_router", {"partitioning", "vnodes"}},
    {"queue", {"capacity", "delivery", "replicated"}},
    {"worker", {"workers", "service_ms", "group", "instances"}},
    {"cdn", {"capacity", "ttl_s", "invalidation", "purge_delay_s", "fallback_to_origin"}},
    {"object_store", {"latency_ms", "max_rps"}},
};

/// The choices DESIGN.md lists for choice properties.
const std::map<std::string, std::vector<std::string>> kStableChoices{
    {"clients.arrival", {"poisson", "constant", "closed"}},
    {"clients.pattern", {"steady", "ramp", "diurnal", "spike"}},
    {"load_balancer.algorithm",
     {"round_robin", "weighted_round_robin", "least_connections", "random", "ip_hash", "sticky"}},
    {"web_server.service_dist", {"exponential", "constant", "lognormal", "uniform"}},
    {"cache.eviction", {"lru", "lfu", "fifo"}},
    {"cache.write_policy", {"invalidate", "update", "ttl_only"}},
    {"db_primary.replication", {"async", "semi_sync", "sync"}},
    {"db_primary.failover", {"auto", "manual"}},
    {"db_primary.recovery", {"none", "recovery_script", "multi_primary", "circular"}},
    {"shard_router.partitioning", {"hash_mod", "consistent", "range"}},
    {"queue.delivery", {"work_queue", "pub_sub"}},
    {"cdn.invalidation", {"purge", "versioning"}},
};

const std::set<std::string> kCategories{"Edge", "Compute", "Data", "Async", "Ops"};

bool isSnakeCase(const std::string& name) {
    if (name.empty() || !std::islower(static_cast<unsigned char>(name.front())))
        return false;
    for (char c : name)
        if (!(std::islower(static_cast<unsigned char>(c)) ||
              std::isdigit(static_cast<unsigned char>(c)) || c == '_'))
            return false;
    return true;
}

const PropertySpec* findProperty(const ComponentDescriptor& d, const std::string& path) {
    auto dot = path.find('.');
    const PropertySpec* spec = d.property(path.substr(0, dot));
    if (spec && dot != std::string::npos)
        return spec->field(path.substr(dot + 1));
    return spec;
}

/// Checks one spec (and a group's fields): a sound range, a default that passes the spec's
/// own check. Returns the first problem, or an empty string.
std::string checkSpec(const PropertySpec& spec, const std::string& path) {
    if (!isSnakeCase(spec.name))
        return path + ": name is not snake_case";
    if (spec.help.empty())
        return path + ": no help text";
    if (spec.min && spec.max && *spec.min > *spec.max)
        return path + ": min is above max";
    if (spec.type == PropertyType::Choice && spec.choices.empty())
        return path + ": a choice without choices";
    if (spec.type == PropertyType::Group) {
        if (spec.fields.empty())
            return path + ": an empty group";
        std::set<std::string> names;
        for (const auto& f : spec.fields) {
            if (!names.insert(f.name).second)
                return path + "." + f.name + ": field twice";
            std::string problem = checkSpec(f, path + "." + f.name);
            if (!problem.empty())
                return problem;
        }
        nlohmann::json defaults = nlohmann::json::object();
        for (const auto& f : spec.fields)
            defaults[f.name] = f.defaultValue;
        return sb::design::checkValue(spec, defaults, path);
    }
    if (spec.optional)
        return spec.defaultValue.is_null() ? std::string{}
                                           : path + ": an optional property has a default";
    return sb::design::checkValue(spec, spec.defaultValue, path);
}

} // namespace

class RegistryTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void everyDesignKindIsRegistered_data() {
        QTest::addColumn<QString>("kind");
        for (const auto& kind : kDesignKinds)
            QTest::newRow(kind.c_str()) << QString::fromStdString(kind);
    }

    void everyDesignKindIsRegistered() {
        QFETCH(QString, kind);
        QVERIFY2(ComponentRegistry::builtin().kind(kind.toStdString()),
                 "a kind DESIGN.md promises is not in the registry");
    }

    void registeredKindsAreWellDescribed_data() {
        QTest::addColumn<QString>("kind");
        for (const auto* d : ComponentRegistry::builtin().all())
            QTest::newRow(d->kind.c_str()) << QString::fromStdString(d->kind);
    }

    void registeredKindsAreWellDescribed() {
        QFETCH(QString, kind);
        const auto* k = ComponentRegistry::builtin().kind(kind.toStdString());
        QVERIFY(k);
        const ComponentDescriptor& d = k->descriptor;
        QVERIFY(isSnakeCase(d.kind));
        QVERIFY(!d.displayName.empty());
        QVERIFY(!d.iconName.empty());
        QVERIFY(!d.summary.empty());
        QVERIFY2(kCategories.count(d.category), d.category.c_str());
        QVERIFY(k->create);

        std::set<std::string> names;
        for (const auto& spec : d.properties) {
            QVERIFY2(names.insert(spec.name).second, spec.name.c_str());
            std::string problem = checkSpec(spec, d.kind + "." + spec.name);
            QVERIFY2(problem.empty(), problem.c_str());
        }
    }

    void linksGoOnlyToKnownRoles_data() { registeredKindsAreWellDescribed_data(); }

    void linksGoOnlyToKnownRoles() {
        QFETCH(QString, kind);
        const auto& d = ComponentRegistry::builtin().kind(kind.toStdString())->descriptor;
        QVERIFY2(!d.roles.empty(), (d.kind + " has no role").c_str());
        std::set<std::string_view> known;
        for (const auto* other : ComponentRegistry::builtin().all())
            known.insert(other->roles.begin(), other->roles.end());
        for (const auto* list : {&d.linksTo, &d.acceptsFrom}) {
            std::set<std::string_view> seen;
            for (std::string_view role : *list) {
                QVERIFY2(known.count(role), (d.kind + " names a role no kind has").c_str());
                QVERIFY2(seen.insert(role).second, (d.kind + " names a role twice").c_str());
            }
        }
        const auto& clients = ComponentRegistry::builtin().kind("clients")->descriptor;
        QVERIFY2(!sb::design::mayLink(d, clients), "nothing sends requests to clients");
    }

    // Roles decide which links may be drawn; among the kinds of the scaling path they allow
    // exactly the links those kinds named one by one before (a kind added later declares
    // its own links, so it is left out on both ends).
    void rolesAllowTheLinksOfTheScalingPath() {
        const std::set<std::string> scalingPath{
            "clients",      "dns",           "load_balancer", "cdn",        "web_server",
            "cache",        "session_store", "object_store",  "db_primary", "db_replica",
            "shard_router", "queue",         "worker",        "monitor"};
        const std::map<std::string, std::set<std::string>> expected{
            {"clients", {"dns", "load_balancer", "cdn", "web_server"}},
            {"dns", {"load_balancer", "web_server", "cdn"}},
            {"load_balancer", {"web_server"}},
            {"cdn", {"object_store", "load_balancer", "web_server"}},
            {"web_server",
             {"cache", "session_store", "db_primary", "db_replica", "shard_router", "queue",
              "object_store"}},
            {"db_primary", {"db_replica", "db_primary"}},
            {"shard_router", {"db_primary"}},
            {"queue", {"worker"}},
            {"worker",
             {"db_primary", "db_replica", "shard_router", "cache", "queue", "object_store"}},
        };
        const auto& registry = ComponentRegistry::builtin();
        for (const auto* from : registry.all()) {
            if (!scalingPath.count(from->kind))
                continue;
            std::set<std::string> actual;
            for (const std::string& to : registry.downstreamKinds(*from))
                if (scalingPath.count(to))
                    actual.insert(to);
            const auto it = expected.find(from->kind);
            QVERIFY2(actual == (it == expected.end() ? std::set<std::string>() : it->second),
                     from->kind.c_str());
        }
    }

    void onlyClientsAreTrafficSources() {
        for (const auto* d : ComponentRegistry::builtin().all())
            QCOMPARE(d->trafficSource(), d->kind == "clients");
    }

    void stablePropertyNamesExist_data() {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("property");
        for (const auto& [kind, properties] : kStableProperties) {
            if (!ComponentRegistry::builtin().find(kind))
                continue; // everyDesignKindIsRegistered reports a missing kind
            for (const auto& p : properties)
                QTest::newRow((kind + "." + p).c_str())
                    << QString::fromStdString(kind) << QString::fromStdString(p);
        }
    }

    void stablePropertyNamesExist() {
        QFETCH(QString, kind);
        QFETCH(QString, property);
        const auto* d = ComponentRegistry::builtin().find(kind.toStdString());
        QVERIFY(findProperty(*d, property.toStdString()));
    }

    void stableChoicesAreOffered_data() {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("property");
        for (const auto& [path, choices] : kStableChoices) {
            std::string kind = path.substr(0, path.find('.'));
            if (ComponentRegistry::builtin().find(kind))
                QTest::newRow(path.c_str()) << QString::fromStdString(kind)
                                            << QString::fromStdString(path.substr(kind.size() + 1));
        }
    }

    void stableChoicesAreOffered() {
        QFETCH(QString, kind);
        QFETCH(QString, property);
        const auto* d = ComponentRegistry::builtin().find(kind.toStdString());
        const PropertySpec* spec = findProperty(*d, property.toStdString());
        QVERIFY(spec);
        QVERIFY(spec->type == PropertyType::Choice);
        for (const auto& choice :
             kStableChoices.at(kind.toStdString() + "." + property.toStdString()))
            QVERIFY2(std::find(spec->choices.begin(), spec->choices.end(), choice) !=
                         spec->choices.end(),
                     choice.c_str());
    }

    void linkPropertiesHaveSoundDefaults() {
        for (const char* name : {"latency_ms", "jitter_ms"})
            QVERIFY2(sb::design::linkProperty(name), name);
        for (const auto& spec : sb::design::linkProperties()) {
            std::string problem = checkSpec(spec, "link." + spec.name);
            QVERIFY2(problem.empty(), problem.c_str());
        }
    }

    void kindsAreFoundByName() {
        const auto& registry = ComponentRegistry::builtin();
        QVERIFY(!registry.find("no_such_kind"));
        for (const auto* d : registry.all())
            QCOMPARE(registry.find(d->kind), d);
    }
};

QTEST_GUILESS_MAIN(RegistryTest)
#include "RegistryTest.moc"
