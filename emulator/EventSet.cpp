#include "emulator/EventSet.h"

namespace sb::emu {

namespace {

template <std::size_t Arity> void siftUp(std::vector<Event>& heap, std::size_t i) {
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

template <std::size_t Arity> void siftDown(std::vector<Event>& heap, std::size_t i) {
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

template <std::size_t Arity> Event popHeap(std::vector<Event>& heap) {
    Event top = heap.front();
    heap.front() = heap.back();
    heap.pop_back();
    if (!heap.empty())
        siftDown<Arity>(heap, 0);
    return top;
}

} // namespace

void QuaternaryHeapEventSet::insert(const Event& event) {
    m_heap.push_back(event);
    siftUp<4>(m_heap, m_heap.size() - 1);
}

Event QuaternaryHeapEventSet::pop() {
    return popHeap<4>(m_heap);
}

void BinaryHeapEventSet::insert(const Event& event) {
    m_heap.push_back(event);
    siftUp<2>(m_heap, m_heap.size() - 1);
}

Event BinaryHeapEventSet::pop() {
    return popHeap<2>(m_heap);
}

} // namespace sb::emu
