#include "components/faults/ChaosMonkey.h"

#include "emulator/RandomStream.h"

#include <algorithm>

namespace sb::comp {

namespace {

struct ChaosNode {
    emu::Node* node;
    emu::RandomStream rng;
    double mtbf, mttr;
};

void scheduleNext(emu::Simulation& sim, std::shared_ptr<ChaosNode> c, bool failNext) {
    const double mean = failNext ? c->mtbf : c->mttr;
    const emu::Time at = sim.now() + emu::fromSeconds(c->rng.exponential(mean));
    sim.at(at, [&sim, c, failNext] {
        if (failNext) {
            c->node->fail();
            sim.logEvent("chaos", c->node->id(), "failed by chaos mode");
        } else {
            c->node->recover();
        }
        scheduleNext(sim, c, !failNext);
    });
}

} // namespace

void scheduleChaos(emu::Simulation& sim, std::shared_ptr<const design::Design> design) {
    const auto& chaos = design->chaos;
    for (const auto& n : design->nodes) {
        if (n.kind == "clients" || n.kind == "monitor")
            continue;
        if (!chaos.kinds.empty() &&
            std::find(chaos.kinds.begin(), chaos.kinds.end(), n.kind) == chaos.kinds.end())
            continue;
        emu::Node* node = sim.findNode(n.id.value);
        if (!node)
            continue;
        auto c = std::make_shared<ChaosNode>(
            ChaosNode{node, emu::RandomStream(chaos.seed, n.id.value, "chaos"), chaos.mtbfSeconds,
                      chaos.mttrSeconds});
        scheduleNext(sim, c, true);
    }
}

} // namespace sb::comp
