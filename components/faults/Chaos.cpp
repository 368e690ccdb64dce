#include "components/faults/Chaos.h"

#include "emulator/RandomStream.h"

#include <algorithm>
#include <sstream>

namespace sb::comp {

struct Chaos::State {
    struct Target {
        emu::Node* node;
        emu::RandomStream rng;
        bool failedByChaos = false;
        emu::TimerHandle next; ///< the next failure or recovery; a stop cancels it
    };
    bool active = false;
    double mtbf = 120, mttr = 20;
    std::vector<Target> targets;
};

Chaos::Chaos()
    : m_state(std::make_shared<State>()) {}

void Chaos::scheduleNext(emu::Simulation& sim, const std::shared_ptr<State>& state,
                         std::size_t target, bool failNext) {
    auto& t = state->targets[target];
    const double mean = failNext ? state->mtbf : state->mttr;
    t.next = sim.at(sim.now() + emu::fromSeconds(t.rng.exponential(mean)),
                    [&sim, state, target, failNext] {
                        auto& t = state->targets[target];
                        t.next = {};
                        if (failNext) {
                            if (t.node->isUp()) {
                                t.node->fail();
                                t.failedByChaos = true;
                                sim.logEvent("chaos", t.node->id(), "failed by chaos mode");
                            }
                        } else if (t.failedByChaos) {
                            t.node->recover();
                            t.failedByChaos = false;
                        }
                        scheduleNext(sim, state, target, !failNext);
                    });
}

void Chaos::start(emu::Simulation& sim, const design::Design& design,
                  const design::DescriptorCatalog& catalog, const design::ChaosSettings& settings) {
    stop(sim);
    auto& s = *m_state;
    s.active = true;
    s.mtbf = settings.mtbfSeconds;
    s.mttr = settings.mttrSeconds;
    s.targets.clear();
    for (const auto& n : design.nodes) {
        const design::ComponentDescriptor* d = catalog.find(n.kind);
        if (!d || !d->chaosEligible)
            continue;
        if (!settings.kinds.empty() &&
            std::find(settings.kinds.begin(), settings.kinds.end(), n.kind) == settings.kinds.end())
            continue;
        if (emu::Node* node = sim.findNode(n.id.value))
            s.targets.push_back(
                {node, emu::RandomStream(settings.seed, n.id.value, "chaos"), false, {}});
    }
    std::ostringstream detail;
    detail << "mtbf_s=" << s.mtbf << " mttr_s=" << s.mttr << " seed=" << settings.seed;
    sim.logEvent("chaos_started", {}, detail.str());
    for (std::size_t i = 0; i < s.targets.size(); ++i)
        scheduleNext(sim, m_state, i, true);
}

void Chaos::stop(emu::Simulation& sim) {
    auto& s = *m_state;
    if (!s.active)
        return;
    s.active = false;
    for (auto& t : s.targets) {
        sim.cancel(t.next);
        if (t.failedByChaos) {
            t.node->recover();
            t.failedByChaos = false;
        }
    }
    sim.logEvent("chaos_stopped", {});
}

} // namespace sb::comp
