#include "design/DesignJson.h"
#include "components/registry/ComponentRegistry.h"
#include "design/AtomicFile.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

using sb::comp::ComponentRegistry;
using namespace sb::design;

namespace {

LoadResult read(const std::string& text) {
    return readDesign(text, ComponentRegistry::builtin());
}

const QString kDesigns = QStringLiteral(SCALEBOARD_SOURCE_DIR "/tests/design_json/designs");

std::string fileText(const QString& path) {
    std::string text, error;
    if (!readWholeFile(path.toStdString(), text, error))
        qFatal("%s", error.c_str());
    return text;
}

void addFileRows(const QString& folder, const QString& prefix) {
    QDir dir(folder);
    for (const QString& file : dir.entryList({QStringLiteral("*.json")}, QDir::Files))
        QTest::newRow(qPrintable(prefix + file))
            << QString::fromStdString(fileText(dir.filePath(file)));
}

} // namespace

class DesignJsonTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void readWriteReadGivesTheSameDesign_data() {
        QTest::addColumn<QString>("text");
        // Hand-made designs that together use every part of the format, then every
        // built-in template, whatever the folder holds when the test runs.
        addFileRows(kDesigns, QString());
        addFileRows(QStringLiteral(SCALEBOARD_SOURCE_DIR "/resources/templates"),
                    QStringLiteral("template "));
    }

    void readWriteReadGivesTheSameDesign() {
        QFETCH(QString, text);
        LoadResult first = read(text.toStdString());
        QVERIFY2(first.ok(), formatProblems(first.problems).c_str());
        const std::string written = writeDesign(*first.design);
        LoadResult second = read(written);
        QVERIFY2(second.ok(), formatProblems(second.problems).c_str());
        QVERIFY(*second.design == *first.design);
        // The written form is canonical: writing it again changes nothing.
        QCOMPARE(writeDesign(*second.design), written);
    }

    void theWrittenFormKeepsEveryValue() {
        LoadResult loaded = read(fileText(kDesigns + QStringLiteral("/everything.json")));
        QVERIFY2(loaded.ok(), formatProblems(loaded.problems).c_str());
        const Design& d = *loaded.design;
        QVERIFY(d.description.find("unicode (Zürich, 東京)") != std::string::npos);
        QVERIFY(d.description.find("with \"quotes\"") != std::string::npos);
        QVERIFY(d.description.find('\n') != std::string::npos);
        QCOMPARE(d.datacentres[0].width, 820.5);
        QCOMPARE(d.nodes[1].props["service_ms"].get<double>(), 1.0 / 3.0);
        QCOMPARE(d.faults[3].params["peer"].get<std::string>(), std::string("dc.b"));
        QCOMPARE(*d.run.seed, std::uint64_t(18446744073709551615ULL));
        QCOMPARE(*d.targets.lostWrites, std::uint64_t(0));
        QCOMPARE(d.regionLatencies[0].latencyMs, 75.0);
        QVERIFY(d.chaos.enabled);
        QCOMPARE(d.chaos.kinds, std::vector<std::string>{"web_server"});
    }

    void filesRoundTripThroughDisk() {
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("design.json")).toStdString();
        LoadResult loaded = read(fileText(kDesigns + QStringLiteral("/everything.json")));
        QVERIFY(loaded.ok());
        QCOMPARE(writeDesignFile(*loaded.design, path), std::string());
        LoadResult back = readDesignFile(path, ComponentRegistry::builtin());
        QVERIFY2(back.ok(), formatProblems(back.problems).c_str());
        QVERIFY(*back.design == *loaded.design);
        QVERIFY(QDir(dir.path()).entryList(QDir::Files).size() == 1);
    }

    void aMissingFileIsAProblemNamingIt() {
        LoadResult r = readDesignFile("/nonexistent/d.json", ComponentRegistry::builtin());
        QVERIFY(!r.ok());
        QVERIFY(formatProblems(r.problems).find("cannot open /nonexistent/d.json") !=
                std::string::npos);
    }
};

QTEST_GUILESS_MAIN(DesignJsonTest)
#include "DesignJsonTest.moc"
