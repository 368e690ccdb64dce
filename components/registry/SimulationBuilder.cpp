#include "components/registry/SimulationBuilder.h"

#include "components/common/CommonOutcomes.h"
#include "components/common/NodeRoles.h"
#include "components/datacenter/RegionMatrix.h"
#include "components/faults/CommandApplier.h"
#include "components/registry/BuildContext.h"
#include "design/LinkProperties.h"
#include "emulator/RunControl.h"

#include <stdexcept>

namespace sb::comp {

namespace {

double linkNumber(const design::Link& link, const char* name) {
    auto it = link.props.find(name);
    if (it != link.props.end())
        return it->get<double>();
    return design::linkProperty(name)->defaultValue.get<double>();
}

std::string regionOf(const design::Design& d, const design::Node& n) {
    const design::DataCentre* dc = n.dc.empty() ? nullptr : d.dataCentre({n.dc});
    return dc ? dc->region : std::string{};
}

} // namespace

std::unique_ptr<emu::Simulation> buildSimulation(const design::Design& design,
                                                 const ComponentRegistry& registry,
                                                 std::uint64_t seed) {
    auto sim = std::make_unique<emu::Simulation>(seed);
    commonOutcomes(*sim); // first, so its codes and columns come first in every run
    RegionMatrix regions(design.regionLatencies);
    for (const auto& n : design.nodes) {
        const ComponentKind* kind = registry.kind(n.kind);
        if (!kind)
            throw std::invalid_argument("node '" + n.id.value + "' has unknown kind '" + n.kind +
                                        "'");
        BuildContext context(*sim, design, n, kind->descriptor, regions, registry);
        const emu::Node& node = kind->create(context);
        sim->service<NodeRoles>().set(node.index(), kind->descriptor.roles);
    }
    for (const auto& l : design.links) {
        const emu::Node* from = sim->findNode(l.from.value);
        const emu::Node* to = sim->findNode(l.to.value);
        if (!from || !to)
            throw std::invalid_argument("link " + l.from.value + "->" + l.to.value +
                                        " is dangling");
        const double regionMs = regions.latencyMs(regionOf(design, *design.node(l.from)),
                                                  regionOf(design, *design.node(l.to)));
        sim->addLink(from->index(), to->index(),
                     emu::fromMillis(linkNumber(l, "latency_ms") + regionMs),
                     emu::fromMillis(linkNumber(l, "jitter_ms")), linkNumber(l, "loss"));
    }
    prepareCommands(*sim, design, registry);
    return sim;
}

emu::RunSettings runSettingsFor(const design::Design& design) {
    emu::RunSettings s;
    if (design.run.durationSeconds)
        s.durationSeconds = *design.run.durationSeconds;
    if (design.run.warmupSeconds)
        s.warmupSeconds = *design.run.warmupSeconds;
    if (design.run.seed)
        s.seed = *design.run.seed;
    return s;
}

emu::RunResult runDesign(const design::Design& design, const emu::RunSettings& settings,
                         const ComponentRegistry& registry) {
    emu::RunControl control(buildSimulation(design, registry, settings.seed), settings);
    return control.runHere();
}

} // namespace sb::comp
