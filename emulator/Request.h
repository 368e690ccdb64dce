#pragma once

#include "emulator/Time.h"

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <new>
#include <string_view>
#include <type_traits>

namespace sb::emu {

/// What a request asks for. `Join` is a read that spans every shard (scatter-gather).
enum class RequestClass : std::uint8_t { Read, Write, Static, Async, Join };
inline constexpr int kRequestClassCount = 5;
std::string_view toString(RequestClass c);

/// Why a request failed; each is counted per node in the error log. These are the engine's
/// own; the component layer registers its reasons (session lost, write rejected, ...) with
/// Outcomes::failReason, which hands out the codes after these.
enum class FailReason : std::uint8_t {
    None,
    Overloaded, ///< queue full: HTTP 503
    Timeout,    ///< waited longer than a timeout
    NodeDown,   ///< the node it was sent to is failed
    Partition,  ///< the link crosses a partition or is cut
    Dropped,    ///< lost on a lossy link
    NoRoute,    ///< nothing healthy downstream to send it to
};

/// One hop of the way back: the node that sent the request on, and the link it used.
struct ReturnHop {
    std::uint32_t node;
    std::uint32_t link;
};

/// A request in flight. Lives in the RequestPool and is named by its slot; carries its
/// class, key, user, the way back (a bounded stack) and a few bytes of state that belong
/// to the component layer (what they mean is not the engine's business). Three cache lines:
/// what every hop reads (the fields and the phases) in the first, the component state and
/// the first return hops in the second.
struct alignas(64) Request {
    static constexpr int kMaxDepth = 14;

    std::uint32_t generation = 0; ///< bumps on every reuse of the slot
    RequestClass cls = RequestClass::Read;
    FailReason failure = FailReason::None;
    std::uint8_t depth = 0;
    std::uint8_t hops = 0;
    bool timedOut = false;
    bool internal = false; ///< made by the system (scatter child, replication), not a client
    bool traced = false;   ///< its hops are recorded (Network::traceRequest)
    std::uint32_t key = 0;
    std::uint32_t user = 0;
    std::uint32_t origin = 0; ///< the clients node that issued it
    std::uint32_t parent = UINT32_MAX;
    std::uint32_t pending = 0; ///< children still outstanding (scatter-gather)
    std::uint32_t tag = 0;     ///< free for the current handler (e.g. which step of cache-aside)
    std::uint32_t stationSlot = 0; ///< position in the serving station's in-service list
    Time issued = 0;
    /// Per-hop scratch: the node holding the request at depth d keeps its progress in
    /// phase[d] (which step of cache-aside it is in), untouched by nodes further down.
    std::uint8_t phase[kMaxDepth + 1] = {};
    static constexpr std::size_t kComponentStateBytes = 16;
    /// Zeroed for every new request, copied with it; see componentState().
    alignas(8) std::byte componentStateBytes[kComponentStateBytes] = {};
    ReturnHop stack[kMaxDepth];

    bool failed() const { return failure != FailReason::None; }
    /// The component layer's state of this request as a T: a small trivially copyable
    /// type whose all-zero bytes are its initial value.
    template <typename T> T& componentState() {
        checkComponentState<T>();
        return *std::launder(reinterpret_cast<T*>(componentStateBytes));
    }
    template <typename T> const T& componentState() const {
        checkComponentState<T>();
        return *std::launder(reinterpret_cast<const T*>(componentStateBytes));
    }
    /// Makes this a fresh request (generation aside), except the return stack: every hop
    /// is written by the send that pushes it before anything reads it.
    void renew() {
        static const Request fresh{};
        const std::uint32_t kept = generation;
        std::memcpy(static_cast<void*>(this), &fresh, offsetof(Request, stack));
        generation = kept;
    }

private:
    template <typename T> static constexpr void checkComponentState() {
        static_assert(sizeof(T) <= kComponentStateBytes && alignof(T) <= 8 &&
                      std::is_trivially_copyable_v<T> && std::is_trivially_destructible_v<T>);
    }
};
static_assert(std::is_trivially_copyable_v<Request> && std::is_standard_layout_v<Request>);
static_assert(sizeof(Request) == 192 && offsetof(Request, componentStateBytes) == 64);

} // namespace sb::emu
