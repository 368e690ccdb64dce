#include "workspace/WorkspaceFile.h"

#include "design/BoundedJson.h"
#include "design/DesignJson.h"
#include "workspace/RowIntegrity.h"
#include "workspace/SqliteConnection.h"
#include "workspace/SqliteError.h"
#include "workspace/SqliteStatement.h"
#include "workspace/WorkspaceSchema.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <functional>
#include <sqlite3.h>
#include <stdexcept>
#include <sys/stat.h>
#include <unistd.h>

namespace sb::ws {

namespace {

using design::DescriptorCatalog;

OpenResult failure(OpenFailure kind, std::string message) {
    OpenResult result;
    result.failure = kind;
    result.error = std::move(message);
    return result;
}

bool fileExists(const std::string& path) {
    struct stat info {};
    return ::stat(path.c_str(), &info) == 0;
}

/// Checks that `path` names a readable regular file that is not empty (SQLite would take
/// an empty file for an empty database); returns the failure when not.
OpenResult checkReadable(const std::string& path) {
    struct stat info {};
    if (::stat(path.c_str(), &info) != 0)
        return failure(OpenFailure::CannotRead,
                       "cannot open " + path + ": " + std::strerror(errno));
    if (!S_ISREG(info.st_mode))
        return failure(OpenFailure::CannotRead, "cannot open " + path + ": it is not a file");
    if (::access(path.c_str(), R_OK) != 0)
        return failure(OpenFailure::CannotRead,
                       "cannot open " + path + ": " + std::strerror(errno));
    if (info.st_size == 0)
        return failure(OpenFailure::NotAWorkspace,
                       path + " is not a Scaleboard workspace (the file is empty)");
    return {};
}

void syncPath(const std::string& path, int flags) {
    int fd = ::open(path.c_str(), flags);
    if (fd < 0)
        throw std::runtime_error("cannot open " + path + ": " + std::strerror(errno));
    int rc = ::fsync(fd);
    int error = errno;
    ::close(fd);
    if (rc != 0)
        throw std::runtime_error("cannot sync " + path + ": " + std::strerror(error));
}

std::string directoryOf(const std::string& path) {
    auto slash = path.rfind('/');
    if (slash == std::string::npos)
        return ".";
    return slash == 0 ? "/" : path.substr(0, slash);
}

/// A write to `path` that was cut short left a hot rollback journal beside it. Opening
/// read-write lets SQLite roll the file back to its last committed state.
void rollBackInterruptedWrite(const std::string& path) {
    SqliteConnection db(path, SqliteConnection::Mode::ReadWrite);
    db.queryText("SELECT count(*) FROM sqlite_master");
}

std::string newerVersionMessage(const std::string& path, int version) {
    return path + " was written by a newer Scaleboard (workspace schema " +
           std::to_string(version) + "; this version reads up to " +
           std::to_string(kWorkspaceSchemaVersion) + "). Please update Scaleboard to open it.";
}

std::string firstErrors(const design::Problems& problems) {
    std::string out;
    for (const auto& p : problems) {
        if (!p.isError())
            continue;
        out += out.empty() ? "" : "; ";
        out += p.message;
    }
    return out;
}

/// A run row's checksum: its texts, and its timeline when it has one (so rows without one
/// keep the checksum of schema 2).
std::string runChecksum(const RunRecord& run, std::string_view settings, std::string_view summary) {
    if (run.timeline.empty())
        return rowChecksum({run.startedAt, run.label, settings, summary, run.seriesCsv});
    return rowChecksum({run.startedAt, run.label, settings, summary, run.seriesCsv, run.timeline});
}

std::string experimentChecksum(const ExperimentRecord& experiment, std::string_view plan,
                               std::string_view results) {
    return rowChecksum({experiment.createdAt, experiment.label, plan, results});
}

/// The first thing wrong with a stored row, its checks run in order: once one fails the
/// later ones are skipped (a shape is not checked on a text that did not parse).
class RowProblem {
public:
    /// Parses a stored JSON text; on failure the problem is "has WHAT that ...". Null once
    /// a problem was found.
    nlohmann::json parse(const std::string& stored, const std::string& what) {
        if (!m_text.empty())
            return {};
        std::string error;
        nlohmann::json value = design::parseBoundedJson(stored, error);
        if (value.is_discarded())
            m_text = "has " + what + " that " + error;
        return value;
    }
    /// Runs `check` (a problem, or empty) unless a problem was found already.
    template <typename Check> void then(Check check) {
        if (m_text.empty())
            m_text = check();
    }
    /// Leaves the row out of `damage` when something is wrong with it: "WHAT ID (WHEN) is
    /// damaged and was left out: it ..."; true when the row is fine.
    bool keep(std::vector<std::string>& damage, const std::string& what, std::int64_t id,
              const std::string& when) const {
        if (m_text.empty())
            return true;
        damage.push_back(what + " " + std::to_string(id) + " (" + when +
                         ") is damaged and was left out: it " + m_text);
        return false;
    }

private:
    std::string m_text;
};

/// An attempt row's texts: its lists and design as stored (JSON), its numbers as decimals.
struct AttemptTexts {
    std::string design, seeds, targets, estimates;
};

std::string attemptChecksum(const AttemptRecord& a, const AttemptTexts& t) {
    return rowChecksum({a.recordedAt, a.problem, t.design, t.seeds, t.targets,
                        std::to_string(a.score), a.passed ? "1" : "0", t.estimates,
                        std::to_string(a.hintsUsed), std::to_string(a.timeTakenSeconds)});
}

/// Reads the attempt rows into `workspace`, leaving out (and naming) the damaged ones.
void readAttempts(SqliteConnection& db, Workspace& workspace) {
    SqliteStatement rows(db, "SELECT id, recorded_at, problem, design, seeds, targets, score, "
                             "passed, estimates, hints_used, time_taken_s, checksum FROM attempts "
                             "ORDER BY id");
    while (rows.step()) {
        AttemptRecord attempt;
        attempt.id = rows.integer(0);
        attempt.recordedAt = rows.text(1);
        attempt.problem = rows.text(2);
        const AttemptTexts texts{rows.text(3), rows.text(4), rows.text(5), rows.text(8)};
        attempt.score = static_cast<int>(rows.integer(6));
        attempt.passed = rows.integer(7) != 0;
        attempt.hintsUsed = static_cast<int>(rows.integer(9));
        attempt.timeTakenSeconds = rows.integer(10);
        RowProblem problem;
        problem.then([&] {
            return rows.text(11) != attemptChecksum(attempt, texts) ? "does not match its checksum"
                                                                    : "";
        });
        attempt.design = problem.parse(texts.design, "a design");
        problem.then(
            [&] { return attempt.design.is_object() ? "" : "has a design that is not an object"; });
        const nlohmann::json seeds = problem.parse(texts.seeds, "seeds");
        const nlohmann::json targets = problem.parse(texts.targets, "targets");
        const nlohmann::json estimates = problem.parse(texts.estimates, "estimates");
        problem.then([&] { return readAttemptLists(seeds, targets, estimates, attempt); });
        problem.then([&] {
            return attempt.score < 0 || attempt.score > 100 ? "has a score outside 0-100" : "";
        });
        if (problem.keep(workspace.damage, "attempt", attempt.id, attempt.recordedAt))
            workspace.attempts.push_back(std::move(attempt));
    }
}

OpenResult readContents(SqliteConnection& db, const std::string& path,
                        const DescriptorCatalog& catalog) {
    SqliteStatement designRow(db, "SELECT json, checksum FROM design WHERE id = 1");
    if (!designRow.step())
        return failure(OpenFailure::Damaged, path + " is damaged: it holds no design");
    const std::string designText = designRow.text(0);
    design::LoadResult loaded = design::readDraftDesign(designText, catalog);
    if (!loaded.ok())
        return failure(OpenFailure::BadDesign, path + " holds a design that cannot be read: " +
                                                   firstErrors(loaded.problems));

    Workspace workspace;
    workspace.design = std::move(*loaded.design);
    workspace.problems = std::move(loaded.problems);
    // Files of schema 1 have no checksums (empty): those rows are taken as they are.
    const std::string designSum = designRow.text(1);
    if (!designSum.empty() && designSum != rowChecksum({designText}))
        workspace.damage.push_back(
            "the design does not match its checksum: it was changed outside Scaleboard or the "
            "file is damaged; check it before you save");
    SqliteStatement runs(db, "SELECT id, started_at, label, settings, summary, series_csv, "
                             "checksum, timeline FROM runs ORDER BY id");
    while (runs.step()) {
        RunRecord run;
        run.id = runs.integer(0);
        run.startedAt = runs.text(1);
        run.label = runs.text(2);
        const std::string settings = runs.text(3), summary = runs.text(4);
        run.seriesCsv = runs.text(5);
        const std::string sum = runs.text(6);
        run.timeline = runs.blob(7);
        RowProblem problem;
        problem.then([&] {
            return !sum.empty() && sum != runChecksum(run, settings, summary)
                       ? "does not match its checksum"
                       : "";
        });
        run.settings = problem.parse(settings, "settings");
        run.summary = problem.parse(summary, "a summary");
        problem.then([&] { return checkRunShape(run); });
        if (problem.keep(workspace.damage, "run", run.id, run.startedAt))
            workspace.runs.push_back(std::move(run));
    }
    SqliteStatement experiments(db, "SELECT id, created_at, label, plan, results, checksum FROM "
                                    "experiments ORDER BY id");
    while (experiments.step()) {
        ExperimentRecord experiment;
        experiment.id = experiments.integer(0);
        experiment.createdAt = experiments.text(1);
        experiment.label = experiments.text(2);
        const std::string plan = experiments.text(3), results = experiments.text(4);
        RowProblem problem;
        problem.then([&] {
            return experiments.text(5) != experimentChecksum(experiment, plan, results)
                       ? "does not match its checksum"
                       : "";
        });
        experiment.plan = problem.parse(plan, "a plan");
        experiment.results = problem.parse(results, "results");
        problem.then([&] { return checkExperimentShape(experiment); });
        if (problem.keep(workspace.damage, "experiment", experiment.id, experiment.createdAt))
            workspace.experiments.push_back(std::move(experiment));
    }
    readAttempts(db, workspace);
    OpenResult result;
    result.workspace = std::move(workspace);
    return result;
}

OpenResult openDatabase(const std::string& path, const DescriptorCatalog& catalog) {
    SqliteConnection db(path, SqliteConnection::Mode::ReadOnly);
    std::optional<int> version = readSchemaVersion(db);
    if (!version)
        return failure(OpenFailure::NotAWorkspace,
                       path + " is not a Scaleboard workspace (it is a database of another "
                              "program)");
    if (*version > kWorkspaceSchemaVersion)
        return failure(OpenFailure::NewerVersion, newerVersionMessage(path, *version));
    std::string check = db.queryText("PRAGMA quick_check");
    if (check != "ok")
        return failure(OpenFailure::Damaged, path + " is damaged: " + check);
    if (*version == kWorkspaceSchemaVersion)
        return readContents(db, path, catalog);
    // An older schema is upgraded in a copy in memory; the file changes on the next save.
    SqliteConnection upgraded = db.copyToMemory();
    upgraded.execute("BEGIN");
    upgradeSchema(upgraded, *version, kWorkspaceSchemaVersion, schemaUpgrades());
    upgraded.execute("COMMIT");
    return readContents(upgraded, path, catalog);
}

void insertRun(SqliteConnection& db, const RunRecord& run) {
    SqliteStatement insert(db, "INSERT INTO runs (id, started_at, label, settings, summary, "
                               "series_csv, checksum, timeline) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    if (run.id != 0)
        insert.bind(1, run.id);
    else
        insert.bindNull(1);
    const std::string settings = run.settings.dump(), summary = run.summary.dump();
    insert.bind(2, run.startedAt)
        .bind(3, run.label)
        .bind(4, settings)
        .bind(5, summary)
        .bind(6, run.seriesCsv)
        .bind(7, runChecksum(run, settings, summary));
    if (run.timeline.empty())
        insert.bindNull(8);
    else
        insert.bindBlob(8, run.timeline);
    insert.run();
}

void insertExperiment(SqliteConnection& db, const ExperimentRecord& experiment) {
    SqliteStatement insert(db, "INSERT INTO experiments (id, created_at, label, plan, results, "
                               "checksum) VALUES (?, ?, ?, ?, ?, ?)");
    if (experiment.id != 0)
        insert.bind(1, experiment.id);
    else
        insert.bindNull(1);
    const std::string plan = experiment.plan.dump(), results = experiment.results.dump();
    insert.bind(2, experiment.createdAt)
        .bind(3, experiment.label)
        .bind(4, plan)
        .bind(5, results)
        .bind(6, experimentChecksum(experiment, plan, results))
        .run();
}

void insertAttempt(SqliteConnection& db, const AttemptRecord& attempt) {
    SqliteStatement insert(db, "INSERT INTO attempts (id, recorded_at, problem, design, seeds, "
                               "targets, score, passed, estimates, hints_used, time_taken_s, "
                               "checksum) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    if (attempt.id != 0)
        insert.bind(1, attempt.id);
    else
        insert.bindNull(1);
    const AttemptTexts texts{attempt.design.dump(), nlohmann::json(attempt.seeds).dump(),
                             toJson(attempt.targets).dump(), toJson(attempt.estimates).dump()};
    insert.bind(2, attempt.recordedAt)
        .bind(3, attempt.problem)
        .bind(4, texts.design)
        .bind(5, texts.seeds)
        .bind(6, texts.targets)
        .bind(7, std::int64_t{attempt.score})
        .bind(8, std::int64_t{attempt.passed ? 1 : 0})
        .bind(9, texts.estimates)
        .bind(10, std::int64_t{attempt.hintsUsed})
        .bind(11, attempt.timeTakenSeconds)
        .bind(12, attemptChecksum(attempt, texts))
        .run();
}

/// Adds one row (`what`: "the run") to an existing workspace in one transaction, upgrading
/// an older file first.
AppendResult appendRow(const std::string& path, const std::string& what,
                       const std::function<void(SqliteConnection&)>& insert,
                       const WriteProbe& probe) {
    AppendResult result;
    result.error = checkReadable(path).error;
    if (!result.error.empty())
        return result;
    try {
        SqliteConnection db(path, SqliteConnection::Mode::ReadWrite);
        db.execute("PRAGMA synchronous = FULL");
        db.execute("BEGIN IMMEDIATE");
        std::optional<int> version = readSchemaVersion(db);
        if (!version) {
            result.error = path + " is not a Scaleboard workspace";
            return result;
        }
        if (*version > kWorkspaceSchemaVersion) {
            result.error = newerVersionMessage(path, *version);
            return result;
        }
        std::string check = db.queryText("PRAGMA quick_check");
        if (check != "ok") {
            result.error = path + " is damaged: " + check;
            return result;
        }
        upgradeSchema(db, *version, kWorkspaceSchemaVersion, schemaUpgrades());
        insert(db);
        result.id = db.lastInsertId();
        if (probe)
            probe(WriteStep::RowsWritten);
        db.execute("COMMIT");
    } catch (const SqliteError& e) {
        result.error = e.primaryCode() == SQLITE_NOTADB
                           ? path + " is not a Scaleboard workspace (" + e.what() + ")"
                           : "cannot add " + what + " to " + path + ": " + e.what();
        result.id = 0;
    } catch (const std::runtime_error& e) {
        result.error = "cannot add " + what + " to " + path + ": " + e.what();
        result.id = 0;
    }
    return result;
}

} // namespace

std::string WorkspaceFile::temporaryPath(const std::string& path) {
    return path + ".saving";
}

OpenResult WorkspaceFile::open(const std::string& path, const DescriptorCatalog& catalog) {
    OpenResult unreadable = checkReadable(path);
    if (!unreadable.error.empty())
        return unreadable;
    try {
        try {
            return openDatabase(path, catalog);
        } catch (const SqliteError& e) {
            if (e.code() != SQLITE_READONLY_ROLLBACK)
                throw;
            rollBackInterruptedWrite(path);
            return openDatabase(path, catalog);
        }
    } catch (const SqliteError& e) {
        if (e.primaryCode() == SQLITE_NOTADB)
            return failure(OpenFailure::NotAWorkspace,
                           path + " is not a Scaleboard workspace (" + e.what() + ")");
        if (e.primaryCode() == SQLITE_CORRUPT)
            return failure(OpenFailure::Damaged, path + " is damaged: " + e.what());
        return failure(OpenFailure::CannotRead, "cannot read " + path + ": " + e.what());
    } catch (const std::runtime_error& e) {
        return failure(OpenFailure::Damaged, path + " is damaged: " + e.what());
    }
}

std::string WorkspaceFile::save(const std::string& path, const design::Design& design,
                                const std::vector<RunRecord>& runs, const WriteProbe& probe) {
    return save(path, design, runs, {}, {}, probe);
}

std::string WorkspaceFile::save(const std::string& path, const design::Design& design,
                                const std::vector<RunRecord>& runs,
                                const std::vector<ExperimentRecord>& experiments,
                                const std::vector<AttemptRecord>& attempts,
                                const WriteProbe& probe) {
    const std::string temp = temporaryPath(path);
    try {
        // A save cut short earlier left its temporary file; it holds nothing worth keeping.
        std::remove(temp.c_str());
        {
            SqliteConnection db(temp, SqliteConnection::Mode::Create);
            db.execute("PRAGMA journal_mode = MEMORY");
            db.execute("PRAGMA synchronous = FULL");
            db.execute("BEGIN");
            createSchema(db);
            const std::string designText = design::writeDesign(design);
            SqliteStatement(db, "INSERT INTO design (id, json, checksum) VALUES (1, ?, ?)")
                .bind(1, designText)
                .bind(2, rowChecksum({designText}))
                .run();
            for (const auto& run : runs)
                insertRun(db, run);
            for (const auto& experiment : experiments)
                insertExperiment(db, experiment);
            for (const auto& attempt : attempts)
                insertAttempt(db, attempt);
            if (probe)
                probe(WriteStep::RowsWritten);
            db.execute("COMMIT");
        }
        syncPath(temp, O_RDONLY);
        if (probe)
            probe(WriteStep::TemporaryCommitted);
        // A journal left by a write cut short belongs to the old file: roll the old file
        // back while it is still there, then drop the journal so the new file never sees it.
        const std::string journal = path + "-journal";
        if (fileExists(journal)) {
            try {
                rollBackInterruptedWrite(path);
            } catch (const SqliteError&) {
            }
            std::remove(journal.c_str());
        }
        if (std::rename(temp.c_str(), path.c_str()) != 0)
            throw std::runtime_error(std::string("cannot replace it: ") + std::strerror(errno));
        syncPath(directoryOf(path), O_RDONLY | O_DIRECTORY);
        return {};
    } catch (const std::runtime_error& e) {
        std::remove(temp.c_str());
        return "cannot save " + path + ": " + e.what();
    }
}

AppendResult WorkspaceFile::appendRun(const std::string& path, const RunRecord& run,
                                      const WriteProbe& probe) {
    return appendRow(
        path, "the run", [&run](SqliteConnection& db) { insertRun(db, run); }, probe);
}

AppendResult WorkspaceFile::appendExperiment(const std::string& path,
                                             const ExperimentRecord& experiment,
                                             const WriteProbe& probe) {
    return appendRow(
        path, "the experiment",
        [&experiment](SqliteConnection& db) { insertExperiment(db, experiment); }, probe);
}

AppendResult WorkspaceFile::appendAttempt(const std::string& path, const AttemptRecord& attempt,
                                          const WriteProbe& probe) {
    return appendRow(
        path, "the attempt", [&attempt](SqliteConnection& db) { insertAttempt(db, attempt); },
        probe);
}

} // namespace sb::ws
