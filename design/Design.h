#pragma once

#include "design/Ids.h"

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace sb::design {

struct Node {
    NodeId id;
    std::string kind;
    std::string label;
    std::string dc; ///< id of the containing data centre, empty when none
    double x = 0;
    double y = 0;
    nlohmann::json props = nlohmann::json::object(); ///< only the values the user set

    /// What people read: the label, or the id when there is none.
    const std::string& shownName() const { return label.empty() ? id.value : label; }
    bool operator==(const Node&) const = default;
};

struct Link {
    NodeId from;
    NodeId to;
    nlohmann::json props = nlohmann::json::object();

    LinkId id() const { return {from, to}; }
    bool operator==(const Link&) const = default;
};

struct DataCentre {
    DataCentreId id;
    std::string region;
    std::string label;
    double x = 0;
    double y = 0;
    double width = 0; ///< 0 = fit to the nodes it holds
    double height = 0;

    /// What people read: the label, or the id when there is none.
    const std::string& shownName() const { return label.empty() ? id.value : label; }
    bool operator==(const DataCentre&) const = default;
};

/// A scheduled fault: {"at_s": 30, "target": "db1", "action": "fail"} plus optional
/// parameters (duration_s, factor, fraction, peer, latency_ms, shards).
struct Fault {
    double atSeconds = 0;
    std::string target;
    std::string action;
    nlohmann::json params = nlohmann::json::object();

    bool operator==(const Fault&) const = default;
};

/// Latency between two regions, overriding the built-in matrix.
struct RegionLatency {
    std::string a;
    std::string b;
    double latencyMs = 0;
    bool operator==(const RegionLatency&) const = default;
};

/// Default run settings carried by a design (templates set them).
struct RunDefaults {
    std::optional<double> durationSeconds;
    std::optional<double> warmupSeconds;
    std::optional<std::uint64_t> seed;
    bool operator==(const RunDefaults&) const = default;
};

/// Targets a report judges a run against.
struct Targets {
    std::optional<double> p99Ms;
    std::optional<double> errorRate;
    std::optional<std::uint64_t> lostWrites;
    bool operator==(const Targets&) const = default;
};

/// Random failures by mean time between failures and to repair, with their own seed.
struct ChaosSettings {
    bool enabled = false;
    double mtbfSeconds = 120;
    double mttrSeconds = 20;
    std::uint64_t seed = 1;
    std::vector<std::string> kinds; ///< empty = every kind but clients
    bool operator==(const ChaosSettings&) const = default;
};

/// The design document: what a user draws. Plain values, no behaviour.
struct Design {
    std::string name;
    std::string description;
    std::vector<DataCentre> datacentres;
    std::vector<Node> nodes;
    std::vector<Link> links;
    std::vector<Fault> faults;
    std::vector<RegionLatency> regionLatencies;
    RunDefaults run;
    Targets targets;
    ChaosSettings chaos;

    const Node* node(const NodeId& id) const;
    Node* node(const NodeId& id);
    const DataCentre* dataCentre(const DataCentreId& id) const;
    const Link* link(const LinkId& id) const;
    std::vector<const Link*> linksFrom(const NodeId& id) const;
    std::vector<const Link*> linksTo(const NodeId& id) const;

    bool operator==(const Design&) const = default;
};

} // namespace sb::design
