// Hostile input (issue 20): each case once crashed, hung, overwrote a file or wrote a
// malformed one. Each now gets a named error and leaves the disk as it was.
#include "app/CliRendering.h"
#include "cli/CliApp.h"
#include "design/AtomicFile.h"
#include "design/DesignJson.h"
#include "interchange/DrawioExport.h"
#include "interchange/MermaidExport.h"
#include "tests/common/TemplateLoading.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>
#include <csignal>
#include <fcntl.h>
#include <iostream>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace sb;
using namespace sb::test;

namespace {

QByteArray readAll(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

void writeText(const QString& path, const QByteArray& text) {
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(text);
}

/// What a command printed on stderr and how it exited.
struct Outcome {
    int code = -1;
    QString err;
    QByteArray out;
};

/// Runs scaleboard-cli in this process, capturing its standard output and error.
Outcome runCli(const QStringList& args) {
    QTemporaryDir capture;
    const QString outPath = capture.filePath(QStringLiteral("out"));
    const QString errPath = capture.filePath(QStringLiteral("err"));
    std::fflush(stdout);
    std::fflush(stderr);
    const int savedOut = ::dup(STDOUT_FILENO), savedErr = ::dup(STDERR_FILENO);
    const int out = ::open(outPath.toLocal8Bit().constData(), O_WRONLY | O_CREAT, 0600);
    const int err = ::open(errPath.toLocal8Bit().constData(), O_WRONLY | O_CREAT, 0600);
    ::dup2(out, STDOUT_FILENO);
    ::dup2(err, STDERR_FILENO);
    std::vector<std::string> storage{"scaleboard-cli"};
    for (const auto& a : args)
        storage.push_back(a.toStdString());
    std::vector<char*> argv;
    for (auto& s : storage)
        argv.push_back(s.data());
    Outcome o;
    o.code = cli::runCli(int(argv.size()), argv.data(), app::cliRendering());
    std::fflush(stdout);
    std::cerr.flush();
    std::fflush(stderr);
    ::dup2(savedOut, STDOUT_FILENO);
    ::dup2(savedErr, STDERR_FILENO);
    for (int fd : {out, err, savedOut, savedErr})
        ::close(fd);
    o.err = QString::fromUtf8(readAll(errPath));
    o.out = readAll(outPath);
    return o;
}

/// A pid that no process has: a child that has exited and been reaped.
pid_t deadPid() {
    const pid_t child = ::fork();
    if (child == 0)
        ::_exit(0);
    ::waitpid(child, nullptr, 0);
    return child;
}

design::Design hostileNames() {
    design::Design d = step(3);
    d.name = "<script>alert(1)</script> A & B <test>";
    static const char kLabel[] = "bad\x01label\nwith a break\x00 and NUL";
    d.nodes[0].label = std::string(kLabel, sizeof kLabel - 1) + "<img src=x onerror=alert(1)>";
    return d;
}

/// Parses XML and returns the error (empty when well formed) and every element's name.
QString xmlProblem(const QByteArray& xml, QStringList* elements = nullptr) {
    QXmlStreamReader reader(xml);
    while (!reader.atEnd()) {
        if (reader.readNext() == QXmlStreamReader::StartElement && elements)
            elements->append(reader.name().toString());
    }
    return reader.hasError() ? reader.errorString() : QString();
}

} // namespace

class HostileInputTest : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_design;

    QString path(const char* name) const { return m_dir.filePath(QString::fromLatin1(name)); }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        m_design = path("d.json");
        writeText(m_design, QByteArray::fromStdString(design::writeDesign(step(2))));
    }

    // Writers that never destroy
    void anOutputEqualToTheInputIsRefused_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("run --json") << QStringList{"run", "@", "--duration", "8", "--json", "@"}
                                    << "--json @ is the design file itself";
        QTest::newRow("run --csv") << QStringList{"run", "@", "--duration", "8", "--csv", "@"}
                                   << "--csv @ is the design file itself";
        QTest::newRow("run --report") << QStringList{"run", "@", "--duration", "8", "--report", "@"}
                                      << "--report @ is the design file itself";
        QTest::newRow("export svg")
            << QStringList{"export", "@", "--format", "svg", "-o", "@"} << "-o @ is the design";
        QTest::newRow("export through ./")
            << QStringList{"export", "@", "--format", "mermaid", "-o", "./@"}
            << "is the design file itself";
    }
    void anOutputEqualToTheInputIsRefused() {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        // The report row needs a design file with a report's name; the rest use d.json.
        const bool report = args.contains(QStringLiteral("--report"));
        const QString input = report ? path("same.html") : m_design;
        if (report)
            QVERIFY(QFile::copy(m_design, input) || QFile::exists(input));
        const QByteArray before = readAll(input);
        const QString previous = QDir::currentPath();
        QDir::setCurrent(m_dir.path());
        for (auto& a : args)
            a.replace(QStringLiteral("@"), QFileInfo(input).fileName());
        const Outcome o = runCli(args);
        QDir::setCurrent(previous);
        QCOMPARE(o.code, 2);
        message.replace(QStringLiteral("@"), QFileInfo(input).fileName());
        QVERIFY2(o.err.contains(message), qPrintable(o.err));
        QCOMPARE(readAll(input), before);
    }

    void twoOutputsOnOneFileAreRefused() {
        const Outcome o = runCli(
            {"run", m_design, "--duration", "8", "--json", path("r.out"), "--csv", path("r.out")});
        QCOMPARE(o.code, 2);
        QVERIFY2(o.err.contains(QStringLiteral("--csv and --json name the same file")),
                 qPrintable(o.err));
        QVERIFY(!QFile::exists(path("r.out")));
    }

    void aDashIsStandardOutput() {
        const Outcome o = runCli({"run", m_design, "--duration", "8", "--quiet", "--json", "-"});
        QCOMPARE(o.code, 0);
        QVERIFY2(o.out.contains("\"throughput_rps\""), o.out.constData());
        QVERIFY(!QFile::exists(path("-")));
    }

    void aSpecialFileIsWrittenNotReplaced() {
        const Outcome o =
            runCli({"run", m_design, "--duration", "8", "--quiet", "--json", "/dev/null"});
        QCOMPARE(o.code, 0);
        struct stat info {};
        QCOMPARE(::stat("/dev/null", &info), 0);
        QVERIFY(S_ISCHR(info.st_mode));
    }

    void aLinkKeepsPointingAtItsFile() {
        const QString target = path("target.json"), link = path("link.json");
        writeText(target, "old");
        QVERIFY(QFile::link(target, link));
        const Outcome o = runCli({"run", m_design, "--duration", "8", "--quiet", "--json", link});
        QCOMPARE(o.code, 0);
        QVERIFY(QFileInfo(link).isSymLink());
        QVERIFY(readAll(target).contains("\"throughput_rps\""));
    }

    void aFolderIsRefusedAsOutputAndAsDesign() {
        QVERIFY(QDir(m_dir.path()).mkpath(QStringLiteral("folder")));
        Outcome o =
            runCli({"run", m_design, "--duration", "8", "--quiet", "--json", path("folder")});
        QCOMPARE(o.code, 2);
        QVERIFY2(o.err.contains(QStringLiteral("it is a folder")), qPrintable(o.err));
        o = runCli({"validate", path("folder")});
        QCOMPARE(o.code, 2);
        QVERIFY2(o.err.contains(QStringLiteral("it is a folder, not a file")), qPrintable(o.err));
    }

    void aFullDiskIsNamed() {
        const std::string error = design::writeFileAtomically("/dev/full", "some bytes");
        QVERIFY2(error.find("No space left on device (the disk is full)") != std::string::npos,
                 error.c_str());
    }

    void aFailedWriteLeavesNoTemporaryFile() {
        const QString target = path("big.csv");
        writeText(target, "the old contents");
        // A file-size limit makes the write fail part way, as a full disk would.
        std::signal(SIGXFSZ, SIG_IGN);
        rlimit saved{};
        QCOMPARE(::getrlimit(RLIMIT_FSIZE, &saved), 0);
        rlimit small = saved;
        small.rlim_cur = 4096;
        QCOMPARE(::setrlimit(RLIMIT_FSIZE, &small), 0);
        const std::string error =
            design::writeFileAtomically(target.toStdString(), std::string(1 << 20, 'x'));
        ::setrlimit(RLIMIT_FSIZE, &saved);
        QVERIFY2(error.find("cannot write") != std::string::npos, error.c_str());
        QCOMPARE(readAll(target), QByteArray("the old contents"));
        const QStringList left =
            QDir(m_dir.path())
                .entryList({QStringLiteral(".big.csv.tmp-*")}, QDir::Hidden | QDir::Files);
        QVERIFY2(left.isEmpty(), qPrintable(left.join(QLatin1Char(' '))));
    }

    void aKilledWritersTemporaryFileIsCleanedOnTheNextWrite() {
        const QString target = path("series.csv");
        const QString stale =
            path(".series.csv.tmp-") + QString::number(deadPid()) + QStringLiteral("-a1b2c3");
        const QString live = path(".series.csv.tmp-1-d4e5f6"); // pid 1 always runs
        writeText(stale, QByteArray(1000, 'x'));
        writeText(live, "another writer's");
        QVERIFY(design::writeFileAtomically(target.toStdString(), "a,b\n").empty());
        QVERIFY(!QFile::exists(stale));
        QVERIFY(QFile::exists(live));
        QCOMPARE(readAll(target), QByteArray("a,b\n"));
    }

    // Command-line numbers, checked like design values
    void badNumbersOnTheCommandLineAreRefused_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        const QString more = QStringLiteral("must be more than 0 and at most 86400 seconds");
        QTest::newRow("negative duration") << QStringList{"--duration", "-1"} << more;
        QTest::newRow("nan duration") << QStringList{"--duration", "nan"} << more;
        QTest::newRow("zero duration") << QStringList{"--duration", "0"} << more;
        QTest::newRow("huge duration") << QStringList{"--duration", "1e9"} << more;
        QTest::newRow("text duration") << QStringList{"--duration", "ten"} << more;
        QTest::newRow("negative warm-up")
            << QStringList{"--warmup", "-3"} << "--warmup must be from 0 to 86400 seconds";
        QTest::newRow("nan warm-up")
            << QStringList{"--warmup", "nan"} << "--warmup must be from 0 to 86400 seconds";
        QTest::newRow("warm-up longer than the run")
            << QStringList{"--duration", "5", "--warmup", "6"}
            << "--warmup 6 s must be shorter than --duration 5 s";
        QTest::newRow("negative seed")
            << QStringList{"--seed", "-5"} << "--seed must be a whole number from 0 to";
        QTest::newRow("seed beyond 64 bits")
            << QStringList{"--seed", "99999999999999999999999"}
            << "--seed must be a whole number from 0 to 18446744073709551615";
    }
    void badNumbersOnTheCommandLineAreRefused() {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const Outcome o = runCli(QStringList{"run", m_design} + args);
        QCOMPARE(o.code, 2);
        QVERIFY2(o.err.contains(message), qPrintable(o.err));
    }

    void theDesignsOwnWarmUpIsNamedWhenItIsTooLong() {
        design::Design d = step(2);
        d.run.warmupSeconds = 5;
        const QString file = path("warm.json");
        writeText(file, QByteArray::fromStdString(design::writeDesign(d)));
        const Outcome o = runCli({"run", file, "--duration", "5"});
        QCOMPARE(o.code, 2);
        QVERIFY2(o.err.contains(QStringLiteral("the design's warm-up (run.warmup_s) of 5 s must "
                                               "be shorter than --duration 5 s")),
                 qPrintable(o.err));
    }

    // Exports escape what they embed
    void svgExportIsWellFormedWithoutScript() {
        const QString design = path("hostile.json");
        writeText(design, QByteArray::fromStdString(design::writeDesign(hostileNames())));
        const QString svg = path("hostile.svg");
        const Outcome o = runCli({"export", design, "--format", "svg", "-o", svg});
        QCOMPARE(o.code, 0);
        QStringList elements;
        const QByteArray bytes = readAll(svg);
        QCOMPARE(xmlProblem(bytes, &elements), QString());
        QVERIFY(!elements.contains(QStringLiteral("script")));
        QVERIFY(bytes.contains("&lt;script&gt;alert(1)&lt;/script&gt; A &amp; B &lt;test&gt;"));
    }

    void aPngTooLargeToDrawIsRefused() {
        design::Design d = step(1);
        d.nodes.back().x = 2e6; // a canvas two million units wide
        const QString file = path("wide.json");
        writeText(file, QByteArray::fromStdString(design::writeDesign(d)));
        const QString png = path("wide.png");
        const Outcome o = runCli({"export", file, "--format", "png", "-o", png, "--scale", "8"});
        QCOMPARE(o.code, 2);
        QVERIFY2(o.err.contains(QStringLiteral("more than a PNG can be drawn in (256 megapixels): "
                                               "export it as SVG or PDF")),
                 qPrintable(o.err));
        QVERIFY(!QFile::exists(png));
    }

    void drawioLabelsAreEscapedForHtmlAndXml() {
        const std::string xml = interchange::toDrawio(hostileNames(), registry());
        QStringList elements;
        QCOMPARE(xmlProblem(QByteArray::fromStdString(xml), &elements), QString());
        // The label is HTML inside an attribute: the user's '<' is escaped twice.
        QVERIFY(xml.find("&amp;lt;img src=x onerror=alert(1)&amp;gt;") != std::string::npos);
        QVERIFY(xml.find('\x01') == std::string::npos);
    }

    void mermaidKeepsNamesInTheirCommentAndLabelsInert() {
        design::Design d = hostileNames();
        d.name = "line one\nclick users call alert(1)";
        const std::string text = interchange::toMermaid(d, registry());
        QVERIFY2(text.find("\nclick") == std::string::npos, text.c_str());
        QVERIFY(text.find("%% line one click users call alert(1)\n") != std::string::npos);
        QVERIFY2(text.find("<img") == std::string::npos, text.c_str());
        QVERIFY(text.find("#lt;img src=x onerror=alert(1)#gt;") != std::string::npos);
        QVERIFY(text.find('\0') == std::string::npos);
    }

    void theHtmlReportHoldsNoControlCharacters() {
        const QString design = path("hostile-report.json");
        writeText(design, QByteArray::fromStdString(design::writeDesign(hostileNames())));
        const QString html = path("hostile.html");
        const Outcome o = runCli({"run", design, "--duration", "8", "--quiet", "--report", html});
        QCOMPARE(o.code, 0);
        const QByteArray bytes = readAll(html);
        QVERIFY(!bytes.isEmpty());
        QVERIFY(!bytes.contains('\0'));
        QVERIFY(!bytes.contains('\x01'));
        QVERIFY(!bytes.contains("<script>"));
        QVERIFY(!bytes.contains("<img src=x"));
    }
};

QTEST_MAIN(HostileInputTest)
#include "HostileInputTest.moc"
