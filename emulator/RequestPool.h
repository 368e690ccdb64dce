#pragma once

#include "emulator/Request.h"

#include <array>
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace sb::emu {

class CapacityError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// Slots for requests in flight, reused through a free list: no allocation per request
/// once the pool has grown to the run's peak concurrency. Slots live in fixed chunks, so a
/// Request& stays valid while other requests are acquired.
class RequestPool {
    static constexpr std::uint32_t kChunkBits = 12;
    static constexpr std::uint32_t kChunk = 1u << kChunkBits;
    using Chunk = std::array<Request, kChunk>;

public:
    /// The most requests in flight at once (about 800 MB): a design whose traffic
    /// outruns its capacity by more fails with CapacityError instead of taking the
    /// machine's memory.
    static constexpr std::uint32_t kMaxLive = 1u << 22;

    explicit RequestPool(std::uint32_t maxLive = kMaxLive)
        : m_maxLive(maxLive) {}

    std::uint32_t acquire() {
        std::uint32_t slot;
        if (m_free.empty()) {
            if (m_size >= m_maxLive)
                throw CapacityError("more than " + std::to_string(m_maxLive) +
                                    " requests are in flight at once: the offered load "
                                    "outruns what the design serves by far more than the "
                                    "emulator can hold");
            slot = m_size++;
            if ((slot >> kChunkBits) >= m_chunks.size())
                m_chunks.push_back(std::make_unique<Chunk>());
        } else {
            slot = m_free.back();
            m_free.pop_back();
        }
        Request& r = (*this)[slot];
        r.renew();
        ++r.generation;
        ++m_live;
        return slot;
    }
    void release(std::uint32_t slot) {
        ++(*this)[slot].generation;
        m_free.push_back(slot);
        --m_live;
    }
    Request& operator[](std::uint32_t slot) {
        return (*m_chunks[slot >> kChunkBits])[slot & (kChunk - 1)];
    }
    const Request& operator[](std::uint32_t slot) const {
        return (*m_chunks[slot >> kChunkBits])[slot & (kChunk - 1)];
    }
    std::size_t live() const { return m_live; }

    /// Packs a slot and its generation into an event payload, so a late timer can tell
    /// that the slot has been reused.
    std::uint64_t handle(std::uint32_t slot) const {
        return (static_cast<std::uint64_t>((*this)[slot].generation) << 32) | slot;
    }
    /// The slot of a handle, or UINT32_MAX when the request it named is gone.
    std::uint32_t resolve(std::uint64_t handle) const {
        const auto slot = static_cast<std::uint32_t>(handle);
        return slot < m_size && (*this)[slot].generation == static_cast<std::uint32_t>(handle >> 32)
                   ? slot
                   : UINT32_MAX;
    }

private:
    std::vector<std::unique_ptr<Chunk>> m_chunks;
    std::vector<std::uint32_t> m_free;
    std::uint32_t m_size = 0;
    std::size_t m_live = 0;
    std::uint32_t m_maxLive;
};

} // namespace sb::emu
