#include "emulator/Simulation.h"

#include <algorithm>
#include <atomic>

namespace sb::emu {

/// Runs one-off actions at chosen virtual times.
class Simulation::ActionRunner final : public Entity {
public:
    explicit ActionRunner(Simulation& sim)
        : m_sim(sim)
        , m_entity(sim.kernel().addEntity(this)) {}
    TimerHandle add(Time when, std::function<void()> action) {
        std::uint64_t slot;
        if (m_free.empty()) {
            slot = m_actions.size();
            m_actions.push_back(std::move(action));
        } else {
            slot = m_free.back();
            m_free.pop_back();
            m_actions[slot] = std::move(action);
        }
        return m_sim.kernel().scheduleCancellable(std::max(when, m_sim.now()), m_entity, 0, slot);
    }
    void cancel(TimerHandle handle) {
        std::uint64_t slot = 0;
        if (m_sim.kernel().pendingTarget(handle) != m_entity ||
            !m_sim.kernel().cancel(handle, &slot))
            return;
        m_actions[slot] = nullptr;
        m_free.push_back(slot);
    }
    std::uint32_t entity() const { return m_entity; }
    void handleEvent(std::uint32_t, std::uint64_t slot) override {
        auto action = std::move(m_actions[slot]);
        m_actions[slot] = nullptr;
        m_free.push_back(slot);
        action();
    }

private:
    Simulation& m_sim;
    std::uint32_t m_entity;
    std::vector<std::function<void()>> m_actions;
    std::vector<std::uint64_t> m_free;
};

std::size_t Simulation::nextServiceIndex() {
    static std::atomic<std::size_t> next{0};
    return next++;
}

Simulation::Simulation(std::uint64_t seed)
    : m_seed(seed)
    , m_network(m_kernel, m_requests, m_nodes)
    , m_sampler(*this)
    , m_actions(std::make_unique<ActionRunner>(*this)) {}

Simulation::~Simulation() = default;

void Simulation::adopt(std::unique_ptr<Node> node) {
    node->m_index = static_cast<std::uint32_t>(m_nodes.size());
    node->m_entity = m_kernel.addEntity(node.get());
    m_nodeIndex[node->id()] = node->m_index;
    m_nodes.push_back(std::move(node));
}

std::uint32_t Simulation::addLink(std::uint32_t from, std::uint32_t to, Time latency, Time jitter,
                                  double loss) {
    Link l;
    l.from = from;
    l.to = to;
    l.latency = latency;
    l.jitter = jitter;
    l.loss = loss;
    l.rng = stream(m_nodes[from]->id() + "->" + m_nodes[to]->id(), "link");
    l.messageRng = stream(m_nodes[from]->id() + "->" + m_nodes[to]->id(), "link messages");
    const std::uint32_t index = m_network.add(std::move(l));
    m_nodes[from]->m_outLinks.push_back(index);
    m_nodes[to]->m_inLinks.push_back(index);
    return index;
}

Node* Simulation::findNode(const std::string& id) const {
    auto it = m_nodeIndex.find(id);
    return it == m_nodeIndex.end() ? nullptr : m_nodes[it->second].get();
}

std::string Simulation::describeEntity(std::uint32_t entity) const {
    for (const auto& n : m_nodes)
        if (n->entity() == entity)
            return "node '" + n->id() + "' (" + n->kind() + ")";
    if (entity == m_sampler.entity())
        return "the series sampler";
    if (m_actions && entity == m_actions->entity())
        return "a scheduled action (a fault, a command or a live change)";
    return "the engine";
}

void Simulation::logEvent(std::string kind, std::string node, std::string detail) {
    m_log.add(now(), std::move(kind), std::move(node), std::move(detail));
}

TimerHandle Simulation::at(Time when, std::function<void()> action) {
    return m_actions->add(when, std::move(action));
}

void Simulation::cancel(TimerHandle& action) {
    m_actions->cancel(action);
    action = {};
}

void Simulation::start(Time resolution, Time warmup) {
    if (m_started)
        return;
    m_started = true;
    m_metrics.setWarmupEnd(warmup);
    m_sampler.setUp(resolution);
    for (const auto& n : m_nodes)
        n->start();
    m_sampler.arm(warmup);
}

} // namespace sb::emu
