#pragma once

#include "emulator/Request.h"

#include <cstdint>

namespace sb::comp {

/// What the components know of a request beyond the engine's fields, kept in the
/// request's component state (zero when it is issued).
struct RequestState {
    std::uint64_t version = 0; ///< version read (reads) or written (writes)
    std::uint32_t session = 0; ///< session id (user id + 1), 0 = none
    bool cacheHit = false;
    bool stale = false; ///< served an older version than the truth held
};

inline RequestState& requestState(emu::Request& r) {
    return r.componentState<RequestState>();
}
inline const RequestState& requestState(const emu::Request& r) {
    return r.componentState<RequestState>();
}

} // namespace sb::comp
