#pragma once

#include <cstdint>
#include <string>

struct sqlite3;

namespace sb::ws {

/// One open SQLite database; closed when destroyed. Failures throw SqliteError.
class SqliteConnection {
public:
    enum class Mode {
        ReadOnly,  ///< never writes to the file
        ReadWrite, ///< the file must exist
        Create     ///< creates the file when missing
    };

    SqliteConnection(const std::string& path, Mode mode);
    ~SqliteConnection();
    SqliteConnection(const SqliteConnection&) = delete;
    SqliteConnection& operator=(const SqliteConnection&) = delete;

    /// Runs one or more statements that return no rows.
    void execute(const std::string& sql);
    /// Runs a query returning one text value (a pragma, a count).
    std::string queryText(const std::string& sql);
    /// The rowid of the last row inserted through this connection.
    std::int64_t lastInsertId() const;
    /// Copies the whole database into a new in-memory database.
    SqliteConnection copyToMemory();

    sqlite3* handle() const { return m_db; }
    /// Throws the connection's last error, with `code` when it carries none.
    [[noreturn]] void fail(int code) const;

private:
    explicit SqliteConnection(sqlite3* db);
    sqlite3* m_db = nullptr;
};

} // namespace sb::ws
