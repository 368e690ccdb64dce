#include "components/clients/ClientsKind.h"

#include "components/clients/ClientPopulation.h"
#include "components/common/CallPolicy.h"
#include "components/registry/BuildContext.h"
#include "design/PropertyBuilders.h"
#include "design/Roles.h"

namespace sb::comp {
using namespace sb::design::builders;
namespace roles = sb::design::roles;

namespace {

design::ComponentDescriptor clientsDescriptor() {
    design::ComponentDescriptor d;
    d.kind = "clients";
    d.displayName = "Clients";
    d.iconName = "clients";
    d.category = "Edge";
    d.summary = "A population of users sending requests: where traffic enters the design";
    d.roles = {roles::kTrafficSource};
    d.linksTo = {roles::kResolver, roles::kBalancer, roles::kEdgeCache, roles::kServer};
    d.shape = design::DiagramShape::Actor;
    d.measured = false;
    d.chaosEligible = false;
    d.forwards = true;
    auto rate = numberProperty("rate_rps", 0, 0, 1e8, "req/s",
                               "Total request rate; overrides users x requests per user");
    rate.optional = true;
    rate.defaultValue = nullptr;
    auto mix = groupProperty(
        "mix",
        {numberProperty("read", 0.8, 0, 1, "fraction", "Page views: cache, then database"),
         numberProperty("write", 0.1, 0, 1, "fraction", "Updates: primary or owning shard"),
         numberProperty("static", 0.1, 0, 1, "fraction", "Assets: CDN, then origin"),
         numberProperty("async", 0.0, 0, 1, "fraction", "Jobs: published to a queue"),
         numberProperty("join", 0.0, 0, 1, "fraction",
                        "Reads that span every shard (scatter-gather)")},
        "Fractions of each request class; they add up to 1");
    mix.fractionsSumToOne = true;
    auto traffic = textProperty(
        "traffic_log", "",
        "A web server access log (common or combined format) whose requests replace the "
        "generated arrivals: times, methods and paths, client addresses");
    traffic.filePath = true;
    d.properties = {
        integerProperty("users", 1000, 1, 1e9, "users", "How many users this population has"),
        rate,
        numberProperty("requests_per_user_per_min", 1, 0, 6000, "req/min",
                       "Requests each user sends per minute (open loop)"),
        choiceProperty("arrival", {"poisson", "constant", "closed"},
                       "Poisson or evenly spaced arrivals, or closed loop: each user waits "
                       "for the answer, thinks, then asks again"),
        numberProperty("think_s", 5, 0, 3600, "s",
                       "Mean think time between requests (closed loop)"),
        choiceProperty("pattern", {"steady", "ramp", "diurnal", "spike"},
                       "How the rate changes over the run"),
        numberProperty("pattern_peak", 3, 1, 1000, "x",
                       "Ramp end, diurnal peak or spike height, as a multiple of the base rate"),
        numberProperty("pattern_period_s", 60, 1, 86400, "s", "Ramp length or diurnal period"),
        numberProperty("spike_at_s", 20, 0, 86400, "s", "When the spike starts"),
        numberProperty("spike_s", 10, 0, 86400, "s", "How long the spike lasts"),
        mix,
        integerProperty("keys", 100000, 1, 1e8, "keys", "How many distinct data keys exist"),
        numberProperty("zipf_s", 0.99, 0, 3, "", "Skew of key popularity (0 = uniform)"),
        numberProperty("user_skew", 0, 0, 3, "",
                       "Skew of activity across users (0 = all alike; higher = a few heavy users)"),
        numberProperty("timeout_ms", 5000, 1, 600000, "ms",
                       "A request slower than this counts as failed"),
        textProperty("region", "us-east",
                     "Where the users are (geoDNS sends them to the nearest data centre)"),
        traffic,
        numberProperty("traffic_speed", 1, 0.01, 1000, "x",
                       "Replay speed of the traffic log (2 = twice as fast as logged)"),
        callPolicyProperty(),
    };
    d.outLinkProperties = {linkCallPolicyProperty()};
    return d;
}

} // namespace

ComponentKind clientsKind() {
    return {clientsDescriptor(),
            [](BuildContext& c) -> emu::Node& { return c.sim.addNode<ClientPopulation>(c); }};
}

} // namespace sb::comp
