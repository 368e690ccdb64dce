#include "workspace/WorkspaceSchema.h"

#include "workspace/SqliteConnection.h"
#include "workspace/SqliteStatement.h"

#include <algorithm>
#include <stdexcept>

namespace sb::ws {

namespace {

/// "SBWS" in the SQLite header, so `file` and other tools can tell the file apart.
constexpr int kApplicationId = 0x53425753;

const char* const kSchemaVersion1 = R"sql(
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
CREATE TABLE design (
  id   INTEGER PRIMARY KEY CHECK (id = 1),
  json TEXT NOT NULL
);
CREATE TABLE runs (
  id         INTEGER PRIMARY KEY,
  started_at TEXT NOT NULL,
  label      TEXT NOT NULL,
  settings   TEXT NOT NULL,
  summary    TEXT NOT NULL,
  series_csv TEXT NOT NULL
);
)sql";

void writeVersion(SqliteConnection& db, int version) {
    SqliteStatement(db, "INSERT OR REPLACE INTO meta (key, value) VALUES ('schema_version', ?)")
        .bind(1, std::to_string(version))
        .run();
    db.execute("PRAGMA user_version = " + std::to_string(version));
}

} // namespace

const std::vector<SchemaUpgrade>& schemaUpgrades() {
    // 1 -> 2: a checksum of each row's stored texts, so damage SQLite's checks miss (a
    // flipped bit inside a text) is found on open. Rows of older files have none.
    // 2 -> 3: each run's recorded timeline (a blob, NULL for runs kept before).
    // 3 -> 4: the experiments table: each kept experiment's plan and result document.
    // 4 -> 5: the attempts table: each graded practice attempt (AttemptRecord).
    static const std::vector<SchemaUpgrade> steps{{1, "ALTER TABLE design ADD COLUMN checksum TEXT;"
                                                      "ALTER TABLE runs ADD COLUMN checksum TEXT;"},
                                                  {2, "ALTER TABLE runs ADD COLUMN timeline BLOB;"},
                                                  {3, "CREATE TABLE experiments ("
                                                      "  id         INTEGER PRIMARY KEY,"
                                                      "  created_at TEXT NOT NULL,"
                                                      "  label      TEXT NOT NULL,"
                                                      "  plan       TEXT NOT NULL,"
                                                      "  results    TEXT NOT NULL,"
                                                      "  checksum   TEXT NOT NULL"
                                                      ");"},
                                                  {4, "CREATE TABLE attempts ("
                                                      "  id           INTEGER PRIMARY KEY,"
                                                      "  recorded_at  TEXT NOT NULL,"
                                                      "  problem      TEXT NOT NULL,"
                                                      "  design       TEXT NOT NULL,"
                                                      "  seeds        TEXT NOT NULL,"
                                                      "  targets      TEXT NOT NULL,"
                                                      "  score        INTEGER NOT NULL,"
                                                      "  passed       INTEGER NOT NULL,"
                                                      "  estimates    TEXT NOT NULL,"
                                                      "  hints_used   INTEGER NOT NULL,"
                                                      "  time_taken_s INTEGER NOT NULL,"
                                                      "  checksum     TEXT NOT NULL"
                                                      ");"}};
    return steps;
}

void createSchema(SqliteConnection& db) {
    db.execute("PRAGMA application_id = " + std::to_string(kApplicationId));
    db.execute(kSchemaVersion1);
    SqliteStatement insert(db, "INSERT INTO meta (key, value) VALUES (?, ?)");
    insert.bind(1, std::string_view("format")).bind(2, std::string_view(kWorkspaceFormat)).run();
    insert.reset();
    insert.bind(1, std::string_view("written_by"))
        .bind(2, std::string_view("Scaleboard " SCALEBOARD_VERSION))
        .run();
    writeVersion(db, 1);
    upgradeSchema(db, 1, kWorkspaceSchemaVersion, schemaUpgrades());
}

std::optional<int> readSchemaVersion(SqliteConnection& db) {
    if (db.queryText("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'meta'") !=
        "1")
        return std::nullopt;
    if (db.queryText("SELECT value FROM meta WHERE key = 'format'") != kWorkspaceFormat)
        return std::nullopt;
    std::string version = db.queryText("SELECT value FROM meta WHERE key = 'schema_version'");
    if (version.empty() || !std::all_of(version.begin(), version.end(), ::isdigit) ||
        version.size() > 9)
        return std::nullopt;
    return std::stoi(version);
}

void upgradeSchema(SqliteConnection& db, int from, int to,
                   const std::vector<SchemaUpgrade>& steps) {
    for (int version = from; version < to; ++version) {
        auto step = std::find_if(steps.begin(), steps.end(),
                                 [version](const SchemaUpgrade& s) { return s.from == version; });
        if (step == steps.end())
            throw std::runtime_error("no upgrade from workspace schema " + std::to_string(version));
        db.execute(step->sql);
        writeVersion(db, version + 1);
    }
}

} // namespace sb::ws
