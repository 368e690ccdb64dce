// scaleboard-cli experiment FILE, its command-line equivalent, --emit slurm with the
// emitted script run task by task here (what each Slurm array task does), collect, plan,
// and the messages bad input gets.
#include "ExperimentCli.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcessEnvironment>
#include <QTemporaryDir>

using namespace sb::test;

class ExperimentCliTest : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString dir() const { return m_dir.path(); }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        QVERIFY(writeSmallExperiment(dir()));
        const CliRun local = runCli({"experiment", "exp.json", "--json", "local.json", "--csv",
                                     "local.csv", "--jobs", "2", "--quiet"},
                                    dir());
        QCOMPARE(local.exitCode, 0);
    }

    void aFileAndItsOptionsAreTheSameExperiment() {
        // --vary factors come before the --zip group, as users.users comes first in the file.
        const CliRun flags = runCli({"experiment",     "design.json",
                                     "--zip",          "web1.workers=2,4,8",
                                     "--zip",          "web1.service_ms=20,10,5",
                                     "--vary",         "users.users=500:1000:500",
                                     "--replications", "3",
                                     "--duration",     "20",
                                     "--warmup",       "5",
                                     "--seed",         "11",
                                     "--metrics",      "p99_ms,throughput_rps,web1.utilization",
                                     "--targets",      "p99_ms<200,error_rate<0.01",
                                     "--json",         "-"},
                                    dir());
        QCOMPARE(flags.exitCode, 0);
        auto local = QJsonDocument::fromJson(readAll(dir() + "/local.json")).object();
        auto fromFlags = QJsonDocument::fromJson(flags.out).object();
        QCOMPARE(local["points"].toArray().size(), 6); // 3 zipped pairs x 2 user counts
        // The zip groups are named differently ("size" in the file, "--zip" on the
        // command line); everything measured is the same.
        local.remove("parameters");
        fromFlags.remove("parameters");
        QCOMPARE(fromFlags, local);
        const auto point = local["points"].toArray()[0].toObject();
        QCOMPARE(point["values"].toObject()["web1.service_ms"].toInt(), 20);
        QVERIFY(point["targets"].toObject().contains("error_rate<0.01"));

        // Options override the file's settings.
        const CliRun fewer =
            runCli({"experiment", "exp.json", "--replications", "2", "--json", "-"}, dir());
        QCOMPARE(fewer.exitCode, 0);
        const auto doc = QJsonDocument::fromJson(fewer.out).object();
        QCOMPARE(doc["replications"].toInt(), 2);
        QCOMPARE(doc["points"]
                     .toArray()[0]
                     .toObject()["metrics"]
                     .toObject()["p99_ms"]
                     .toObject()["runs"]
                     .toArray()
                     .size(),
                 2);
    }

    void anEmittedArrayRunTaskByTaskCollectsToTheLocalResult() {
        const CliRun emit = runCli(
            {"experiment", "exp.json", "--emit", "slurm", "array", "--runs-per-task", "4"}, dir());
        QCOMPARE(emit.exitCode, 0);
        const QString array = dir() + "/array";
        QCOMPARE(arrayTasks(array), 5); // 18 runs, 4 per task
        QVERIFY(QFile::exists(array + "/design.json"));
        // Each array task as Slurm would start it: the script, in the folder, with its index.
        for (int t = 0; t < 5; ++t) {
            QProcess task;
            auto env = QProcessEnvironment::systemEnvironment();
            env.insert("SLURM_ARRAY_TASK_ID", QString::number(t));
            task.setProcessEnvironment(env);
            task.setWorkingDirectory(array);
            task.start("sh", {"run.sbatch"});
            QVERIFY(task.waitForFinished(60000));
            QCOMPARE(task.exitCode(), 0);
        }
        const CliRun collect = runCli({"experiment", "collect", "array", "--json", "collected.json",
                                       "--csv", "collected.csv", "--quiet"},
                                      dir());
        QCOMPARE(collect.exitCode, 0);
        QCOMPARE(readAll(dir() + "/collected.json"), readAll(dir() + "/local.json"));
        QCOMPARE(readAll(dir() + "/collected.csv"), readAll(dir() + "/local.csv"));

        // A missing task result is named, and nothing is written.
        QVERIFY(QFile::remove(array + "/results/task-3.json"));
        const CliRun partial =
            runCli({"experiment", "collect", "array", "--json", "partial.json"}, dir());
        QCOMPARE(partial.exitCode, 2);
        QVERIFY2(partial.err.contains("1 of 5 tasks have no result yet (task-3.json)"),
                 partial.err.constData());
        QVERIFY(!QFile::exists(dir() + "/partial.json"));
        // A task index beyond the array is refused.
        const CliRun beyond = runCli({"experiment", "task", "array", "--task", "5"}, dir());
        QCOMPARE(beyond.exitCode, 2);
        QVERIFY2(beyond.err.contains("has 5 tasks (0 to 4)"), beyond.err.constData());
        // The folder is not emitted over.
        const CliRun again = runCli({"experiment", "exp.json", "--emit", "slurm", "array"}, dir());
        QCOMPARE(again.exitCode, 2);
        QVERIFY2(again.err.contains("must be new or empty"), again.err.constData());
    }

    void planFindsTheSmallestWorkerCountMeetingTheTargets() {
        const CliRun plan =
            runCli({"plan", "design.json", "--vary", "web1.workers=1:6:1", "--replications", "4",
                    "--duration", "20", "--warmup", "5", "--minimise", "web1.workers", "--targets",
                    "error_rate<0.01,p99_ms<400", "--json", "-"},
                   dir());
        QCOMPARE(plan.exitCode, 0);
        const auto doc = QJsonDocument::fromJson(plan.out).object();
        const auto chosen = doc["chosen"].toObject();
        const auto cheaper = doc["next_cheaper"].toObject();
        QVERIFY2(!chosen.isEmpty(), plan.out.constData());
        const int workers = chosen["values"].toObject()["web1.workers"].toInt();
        QCOMPARE(cheaper["values"].toObject()["web1.workers"].toInt(), workers - 1);
        QVERIFY(chosen["meets_targets"].toBool());
        QVERIFY(!cheaper["meets_targets"].toBool());
        QCOMPARE(doc["evaluated"].toArray().size(), workers); // 1 .. workers, then stop
        const CliRun table =
            runCli({"plan", "design.json", "--vary", "web1.workers=1:6:1", "--replications", "4",
                    "--duration", "20", "--warmup", "5", "--minimise", "web1.workers", "--targets",
                    "error_rate<0.01,p99_ms<400"},
                   dir());
        QVERIFY2(table.out.contains("cheapest point meeting the targets:\nweb1.workers=" +
                                    QByteArray::number(workers)),
                 table.out.constData());
        const CliRun none = runCli({"plan", "design.json", "--vary", "web1.workers=1,2"}, dir());
        QCOMPARE(none.exitCode, 2);
        QVERIFY2(none.err.contains("plan needs --minimise"), none.err.constData());
    }

    // --report writes the plan, the table of means with their 95% intervals and verdicts
    // (the numbers of --json, cell for cell) and a chart per metric, as HTML or PDF.
    void aReportHoldsThePlanTheTableAndTheCharts() {
#ifndef SCALEBOARD_CLI_HAS_REPORTS
        QSKIP("built without the window: scaleboard-render, which draws, is not built");
#else
        const CliRun html =
            runCli({"experiment", "exp.json", "--report", "report.html", "--quiet"}, dir());
        QVERIFY2(html.exitCode == 0, html.err.constData());
        const QString page = QString::fromUtf8(readAll(dir() + "/report.html"));
        const auto local = QJsonDocument::fromJson(readAll(dir() + "/local.json")).object();
        QVERIFY(page.contains("Experiment on exp.json"));
        QVERIFY(page.contains("3 replications per point, 20 s each (warm-up 5 s), base seed 11"));
        QVERIFY(page.contains("<b>web1.workers</b> over 2, 4, 8 (zipped: size)"));
        QVERIFY(page.contains("targets: p99_ms&lt;200, error_rate&lt;0.01"));
        int cells = 0, verdicts = 0;
        for (const auto& p : local["points"].toArray()) {
            const QJsonObject metrics = p.toObject()["metrics"].toObject();
            for (auto m = metrics.begin(); m != metrics.end(); ++m) {
                const QJsonObject ci = m.value().toObject();
                const QString cell = QString("<td>%1 [%2, %3]</td>")
                                         .arg(QString::number(ci["mean"].toDouble(), 'g', 6),
                                              QString::number(ci["ci95_low"].toDouble(), 'g', 6),
                                              QString::number(ci["ci95_high"].toDouble(), 'g', 6));
                QVERIFY2(page.contains(cell), qPrintable(cell));
                ++cells;
            }
            for (const auto& v : p.toObject()["targets"].toObject())
                verdicts += page.contains("<td>" + v.toString() + "</td>");
        }
        QCOMPARE(cells, 6 * 4); // six points, four metrics
        QVERIFY(verdicts > 0);
        QCOMPARE(page.count("src=\"data:image/png;base64,"), 4); // a chart per metric

        const CliRun pdf =
            runCli({"experiment", "exp.json", "--report", "report.pdf", "--quiet"}, dir());
        QVERIFY2(pdf.exitCode == 0, pdf.err.constData());
        const QByteArray pdfBytes = readAll(dir() + "/report.pdf");
        QVERIFY(pdfBytes.startsWith("%PDF"));
        QVERIFY(pdfBytes.size() > 20000); // the charts are in it
#endif
        const CliRun wrong = runCli({"experiment", "exp.json", "--report", "report.txt"}, dir());
        QCOMPARE(wrong.exitCode, 2);
        QVERIFY2(wrong.err.contains("a report is written as .html or .pdf"), wrong.err.constData());
    }

    void plotsDrawEveryMetricWithItsBand() {
#ifndef SCALEBOARD_CLI_HAS_REPORTS
        QSKIP("built without the window: scaleboard-render, which draws, is not built");
#else
        const CliRun svg =
            runCli({"experiment", "exp.json", "--plot", "plot.svg", "--quiet"}, dir());
        QVERIFY2(svg.exitCode == 0, svg.err.constData());
        const QByteArray picture = readAll(dir() + "/plot.svg");
        QVERIFY(picture.contains("<svg"));
        for (const char* metric : {"p99_ms", "throughput_rps", "web1.utilization", "error_rate"})
            QVERIFY2(picture.contains(metric), metric); // each metric's chart title
        QVERIFY(picture.contains("web1.workers"));      // the x axis: the first parameter
        const CliRun png =
            runCli({"experiment", "exp.json", "--plot", "plot.png", "--quiet"}, dir());
        QVERIFY2(png.exitCode == 0, png.err.constData());
        QVERIFY(readAll(dir() + "/plot.png").startsWith("\x89PNG"));
#endif
        const CliRun wrong = runCli({"experiment", "exp.json", "--plot", "plot.txt"}, dir());
        QCOMPARE(wrong.exitCode, 2);
        QVERIFY2(wrong.err.contains("must be .svg or .png"), wrong.err.constData());
        const CliRun emitted = runCli(
            {"experiment", "exp.json", "--emit", "slurm", "other", "--json", "x.json"}, dir());
        QCOMPARE(emitted.exitCode, 2);
        QVERIFY2(emitted.err.contains("--emit slurm runs nothing here"), emitted.err.constData());
    }

    void badInputIsNamed_data() {
        QTest::addColumn<QByteArray>("file");
        QTest::addColumn<QByteArray>("message");
        QTest::newRow("unknown key") << QByteArray(R"({"format": "scaleboard-experiment",
            "version": 1, "design": "design.json", "replication": 3})")
                                     << QByteArray("exp-bad.json: experiment file: unknown key "
                                                   "'replication'");
        QTest::newRow("bad value") << QByteArray(R"({"format": "scaleboard-experiment",
            "version": 1, "design": "design.json",
            "factors": [{"path": "web1.workers", "values": [0]}]})")
                                   << QByteArray("parameter 'web1.workers': workers must be");
        QTest::newRow("unknown node metric") << QByteArray(R"({"format": "scaleboard-experiment",
            "version": 1, "design": "design.json", "metrics": ["db9.utilization"]})")
                                             << QByteArray("the design has no node 'db9'");
        QTest::newRow("no design") << QByteArray(R"({"format": "scaleboard-experiment",
            "version": 1, "design": "missing.json"})")
                                   << QByteArray("missing.json");
        QTest::newRow("warm-up too long") << QByteArray(R"({"format": "scaleboard-experiment",
            "version": 1, "design": "design.json", "duration_s": 10, "warmup_s": 10})")
                                          << QByteArray("exp-bad.json's warmup_s of 10 s must be "
                                                        "shorter than exp-bad.json's duration_s");
    }
    void badInputIsNamed() {
        QFETCH(QByteArray, file);
        QFETCH(QByteArray, message);
        QVERIFY(writeAll(dir() + "/exp-bad.json", file));
        const CliRun r = runCli({"experiment", "exp-bad.json"}, dir());
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(message), r.err.constData());
    }
};

QTEST_GUILESS_MAIN(ExperimentCliTest)
#include "ExperimentCliTest.moc"
