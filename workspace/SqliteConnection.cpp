#include "workspace/SqliteConnection.h"

#include "workspace/SqliteError.h"
#include "workspace/SqliteStatement.h"

#include <sqlite3.h>
#include <utility>

namespace sb::ws {

namespace {

int openFlags(SqliteConnection::Mode mode) {
    switch (mode) {
    case SqliteConnection::Mode::ReadOnly:
        return SQLITE_OPEN_READONLY;
    case SqliteConnection::Mode::ReadWrite:
        return SQLITE_OPEN_READWRITE;
    case SqliteConnection::Mode::Create:
        return SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
    }
    return SQLITE_OPEN_READONLY;
}

} // namespace

SqliteConnection::SqliteConnection(const std::string& path, Mode mode) {
    int rc = sqlite3_open_v2(path.c_str(), &m_db, openFlags(mode) | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) {
        std::string message = m_db ? sqlite3_errmsg(m_db) : sqlite3_errstr(rc);
        sqlite3_close(m_db);
        m_db = nullptr;
        throw SqliteError(rc, message);
    }
    sqlite3_extended_result_codes(m_db, 1);
}

SqliteConnection::SqliteConnection(sqlite3* db)
    : m_db(db) {}

SqliteConnection::~SqliteConnection() {
    sqlite3_close(m_db);
}

void SqliteConnection::execute(const std::string& sql) {
    char* error = nullptr;
    int rc = sqlite3_exec(m_db, sql.c_str(), nullptr, nullptr, &error);
    if (rc != SQLITE_OK) {
        std::string message = error ? error : sqlite3_errstr(rc);
        sqlite3_free(error);
        throw SqliteError(sqlite3_extended_errcode(m_db), message);
    }
}

std::string SqliteConnection::queryText(const std::string& sql) {
    SqliteStatement statement(*this, sql);
    return statement.step() ? statement.text(0) : std::string{};
}

std::int64_t SqliteConnection::lastInsertId() const {
    return sqlite3_last_insert_rowid(m_db);
}

SqliteConnection SqliteConnection::copyToMemory() {
    SqliteConnection copy(":memory:", Mode::Create);
    sqlite3_backup* backup = sqlite3_backup_init(copy.m_db, "main", m_db, "main");
    if (!backup)
        copy.fail(SQLITE_ERROR);
    int rc = sqlite3_backup_step(backup, -1);
    sqlite3_backup_finish(backup);
    if (rc != SQLITE_DONE)
        throw SqliteError(rc, sqlite3_errstr(rc));
    return SqliteConnection(std::exchange(copy.m_db, nullptr));
}

void SqliteConnection::fail(int code) const {
    int extended = sqlite3_extended_errcode(m_db);
    throw SqliteError(extended != SQLITE_OK ? extended : code, sqlite3_errmsg(m_db));
}

} // namespace sb::ws
