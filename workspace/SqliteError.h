#pragma once

#include <stdexcept>
#include <string>

namespace sb::ws {

/// A failure reported by SQLite: its message and extended result code.
class SqliteError : public std::runtime_error {
public:
    SqliteError(int code, const std::string& message);

    int code() const { return m_code; }
    /// The primary result code (SQLITE_CORRUPT, SQLITE_NOTADB, ...).
    int primaryCode() const { return m_code & 0xff; }

private:
    int m_code;
};

} // namespace sb::ws
