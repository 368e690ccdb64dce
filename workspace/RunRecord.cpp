#include "workspace/RunRecord.h"

#include <ctime>

namespace sb::ws {

std::string isoTimestampNow() {
    std::time_t now = std::time(nullptr);
    std::tm utc{};
    gmtime_r(&now, &utc);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return text;
}

} // namespace sb::ws
