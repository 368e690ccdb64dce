// scaleboard-cli grade --record and progress, run as a user runs them: the attempts land in
// the workspace (created when missing) with their targets, score and time taken; progress
// prints them by problem as a table and as JSON; a tampered attempt row is named and left
// out; bad arguments get a message naming what is wrong and exit code 2, and change nothing.
#include "practice/Progress.h"
#include "components/registry/ComponentRegistry.h"
#include "design/AtomicFile.h"
#include "design/DesignJson.h"
#include "workspace/SqliteConnection.h"
#include "workspace/WorkspaceFile.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>
#include <fstream>
#include <nlohmann/json.hpp>

using namespace sb;

namespace {

struct Ran {
    int exitCode = -1;
    QByteArray out, err;
};

Ran cli(const QStringList& args) {
    QProcess process;
    process.start(QStringLiteral(SCALEBOARD_CLI_PATH), args);
    Ran ran;
    if (!process.waitForFinished(120000))
        return ran;
    ran.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    ran.out = process.readAllStandardOutput();
    ran.err = process.readAllStandardError();
    return ran;
}

std::string fileBytes(const QString& path) {
    std::string contents, error;
    design::readWholeFile(path.toStdString(), contents, error);
    return contents;
}

ws::Workspace openWorkspace(const QString& path) {
    ws::OpenResult opened =
        ws::WorkspaceFile::open(path.toStdString(), comp::ComponentRegistry::builtin());
    if (!opened.ok())
        qFatal("%s", opened.error.c_str());
    return std::move(*opened.workspace);
}

} // namespace

class ProgressTest : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_single, m_reference;

    QString path(const char* name) const { return m_dir.filePath(QString::fromLatin1(name)); }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        m_single = path("single.json");
        m_reference = path("reference.json");
        QCOMPARE(cli({"templates", "step01-single-server", "-o", m_single}).exitCode, 0);
        QCOMPARE(cli({"problems", "show", "news-feed", "--reference", m_reference}).exitCode, 0);
    }

    // Two attempts at the news feed: the single server (exit 1, not every target met)
    // creates the workspace; the reference design (exit 0) is added to it.
    void gradeRecordsAttemptsAndProgressSumsThemUp() {
        const QString workspace = path("practice.sbw");
        Ran first = cli({"grade", m_single, "--problem", "news-feed", "--seeds", "1", "--record",
                         workspace, "--time-taken", "754"});
        QCOMPARE(first.exitCode, 1);
        QVERIFY2(first.err.contains("Attempt at news-feed recorded in"), first.err.constData());
        QVERIFY(first.err.contains("time taken 12:34"));
        QVERIFY(first.out.contains("p99")); // the scorecard as before
        Ran second = cli({"grade", m_reference, "--problem", "news-feed", "--seeds", "1",
                          "--record", workspace, "--time-taken", "1500", "--json"});
        QCOMPARE(second.exitCode, 0);
        // stdout stays the scorecard's JSON alone
        QCOMPARE(nlohmann::json::parse(second.out.toStdString())["format"],
                 nlohmann::json("scaleboard-scorecard"));

        const ws::Workspace kept = openWorkspace(workspace);
        QVERIFY(kept.damage.empty());
        QCOMPARE(kept.design.name, std::string("Step 1: a single server"));
        QCOMPARE(kept.attempts.size(), std::size_t(2));
        const ws::AttemptRecord& missed = kept.attempts[0];
        QCOMPARE(missed.problem, std::string("news-feed"));
        QVERIFY(!missed.passed);
        QVERIFY(missed.score < 100);
        QCOMPARE(missed.timeTakenSeconds, std::int64_t(754));
        QCOMPARE(missed.seeds, std::vector<std::uint64_t>{1});
        const std::vector<std::string> labels = practice::missedTargets(missed);
        QVERIFY(std::find(labels.begin(), labels.end(), "p99 latency") != labels.end());
        QVERIFY(std::find(labels.begin(), labels.end(), "error rate") != labels.end());
        const auto p99 = std::find_if(missed.targets.begin(), missed.targets.end(),
                                      [](const ws::AttemptTarget& t) { return t.id == "p99_ms"; });
        QVERIFY(p99 != missed.targets.end() && p99->measured > p99->target);
        const ws::AttemptRecord& passed = kept.attempts[1];
        QVERIFY(passed.passed);
        QCOMPARE(passed.score, 100);
        QCOMPARE(passed.timeTakenSeconds, std::int64_t(1500));
        QVERIFY(passed.id > missed.id);

        Ran table = cli({"progress", workspace});
        QCOMPARE(table.exitCode, 0);
        const QString text = QString::fromUtf8(table.out);
        QVERIFY2(text.startsWith(QStringLiteral("Practice progress: 2 attempts at 1 problem")),
                 table.out.constData());
        QVERIFY(text.contains(QStringLiteral("news-feed")));
        QVERIFY(text.contains(QStringLiteral("100%  passed, 100%")));
        QVERIFY(text.contains(QStringLiteral("25:00")));
        QVERIFY(table.err.isEmpty());

        Ran json = cli({"progress", workspace, "--json"});
        QCOMPARE(json.exitCode, 0);
        const nlohmann::json doc = nlohmann::json::parse(json.out.toStdString());
        QCOMPARE(doc["format"], nlohmann::json("scaleboard-progress"));
        QCOMPARE(doc["attempts"].get<int>(), 2);
        const nlohmann::json& news = doc["problems"].at(0);
        QCOMPARE(news["problem"], nlohmann::json("news-feed"));
        QCOMPARE(news["title"], nlohmann::json("News feed"));
        QCOMPARE(news["attempts"].get<int>(), 2);
        QCOMPARE(news["best_score"].get<int>(), 100);
        QCOMPARE(news["passed"].get<bool>(), true);
        QCOMPARE(news["total_time_taken_s"].get<int>(), 2254);
        QCOMPARE(news["last"]["passed"].get<bool>(), true);
        QVERIFY(news["last"]["missed"].empty());
        const nlohmann::json& before = news["history"].at(0);
        QCOMPARE(before["time_taken_s"].get<int>(), 754);
        QCOMPARE(before["design"], nlohmann::json("Step 1: a single server"));
        QVERIFY(std::find(before["missed"].begin(), before["missed"].end(), "p99 latency") !=
                before["missed"].end());
        QVERIFY(doc["damage"].empty());
    }

    // A row changed outside Scaleboard (the missed attempt's score raised) is left out and
    // named: on stderr with the table, in `damage` with JSON.
    void aTamperedAttemptIsNamedAndLeftOut() {
        const QString workspace = path("tampered.sbw");
        QCOMPARE(cli({"grade", m_single, "--problem", "news-feed", "--seeds", "1", "--record",
                      workspace})
                     .exitCode,
                 1);
        QCOMPARE(cli({"grade", m_reference, "--problem", "news-feed", "--seeds", "1", "--record",
                      workspace})
                     .exitCode,
                 0);
        {
            ws::SqliteConnection db(workspace.toStdString(), ws::SqliteConnection::Mode::ReadWrite);
            db.execute("UPDATE attempts SET score = 100, passed = 1 WHERE id = 1");
        }
        Ran table = cli({"progress", workspace});
        QCOMPARE(table.exitCode, 0);
        QVERIFY2(table.err.contains("attempt 1 (") &&
                     table.err.contains("is damaged and was left out: it does not match its "
                                        "checksum"),
                 table.err.constData());
        QVERIFY(table.out.contains("Practice progress: 1 attempt at 1 problem"));
        const nlohmann::json doc =
            nlohmann::json::parse(cli({"progress", workspace, "--json"}).out.toStdString());
        QCOMPARE(doc["attempts"].get<int>(), 1);
        QCOMPARE(doc["damage"].size(), std::size_t(1));
    }

    void aWorkspaceWithoutAttemptsSaysSo() {
        const QString workspace = path("empty.sbw");
        const design::LoadResult single =
            design::readDesignFile(m_single.toStdString(), comp::ComponentRegistry::builtin());
        QVERIFY(single.ok());
        QCOMPARE(ws::WorkspaceFile::save(workspace.toStdString(), *single.design, {}),
                 std::string());
        Ran table = cli({"progress", workspace});
        QCOMPARE(table.exitCode, 0);
        QVERIFY(table.out.startsWith("No practice attempts recorded yet"));
        const nlohmann::json doc =
            nlohmann::json::parse(cli({"progress", workspace, "--json"}).out.toStdString());
        QCOMPARE(doc["attempts"].get<int>(), 0);
        QVERIFY(doc["problems"].empty());
    }

    void badArgumentsAreRefused_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        const QString single = path("single.json");
        const QString text = path("notes.sbw");
        QTest::newRow("time taken without a workspace")
            << QStringList{"grade", single, "--problem", "news-feed", "--time-taken", "60"}
            << "--time-taken is for --record";
        QTest::newRow("time taken not a number")
            << QStringList{"grade",    single,        "--problem",    "news-feed",
                           "--record", path("a.sbw"), "--time-taken", "soon"}
            << "--time-taken must be a whole number of seconds from 0 to 86400, got 'soon'";
        QTest::newRow("time taken negative")
            << QStringList{"grade",    single,        "--problem",    "news-feed",
                           "--record", path("a.sbw"), "--time-taken", "-5"}
            << "--time-taken must be a whole number of seconds from 0 to 86400";
        QTest::newRow("time taken over a day")
            << QStringList{"grade",    single,        "--problem",    "news-feed",
                           "--record", path("a.sbw"), "--time-taken", "90000"}
            << "from 0 to 86400, got '90000'";
        QTest::newRow("record not a workspace name")
            << QStringList{"grade", single, "--problem", "news-feed", "--record", path("notes.txt")}
            << "--record must name a workspace file (.sbw)";
        QTest::newRow("record into a missing folder")
            << QStringList{"grade",     single,     "--problem",
                           "news-feed", "--record", path("no-such-folder/a.sbw")}
            << "no-such-folder does not exist";
        QTest::newRow("record into a file that is no workspace")
            << QStringList{"grade", single, "--problem", "news-feed", "--record", text}
            << "is not a Scaleboard workspace";
        QTest::newRow("progress of a missing file")
            << QStringList{"progress", path("missing.sbw")} << "No such file or directory";
        QTest::newRow("progress of a design file")
            << QStringList{"progress", single} << "is not a Scaleboard workspace";
        QTest::newRow("progress without a workspace") << QStringList{"progress"} << "workspace";
    }
    void badArgumentsAreRefused() {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const QString text = path("notes.sbw");
        std::ofstream(text.toStdString()) << "not a database\n";
        const std::string before = fileBytes(text);
        const Ran ran = cli(args);
        QCOMPARE(ran.exitCode, 2);
        QVERIFY2(ran.err.contains(message.toUtf8()), ran.err.constData());
        QVERIFY(ran.out.isEmpty()); // refused before anything was graded
        QCOMPARE(fileBytes(text), before);
        QVERIFY(!QFile::exists(path("a.sbw")));
        QVERIFY(!QFile::exists(path("notes.txt")));
    }
};

QTEST_GUILESS_MAIN(ProgressTest)
#include "ProgressTest.moc"
