// scaleboard-cli's progress: a bar on stderr while a long run (and its report) goes when
// stderr is a terminal, and not one byte of it when stderr is a file or a pipe.
#include "cli/TerminalProgress.h"

#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>
#include <cstdio>

using namespace sb;

namespace {

/// What a TerminalProgress wrote into a temporary file.
class Captured {
public:
    Captured()
        : m_file(std::tmpfile()) {}
    ~Captured() { std::fclose(m_file); }
    std::FILE* file() const { return m_file; }
    QByteArray text() const {
        std::fflush(m_file);
        std::rewind(m_file);
        QByteArray out;
        char buffer[512];
        while (const std::size_t n = std::fread(buffer, 1, sizeof buffer, m_file))
            out.append(buffer, qsizetype(n));
        return out;
    }

private:
    std::FILE* m_file;
};

emu::SnapshotPtr snapshotAt(double virtualSeconds, double wallSeconds, bool finished = false) {
    auto s = std::make_shared<emu::Snapshot>();
    s->duration = emu::fromSeconds(60);
    s->now = emu::fromSeconds(virtualSeconds);
    s->wallSeconds = wallSeconds;
    s->finished = finished;
    return s;
}

QString design() {
    return QStringLiteral(SCALEBOARD_SOURCE_DIR
                          "/resources/templates/step11-multi-datacentre.json");
}

} // namespace

class CliTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void barDrawsOnlyWhenEnabledAndTheWorkIsLong_data() {
        QTest::addColumn<bool>("terminal");
        QTest::addColumn<double>("wall");
        QTest::addColumn<bool>("drawn");
        QTest::newRow("terminal, long") << true << 2.0 << true;
        QTest::newRow("terminal, short") << true << 0.1 << false;
        QTest::newRow("not a terminal, long") << false << 2.0 << false;
        QTest::newRow("not a terminal, short") << false << 0.1 << false;
    }
    void barDrawsOnlyWhenEnabledAndTheWorkIsLong() {
        QFETCH(bool, terminal);
        QFETCH(double, wall);
        QFETCH(bool, drawn);
        Captured out;
        {
            cli::TerminalProgress progress(out.file(), terminal, 0.5);
            for (int i = 1; i <= 6; ++i)
                progress.snapshot(snapshotAt(10.0 * i, wall * i / 6, i == 6));
            QCOMPARE(progress.drawn(), drawn);
            if (!terminal) // the report's stage draws nothing either
                progress.stage("report", 0.5);
        }
        const QByteArray text = out.text();
        if (!drawn) {
            QCOMPARE(text, QByteArray());
            return;
        }
        QVERIFY(text.contains("\r["));
        QVERIFY(text.contains("100.0%"));
        QVERIFY(text.contains("60.0 of 60.0 virtual s"));
        QVERIFY(text.endsWith("\r\033[K")); // the line is cleared for what prints next
    }

    void reportStageShowsOnATerminal() {
        Captured out;
        cli::TerminalProgress progress(out.file(), true);
        progress.stage("report", 0.25);
        progress.stage("report", 1);
        progress.finish();
        const QByteArray text = out.text();
        QVERIFY(text.contains("report  25.0%"));
        QVERIFY(text.contains("report 100.0%"));
    }

    void noProgressTextWhenStderrIsNotATerminal() {
        // A run long enough for the bar, with stderr a pipe: stdout has the summary,
        // stderr nothing of a progress bar.
        QTemporaryDir dir;
        QStringList args{QStringLiteral("run"), design(), QStringLiteral("--duration"),
                         QStringLiteral("120")};
#ifdef SCALEBOARD_CLI_HAS_REPORTS
        args << QStringLiteral("--report") << dir.filePath(QStringLiteral("r.pdf"));
#endif
        QProcess cli;
        cli.start(QStringLiteral(SCALEBOARD_CLI_PATH), args);
        QVERIFY(cli.waitForFinished(120000));
        QCOMPARE(cli.exitCode(), 0);
        const QByteArray err = cli.readAllStandardError();
        QVERIFY2(!err.contains('\r') && !err.contains("[#") && !err.contains("[.") &&
                     !err.contains('%'),
                 err.constData());
        QVERIFY(cli.readAllStandardOutput().contains("requests"));
    }

    void progressBarWhenStderrIsATerminal() {
        // script(1) gives the command a pseudo-terminal.
        const QString script = QStandardPaths::findExecutable(QStringLiteral("script"));
        if (script.isEmpty())
            QSKIP("script(1) is not installed");
        const QString command = QStringLiteral("'%1' run '%2' --duration 120")
                                    .arg(QStringLiteral(SCALEBOARD_CLI_PATH), design());
        QProcess cli;
        cli.start(script, {QStringLiteral("-qec"), command, QStringLiteral("/dev/null")});
        QVERIFY(cli.waitForFinished(120000));
        QCOMPARE(cli.exitCode(), 0);
        const QByteArray all = cli.readAllStandardOutput();
        QVERIFY2(all.contains("\r[#"), all.left(400).constData());
        QVERIFY(all.contains("virtual s"));
        QVERIFY(all.contains("requests")); // the summary follows on a clean line
    }
};

QTEST_GUILESS_MAIN(CliTest)
#include "CliTest.moc"
