#include "components/faults/CommandApplier.h"

#include "design/PropertyValues.h"
#include "design/Roles.h"

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

std::string describe(const std::string& what, double value, double seconds) {
    std::ostringstream out;
    out << what << value << " for " << seconds << " s";
    return out.str();
}

} // namespace

CommandApplier& CommandApplier::of(emu::Simulation& sim) {
    return sim.service<CommandApplier>();
}

void CommandApplier::prepare(std::shared_ptr<const design::Design> design,
                             const design::DescriptorCatalog& catalog) {
    m_design = std::move(design);
    m_catalog = &catalog;
}

std::string CommandApplier::apply(emu::Simulation& sim, const Command& command) {
    if (!m_design || !m_catalog)
        return "the simulation was not prepared for commands";
    std::string problem = std::visit([&](const auto& c) { return applyOne(sim, c); }, command);
    if (!problem.empty()) {
        const auto* fault = std::get_if<command::Fault>(&command);
        sim.logEvent("fault_ignored", fault ? fault->fault.target : std::string{}, problem);
    }
    return problem;
}

void CommandApplier::schedule(emu::Simulation& sim, emu::Time at, Command command) {
    sim.at(at, [this, &sim, command = std::move(command)] { apply(sim, command); });
}

std::string CommandApplier::applyOne(emu::Simulation& sim, const command::Fault& c) {
    const design::Design& d = *m_design;
    const design::Fault& f = c.fault;
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

std::string CommandApplier::applyOne(emu::Simulation& sim, const command::SetProperty& c) {
    emu::Node* target = sim.findNode(c.node);
    if (!target)
        return "no node called '" + c.node + "'";
    const bool taken = target->applyProperty(c.name, c.value);
    if (c.log) {
        std::ostringstream detail;
        detail << c.name << "=" << c.value;
        if (!taken)
            detail << " (applies to the next run)";
        sim.logEvent(taken ? "property_changed" : "live_edit_ignored", c.node, detail.str());
    }
    return {};
}

std::string CommandApplier::applyOne(emu::Simulation& sim, const command::Burst& c) {
    for (const auto& id : c.nodes) {
        emu::Node* n = sim.findNode(id);
        if (!n || !n->applyProperty(c.property, c.value))
            continue;
        sim.logEvent("burst", id, describe(c.what + ": " + c.property + "=", c.value, c.seconds));
        sim.at(sim.now() + emu::fromSeconds(c.seconds), [&sim, n, c] {
            n->applyProperty(c.property, c.restore);
            sim.logEvent("burst_over", n->id(), c.what);
        });
    }
    return {};
}

std::string CommandApplier::applyOne(emu::Simulation& sim, const command::CacheMissStorm& c) {
    for (const auto& node : m_design->nodes) {
        const design::ComponentDescriptor* d = m_catalog->find(node.kind);
        if (!d || !(d->hasRole(design::roles::kCache) || d->hasRole(design::roles::kEdgeCache)))
            continue;
        emu::Node* n = sim.findNode(node.id.value);
        if (!n)
            continue;
        const double ttl = design::PropertyValues(*d, node.props).number("ttl_s");
        if (!n->applyProperty("ttl_s", 0.001))
            continue;
        // A restart empties it: every key misses until it is fetched again.
        n->fail();
        n->recover();
        sim.logEvent("burst", node.id.value,
                     describe("cache-miss storm: ttl_s=", 0.001, c.seconds));
        sim.at(sim.now() + emu::fromSeconds(c.seconds), [&sim, n, ttl] {
            n->applyProperty("ttl_s", ttl);
            sim.logEvent("burst_over", n->id(), "cache-miss storm");
        });
    }
    return {};
}

std::string CommandApplier::applyOne(emu::Simulation& sim, const command::StartChaos& c) {
    m_chaos.start(sim, *m_design, *m_catalog, c.settings);
    return {};
}

std::string CommandApplier::applyOne(emu::Simulation& sim, const command::StopChaos&) {
    m_chaos.stop(sim);
    return {};
}

std::string CommandApplier::applyOne(emu::Simulation& sim, const command::Note& c) {
    sim.logEvent(c.kind, c.node, c.detail);
    return {};
}

void prepareCommands(emu::Simulation& sim, const design::Design& design,
                     const design::DescriptorCatalog& catalog) {
    CommandApplier& applier = CommandApplier::of(sim);
    applier.prepare(std::make_shared<const design::Design>(design), catalog);
    for (const auto& f : design.faults) {
        applier.schedule(sim, emu::fromSeconds(f.atSeconds), command::Fault{f});
        const double duration = param(f, "duration_s", 0.0);
        design::Fault undo = inverse(f);
        if (duration > 0 && !undo.action.empty())
            applier.schedule(sim, emu::fromSeconds(f.atSeconds + duration), command::Fault{undo});
    }
    if (design.chaos.enabled)
        applier.schedule(sim, 0, command::StartChaos{design.chaos});
}

} // namespace sb::comp
