#include "components/registry/ComponentRegistry.h"
#include "components/registry/SimulationBuilder.h"
#include "design/AtomicFile.h"
#include "design/DesignJson.h"
#include "experiments/Experiment.h"
#include "experiments/ExperimentFile.h"
#include "workspace/RowIntegrity.h"
#include "workspace/SqliteConnection.h"
#include "workspace/SqliteStatement.h"
#include "workspace/WorkspaceFile.h"
#include "workspace/WorkspaceSchema.h"

#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <fstream>
#include <random>
#include <sys/wait.h>
#include <unistd.h>

using namespace sb;
using ws::OpenFailure;
using ws::WorkspaceFile;

Q_DECLARE_METATYPE(ws::OpenFailure)
Q_DECLARE_METATYPE(ws::WriteStep)

namespace {

const comp::ComponentRegistry& registry() {
    return comp::ComponentRegistry::builtin();
}

design::Design loadDesign(const std::string& text) {
    auto loaded = design::readDesign(text, registry());
    if (!loaded.ok())
        qFatal("test design does not load: %s", design::formatProblems(loaded.problems).c_str());
    return *loaded.design;
}

/// A design using most of the format: data centre, props, groups, faults, settings.
design::Design sampleDesign(const std::string& name = "Sample") {
    return loadDesign(R"({
      "format": "scaleboard-design", "version": 1, "name": ")" +
                      name + R"(",
      "description": "Two tiers in one data centre",
      "datacenters": [{"id": "dc1", "region": "eu-west", "label": "Dublin",
                       "x": 10, "y": 20, "width": 600, "height": 400}],
      "nodes": [
        {"id": "users", "kind": "clients", "label": "Users", "x": 0, "y": 0,
         "props": {"rate_rps": 200, "mix": {"read": 0.7, "write": 0.2, "static": 0.1}}},
        {"id": "web1", "kind": "web_server", "label": "Web", "dc": "dc1", "x": 150.5, "y": 80,
         "props": {"workers": 8, "service_ms": 4.25}}
      ],
      "links": [{"from": "users", "to": "web1", "props": {"latency_ms": 2.5}}],
      "faults": [{"at_s": 3, "target": "web1", "action": "slow", "factor": 2, "duration_s": 1}],
      "run": {"duration_s": 5, "warmup_s": 1, "seed": 7},
      "targets": {"p99_ms": 50},
      "chaos": {"enabled": false, "mtbf_s": 300, "mttr_s": 30, "seed": 3, "kinds": ["web_server"]}
    })");
}

/// A run record holding what a real run produced.
ws::RunRecord realRun(const design::Design& d, std::uint64_t seed, const std::string& label) {
    emu::RunSettings settings;
    settings.durationSeconds = 2;
    settings.seed = seed;
    emu::RunResult result = comp::runDesign(d, settings, registry());
    ws::RunRecord run;
    run.startedAt = ws::isoTimestampNow();
    run.label = label;
    run.settings = {{"duration_s", settings.durationSeconds}, {"seed", seed}};
    run.summary = emu::toJson(result);
    run.seriesCsv = result.series.toCsv();
    return run;
}

/// An experiment record holding what a real experiment produced: web1.workers at 2 and 4,
/// two replications, a target on p99.
ws::ExperimentRecord realExperiment(const design::Design& d, const std::string& label) {
    experiments::Plan plan;
    plan.design = d;
    plan.settings.durationSeconds = 1;
    plan.settings.seed = 5;
    plan.parameters.push_back(experiments::parseVary("web1.workers=2,4"));
    plan.replications = 2;
    plan.targets = experiments::parseTargets("p99_ms<200");
    const auto points = experiments::run(plan, 1, {});
    ws::ExperimentRecord record;
    record.createdAt = ws::isoTimestampNow();
    record.label = label;
    record.plan = experiments::experimentFileJson(plan, "sample.sbw", 0);
    record.results = experiments::toJson(plan, points);
    return record;
}

/// A graded practice attempt as the grader would leave it: the p99 met, the answered share
/// during the fault missed; the time stamp given, as every caller gives it.
ws::AttemptRecord sampleAttempt(int hints, const std::string& problem = "news-feed") {
    ws::AttemptRecord a;
    a.recordedAt = "2026-12-03T10:15:00Z";
    a.problem = problem;
    a.design = nlohmann::json::parse(design::writeDesign(sampleDesign()));
    a.seeds = {1, 2, 3};
    a.targets = {{"p99_ms", "p99 latency", true, 96.7, 200, "<=", "ms"},
                 {"availability", "answered while a web server fails", false, 0.931, 0.99,
                  ">=", "fraction"}};
    a.score = 50;
    a.passed = false;
    a.estimates = {{"peak_qps", 5556, 2777.8, 2.0001}};
    a.hintsUsed = hints;
    a.timeTakenSeconds = 1512;
    return a;
}

/// A new workspace at `file` holding `d` and two real runs, "first" and "second"; returns
/// the save's error (empty on success).
std::string saveWithTwoRuns(const std::string& file, const design::Design& d) {
    ::unlink(file.c_str());
    return WorkspaceFile::save(file, d, {realRun(d, 1, "first"), realRun(d, 2, "second")});
}

std::string fileBytes(const std::string& path) {
    std::string contents, error;
    design::readWholeFile(path, contents, error);
    return contents;
}

void writeBytes(const std::string& path, const std::string& bytes) {
    std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
}

bool exists(const std::string& path) {
    return ::access(path.c_str(), F_OK) == 0;
}

/// Runs `action` in a child process and returns its wait status.
template <typename Action> int inChild(Action action) {
    pid_t pid = fork();
    if (pid == 0) {
        action();
        _exit(0);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    return status;
}

} // namespace

class WorkspaceTest : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::string path(const char* name) const { return m_dir.filePath(name).toStdString(); }

private Q_SLOTS:
    void saveThenOpenGivesTheSameWorkspace() {
        const std::string file = path("same.sbw");
        design::Design d = sampleDesign();
        std::vector<ws::RunRecord> runs{realRun(d, 1, "baseline"), realRun(d, 2, "second seed")};
        runs[0].id = 1;
        runs[1].id = 2;
        QCOMPARE(WorkspaceFile::save(file, d, runs), std::string());
        QVERIFY(!exists(WorkspaceFile::temporaryPath(file)));

        ws::OpenResult opened = WorkspaceFile::open(file, registry());
        QVERIFY2(opened.ok(), opened.error.c_str());
        QVERIFY(opened.workspace->design == d);
        QCOMPARE(opened.workspace->runs.size(), size_t(2));
        QVERIFY(opened.workspace->runs == runs);
        QVERIFY(opened.workspace->runs[0].summary.contains("latency_ms"));
        QVERIFY(!design::hasErrors(opened.workspace->problems));
    }

    void theDesignIsStoredAsDesignJson() {
        const std::string file = path("json.sbw");
        design::Design d = sampleDesign();
        QCOMPARE(WorkspaceFile::save(file, d, {}), std::string());
        ws::SqliteConnection db(file, ws::SqliteConnection::Mode::ReadOnly);
        QCOMPARE(db.queryText("SELECT json FROM design"), design::writeDesign(d));
        QCOMPARE(db.queryText("SELECT value FROM meta WHERE key = 'format'"),
                 std::string("scaleboard-workspace"));
        QCOMPARE(db.queryText("PRAGMA user_version"), std::to_string(ws::kWorkspaceSchemaVersion));
    }

    void savingAgainReplacesTheContents() {
        const std::string file = path("again.sbw");
        QCOMPARE(
            WorkspaceFile::save(file, sampleDesign("First"), {realRun(sampleDesign(), 1, "a")}),
            std::string());
        QCOMPARE(WorkspaceFile::save(file, sampleDesign("Second"), {}), std::string());
        ws::OpenResult opened = WorkspaceFile::open(file, registry());
        QVERIFY2(opened.ok(), opened.error.c_str());
        QCOMPARE(opened.workspace->design.name, std::string("Second"));
        QVERIFY(opened.workspace->runs.empty());
    }

    void appendedRunsJoinTheHistoryInOrder() {
        const std::string file = path("history.sbw");
        design::Design d = sampleDesign();
        QCOMPARE(WorkspaceFile::save(file, d, {realRun(d, 1, "first")}), std::string());
        ws::AppendResult second = WorkspaceFile::appendRun(file, realRun(d, 2, "second"));
        ws::AppendResult third = WorkspaceFile::appendRun(file, realRun(d, 3, "third"));
        QVERIFY2(second.ok(), second.error.c_str());
        QVERIFY2(third.ok(), third.error.c_str());
        QVERIFY(third.id > second.id);

        ws::OpenResult opened = WorkspaceFile::open(file, registry());
        QVERIFY2(opened.ok(), opened.error.c_str());
        QVERIFY(opened.workspace->design == d);
        const auto& runs = opened.workspace->runs;
        QCOMPARE(runs.size(), size_t(3));
        QCOMPARE(runs[0].label, std::string("first"));
        QCOMPARE(runs[1].label, std::string("second"));
        QCOMPARE(runs[1].id, second.id);
        QCOMPARE(runs[2].label, std::string("third"));
        QCOMPARE(runs[2].settings["seed"].get<int>(), 3);
        QVERIFY(runs[0].id < runs[1].id);
        QVERIFY(!runs[2].seriesCsv.empty());
    }

    void anUnfinishedDrawingStillOpens() {
        // Clients linked to nothing is a validation error, but a half-drawn design must
        // survive a save and an autosave.
        const std::string file = path("draft.sbw");
        design::Design d = sampleDesign();
        d.links.clear();
        QCOMPARE(WorkspaceFile::save(file, d, {}), std::string());
        ws::OpenResult opened = WorkspaceFile::open(file, registry());
        QVERIFY2(opened.ok(), opened.error.c_str());
        QVERIFY(opened.workspace->design == d);
        QVERIFY(design::hasErrors(opened.workspace->problems));
        QVERIFY(design::formatProblems(opened.workspace->problems).find("linked to nothing") !=
                std::string::npos);
    }

    void badFilesGiveAClearErrorAndStayUntouched_data() {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<OpenFailure>("failure");
        QTest::addColumn<QString>("message");
        QTest::newRow("random bytes") << "random" << OpenFailure::NotAWorkspace
                                      << "is not a Scaleboard workspace (file is not a database)";
        QTest::newRow("text file")
            << "text" << OpenFailure::NotAWorkspace << "is not a Scaleboard workspace";
        QTest::newRow("empty file") << "empty" << OpenFailure::NotAWorkspace
                                    << "is not a Scaleboard workspace (the file is empty)";
        QTest::newRow("design json")
            << "json" << OpenFailure::NotAWorkspace << "is not a Scaleboard workspace";
        QTest::newRow("foreign sqlite")
            << "foreign" << OpenFailure::NotAWorkspace << "database of another program";
        QTest::newRow("truncated to half") << "half" << OpenFailure::Damaged << "is damaged:";
        QTest::newRow("truncated header")
            << "header" << OpenFailure::Damaged << "is damaged: database disk image is malformed";
        QTest::newRow("overwritten page") << "scribbled" << OpenFailure::Damaged << "is damaged:";
        QTest::newRow("newer schema")
            << "newer" << OpenFailure::NewerVersion
            << QStringLiteral("was written by a newer Scaleboard (workspace schema %1;")
                   .arg(ws::kWorkspaceSchemaVersion + 1);
        QTest::newRow("unreadable design")
            << "baddesign" << OpenFailure::BadDesign << "holds a design that cannot be read";
        QTest::newRow("missing file")
            << "missing" << OpenFailure::CannotRead << "No such file or directory";
    }

    void badFilesGiveAClearErrorAndStayUntouched() {
        QFETCH(QString, kind);
        QFETCH(OpenFailure, failure);
        QFETCH(QString, message);
        const std::string file = path("bad.sbw");
        ::unlink(file.c_str());
        makeBadFile(kind.toStdString(), file);
        const std::string before = fileBytes(file);

        ws::OpenResult opened = WorkspaceFile::open(file, registry());
        QVERIFY(!opened.ok());
        QCOMPARE(opened.failure, failure);
        QVERIFY2(opened.error.find(file) != std::string::npos, opened.error.c_str());
        QVERIFY2(opened.error.find(message.toStdString()) != std::string::npos,
                 opened.error.c_str());

        ws::AppendResult appended = WorkspaceFile::appendRun(file, ws::RunRecord{});
        if (kind != "baddesign") {
            // A design the catalog rejects is the one case where appending is harmless.
            QVERIFY2(!appended.ok(), "a run was appended to a bad file");
            QVERIFY(!appended.error.empty());
        }
        if (kind == "missing") {
            QVERIFY(!exists(file));
            return;
        }
        if (kind != "baddesign")
            QVERIFY(fileBytes(file) == before);
        QVERIFY(!exists(file + "-journal"));
    }

    void schemaUpgradesRunInOrder() {
        ws::SqliteConnection db(":memory:", ws::SqliteConnection::Mode::Create);
        ws::createSchema(db);
        const int v = ws::kWorkspaceSchemaVersion;
        QCOMPARE(ws::readSchemaVersion(db), std::optional<int>(v));
        const std::vector<ws::SchemaUpgrade> steps{
            {v + 1, "ALTER TABLE runs ADD COLUMN pinned INTEGER NOT NULL DEFAULT 0"},
            {v, "ALTER TABLE runs ADD COLUMN notes TEXT NOT NULL DEFAULT ''"}};
        ws::upgradeSchema(db, v, v + 2, steps);
        QCOMPARE(ws::readSchemaVersion(db), std::optional<int>(v + 2));
        QCOMPARE(db.queryText("PRAGMA user_version"), std::to_string(v + 2));
        db.execute("INSERT INTO runs (started_at, label, settings, summary, series_csv, notes, "
                   "pinned) VALUES ('', '', '{}', '{}', '', 'n', 1)");
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, ws::upgradeSchema(db, v + 2, v + 3, steps));
        // Every shipped step starts where the previous one ended.
        const auto& shipped = ws::schemaUpgrades();
        for (size_t i = 0; i < shipped.size(); ++i)
            QCOMPARE(shipped[i].from, int(i) + 1);
        QCOMPARE(int(shipped.size()), ws::kWorkspaceSchemaVersion - 1);
    }

    // Damage the SQLite checks miss: rows of the wrong shape, text changed in place. The
    // damaged run is left out and named; the design and the other runs are recovered.
    void damagedRunRowsAreLeftOutAndNamed_data() {
        QTest::addColumn<QString>("column");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("message");
        QTest::newRow("settings a list") << "settings"
                                         << "[1,2]"
                                         << "settings must be an object";
        QTest::newRow("summary a list") << "summary"
                                        << "[1,2]"
                                        << "summary must be an object";
        QTest::newRow("latency a list") << "summary"
                                        << R"({"latency_ms":[1]})"
                                        << "summary.latency_ms must be an object";
        QTest::newRow("latency not a number") << "summary"
                                              << R"({"latency_ms":{"p99":"x"}})"
                                              << "summary.latency_ms.p99 has the wrong type";
        QTest::newRow("seed a text") << "settings"
                                     << R"({"seed":"x"})"
                                     << "settings.seed must be a whole number";
        QTest::newRow("nested 100k deep")
            << "summary" << QString(100000, QLatin1Char('[')) + QString(100000, QLatin1Char(']'))
            << "nests lists or objects more than 64 levels deep";
        QTest::newRow("not JSON") << "summary"
                                  << "{\"requests\":"
                                  << "is not valid JSON";
    }
    void damagedRunRowsAreLeftOutAndNamed() {
        QFETCH(QString, column);
        QFETCH(QString, value);
        QFETCH(QString, message);
        const std::string file = path("shapes.sbw");
        const design::Design d = sampleDesign();
        QCOMPARE(saveWithTwoRuns(file, d), std::string());
        {
            // Written as another program would: the checksum updated to match, so only the
            // shape check can catch it.
            ws::SqliteConnection db(file, ws::SqliteConnection::Mode::ReadWrite);
            ws::SqliteStatement(db, "UPDATE runs SET " + column.toStdString() +
                                        " = ?, checksum = NULL WHERE label = 'second'")
                .bind(1, value.toStdString())
                .run();
        }
        const ws::OpenResult opened = WorkspaceFile::open(file, registry());
        QVERIFY2(opened.ok(), opened.error.c_str());
        QCOMPARE(opened.workspace->design, d);
        QCOMPARE(opened.workspace->runs.size(), std::size_t(1));
        QCOMPARE(opened.workspace->runs[0].label, std::string("first"));
        QCOMPARE(opened.workspace->damage.size(), std::size_t(1));
        const std::string& damage = opened.workspace->damage[0];
        QVERIFY2(damage.find("run 2 (") != std::string::npos &&
                     damage.find("is damaged and was left out") != std::string::npos &&
                     damage.find(message.toStdString()) != std::string::npos,
                 damage.c_str());
    }

    // A run keeps its recorded timeline, bytes as they are (NULs too); a changed byte is
    // caught by the row's checksum.
    void aRunKeepsItsTimeline() {
        const std::string file = path("timeline.sbw");
        const design::Design d = sampleDesign();
        std::vector<ws::RunRecord> runs{realRun(d, 1, "with"), realRun(d, 2, "without")};
        runs[0].timeline = std::string("SBTL\x01\0\xff\x80 recorded", 18);
        QCOMPARE(WorkspaceFile::save(file, d, runs), std::string());
        ws::OpenResult opened = WorkspaceFile::open(file, registry());
        QVERIFY2(opened.ok(), opened.error.c_str());
        QCOMPARE(opened.workspace->runs.size(), std::size_t(2));
        QCOMPARE(opened.workspace->runs[0].timeline, runs[0].timeline);
        QVERIFY(opened.workspace->runs[1].timeline.empty());
        QVERIFY(opened.workspace->damage.empty());
        {
            ws::SqliteConnection db(file, ws::SqliteConnection::Mode::ReadWrite);
            db.execute("UPDATE runs SET timeline = X'53425453' WHERE label = 'with'");
        }
        opened = WorkspaceFile::open(file, registry());
        QCOMPARE(opened.workspace->runs.size(), std::size_t(1));
        QVERIFY(opened.workspace->damage.at(0).find("does not match its checksum") !=
                std::string::npos);
    }

    // A file of schema 2 (no timeline column) opens with its runs intact and no timelines.
    void aSchema2FileStillOpens() {
        const std::string file = path("schema2.sbw");
        const design::Design d = sampleDesign();
        QCOMPARE(saveWithTwoRuns(file, d), std::string());
        {
            ws::SqliteConnection db(file, ws::SqliteConnection::Mode::ReadWrite);
            db.execute("DROP TABLE attempts; DROP TABLE experiments; ALTER TABLE runs DROP COLUMN "
                       "timeline;"
                       "UPDATE meta SET value = '2' WHERE key = 'schema_version';"
                       "PRAGMA user_version = 2");
        }
        const ws::OpenResult opened = WorkspaceFile::open(file, registry());
        QVERIFY2(opened.ok(), opened.error.c_str());
        QCOMPARE(opened.workspace->runs.size(), std::size_t(2));
        QVERIFY(opened.workspace->damage.empty());
        QVERIFY(opened.workspace->runs[0].timeline.empty());
        QVERIFY(WorkspaceFile::appendRun(file, realRun(d, 3, "third")).ok());
        QCOMPARE(WorkspaceFile::open(file, registry()).workspace->runs.size(), std::size_t(3));
    }

    // Schema 4: experiments are kept beside the runs, read back as written, in order; a
    // save that passes them keeps them.
    void experimentsAreKeptAndReadBack() {
        const std::string file = path("experiments.sbw");
        const design::Design d = sampleDesign();
        QCOMPARE(saveWithTwoRuns(file, d), std::string());
        const ws::ExperimentRecord first = realExperiment(d, "workers 2 and 4");
        QCOMPARE(first.results["points"].size(), std::size_t(2));
        const ws::AppendResult a = WorkspaceFile::appendExperiment(file, first);
        QVERIFY2(a.ok(), a.error.c_str());
        ws::ExperimentRecord second = first;
        second.label = "again";
        const ws::AppendResult b = WorkspaceFile::appendExperiment(file, second);
        QVERIFY2(b.ok(), b.error.c_str());
        QVERIFY(b.id > a.id);
        ws::OpenResult opened = WorkspaceFile::open(file, registry());
        QVERIFY2(opened.ok(), opened.error.c_str());
        QVERIFY(opened.workspace->damage.empty());
        QCOMPARE(opened.workspace->runs.size(), std::size_t(2));
        QCOMPARE(opened.workspace->experiments.size(), std::size_t(2));
        ws::ExperimentRecord expected = first;
        expected.id = a.id;
        QCOMPARE(opened.workspace->experiments[0], expected);
        QCOMPARE(opened.workspace->experiments[1].label, std::string("again"));
        // The stored plan reads back as the experiment file it is.
        const experiments::ExperimentFile plan =
            experiments::readExperimentFile(opened.workspace->experiments[0].plan);
        QCOMPARE(plan.replications, std::optional<std::size_t>(2));
        QCOMPARE(plan.parameters.at(0).path, std::string("web1.workers"));
        // Saving the workspace again with its experiments keeps them (ids too).
        const std::vector<ws::ExperimentRecord> kept = opened.workspace->experiments;
        QCOMPARE(WorkspaceFile::save(file, d, opened.workspace->runs, kept), std::string());
        opened = WorkspaceFile::open(file, registry());
        QVERIFY2(opened.ok(), opened.error.c_str());
        QCOMPARE(opened.workspace->experiments, kept);
    }

    // A file of schema 3 (no experiments table) opens with no experiments; appending one
    // upgrades the file to the current schema in the same transaction.
    void aSchema3FileIsUpgraded() {
        const std::string file = path("schema3.sbw");
        const design::Design d = sampleDesign();
        QCOMPARE(saveWithTwoRuns(file, d), std::string());
        {
            ws::SqliteConnection db(file, ws::SqliteConnection::Mode::ReadWrite);
            db.execute("DROP TABLE attempts; DROP TABLE experiments;"
                       "UPDATE meta SET value = '3' WHERE key = 'schema_version';"
                       "PRAGMA user_version = 3");
        }
        const std::string before = fileBytes(file);
        ws::OpenResult opened = WorkspaceFile::open(file, registry());
        QVERIFY2(opened.ok(), opened.error.c_str());
        QCOMPARE(opened.workspace->runs.size(), std::size_t(2));
        QVERIFY(opened.workspace->experiments.empty());
        QVERIFY(opened.workspace->damage.empty());
        QCOMPARE(fileBytes(file), before); // opening never changes the file
        const ws::AppendResult appended =
            WorkspaceFile::appendExperiment(file, realExperiment(d, "after upgrade"));
        QVERIFY2(appended.ok(), appended.error.c_str());
        QCOMPARE(ws::SqliteConnection(file, ws::SqliteConnection::Mode::ReadOnly)
                     .queryText("PRAGMA user_version"),
                 std::to_string(ws::kWorkspaceSchemaVersion));
        opened = WorkspaceFile::open(file, registry());
        QCOMPARE(opened.workspace->runs.size(), std::size_t(2));
        QCOMPARE(opened.workspace->experiments.size(), std::size_t(1));
        QCOMPARE(opened.workspace->experiments[0].label, std::string("after upgrade"));
    }

    // A damaged experiment row is left out and named; the rest of the workspace opens.
    void damagedExperimentRowsAreLeftOutAndNamed_data() {
        QTest::addColumn<QString>("sql");
        QTest::addColumn<QString>("message");
        QTest::newRow("text changed in place")
            << "UPDATE experiments SET results = replace(results, '\"replications\":2', "
               "'\"replications\":3')"
            << "does not match its checksum";
        QTest::newRow("plan a list") << "UPDATE experiments SET plan = '[1]'"
                                     << "plan must be an object";
        QTest::newRow("points not a list") << "UPDATE experiments SET results = '{\"points\":1}'"
                                           << "results.points must be a list";
        QTest::newRow("not JSON") << "UPDATE experiments SET results = '{\"points\":'"
                                  << "has results that is not valid JSON";
    }
    void damagedExperimentRowsAreLeftOutAndNamed() {
        QFETCH(QString, sql);
        QFETCH(QString, message);
        const std::string file = path("damaged-experiment.sbw");
        const design::Design d = sampleDesign();
        QCOMPARE(saveWithTwoRuns(file, d), std::string());
        const ws::ExperimentRecord record = realExperiment(d, "kept");
        QVERIFY(WorkspaceFile::appendExperiment(file, record).ok());
        const ws::AppendResult damaged = WorkspaceFile::appendExperiment(file, record);
        QVERIFY(damaged.ok());
        {
            ws::SqliteConnection db(file, ws::SqliteConnection::Mode::ReadWrite);
            const bool keepsSum = message != "does not match its checksum";
            db.execute(sql.toStdString() + (keepsSum ? ", checksum = ''" : "") +
                       " WHERE id = " + std::to_string(damaged.id));
            if (keepsSum) {
                // Written as another program would: the checksum made to match the new
                // texts, so only the shape check can catch it.
                ws::SqliteStatement row(db, "SELECT created_at, label, plan, results FROM "
                                            "experiments WHERE id = ?");
                row.bind(1, damaged.id);
                QVERIFY(row.step());
                const std::string sum =
                    ws::rowChecksum({row.text(0), row.text(1), row.text(2), row.text(3)});
                ws::SqliteStatement(db, "UPDATE experiments SET checksum = ? WHERE id = ?")
                    .bind(1, sum)
                    .bind(2, damaged.id)
                    .run();
            }
        }
        const ws::OpenResult opened = WorkspaceFile::open(file, registry());
        QVERIFY2(opened.ok(), opened.error.c_str());
        QCOMPARE(opened.workspace->runs.size(), std::size_t(2));
        QCOMPARE(opened.workspace->experiments.size(), std::size_t(1));
        QCOMPARE(opened.workspace->damage.size(), std::size_t(1));
        const std::string& why = opened.workspace->damage[0];
        QVERIFY2(why.find("experiment " + std::to_string(damaged.id) + " (") != std::string::npos &&
                     why.find("is damaged and was left out") != std::string::npos &&
                     why.find(message.toStdString()) != std::string::npos,
                 why.c_str());
    }

    // Schema 5: graded practice attempts are kept beside the runs and experiments, read back
    // as written, in order; a save that passes them keeps them.
    void attemptsAreKeptAndReadBack() {
        const std::string file = path("attempts.sbw");
        const design::Design d = sampleDesign();
        QCOMPARE(saveWithTwoRuns(file, d), std::string());
        const ws::AttemptRecord first = sampleAttempt(1);
        const ws::AppendResult a = WorkspaceFile::appendAttempt(file, first);
        QVERIFY2(a.ok(), a.error.c_str());
        ws::AttemptRecord second = sampleAttempt(0, "chat");
        second.estimates.clear();
        second.targets[1].met = true;
        second.score = 100;
        second.passed = true;
        const ws::AppendResult b = WorkspaceFile::appendAttempt(file, second);
        QVERIFY2(b.ok(), b.error.c_str());
        QVERIFY(b.id > a.id);
        ws::OpenResult opened = WorkspaceFile::open(file, registry());
        QVERIFY2(opened.ok(), opened.error.c_str());
        QVERIFY(opened.workspace->damage.empty());
        QCOMPARE(opened.workspace->runs.size(), std::size_t(2));
        QCOMPARE(opened.workspace->attempts.size(), std::size_t(2));
        ws::AttemptRecord expected = first;
        expected.id = a.id;
        QVERIFY(opened.workspace->attempts[0] == expected);
        expected = second;
        expected.id = b.id;
        QVERIFY(opened.workspace->attempts[1] == expected);
        // The stored design reads back as the design graded.
        QVERIFY(loadDesign(opened.workspace->attempts[0].design.dump()) == d);
        // Saving the workspace again with its attempts keeps them (ids too); a save without
        // them leaves none.
        const std::vector<ws::AttemptRecord> kept = opened.workspace->attempts;
        QCOMPARE(WorkspaceFile::save(file, d, opened.workspace->runs, {}, kept), std::string());
        opened = WorkspaceFile::open(file, registry());
        QVERIFY2(opened.ok(), opened.error.c_str());
        QVERIFY(opened.workspace->attempts == kept);
        QCOMPARE(WorkspaceFile::save(file, d, {}), std::string());
        QVERIFY(WorkspaceFile::open(file, registry()).workspace->attempts.empty());
    }

    // A file of schema 4 (no attempts table) opens with its experiments and no attempts,
    // unchanged on disk; appending an attempt upgrades it to schema 5 in the same
    // transaction.
    void aSchema4FileIsUpgraded() {
        const std::string file = path("schema4.sbw");
        const design::Design d = sampleDesign();
        QCOMPARE(saveWithTwoRuns(file, d), std::string());
        QVERIFY(WorkspaceFile::appendExperiment(file, realExperiment(d, "kept")).ok());
        {
            ws::SqliteConnection db(file, ws::SqliteConnection::Mode::ReadWrite);
            db.execute("DROP TABLE attempts;"
                       "UPDATE meta SET value = '4' WHERE key = 'schema_version';"
                       "PRAGMA user_version = 4");
        }
        const std::string before = fileBytes(file);
        ws::OpenResult opened = WorkspaceFile::open(file, registry());
        QVERIFY2(opened.ok(), opened.error.c_str());
        QCOMPARE(opened.workspace->runs.size(), std::size_t(2));
        QCOMPARE(opened.workspace->experiments.size(), std::size_t(1));
        QVERIFY(opened.workspace->attempts.empty());
        QVERIFY(opened.workspace->damage.empty());
        QCOMPARE(fileBytes(file), before); // opening never changes the file
        const ws::AppendResult appended = WorkspaceFile::appendAttempt(file, sampleAttempt(2));
        QVERIFY2(appended.ok(), appended.error.c_str());
        QCOMPARE(ws::SqliteConnection(file, ws::SqliteConnection::Mode::ReadOnly)
                     .queryText("PRAGMA user_version"),
                 std::string("5"));
        opened = WorkspaceFile::open(file, registry());
        QVERIFY2(opened.ok(), opened.error.c_str());
        QCOMPARE(opened.workspace->runs.size(), std::size_t(2));
        QCOMPARE(opened.workspace->experiments.size(), std::size_t(1));
        QCOMPARE(opened.workspace->attempts.size(), std::size_t(1));
        QCOMPARE(opened.workspace->attempts[0].hintsUsed, 2);
    }

    // A tampered or damaged attempt row is left out and named; the rest of the workspace,
    // the other attempt included, opens.
    void damagedAttemptRowsAreLeftOutAndNamed_data() {
        QTest::addColumn<QString>("sql");
        QTest::addColumn<QString>("message");
        QTest::newRow("a missed target made met") << "UPDATE attempts SET targets = "
                                                     "replace(targets, 'false', 'true')"
                                                  << "does not match its checksum";
        QTest::newRow("the score raised") << "UPDATE attempts SET score = 100"
                                          << "does not match its checksum";
        QTest::newRow("less time taken") << "UPDATE attempts SET time_taken_s = 60"
                                         << "does not match its checksum";
        QTest::newRow("targets not a list") << "UPDATE attempts SET targets = '{}'"
                                            << "targets must be a list";
        QTest::newRow("a target without its value")
            << "UPDATE attempts SET targets = '[{\"id\": \"p99_ms\"}]'"
            << "targets must be a list of objects with id, label, met, measured";
        QTest::newRow("seeds not numbers") << "UPDATE attempts SET seeds = '[\"one\"]'"
                                           << "seeds must be a list of whole numbers";
        QTest::newRow("design not JSON") << "UPDATE attempts SET design = '{\"nodes\":'"
                                         << "has a design that is not valid JSON";
        QTest::newRow("score out of range") << "UPDATE attempts SET score = 250"
                                            << "has a score outside 0-100";
    }
    void damagedAttemptRowsAreLeftOutAndNamed() {
        QFETCH(QString, sql);
        QFETCH(QString, message);
        const std::string file = path("damaged-attempt.sbw");
        const design::Design d = sampleDesign();
        QCOMPARE(saveWithTwoRuns(file, d), std::string());
        QVERIFY(WorkspaceFile::appendAttempt(file, sampleAttempt(1)).ok());
        const ws::AppendResult damaged = WorkspaceFile::appendAttempt(file, sampleAttempt(2));
        QVERIFY(damaged.ok());
        {
            ws::SqliteConnection db(file, ws::SqliteConnection::Mode::ReadWrite);
            db.execute(sql.toStdString() + " WHERE id = " + std::to_string(damaged.id));
            if (message != "does not match its checksum") {
                // Written as another program would: the checksum made to match the new
                // row, so only the shape checks can catch it.
                ws::SqliteStatement row(db, "SELECT recorded_at, problem, design, seeds, targets, "
                                            "score, passed, estimates, hints_used, time_taken_s "
                                            "FROM attempts WHERE id = ?");
                row.bind(1, damaged.id);
                QVERIFY(row.step());
                const std::string sum = ws::rowChecksum(
                    {row.text(0), row.text(1), row.text(2), row.text(3), row.text(4), row.text(5),
                     row.text(6), row.text(7), row.text(8), row.text(9)});
                ws::SqliteStatement(db, "UPDATE attempts SET checksum = ? WHERE id = ?")
                    .bind(1, sum)
                    .bind(2, damaged.id)
                    .run();
            }
        }
        QCOMPARE(ws::SqliteConnection(file, ws::SqliteConnection::Mode::ReadOnly)
                     .queryText("PRAGMA quick_check"),
                 std::string("ok"));
        const ws::OpenResult opened = WorkspaceFile::open(file, registry());
        QVERIFY2(opened.ok(), opened.error.c_str());
        QCOMPARE(opened.workspace->runs.size(), std::size_t(2));
        QCOMPARE(opened.workspace->attempts.size(), std::size_t(1));
        QCOMPARE(opened.workspace->attempts[0].hintsUsed, 1);
        QCOMPARE(opened.workspace->damage.size(), std::size_t(1));
        const std::string& why = opened.workspace->damage[0];
        QVERIFY2(why.find("attempt " + std::to_string(damaged.id) +
                          " (2026-12-03T10:15:00Z) is damaged and was left out: it " +
                          message.toStdString()) != std::string::npos,
                 why.c_str());
    }

    // A Scaleboard refuses a file of a newer schema, to open or to append to.
    void aNewerFileRefusesAnExperiment() {
        const std::string file = path("newer-experiment.sbw");
        makeBadFile("newer", file);
        const ws::AppendResult appended =
            WorkspaceFile::appendExperiment(file, realExperiment(sampleDesign(), "x"));
        QVERIFY(!appended.ok());
        const std::string newer = "was written by a newer Scaleboard (workspace schema " +
                                  std::to_string(ws::kWorkspaceSchemaVersion + 1) + ";";
        QVERIFY2(appended.error.find(newer) != std::string::npos, appended.error.c_str());
        const ws::AppendResult attempt = WorkspaceFile::appendAttempt(file, sampleAttempt(3));
        QVERIFY(!attempt.ok());
        QVERIFY2(attempt.error.find(newer) != std::string::npos, attempt.error.c_str());
    }

    void textChangedInPlaceIsCaughtByTheChecksum() {
        const std::string file = path("flipped.sbw");
        const design::Design d = sampleDesign();
        QCOMPARE(saveWithTwoRuns(file, d), std::string());
        {
            // One digit of a stored number changes: the JSON is still valid and SQLite's own
            // checks pass, but the run's numbers are no longer the ones measured.
            ws::SqliteConnection db(file, ws::SqliteConnection::Mode::ReadWrite);
            db.execute("UPDATE runs SET summary = replace(summary, '\"total\":', "
                       "'\"total\":9') WHERE label = 'first'");
            db.execute("UPDATE design SET json = replace(json, 'Sample', 'Sampl3')");
        }
        QCOMPARE(ws::SqliteConnection(file, ws::SqliteConnection::Mode::ReadOnly)
                     .queryText("PRAGMA quick_check"),
                 std::string("ok"));
        const ws::OpenResult opened = WorkspaceFile::open(file, registry());
        QVERIFY2(opened.ok(), opened.error.c_str());
        QCOMPARE(opened.workspace->runs.size(), std::size_t(1));
        QCOMPARE(opened.workspace->runs[0].label, std::string("second"));
        QCOMPARE(opened.workspace->damage.size(), std::size_t(2));
        QVERIFY(opened.workspace->damage[0].find("the design does not match its checksum") !=
                std::string::npos);
        QVERIFY(opened.workspace->damage[1].find("run 1 (") != std::string::npos);
        QVERIFY(opened.workspace->damage[1].find("does not match its checksum") !=
                std::string::npos);
    }

    void anIntactFileReportsNoDamage() {
        const std::string file = path("intact.sbw");
        ::unlink(file.c_str());
        const design::Design d = sampleDesign();
        QCOMPARE(WorkspaceFile::save(file, d, {realRun(d, 1, "first")}), std::string());
        QVERIFY(WorkspaceFile::appendRun(file, realRun(d, 2, "second")).ok());
        const ws::OpenResult opened = WorkspaceFile::open(file, registry());
        QVERIFY2(opened.ok(), opened.error.c_str());
        QCOMPARE(opened.workspace->runs.size(), std::size_t(2));
        QVERIFY(opened.workspace->damage.empty());
    }

    void aSaveKilledMidwayLeavesThePreviousFile_data() {
        QTest::addColumn<ws::WriteStep>("step");
        QTest::newRow("rows written, not committed") << ws::WriteStep::RowsWritten;
        QTest::newRow("temporary committed, not renamed") << ws::WriteStep::TemporaryCommitted;
    }

    void aSaveKilledMidwayLeavesThePreviousFile() {
        QFETCH(ws::WriteStep, step);
        const std::string file = path("killed.sbw");
        design::Design before = sampleDesign("Before");
        QCOMPARE(WorkspaceFile::save(file, before, {realRun(before, 1, "kept")}), std::string());
        const std::string bytes = fileBytes(file);

        int status = inChild([&] {
            WorkspaceFile::save(file, sampleDesign("After"), {}, [step](ws::WriteStep at) {
                if (at == step)
                    raise(SIGKILL);
            });
        });
        QVERIFY(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
        QVERIFY(fileBytes(file) == bytes);
        ws::OpenResult opened = WorkspaceFile::open(file, registry());
        QVERIFY2(opened.ok(), opened.error.c_str());
        QCOMPARE(opened.workspace->design.name, std::string("Before"));
        QCOMPARE(opened.workspace->runs.size(), size_t(1));

        // The next save clears the leftover temporary file and succeeds.
        QCOMPARE(WorkspaceFile::save(file, sampleDesign("After"), {}), std::string());
        QVERIFY(!exists(WorkspaceFile::temporaryPath(file)));
        QCOMPARE(WorkspaceFile::open(file, registry()).workspace->design.name,
                 std::string("After"));
    }

    void anAppendKilledBeforeCommitLosesOnlyThatRun() {
        const std::string file = path("append-killed.sbw");
        design::Design d = sampleDesign();
        QCOMPARE(WorkspaceFile::save(file, d, {realRun(d, 1, "kept")}), std::string());

        int status = inChild([&] {
            WorkspaceFile::appendRun(file, realRun(d, 2, "lost"),
                                     [](ws::WriteStep) { raise(SIGKILL); });
        });
        QVERIFY(WIFSIGNALED(status));
        ws::OpenResult opened = WorkspaceFile::open(file, registry());
        QVERIFY2(opened.ok(), opened.error.c_str());
        QCOMPARE(opened.workspace->runs.size(), size_t(1));
        QCOMPARE(opened.workspace->runs[0].label, std::string("kept"));
        QVERIFY(WorkspaceFile::appendRun(file, realRun(d, 3, "next")).ok());
        QCOMPARE(WorkspaceFile::open(file, registry()).workspace->runs.size(), size_t(2));
    }

    void aTransactionCutShortOnDiskIsRolledBackOnOpen() {
        // A writer killed after it began changing the file itself (its cache spilled)
        // leaves a hot journal; opening rolls the file back to its last commit.
        const std::string file = path("hot-journal.sbw");
        design::Design d = sampleDesign();
        QCOMPARE(WorkspaceFile::save(file, d, {realRun(d, 1, "kept")}), std::string());
        const std::string saved = fileBytes(file);
        int status = inChild([&] {
            ws::SqliteConnection db(file, ws::SqliteConnection::Mode::ReadWrite);
            db.execute("PRAGMA cache_size = 2; BEGIN;"
                       "UPDATE runs SET series_csv = series_csv || series_csv || series_csv;"
                       "DELETE FROM design;");
            raise(SIGKILL);
        });
        QVERIFY(WIFSIGNALED(status));
        QVERIFY(fileBytes(file + "-journal").size() > 0);
        QVERIFY2(fileBytes(file) != saved, "the killed writer should have changed the file");

        ws::OpenResult opened = WorkspaceFile::open(file, registry());
        QVERIFY2(opened.ok(), opened.error.c_str());
        QVERIFY(opened.workspace->design == d);
        QCOMPARE(opened.workspace->runs.size(), size_t(1));
        QVERIFY(!exists(file + "-journal"));
    }

    void killingAProcessThatKeepsSavingNeverCorruptsTheFile() {
        // A child saves two different workspaces in turn, as fast as it can; it is killed at
        // an arbitrary moment (fixed seed). The file must hold one of the two, whole.
        const std::string file = path("hammered.sbw");
        design::Design a = sampleDesign("A");
        design::Design b = sampleDesign("B");
        std::vector<ws::RunRecord> runs;
        for (int i = 0; i < 4; ++i) {
            runs.push_back(realRun(a, 10 + i, "run " + std::to_string(i)));
            runs.back().id = i + 1;
        }
        QCOMPARE(WorkspaceFile::save(file, a, runs), std::string());

        std::mt19937 random(42);
        std::uniform_int_distribution<int> savesBeforeKill(0, 3);
        for (int round = 0; round < 12; ++round) {
            // The writer reports each finished save on a pipe; after a chosen number of
            // them it is killed while it writes the next one.
            int progress[2];
            QCOMPARE(pipe(progress), 0);
            pid_t pid = fork();
            if (pid == 0) {
                close(progress[0]);
                for (int i = 0;; ++i) {
                    WorkspaceFile::save(file, i % 2 ? a : b, runs);
                    const char done = 1;
                    if (write(progress[1], &done, 1) != 1)
                        _exit(1);
                }
            }
            close(progress[1]);
            for (int saves = savesBeforeKill(random); saves > 0; --saves) {
                char done;
                QCOMPARE(read(progress[0], &done, 1), ssize_t(1));
            }
            kill(pid, SIGKILL);
            close(progress[0]);
            int status = 0;
            waitpid(pid, &status, 0);
            ws::OpenResult opened = WorkspaceFile::open(file, registry());
            QVERIFY2(opened.ok(), opened.error.c_str());
            QVERIFY(opened.workspace->design == a || opened.workspace->design == b);
            QVERIFY(opened.workspace->runs == runs);
        }
    }

private:
    void makeBadFile(const std::string& kind, const std::string& file) {
        if (kind == "random") {
            std::mt19937 random(7);
            std::string bytes(8192, '\0');
            for (char& c : bytes)
                c = static_cast<char>(random());
            writeBytes(file, bytes);
        } else if (kind == "text") {
            writeBytes(file, "Scaleboard notes\nnot a database at all\n");
        } else if (kind == "empty") {
            writeBytes(file, "");
        } else if (kind == "json") {
            writeBytes(file, design::writeDesign(sampleDesign()));
        } else if (kind == "foreign") {
            ws::SqliteConnection db(file, ws::SqliteConnection::Mode::Create);
            db.execute("CREATE TABLE songs (title TEXT); INSERT INTO songs VALUES ('x');");
        } else if (kind == "half" || kind == "header" || kind == "scribbled") {
            design::Design d = sampleDesign();
            std::vector<ws::RunRecord> runs;
            for (int i = 0; i < 3; ++i)
                runs.push_back(realRun(d, 1 + i, "run"));
            QCOMPARE(WorkspaceFile::save(file, d, runs), std::string());
            std::string bytes = fileBytes(file);
            if (kind == "half")
                bytes.resize(bytes.size() / 2);
            else if (kind == "header")
                bytes.resize(60);
            else
                for (size_t i = 4096; i < 8192; ++i)
                    bytes[i] = static_cast<char>(0xA5);
            writeBytes(file, bytes);
        } else if (kind == "newer" || kind == "baddesign") {
            QCOMPARE(WorkspaceFile::save(file, sampleDesign(), {}), std::string());
            ws::SqliteConnection db(file, ws::SqliteConnection::Mode::ReadWrite);
            if (kind == "newer")
                db.execute("UPDATE meta SET value = '" +
                           std::to_string(ws::kWorkspaceSchemaVersion + 1) +
                           "' WHERE key = 'schema_version'");
            else
                db.execute("UPDATE design SET json = '{\"format\": \"scaleboard-design\", "
                           "\"version\": 1, \"nodes\": [{\"id\": \"x\"}]}'");
        }
    }
};

QTEST_GUILESS_MAIN(WorkspaceTest)
#include "WorkspaceTest.moc"
