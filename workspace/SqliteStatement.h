#pragma once

#include <cstdint>
#include <string>
#include <string_view>

struct sqlite3_stmt;

namespace sb::ws {

class SqliteConnection;

/// One prepared statement with positional parameters (1-based) and columns (0-based).
class SqliteStatement {
public:
    SqliteStatement(SqliteConnection& db, std::string_view sql);
    ~SqliteStatement();
    SqliteStatement(const SqliteStatement&) = delete;
    SqliteStatement& operator=(const SqliteStatement&) = delete;

    SqliteStatement& bind(int index, std::int64_t value);
    SqliteStatement& bind(int index, std::string_view text);
    SqliteStatement& bindNull(int index);
    SqliteStatement& bindBlob(int index, std::string_view bytes);

    /// Advances; true when a row is ready, false when the statement is done.
    bool step();
    /// Runs a statement that returns no rows.
    void run();
    void reset();

    std::int64_t integer(int column) const;
    std::string text(int column) const;
    /// A blob column's bytes (empty for NULL).
    std::string blob(int column) const;

private:
    SqliteConnection& m_db;
    sqlite3_stmt* m_statement = nullptr;
};

} // namespace sb::ws
