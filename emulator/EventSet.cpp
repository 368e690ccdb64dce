#include "emulator/EventSet.h"

#include <algorithm>

namespace sb::emu {

void EventRing::grow() {
    const std::size_t capacity = m_size == 0 ? 16 : 2 * m_size;
    auto bigger = std::make_unique<Event[]>(capacity);
    for (std::size_t i = 0; i < m_size; ++i)
        bigger[i] = m_ring[(m_head + i) & m_mask];
    m_ring = std::move(bigger);
    m_mask = capacity - 1;
    m_head = 0;
}

void EventStack::grow() {
    m_capacity = m_capacity == 0 ? 16 : 2 * m_capacity;
    auto bigger = std::make_unique<Event[]>(m_capacity);
    std::copy(begin(), end(), bigger.get());
    m_data = std::move(bigger);
}

void RadixEventSet::insertIntoRun(Time time, std::uint64_t sequence, std::uint32_t target,
                                  std::uint32_t kind, std::uint64_t payload) {
    // From the back: the event was scheduled last, so it goes after every equal time.
    const Event::Order order = Event::orderOf(time, sequence);
    std::size_t i = m_run.size();
    m_run.append();
    while (i > m_head && order < m_run[i - 1].order()) {
        m_run[i] = m_run[i - 1];
        --i;
    }
    m_run[i].set(time, sequence, target, kind, payload);
}

void RadixEventSet::findMinimum() const {
    const int b = __builtin_ctzll(m_occupied);
    const EventStack& bucket = m_buckets[b];
    std::size_t best = 0;
    for (std::size_t i = 1; i < bucket.size(); ++i)
        if (bucket[i].before(bucket[best]))
            best = i;
    m_minBucket = b;
    m_minIndex = best;
}

void RadixEventSet::refill() {
    if (m_minBucket < 0)
        findMinimum();
    const int from = m_minBucket;
    EventStack& lowest = m_buckets[from];
    m_occupied &= ~(std::uint64_t{1} << from);
    if (lowest.size() <= kSmallBucket) {
        // Earlier than everything above it: sorted, it is the run, and the base stays.
        for (const Event& e : lowest)
            insertIntoRun(e);
    } else {
        m_base = lowest[m_minIndex].time;
        // Each into a bucket below `from`; those due at the new base join the run, in the
        // order they were scheduled (events due at one time always share a bucket, enter
        // it in that order and move stably).
        for (const Event& e : lowest)
            place(e);
    }
    m_minBucket = -1;
    lowest.clear();
}

void RadixEventSet::rebucket(Time base) {
    std::vector<Event> all(m_run.begin() + m_head, m_run.end());
    m_run.clear();
    m_head = 0;
    for (EventStack& bucket : m_buckets) {
        all.insert(all.end(), bucket.begin(), bucket.end());
        bucket.clear();
    }
    m_occupied = 0;
    m_minBucket = -1;
    m_base = base; // before every pending event: the run stays empty
    for (const Event& e : all)
        place(e);
}

void BinaryHeapEventSet::insert(const Event& event) {
    m_heap.push_back(event);
    heap::siftUp<2>(m_heap, m_heap.size() - 1);
}

Event BinaryHeapEventSet::pop() {
    return heap::pop<2>(m_heap);
}

} // namespace sb::emu
