#include "components/common/CacheTable.h"

#include <algorithm>

namespace sb::comp {

CacheTable::CacheTable(std::size_t capacity, Eviction eviction)
    : m_eviction(eviction)
    , m_capacity(std::max<std::size_t>(capacity, 1))
    , m_order(EvictionOrder::create(eviction, std::min<std::size_t>(m_capacity, 4096))) {}

void CacheTable::clear() {
    m_slotOf.clear();
    m_items.clear();
    m_free.clear();
    m_order = EvictionOrder::create(m_eviction, std::min<std::size_t>(m_capacity, 4096));
}

void CacheTable::release(std::uint32_t slot) {
    m_order->removed(slot);
    m_slotOf.erase(m_items[slot].key);
    m_free.push_back(slot);
}

const CacheTable::Item* CacheTable::lookup(std::uint32_t key, emu::Time now) {
    auto it = m_slotOf.find(key);
    if (it == m_slotOf.end())
        return nullptr;
    const std::uint32_t slot = it->second;
    if (m_items[slot].expires <= now) {
        ++m_expirations;
        release(slot);
        return nullptr;
    }
    m_order->accessed(slot);
    return &m_items[slot];
}

const CacheTable::Item* CacheTable::peek(std::uint32_t key) const {
    auto it = m_slotOf.find(key);
    return it == m_slotOf.end() ? nullptr : &m_items[it->second];
}

bool CacheTable::store(std::uint32_t key, std::uint64_t version, emu::Time expires) {
    auto it = m_slotOf.find(key);
    if (it != m_slotOf.end()) {
        m_items[it->second] = Item{key, version, expires};
        m_order->accessed(it->second);
        return false;
    }
    bool evicted = false;
    if (m_free.empty() && m_items.size() < m_capacity) {
        m_free.push_back(static_cast<std::uint32_t>(m_items.size()));
        m_items.emplace_back();
    }
    if (m_free.empty()) {
        release(m_order->victim());
        ++m_evictions;
        evicted = true;
    }
    const std::uint32_t slot = m_free.back();
    m_free.pop_back();
    m_items[slot] = Item{key, version, expires};
    m_slotOf.emplace(key, slot);
    m_order->inserted(slot);
    return evicted;
}

bool CacheTable::erase(std::uint32_t key) {
    auto it = m_slotOf.find(key);
    if (it == m_slotOf.end())
        return false;
    release(it->second);
    return true;
}

} // namespace sb::comp
