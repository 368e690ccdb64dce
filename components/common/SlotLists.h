#pragma once

#include <cstdint>
#include <vector>

namespace sb::comp {

/// Doubly linked lists threaded through slot numbers 0..n-1, each slot in at most one list
/// at a time. A list is named by its two ends; push, unlink and peek are O(1).
class SlotLists {
public:
    static constexpr std::uint32_t kNone = UINT32_MAX;
    struct Ends {
        std::uint32_t head = kNone; ///< most recently pushed
        std::uint32_t tail = kNone; ///< oldest
        bool empty() const { return head == kNone; }
    };

    /// Storage grows as higher slots are used; `slots` is only a first reservation.
    explicit SlotLists(std::size_t slots = 0);

    void pushFront(Ends& list, std::uint32_t slot);
    void unlink(Ends& list, std::uint32_t slot);

private:
    std::vector<std::uint32_t> m_prev, m_next;
};

} // namespace sb::comp
