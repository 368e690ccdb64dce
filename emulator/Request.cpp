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

} // namespace sb::emu
