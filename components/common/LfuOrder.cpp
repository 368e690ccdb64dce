#include "components/common/LfuOrder.h"

namespace sb::comp {

namespace {
constexpr std::uint32_t kNone = SlotLists::kNone;
}

LfuOrder::LfuOrder(std::size_t slots)
    : m_lists(slots) {
    m_bucketOf.reserve(slots);
}

std::uint32_t LfuOrder::addBucket(std::uint64_t count, std::uint32_t lower, std::uint32_t higher) {
    std::uint32_t b;
    if (m_freeBuckets.empty()) {
        b = static_cast<std::uint32_t>(m_buckets.size());
        m_buckets.emplace_back();
    } else {
        b = m_freeBuckets.back();
        m_freeBuckets.pop_back();
    }
    m_buckets[b] = Bucket{count, {}, lower, higher};
    if (lower != kNone)
        m_buckets[lower].higher = b;
    else
        m_lowest = b;
    if (higher != kNone)
        m_buckets[higher].lower = b;
    return b;
}

void LfuOrder::dropIfEmpty(std::uint32_t b) {
    const Bucket& bucket = m_buckets[b];
    if (!bucket.items.empty())
        return;
    if (bucket.lower != kNone)
        m_buckets[bucket.lower].higher = bucket.higher;
    else
        m_lowest = bucket.higher;
    if (bucket.higher != kNone)
        m_buckets[bucket.higher].lower = bucket.lower;
    m_freeBuckets.push_back(b);
}

void LfuOrder::inserted(std::uint32_t slot) {
    std::uint32_t b = m_lowest;
    if (b == kNone || m_buckets[b].count != 1)
        b = addBucket(1, kNone, m_lowest);
    if (slot >= m_bucketOf.size())
        m_bucketOf.resize(slot + 1, kNone);
    m_lists.pushFront(m_buckets[b].items, slot);
    m_bucketOf[slot] = b;
}

void LfuOrder::accessed(std::uint32_t slot) {
    const std::uint32_t b = m_bucketOf[slot];
    const std::uint64_t next = m_buckets[b].count + 1;
    std::uint32_t up = m_buckets[b].higher;
    if (up == kNone || m_buckets[up].count != next)
        up = addBucket(next, b, up);
    m_lists.unlink(m_buckets[b].items, slot);
    m_lists.pushFront(m_buckets[up].items, slot);
    m_bucketOf[slot] = up;
    dropIfEmpty(b);
}

void LfuOrder::removed(std::uint32_t slot) {
    const std::uint32_t b = m_bucketOf[slot];
    m_lists.unlink(m_buckets[b].items, slot);
    m_bucketOf[slot] = kNone;
    dropIfEmpty(b);
}

std::uint32_t LfuOrder::victim() const {
    return m_buckets[m_lowest].items.tail;
}

} // namespace sb::comp
