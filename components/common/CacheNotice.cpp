#include "components/common/CacheNotice.h"

#include "components/common/RequestState.h"
#include "emulator/Simulation.h"

namespace sb::comp {

std::uint32_t makeCacheNotice(emu::Simulation& sim, std::uint32_t key, std::uint64_t version,
                              bool fill, std::uint32_t origin) {
    const std::uint32_t slot = sim.requests().acquire();
    emu::Request& m = sim.requests()[slot];
    m.internal = true;
    m.cls = fill ? emu::RequestClass::Read : emu::RequestClass::Write;
    m.key = key;
    requestState(m).version = version;
    m.origin = origin;
    m.issued = sim.now();
    return slot;
}

} // namespace sb::comp
