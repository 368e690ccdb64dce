#pragma once

#include "emulator/Event.h"

#include <cstddef>
#include <cstdint>
#include <memory>
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

/// A growable array of events whose push inlines (std::vector's does not, here): a
/// RadixEventSet bucket. Clearing keeps the storage.
class EventStack {
public:
    std::size_t size() const { return m_size; }
    Event* begin() { return m_data.get(); }
    Event* end() { return m_data.get() + m_size; }
    const Event& operator[](std::size_t i) const { return m_data[i]; }
    Event& operator[](std::size_t i) { return m_data[i]; }
    const Event& back() const { return m_data[m_size - 1]; }
    /// Pushes an event given as its fields (see Event::set).
    void push(Time time, std::uint64_t sequence, std::uint32_t target, std::uint32_t kind,
              std::uint64_t payload) {
        append().set(time, sequence, target, kind, payload);
    }
    /// Adds a place at the end, its fields left as they were, and returns it.
    Event& append() {
        if (m_size == m_capacity) [[unlikely]]
            grow();
        return m_data[m_size++];
    }
    void clear() { m_size = 0; }

private:
    void grow();
    std::unique_ptr<Event[]> m_data;
    std::size_t m_size = 0, m_capacity = 0;
};

/// A radix heap (Ahuja, Mehlhorn, Orlin and Tarjan, 1990) for a monotone event set: no
/// event is inserted to fall due before the last one popped, as in a kernel whose clock
/// never goes back. Bucket b > 0 holds the events whose time first differs from a base
/// time at bit b - 1; every event of a bucket is earlier than those of the buckets above
/// it. The earliest events wait in a sorted run. When the run is empty, the lowest bucket
/// becomes the run if it is small (sorted, the base kept), or else it is split: the base
/// becomes its earliest time and each of its events moves into a lower bucket, so an event
/// moves a few times at most and meets no comparisons but the scan for the minimum. An
/// insert is a push onto its bucket, or a sorted insert into the run when it falls due
/// within it. The order is the heap's, time then sequence. An insert before the base (the
/// kernel dropped a cancelled event without moving its clock) re-buckets everything.
class RadixEventSet final : public EventSet {
public:
    void insert(const Event& event) override {
        insert(event.time, event.sequence, event.target, event.kind, event.payload);
    }
    /// Inserts an event given as its fields, as the kernel schedules them (see Event::set).
    void insert(Time time, std::uint64_t sequence, std::uint32_t target, std::uint32_t kind,
                std::uint64_t payload) {
        if (time < m_base) [[unlikely]]
            rebucket(time);
        ++m_size;
        const Event::Order order = Event::orderOf(time, sequence);
        if (m_head < m_run.size() && order < m_run.back().order()) {
            insertIntoRun(time, sequence, target, kind, payload);
            return;
        }
        const int b = place(time, sequence, target, kind, payload);
        // The cached minimum stays right unless the event lands below or beside it.
        if (b == 0 || m_minBucket < 0)
            return;
        if (b < m_minBucket) {
            m_minBucket = b;
            m_minIndex = 0;
        } else if (b == m_minBucket && order < m_buckets[b][m_minIndex].order()) {
            m_minIndex = m_buckets[b].size() - 1;
        }
    }
    const Event& peek() const override {
        if (m_head < m_run.size())
            return m_run[m_head];
        if (m_minBucket < 0)
            findMinimum();
        return m_buckets[m_minBucket][m_minIndex];
    }
    Event pop() override {
        const Event e = peek();
        removeFirst();
        return e;
    }
    /// Takes out the earliest event (what peek returned) without copying it.
    void removeFirst() {
        if (m_head == m_run.size())
            refill();
        if (++m_head == m_run.size()) {
            m_run.clear();
            m_head = 0;
        }
        --m_size;
    }
    bool empty() const override { return m_size == 0; }
    std::size_t size() const override { return m_size; }

private:
    static constexpr int kBuckets = 64;
    /// A lowest bucket this small becomes the run as it is, sorted.
    static constexpr std::size_t kSmallBucket = 8;
    int bucketOf(Time t) const {
        const auto diff = static_cast<std::uint64_t>(t ^ m_base);
        return diff == 0 ? 0 : kBuckets - __builtin_clzll(diff);
    }
    /// Puts an event in its bucket (0: the run, which it is not before) and returns which.
    int place(const Event& e) { return place(e.time, e.sequence, e.target, e.kind, e.payload); }
    int place(Time time, std::uint64_t sequence, std::uint32_t target, std::uint32_t kind,
              std::uint64_t payload) {
        const int b = bucketOf(time);
        if (b == 0) {
            m_run.push(time, sequence, target, kind, payload);
        } else {
            m_buckets[b].push(time, sequence, target, kind, payload);
            m_occupied |= std::uint64_t{1} << b;
        }
        return b;
    }
    void insertIntoRun(const Event& e) {
        insertIntoRun(e.time, e.sequence, e.target, e.kind, e.payload);
    }
    void insertIntoRun(Time time, std::uint64_t sequence, std::uint32_t target, std::uint32_t kind,
                       std::uint64_t payload);
    /// Finds the earliest event of the lowest non-empty bucket (cached until an insert or
    /// pop changes it).
    void findMinimum() const;
    /// Fills the empty run from the lowest bucket.
    void refill();
    void rebucket(Time base);

    EventStack m_run; ///< the earliest events, sorted, from m_head on
    std::size_t m_head = 0;
    EventStack m_buckets[kBuckets]; ///< [0] unused: events due at the base join the run
    std::uint64_t m_occupied = 0;   ///< bit b: bucket b holds events
    Time m_base = 0;
    std::size_t m_size = 0;
    mutable int m_minBucket = -1; ///< where findMinimum found the minimum; -1: not known
    mutable std::size_t m_minIndex = 0;
};

/// A FIFO ring of events, grown by doubling: a Kernel lane.
class EventRing {
public:
    bool empty() const { return m_size == 0; }
    std::size_t size() const { return m_size; }
    const Event& front() const { return m_ring[m_head]; }
    /// The time of the newest event (of an empty ring: the last one it held, or 0); kept
    /// beside the indices, so a push checks it without reaching into the ring.
    Time backTime() const { return m_backTime; }
    /// Pushes an event given as its fields (see Event::set).
    void push(Time time, std::uint64_t sequence, std::uint32_t target, std::uint32_t kind,
              std::uint64_t payload) {
        if (m_size == m_mask + 1)
            grow();
        m_ring[(m_head + m_size) & m_mask].set(time, sequence, target, kind, payload);
        ++m_size;
        m_backTime = time;
    }
    void pop() {
        m_head = (m_head + 1) & m_mask;
        --m_size;
    }

private:
    void grow();
    std::unique_ptr<Event[]> m_ring; ///< m_mask + 1 long, a power of two (or empty)
    std::size_t m_mask = static_cast<std::size_t>(-1);
    std::size_t m_head = 0, m_size = 0;
    Time m_backTime = 0;
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
