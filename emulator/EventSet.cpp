#include "emulator/EventSet.h"

#include <algorithm>

namespace sb::emu {

void EventRing::grow() {
    std::vector<Event> bigger(m_ring.empty() ? 16 : 2 * m_ring.size());
    for (std::size_t i = 0; i < m_size; ++i)
        bigger[i] = m_ring[(m_head + i) & (m_ring.size() - 1)];
    m_ring = std::move(bigger);
    m_head = 0;
}

void EventStack::grow() {
    m_capacity = m_capacity == 0 ? 16 : 2 * m_capacity;
    auto bigger = std::make_unique<Event[]>(m_capacity);
    std::copy(begin(), end(), bigger.get());
    m_data = std::move(bigger);
}

void RadixEventSet::findMinimum() const {
    const int b = __builtin_ctzll(m_occupied & ~std::uint64_t{1});
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
    m_last = m_buckets[from][m_minIndex].time;
    m_minBucket = -1;
    std::uint64_t occupied = m_occupied & ~(std::uint64_t{1} << from);
    EventStack& moving = m_buckets[from];
    for (const Event& e : moving) { // each into a bucket below `from`
        const int b = bucketOf(e.time);
        m_buckets[b].push(e);
        occupied |= std::uint64_t{1} << b;
    }
    m_occupied = occupied;
    // Bucket 0 is in sequence order with no sort: events due at one time always share a
    // bucket (their bits agree), enter it in the order they were scheduled and move stably.
    moving.clear();
}

void RadixEventSet::rebucket(Time last) {
    std::vector<Event> all;
    all.reserve(m_size);
    for (int b = 0; b < kBuckets; ++b) {
        const auto first = b == 0 ? static_cast<std::ptrdiff_t>(m_head) : 0;
        all.insert(all.end(), m_buckets[b].begin() + first, m_buckets[b].end());
        m_buckets[b].clear();
    }
    m_head = 0;
    m_occupied = 0;
    m_minBucket = -1;
    m_last = last; // earlier than every pending event: bucket 0 stays empty
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
