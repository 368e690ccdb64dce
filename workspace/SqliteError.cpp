#include "workspace/SqliteError.h"

namespace sb::ws {

SqliteError::SqliteError(int code, const std::string& message)
    : std::runtime_error(message)
    , m_code(code) {}

} // namespace sb::ws
