#pragma once

#include "emulator/Event.h"

#include <cstddef>
#include <vector>

namespace sb::emu {

/// The future event set: ordered by time, then by insertion sequence.
class EventSet {
public:
    virtual ~EventSet() = default;
    virtual void insert(const Event& event) = 0;
    virtual const Event& peek() const = 0; ///< the earliest event; the set must not be empty
    virtual Event pop() = 0;
    virtual bool empty() const = 0;
    virtual std::size_t size() const = 0;
};

/// A 4-ary implicit heap in one vector: no allocation per event once grown, good cache
/// behaviour. Measured against a binary heap and std::priority_queue in bench/.
class QuaternaryHeapEventSet final : public EventSet {
public:
    void insert(const Event& event) override;
    const Event& peek() const override { return m_heap.front(); }
    Event pop() override;
    bool empty() const override { return m_heap.empty(); }
    std::size_t size() const override { return m_heap.size(); }
    void reserve(std::size_t n) { m_heap.reserve(n); }

private:
    std::vector<Event> m_heap;
};

/// A plain binary heap, kept for comparison in the kernel benchmark.
class BinaryHeapEventSet final : public EventSet {
public:
    void insert(const Event& event) override;
    const Event& peek() const override { return m_heap.front(); }
    Event pop() override;
    bool empty() const override { return m_heap.empty(); }
    std::size_t size() const override { return m_heap.size(); }

private:
    std::vector<Event> m_heap;
};

} // namespace sb::emu
