#include "workspace/SqliteStatement.h"

#include "workspace/SqliteConnection.h"

#include <sqlite3.h>

namespace sb::ws {

SqliteStatement::SqliteStatement(SqliteConnection& db, std::string_view sql)
    : m_db(db) {
    int rc = sqlite3_prepare_v2(db.handle(), sql.data(), static_cast<int>(sql.size()), &m_statement,
                                nullptr);
    if (rc != SQLITE_OK)
        db.fail(rc);
}

SqliteStatement::~SqliteStatement() {
    sqlite3_finalize(m_statement);
}

SqliteStatement& SqliteStatement::bind(int index, std::int64_t value) {
    int rc = sqlite3_bind_int64(m_statement, index, value);
    if (rc != SQLITE_OK)
        m_db.fail(rc);
    return *this;
}

SqliteStatement& SqliteStatement::bind(int index, std::string_view text) {
    int rc = sqlite3_bind_text64(m_statement, index, text.data(), text.size(), SQLITE_TRANSIENT,
                                 SQLITE_UTF8);
    if (rc != SQLITE_OK)
        m_db.fail(rc);
    return *this;
}

SqliteStatement& SqliteStatement::bindNull(int index) {
    int rc = sqlite3_bind_null(m_statement, index);
    if (rc != SQLITE_OK)
        m_db.fail(rc);
    return *this;
}

SqliteStatement& SqliteStatement::bindBlob(int index, std::string_view bytes) {
    int rc = sqlite3_bind_blob64(m_statement, index, bytes.data(), bytes.size(), SQLITE_TRANSIENT);
    if (rc != SQLITE_OK)
        m_db.fail(rc);
    return *this;
}

bool SqliteStatement::step() {
    int rc = sqlite3_step(m_statement);
    if (rc == SQLITE_ROW)
        return true;
    if (rc == SQLITE_DONE)
        return false;
    m_db.fail(rc);
}

void SqliteStatement::run() {
    while (step()) {
    }
}

void SqliteStatement::reset() {
    sqlite3_reset(m_statement);
    sqlite3_clear_bindings(m_statement);
}

std::int64_t SqliteStatement::integer(int column) const {
    return sqlite3_column_int64(m_statement, column);
}

std::string SqliteStatement::text(int column) const {
    const unsigned char* data = sqlite3_column_text(m_statement, column);
    int size = sqlite3_column_bytes(m_statement, column);
    return data ? std::string(reinterpret_cast<const char*>(data), static_cast<size_t>(size))
                : std::string{};
}

std::string SqliteStatement::blob(int column) const {
    const void* data = sqlite3_column_blob(m_statement, column);
    int size = sqlite3_column_bytes(m_statement, column);
    return data ? std::string(static_cast<const char*>(data), static_cast<size_t>(size))
                : std::string{};
}

} // namespace sb::ws
