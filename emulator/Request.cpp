#include "emulator/Request.h"

namespace sb::emu {

std::string_view toString(RequestClass c) {
    switch (c) {
    case RequestClass::Read:
        return "read";
    case RequestClass::Write:
        return "write";
    case RequestClass::Static:
        return "static";
    case RequestClass::Async:
        return "async";
    case RequestClass::Join:
        return "join";
    }
    return "?";
}

std::string_view toString(FailReason r) {
    switch (r) {
    case FailReason::None:
        return "none";
    case FailReason::Overloaded:
        return "overloaded";
    case FailReason::Timeout:
        return "timeout";
    case FailReason::NodeDown:
        return "node_down";
    case FailReason::Partition:
        return "partition";
    case FailReason::Dropped:
        return "dropped";
    case FailReason::NoRoute:
        return "no_route";
    case FailReason::SessionLost:
        return "session_lost";
    case FailReason::WriteRejected:
        return "write_rejected";
    }
    return "?";
}

} // namespace sb::emu
