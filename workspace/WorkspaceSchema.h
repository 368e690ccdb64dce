#pragma once

#include <optional>
#include <string>
#include <vector>

namespace sb::ws {

class SqliteConnection;

inline constexpr const char* kWorkspaceFormat = "scaleboard-workspace";
/// The schema this version writes. Older files are upgraded step by step on open.
inline constexpr int kWorkspaceSchemaVersion = 5;

/// One upgrade of the schema from version `from` to `from + 1`, as SQL statements.
struct SchemaUpgrade {
    int from = 0;
    std::string sql;
};

/// The upgrade steps, one per schema version after the first, in order.
const std::vector<SchemaUpgrade>& schemaUpgrades();

/// Creates the current schema in an empty database: tables and the meta rows that
/// identify the file (format, schema_version, written_by).
void createSchema(SqliteConnection& db);

/// The schema version a database declares, or nothing when it holds no Scaleboard meta
/// table (a foreign SQLite database). Throws SqliteError when the file is not readable.
std::optional<int> readSchemaVersion(SqliteConnection& db);

/// Applies `steps` from version `from` up to `to` and records the new version; the caller
/// holds the transaction. Throws std::runtime_error when a step is missing.
void upgradeSchema(SqliteConnection& db, int from, int to, const std::vector<SchemaUpgrade>& steps);

} // namespace sb::ws
