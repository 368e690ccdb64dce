#pragma once

#include "emulator/Event.h"

#include <cstddef>
#include <vector>

namespace sb::emu {

namespace heap {

template <std::size_t Arity> inline void siftUp(std::vector<Event>& heap, std::size_t i) {
    Event moving = heap[i];
    while (i > 0) {
        std::size_t parent = (i - 1) / Arity;
        if (!moving.before(heap[parent]))
            break;
        heap[i] = heap[parent];
        i = parent;
    }
    heap[i] = moving;
}

template <std::size_t Arity> inline void siftDown(std::vector<Event>& heap, std::size_t i) {
    const std::size_t n = heap.size();
    Event moving = heap[i];
    for (;;) {
        std::size_t first = i * Arity + 1;
        if (first >= n)
            break;
        std::size_t best = first;
        std::size_t last = first + Arity < n ? first + Arity : n;
        for (std::size_t c = first + 1; c < last; ++c)
            if (heap[c].before(heap[best]))
                best = c;
        if (!heap[best].before(moving))
            break;
        heap[i] = heap[best];
        i = best;
    }
    heap[i] = moving;
}

template <std::size_t Arity> inline Event pop(std::vector<Event>& heap) {
    Event top = heap.front();
    heap.front() = heap.back();
    heap.pop_back();
    if (!heap.empty())
        siftDown<Arity>(heap, 0);
    return top;
}

} // namespace heap

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
    void insert(const Event& event) override {
        m_heap.push_back(event);
        heap::siftUp<4>(m_heap, m_heap.size() - 1);
    }
    const Event& peek() const override { return m_heap.front(); }
    Event pop() override { return heap::pop<4>(m_heap); }
    bool empty() const override { return m_heap.empty(); }
    std::size_t size() const override { return m_heap.size(); }
    void reserve(std::size_t n) { m_heap.reserve(n); }

private:
    std::vector<Event> m_heap;
};

/// A FIFO ring of events, grown by doubling: a Kernel lane.
class EventRing {
public:
    bool empty() const { return m_size == 0; }
    std::size_t size() const { return m_size; }
    const Event& front() const { return m_ring[m_head]; }
    const Event& back() const { return m_ring[(m_head + m_size - 1) & (m_ring.size() - 1)]; }
    void push(const Event& e) {
        if (m_size == m_ring.size())
            grow();
        m_ring[(m_head + m_size) & (m_ring.size() - 1)] = e;
        ++m_size;
    }
    void pop() {
        m_head = (m_head + 1) & (m_ring.size() - 1);
        --m_size;
    }

private:
    void grow();
    std::vector<Event> m_ring; ///< a power of two long
    std::size_t m_head = 0, m_size = 0;
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
