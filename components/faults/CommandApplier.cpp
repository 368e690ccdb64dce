#include "components/faults/FaultInjector.h"

#include "components/faults/ChaosMonkey.h"

#include <memory>
#include <sstream>

namespace sb::comp {

namespace {

double param(const design::Fault& f, const char* name, double fallback) {
    auto it = f.params.find(name);
    return it != f.params.end() && it->is_number() ? it->get<double>() : fallback;
}

std::vector<emu::Node*> nodesIn(emu::Simulation& sim, const design::Design& d,
                                const std::string& dc) {
    std::vector<emu::Node*> out;
    for (const auto& n : d.nodes)
        if (n.dc == dc)
            if (emu::Node* node = sim.findNode(n.id.value))
                out.push_back(node);
    return out;
}

emu::Link* findLink(emu::Simulation& sim, const std::string& target) {
    auto arrow = target.find("->");
    if (arrow == std::string::npos)
        return nullptr;
    emu::Node* from = sim.findNode(target.substr(0, arrow));
    emu::Node* to = sim.findNode(target.substr(arrow + 2));
    if (!from || !to)
        return nullptr;
    for (auto& l : sim.links())
        if (l.from == from->index() && l.to == to->index())
            return &l;
    return nullptr;
}

void cutBetween(emu::Simulation& sim, const design::Design& d, const std::string& a,
                const std::string& b, bool cut) {
    auto dcOf = [&](std::uint32_t nodeIndex) {
        const design::Node* n = d.node({sim.node(nodeIndex).id()});
        return n ? n->dc : std::string{};
    };
    for (auto& l : sim.links()) {
        const std::string from = dcOf(l.from), to = dcOf(l.to);
        if ((from == a && to == b) || (from == b && to == a))
            l.cut = cut;
    }
}

design::Fault inverse(const design::Fault& f) {
    design::Fault undo = f;
    undo.params.erase("duration_s");
    if (f.action == "fail")
        undo.action = "recover";
    else if (f.action == "slow")
        undo.action = "unslow";
    else if (f.action == "partition")
        undo.action = "heal";
    else if (f.action == "drop")
        undo.params["fraction"] = 0.0;
    else if (f.action == "spike")
        undo.params["factor"] = 1.0;
    else
        undo.action.clear();
    return undo;
}

} // namespace

std::string applyFault(emu::Simulation& sim, const design::Design& d, const design::Fault& f) {
    emu::Node* node = sim.findNode(f.target);
    const bool isDc = d.dataCentre({f.target}) != nullptr;
    emu::Link* link = node || isDc ? nullptr : findLink(sim, f.target);
    if (!node && !isDc && !link)
        return "no node, data centre or link called '" + f.target + "'";
    const std::string& a = f.action;
    if (a == "fail" || a == "recover") {
        const bool fail = a == "fail";
        if (link) {
            link->cut = fail;
            sim.logEvent(fail ? "link_cut" : "link_restored", f.target);
        } else if (isDc) {
            sim.logEvent(fail ? "dc_failed" : "dc_recovered", f.target);
            for (emu::Node* n : nodesIn(sim, d, f.target))
                fail ? n->fail() : n->recover();
        } else {
            fail ? node->fail() : node->recover();
        }
    } else if (a == "slow" || a == "unslow") {
        const double factor = a == "slow" ? param(f, "factor", 3.0) : 1.0;
        const double extraMs = a == "slow" ? param(f, "latency_ms", 0.0) : 0.0;
        if (link) {
            link->extraLatency = emu::fromMillis(extraMs > 0 ? extraMs : (factor - 1) * 10.0);
        } else {
            std::vector<emu::Node*> targets = isDc ? nodesIn(sim, d, f.target) : std::vector{node};
            for (emu::Node* n : targets)
                n->setSlowdown(factor);
        }
        std::ostringstream detail;
        detail << "factor=" << factor;
        sim.logEvent(a == "slow" ? "slowed" : "unslowed", f.target,
                     a == "slow" ? detail.str() : "");
    } else if (a == "drop") {
        if (!link)
            return "drop needs a link target (\"from->to\")";
        link->loss = param(f, "fraction", 0.1);
        std::ostringstream detail;
        detail << "fraction=" << link->loss;
        sim.logEvent("link_loss", f.target, detail.str());
    } else if (a == "partition" || a == "heal") {
        const std::string peer = f.params.value("peer", std::string{});
        if (!isDc || !d.dataCentre({peer}))
            return a + " needs two data centres";
        cutBetween(sim, d, f.target, peer, a == "partition");
        sim.logEvent(a == "partition" ? "partition" : "partition_healed", f.target, "peer=" + peer);
    } else {
        if (!node)
            return a + " needs a node target";
        double value = 1.0;
        std::string property = a;
        if (a == "spike")
            value = param(f, "factor", 5.0);
        else if (a == "add_shard" || a == "remove_shard")
            value = param(f, "shards", 1.0);
        else if (a == "set") {
            property = f.params.value("property", std::string{});
            auto v = f.params.find("value");
            if (v == f.params.end() || !v->is_number())
                return "set needs a numeric \"value\"";
            value = v->get<double>();
        }
        if (!node->applyProperty(property, value))
            return "a " + node->kind() + " does not take '" + property + "'";
        if (a == "set") {
            std::ostringstream detail;
            detail << property << "=" << value;
            sim.logEvent("property_changed", node->id(), detail.str());
        }
    }
    return {};
}

void scheduleFaults(emu::Simulation& sim, const design::Design& design) {
    auto shared = std::make_shared<const design::Design>(design);
    for (const auto& f : design.faults) {
        sim.at(emu::fromSeconds(f.atSeconds), [&sim, shared, f] {
            std::string problem = applyFault(sim, *shared, f);
            if (!problem.empty())
                sim.logEvent("fault_ignored", f.target, problem);
        });
        const double duration = param(f, "duration_s", 0.0);
        design::Fault undo = inverse(f);
        if (duration > 0 && !undo.action.empty())
            sim.at(emu::fromSeconds(f.atSeconds + duration),
                   [&sim, shared, undo] { applyFault(sim, *shared, undo); });
    }
    if (design.chaos.enabled)
        scheduleChaos(sim, shared);
}

} // namespace sb::comp
