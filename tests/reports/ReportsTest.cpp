// Diagram export (PNG, SVG, PDF), HTML and PDF reports, run comparison from a workspace's
// history, the window's review and history docks and File > Export, and the CLI's export.
#include "app/CliRendering.h"
#include "app/WindowExtensions.h"
#include "cli/CliApp.h"
#include "components/registry/ComponentRegistry.h"
#include "components/registry/SimulationBuilder.h"
#include "design/DesignJson.h"
#include "gui/document/DesignDocument.h"
#include "gui/exports/ExportActions.h"
#include "gui/live/LiveSession.h"
#include "gui/live/RunBar.h"
#include "gui/review/ReviewDock.h"
#include "gui/runs/RunHistoryDock.h"
#include "gui/window/MainWindow.h"
#include "practice/Cost.h"
#include "reports/DiagramRenderer.h"
#include "reports/PageFlow.h"
#include "reports/ReportRun.h"
#include "reports/RunReport.h"
#include "reports/RunSummary.h"
#include "reports/SeriesChart.h"
#include "review/ScalingPath.h"
#include "tests/common/TemplateLoading.h"
#include "workspace/WorkspaceFile.h"

#include <QFile>
#include <QImage>
#include <QMenu>
#include <QProcess>
#include <QProgressDialog>
#include <QPushButton>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTextBlock>
#include <QTextDocument>
#include <QTreeWidget>
#include <QXmlStreamReader>
#include <QtTest>
#include <cmath>

using namespace sb;
using namespace sb::test;

namespace {

emu::RunResult shortRun(const design::Design& d, std::uint64_t seed, double seconds = 40) {
    emu::RunSettings s = comp::runSettingsFor(d);
    s.durationSeconds = seconds;
    s.seed = seed;
    return comp::runDesign(d, s);
}

QByteArray readAll(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

/// Pages of a PDF: pdfinfo when installed, else the page objects in the file.
int pdfPages(const QString& path) {
    const QString pdfinfo = QStandardPaths::findExecutable(QStringLiteral("pdfinfo"));
    if (!pdfinfo.isEmpty()) {
        QProcess p;
        p.start(pdfinfo, {path});
        p.waitForFinished();
        const auto match = QRegularExpression(QStringLiteral("Pages:\\s+(\\d+)"))
                               .match(QString::fromUtf8(p.readAllStandardOutput()));
        if (match.hasMatch())
            return match.captured(1).toInt();
    }
    return int(QString::fromLatin1(readAll(path))
                   .count(QRegularExpression(QStringLiteral("/Type\\s*/Page[^s]"))));
}

} // namespace

class ReportsTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void pngHasTheCanvasSizeTimesTheScale_data() {
        QTest::addColumn<double>("scale");
        QTest::newRow("1x") << 1.0;
        QTest::newRow("2x") << 2.0;
        QTest::newRow("0.5x") << 0.5;
    }
    void pngHasTheCanvasSizeTimesTheScale() {
        QFETCH(double, scale);
        const reports::DiagramRenderer renderer(step(4), registry());
        const QRectF source = renderer.sourceRect();
        const QString path = m_dir.filePath(QStringLiteral("d%1.png").arg(scale));
        QCOMPARE(renderer.writePng(path.toStdString(), scale), std::string());
        const QImage image(path);
        QVERIFY(!image.isNull());
        QCOMPARE(image.width(), int(std::ceil(source.width() * scale)));
        QCOMPARE(image.height(), int(std::ceil(source.height() * scale)));
        // Not blank: the cards and links are drawn over the background.
        QVERIFY(image.pixelColor(image.width() / 2, image.height() / 2) != QColor());
        QSet<QRgb> colours;
        for (int y = 0; y < image.height(); y += 7)
            for (int x = 0; x < image.width(); x += 7)
                colours.insert(image.pixel(x, y));
        QVERIFY(colours.size() > 20);
    }

    void svgIsVectorWithEveryLabelAsText_data() {
        QTest::addColumn<int>("step");
        for (int n : {1, 4, 11})
            QTest::newRow(qPrintable(QString::number(n))) << n;
    }
    void svgIsVectorWithEveryLabelAsText() {
        QFETCH(int, step);
        const design::Design d = ::step(step);
        const QString path = m_dir.filePath(QStringLiteral("d%1.svg").arg(step));
        QCOMPARE(reports::DiagramRenderer(d, registry()).writeSvg(path.toStdString()),
                 std::string());
        QXmlStreamReader xml(readAll(path));
        QSet<QString> texts;
        bool root = false;
        int paths = 0;
        while (!xml.atEnd()) {
            if (xml.readNext() != QXmlStreamReader::StartElement)
                continue;
            if (xml.name() == QLatin1String("svg"))
                root = true;
            paths += xml.name() == QLatin1String("path");
            if (xml.name() == QLatin1String("text"))
                texts.insert(xml.readElementText(QXmlStreamReader::IncludeChildElements).trimmed());
        }
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QVERIFY(root);
        QVERIFY(paths > int(d.links.size())); // links and cards are vector paths
        for (const auto& n : d.nodes)
            QVERIFY2(texts.contains(QString::fromStdString(n.label)), n.label.c_str());
        for (const auto& dc : d.datacentres)
            QVERIFY2(texts.contains(QString::fromStdString(dc.label)), dc.label.c_str());
    }

    void diagramPdfIsOnePage() {
        const QString path = m_dir.filePath(QStringLiteral("d.pdf"));
        QCOMPARE(reports::DiagramRenderer(step(11), registry()).writePdf(path.toStdString()),
                 std::string());
        QVERIFY(readAll(path).startsWith("%PDF-"));
        QCOMPARE(pdfPages(path), 1);
    }

    void htmlReportIsSelfContainedWithChartsAndEventLog() {
        const design::Design d = step(4);
        const emu::RunResult result = shortRun(d, 7);
        reports::RunReport report(d, registry());
        report.setDesignFile("step04-replication.json");
        report.addRun(reports::ReportRun::fromResult(result, "run"));
        const auto charts = report.charts();
        QVERIFY(charts.size() >= 4); // latency, throughput, errors, utilisation
        for (const auto& [title, image] : charts)
            QCOMPARE(image.size(), QSize(900, 300));
        const QString path = m_dir.filePath(QStringLiteral("report.html"));
        QCOMPARE(report.writeHtml(path.toStdString()), std::string());
        const QString html = QString::fromUtf8(readAll(path));
        // Every picture is inline; nothing is fetched from elsewhere.
        QCOMPARE(html.count(QStringLiteral("<img ")), int(charts.size()) + 1);
        QCOMPARE(html.count(QStringLiteral("src=\"data:image/png;base64,")),
                 int(charts.size()) + 1);
        QVERIFY(!html.contains(QStringLiteral("http://")) &&
                !html.contains(QStringLiteral("https://")));
        for (const auto& [title, image] : charts)
            QVERIFY(html.contains(title + QStringLiteral(" chart")));
        // The event log lists the failover of the primary at 30 s.
        QVERIFY(html.contains(QStringLiteral("<h2>Event log</h2>")));
        for (const auto& e : result.events)
            QVERIFY(html.contains(
                QStringLiteral("<td>%1</td><td>%2</td>")
                    .arg(QString::fromStdString(e.kind), QString::fromStdString(e.node))));
        QVERIFY(result.countEvents("promoted") == 1);
        // The seed and the command that reruns it; verdicts against the targets.
        QVERIFY(html.contains(QStringLiteral(
            "scaleboard-cli run step04-replication.json --duration 40 --warmup 5 --seed 7")));
        QVERIFY(html.contains(QStringLiteral("PASS")) || html.contains(QStringLiteral("FAIL")));
        QVERIFY(html.contains(QStringLiteral("lost writes")));
        // Settings per node and the traffic.
        for (const auto& n : d.nodes)
            QVERIFY(QRegularExpression(
                        QStringLiteral("[·,] %1[,<]")
                            .arg(QRegularExpression::escape(QString::fromStdString(n.id.value))))
                        .match(html)
                        .hasMatch());
        QVERIFY(html.contains(QStringLiteral("40,000")) || html.contains(QStringLiteral("40000")));
    }

    // A stored run whose summary lacks keys (an older workspace's) shows them as missing,
    // never as a measured zero, and its verdicts say so.
    void aMissingResultIsShownAsMissingNotZero() {
        design::Design d = step(4);
        d.targets.p99Ms = 500;
        reports::ReportRun run = reports::ReportRun::fromResult(shortRun(d, 7, 10), "old");
        run.summary["latency_ms"].erase("p99");
        run.summary["data"].erase("stale_reads");
        run.facts = reports::RunSummary::read(run.summary);
        QVERIFY(!run.facts.p99Ms && !run.facts.staleReads);
        QVERIFY(run.facts.total && *run.facts.total > 0); // what is there is read
        reports::RunReport report(d, registry());
        report.addRun(run);
        const QString path = m_dir.filePath(QStringLiteral("missing.html"));
        QCOMPARE(report.writeHtml(path.toStdString()), std::string());
        const QString html = QString::fromUtf8(readAll(path));
        QVERIFY(html.contains(QStringLiteral("<tr><td>p99 (ms)</td><td class=\"num\">–</td>")));
        QVERIFY(html.contains(QStringLiteral("<tr><td>stale reads</td><td class=\"num\">–</td>")));
        QVERIFY(html.contains(QStringLiteral("NOT MEASURED")));
        QVERIFY(!html.contains(QStringLiteral("<tr><td>p99 (ms)</td><td class=\"num\">0.0</td>")));
    }

    // The resilience outcomes of a design that has them: 429s of a rate limit, the callers'
    // attempts and retries; a design without rate limits or call policies shows no such rows.
    void resilienceOutcomesAreInTheSummaryWhereTheDesignHasThem() {
        // A summary row's first value as a number (its thousands separators dropped), NaN
        // when the row is missing.
        const auto valueOf = [](const QString& html, const char* name) {
            const QRegularExpression row(
                QStringLiteral("<tr><td>%1</td><td class=\"num\">([^<]*)</td>")
                    .arg(QRegularExpression::escape(QString::fromLatin1(name))));
            const auto m = row.match(html);
            bool ok = false;
            const double v = m.captured(1).remove(QLatin1Char(',')).toDouble(&ok);
            return m.hasMatch() && ok ? v : std::nan("");
        };
        const auto htmlOf = [](const design::Design& d, double seconds) {
            reports::RunReport report(d, registry());
            report.addRun(reports::ReportRun::fromResult(shortRun(d, 3, seconds), "run"));
            return report.html();
        };
        const QString limited = htmlOf(builtinTemplate("rate-limited-api"), 20);
        const double limitedCount = valueOf(limited, "rate limited (429)");
        QVERIFY2(limitedCount > 0, QByteArray::number(limitedCount));
        const QString storm = htmlOf(builtinTemplate("retry-storm"), 40);
        const double attempts = valueOf(storm, "call attempts");
        const double retries = valueOf(storm, "retries");
        QVERIFY2(attempts > 0 && retries > 0 && retries < attempts,
                 QByteArray::number(attempts) + " / " + QByteArray::number(retries));
        const QString plain = htmlOf(step(4), 10);
        QVERIFY(plain.contains(QStringLiteral("<tr><td>stale reads</td>")));
        for (const char* absent :
             {"rate limited (429)", "call attempts", "retries", "breakers opened"})
            QVERIFY2(
                !plain.contains(QStringLiteral("<tr><td>%1</td>").arg(QString::fromLatin1(absent))),
                absent);
    }

    void pdfReportHasThePagesItLaidOut() {
        const design::Design d = step(10);
        reports::RunReport report(d, registry());
        report.addRun(reports::ReportRun::fromResult(shortRun(d, 1), "run"));
        const QString path = m_dir.filePath(QStringLiteral("report.pdf"));
        int pages = 0;
        QCOMPARE(report.writePdf(path.toStdString(), &pages), std::string());
        qInfo("report pages: laid out %d, in the file %d", pages, pdfPages(path));
        QVERIFY(pages >= 3);
        QCOMPARE(pdfPages(path), pages);
    }

    void rerunCommandNamesTheDesignFileQuoted_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("typed");
        QTest::newRow("plain") << QStringLiteral("designs/step04.json")
                               << QStringLiteral("designs/step04.json");
        QTest::newRow("spaces") << QStringLiteral("/home/a b/my design.json")
                                << QStringLiteral("'/home/a b/my design.json'");
        QTest::newRow("quote") << QStringLiteral("it's.json") << QStringLiteral("'it'\\''s.json'");
        QTest::newRow("shell characters")
            << QStringLiteral("$(rm -rf).json") << QStringLiteral("'$(rm -rf).json'");
    }
    void rerunCommandNamesTheDesignFileQuoted() {
        QFETCH(QString, file);
        QFETCH(QString, typed);
        const design::Design d = step(2);
        reports::RunReport report(d, registry());
        report.setDesignFile(file.toStdString());
        reports::ReportRun run;
        run.settings = {{"duration_s", 12.5}, {"warmup_s", 2}, {"seed", 99}};
        QCOMPARE(QString::fromStdString(report.rerunCommand(run)),
                 QStringLiteral("scaleboard-cli run %1 --duration 12.5 --warmup 2 --seed 99")
                     .arg(typed));
    }

    void settingsAreTablesWithUnits() {
        const design::Design d = step(11);
        reports::RunReport report(d, registry());
        report.addRun(reports::ReportRun::fromResult(shortRun(d, 3, 10), "run"));
        const QString html = report.html();
        const qsizetype start = html.indexOf(QStringLiteral("<h2>Settings</h2>"));
        const qsizetype end = html.indexOf(QStringLiteral("<h2>Nodes</h2>"));
        QVERIFY(start > 0 && end > start);
        const QString settings = html.mid(start, end - start);
        // One row a setting, its unit after the value; no key=value dumps.
        QVERIFY(!QRegularExpression(QStringLiteral("[a-z_]+=[0-9a-z]")).match(settings).hasMatch());
        QVERIFY(settings.contains(QStringLiteral("<td>Timeout</td><td>3,000&nbsp;ms</td>")) ||
                settings.contains(QStringLiteral("<td>Timeout</td><td>3000&nbsp;ms</td>")));
        QVERIFY(settings.contains(QStringLiteral("&nbsp;s</td>")));
        QVERIFY(settings.contains(QStringLiteral("<thead>")));
        // The fault schedule is a table too.
        QVERIFY(settings.contains(QStringLiteral("<h3>Fault schedule</h3>")));
        QVERIFY(settings.contains(QStringLiteral("<th>at (s)</th>")));
        // The design's estimated monthly cost, labelled an estimate.
        const double monthly =
            practice::estimateCost(d, practice::builtinPrices(), registry()).totalMonthly;
        QVERIFY(monthly > 0);
        QVERIFY(settings.contains(QStringLiteral("<h3>Estimated cost</h3>\n<p>%1 USD a month: an "
                                                 "estimate")
                                      .arg(QString::number(monthly, 'f', 0))));
    }

    void pdfPagesKeepHeadingsWithWhatFollows_data() {
        QTest::addColumn<int>("step");
        for (int n : {4, 9, 10, 11})
            QTest::newRow(qPrintable(QStringLiteral("step %1").arg(n))) << n;
    }
    void pdfPagesKeepHeadingsWithWhatFollows() {
        // The layout the PDF prints, checked page by page: no heading ends a page, and every
        // table repeats its header row on the pages it runs onto.
        QFETCH(int, step);
        const design::Design d = ::step(step);
        reports::RunReport report(d, registry());
        report.addRun(reports::ReportRun::fromResult(shortRun(d, 1), "run"));
        const auto document = report.pdfDocument();
        QVERIFY(document);
        QVERIFY(document->pageCount() >= 3);
        QCOMPARE(reports::PageFlow::orphanedHeadings(*document), QStringList());
        QCOMPARE(reports::PageFlow::tablesWithoutHeader(*document), QStringList());
        // Every picture is laid out (a relayout once lost the ones after a moved heading).
        int pictures = 0;
        for (QTextBlock b = document->begin(); b.isValid(); b = b.next())
            for (auto it = b.begin(); !it.atEnd(); ++it)
                pictures += it.fragment().charFormat().isImageFormat();
        QCOMPARE(pictures, int(report.charts().size()) + 1);
    }

    void cancelledReportWritesNothing_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<double>("stopAt");
        QTest::newRow("pdf, while building") << QStringLiteral("c1.pdf") << 0.1;
        QTest::newRow("pdf, while printing pages") << QStringLiteral("c2.pdf") << 0.6;
        QTest::newRow("html") << QStringLiteral("c3.html") << 0.2;
    }
    void cancelledReportWritesNothing() {
        QFETCH(QString, name);
        QFETCH(double, stopAt);
        const design::Design d = step(4);
        reports::RunReport report(d, registry());
        report.addRun(reports::ReportRun::fromResult(shortRun(d, 2, 20), "run"));
        double last = -1;
        bool monotonic = true;
        report.setProgress([&](double done) {
            monotonic = monotonic && done >= last;
            last = done;
            return done < stopAt;
        });
        const QString path = m_dir.filePath(name);
        QCOMPARE(report.write(path.toStdString()), std::string(reports::RunReport::kCancelled));
        QVERIFY(!QFile::exists(path));
        QVERIFY(monotonic);
        QVERIFY(last >= stopAt && last < 1);

        // Not cancelled, the progress runs from 0 to 1.
        std::vector<double> seen;
        report.setProgress([&](double done) {
            seen.push_back(done);
            return true;
        });
        QCOMPARE(report.write(path.toStdString()), std::string());
        QVERIFY(QFile::exists(path));
        QCOMPARE(seen.front(), 0.0);
        QCOMPARE(seen.back(), 1.0);
        QVERIFY(std::is_sorted(seen.begin(), seen.end()));
    }

    void pageFlowMovesAHeadingThatWouldEndAPage() {
        // Whatever the text before it, a heading and a table's first row below the header
        // share a page, as do a heading and its picture; the header repeats on the next page.
        int orphansBefore = 0;
        for (int paragraphs = 18; paragraphs <= 36; ++paragraphs) {
            QString html;
            for (int i = 0; i < paragraphs; ++i)
                html += QStringLiteral("<p>paragraph %1</p>").arg(i);
            html += QStringLiteral("<h2>Traffic</h2><table><thead><tr><th>name</th><th>rate</th>"
                                   "</tr></thead>");
            for (int i = 0; i < 60; ++i)
                html += QStringLiteral("<tr><td>row %1</td><td>%1</td></tr>").arg(i);
            html += QStringLiteral("</table>");
            for (int i = 0; i < paragraphs; ++i)
                html += QStringLiteral("<p>more %1</p>").arg(i);
            html += QStringLiteral("<h2>Picture</h2><p><img src=\"sbimage:p\" width=\"400\" "
                                   "height=\"300\"></p>");
            QTextDocument document;
            QImage picture(400, 300, QImage::Format_RGB32);
            picture.fill(Qt::gray);
            document.addResource(QTextDocument::ImageResource, QUrl(QStringLiteral("sbimage:p")),
                                 picture);
            document.setHtml(html);
            document.setPageSize(QSizeF(600, 800));
            orphansBefore += int(reports::PageFlow::orphanedHeadings(document).size());
            reports::PageFlow::apply(document);
            QCOMPARE(reports::PageFlow::orphanedHeadings(document), QStringList());
            QCOMPARE(reports::PageFlow::tablesWithoutHeader(document), QStringList());
        }
        QVERIFY(orphansBefore > 0); // the text before put a heading at a page's foot
    }

    void chartMarkerLabelsNeverOverlap_data() {
        QTest::addColumn<int>("markers");
        QTest::addColumn<double>("spacing");
        QTest::newRow("step 11's outage: many at one time") << 12 << 0.0;
        QTest::newRow("close together") << 20 << 0.4;
        QTest::newRow("spread out") << 6 << 5.0;
    }
    void chartMarkerLabelsNeverOverlap() {
        QFETCH(int, markers);
        QFETCH(double, spacing);
        reports::SeriesChart chart(QStringLiteral("Latency"), QStringLiteral("ms"));
        reports::SeriesChart::Line line;
        for (int t = 0; t <= 60; ++t) {
            line.time.push_back(t);
            line.values.push_back(t % 7);
        }
        chart.addLine(line);
        for (int i = 0; i < markers; ++i)
            chart.addMarker({30 + i * spacing, QStringLiteral("Web server %1 down").arg(i),
                             QStringLiteral("#%1").arg(i + 1)});
        const QSize size(900, 300);
        const auto labels = chart.markerLabels(size);
        std::vector<int> seen(std::size_t(markers), 0);
        for (std::size_t a = 0; a < labels.size(); ++a) {
            QVERIFY(QRectF(QPointF(0, 0), QSizeF(size)).contains(labels[a].rect));
            for (std::size_t m : labels[a].markers)
                ++seen[m];
            for (std::size_t b = a + 1; b < labels.size(); ++b)
                QVERIFY2(!labels[a].rect.intersects(labels[b].rect),
                         qPrintable(labels[a].text + QStringLiteral(" / ") + labels[b].text));
        }
        for (int count : seen)
            QCOMPARE(count, 1); // every marker has one label
        // Spread out, each label has its full text.
        if (spacing >= 5)
            for (const auto& l : labels)
                QVERIFY(l.text.endsWith(QStringLiteral("down")));
        QCOMPARE(chart.render(size).size(), size);
    }

    void reportFromTheWindowCanBeCancelledAndLeavesNoFile() {
        app::installWindowExtensions();
        gui::MainWindow window(registry());
        window.document().reset(step(11));
        auto* exports = window.findChild<gui::ExportActions*>();
        QVERIFY(exports);

        // Cancelled while the design runs: nothing is written.
        const QString cancelled = m_dir.filePath(QStringLiteral("cancelled.pdf"));
        exports->runAndReport(cancelled);
        QVERIFY(exports->running());
        auto* progress = window.findChild<QProgressDialog*>(QStringLiteral("exportProgress"));
        QVERIFY(progress);
        QVERIFY(progress->findChild<QPushButton*>()); // its Cancel button
        progress->cancel();
        QTRY_VERIFY_WITH_TIMEOUT(!exports->running(), 30000);
        QVERIFY(!QFile::exists(cancelled));
        QVERIFY(!window.findChild<QProgressDialog*>(QStringLiteral("exportProgress")) ||
                !window.findChild<QProgressDialog*>(QStringLiteral("exportProgress"))->isVisible());

        // Not cancelled: the report is written with the progress reaching its end.
        const QString written = m_dir.filePath(QStringLiteral("written.html"));
        exports->runAndReport(written);
        QTRY_VERIFY_WITH_TIMEOUT(!exports->running(), 60000);
        QVERIFY(readAll(written).contains("<h2>Event log</h2>"));
    }

    void historyComparesTwoStoredRuns() {
        // Two runs stored in a workspace, read back and compared side by side.
        const design::Design d = step(3);
        const QString file = m_dir.filePath(QStringLiteral("history.sbw"));
        QCOMPARE(ws::WorkspaceFile::save(file.toStdString(), d, {}), std::string());
        for (std::uint64_t seed : {1, 2})
            QVERIFY(ws::WorkspaceFile::appendRun(
                        file.toStdString(),
                        reports::ReportRun::toRecord(shortRun(d, seed, 20),
                                                     "seed " + std::to_string(seed)))
                        .ok());

        app::installWindowExtensions();
        gui::MainWindow window(registry());
        QVERIFY(window.openFile(file, true));
        auto* history = window.findChild<gui::RunHistoryDock*>();
        auto* reviewDock = window.findChild<gui::ReviewDock*>();
        QVERIFY(history && reviewDock);
        QCOMPARE(history->runsView()->topLevelItemCount(), 2);
        history->runsView()->selectAll();
        const QString path = m_dir.filePath(QStringLiteral("compare.html"));
        QCOMPARE(history->writeReport(path.toStdString()), std::string());
        const QString html = QString::fromUtf8(readAll(path));
        QVERIFY(html.contains(QStringLiteral("seed 1")) && html.contains(QStringLiteral("seed 2")));
        QVERIFY(html.contains(QStringLiteral("B − A")));
        QVERIFY(html.count(QStringLiteral("<img ")) >= 5); // the diagram and overlaid charts

        // The review dock shows step 3's two single points of failure.
        reviewDock->refresh();
        int critical = 0;
        for (int i = 0; i < reviewDock->findingsView()->topLevelItemCount(); ++i)
            critical += reviewDock->findingsView()->topLevelItem(i)->text(0).contains(
                QStringLiteral("single point of failure"));
        QCOMPARE(critical, 2);

        // File > Export holds the exports; the diagram export writes the window's design.
        auto* exportMenu = window.findChild<QMenu*>(QStringLiteral("menuExport"));
        QVERIFY(exportMenu);
        QStringList names;
        for (QAction* a : exportMenu->actions())
            names << a->objectName();
        for (const char* name :
             {"actionExportPng", "actionExportSvg", "actionExportPdf", "actionExportMermaid",
              "actionExportDrawio", "actionRunReport", "actionRunData"})
            QVERIFY2(names.contains(QString::fromLatin1(name)), name);
        auto* exports = window.findChild<gui::ExportActions*>();
        const QString svg = m_dir.filePath(QStringLiteral("window.svg"));
        QCOMPARE(exports->exportDesign("svg", svg.toStdString()), std::string());
        QVERIFY(readAll(svg).contains("Load balancer"));

        // A run from the window is stored in the workspace and listed.
        bool done = false;
        exports->runDesign([&done](const emu::RunResult& r) { done = r.total > 0; });
        QTRY_VERIFY_WITH_TIMEOUT(done, 30000);
        QCOMPARE(history->runsView()->topLevelItemCount(), 3);

        // Every run from the Run button is kept as well, listed with its own duration and
        // seed (here 7 virtual seconds, seed 5).
        gui::LiveSession& live = *window.live();
        emu::RunSettings settings;
        settings.durationSeconds = 7;
        settings.seed = 5;
        live.runBar()->showSettings(settings);
        live.runBar()->setSpeed(0);
        QVERIFY(live.play());
        QTRY_VERIFY_WITH_TIMEOUT(history->runsView()->topLevelItemCount() == 4, 30000);
        const QTreeWidgetItem* last = history->runsView()->topLevelItem(3);
        QCOMPARE(last->text(1), QStringLiteral("5"));
        QCOMPARE(last->text(2), QStringLiteral("7"));
    }

    void cliExportsAndRejectsBadInput() {
        const QString design = m_dir.filePath(QStringLiteral("s2.json"));
        {
            QFile f(design);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(QByteArray(review::ScalingPath::step(2)->json.data(),
                               qsizetype(review::ScalingPath::step(2)->json.size())));
        }
        auto cli = [](QStringList args) {
            args.prepend(QStringLiteral("scaleboard-cli"));
            std::vector<std::string> storage;
            for (const auto& a : args)
                storage.push_back(a.toStdString());
            std::vector<char*> argv;
            for (auto& s : storage)
                argv.push_back(s.data());
            return cli::runCli(int(argv.size()), argv.data(), app::cliRendering());
        };
        const QString png = m_dir.filePath(QStringLiteral("cli.png"));
        QCOMPARE(cli({QStringLiteral("export"), design, QStringLiteral("--format"),
                      QStringLiteral("png"), QStringLiteral("-o"), png, QStringLiteral("--scale"),
                      QStringLiteral("2")}),
                 0);
        const QSize expected = reports::DiagramRenderer(step(2), registry()).imageSize(2);
        QCOMPARE(QImage(png).size(), expected);
        QCOMPARE(cli({QStringLiteral("export"), design, QStringLiteral("--format"),
                      QStringLiteral("bmp"), QStringLiteral("-o"), png}),
                 2);
        QCOMPARE(
            cli({QStringLiteral("export"), m_dir.filePath(QStringLiteral("missing.json")),
                 QStringLiteral("--format"), QStringLiteral("svg"), QStringLiteral("-o"), png}),
            2);
        const QString html = m_dir.filePath(QStringLiteral("cli.html"));
        QCOMPARE(
            cli({QStringLiteral("run"), design, QStringLiteral("--duration"), QStringLiteral("10"),
                 QStringLiteral("--quiet"), QStringLiteral("--report"), html}),
            0);
        QVERIFY(readAll(html).contains("<h2>Event log</h2>"));
        QCOMPARE(cli({QStringLiteral("run"), design, QStringLiteral("--report"),
                      m_dir.filePath(QStringLiteral("x.doc"))}),
                 2);
        // A report says what happened: step 4 loses its primary at 30 s.
        const QString stepFour = m_dir.filePath(QStringLiteral("s4.json"));
        {
            QFile f(stepFour);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(QByteArray(review::ScalingPath::step(4)->json.data(),
                               qsizetype(review::ScalingPath::step(4)->json.size())));
        }
        const QString explained = m_dir.filePath(QStringLiteral("s4.html"));
        QCOMPARE(cli({QStringLiteral("run"), stepFour, QStringLiteral("--duration"),
                      QStringLiteral("40"), QStringLiteral("--quiet"), QStringLiteral("--report"),
                      explained}),
                 0);
        const QByteArray report = readAll(explained);
        QVERIFY(report.contains("<h2>What happened</h2>"));
        QVERIFY(report.indexOf("first node to fail") < report.indexOf("was detected down"));
        QVERIFY(report.indexOf("first node to fail") > report.indexOf("<h2>What happened</h2>"));
        QCOMPARE(cli({QStringLiteral("review"), design}), 0);
        QCOMPARE(cli({QStringLiteral("templates"), QStringLiteral("no-such-template")}), 2);
        const QString written = m_dir.filePath(QStringLiteral("t.json"));
        QCOMPARE(cli({QStringLiteral("templates"), QStringLiteral("step05-cache"),
                      QStringLiteral("-o"), written}),
                 0);
        QVERIFY(design::readDesignFile(written.toStdString(), registry()).ok());
    }

private:
    QTemporaryDir m_dir;
};

QTEST_MAIN(ReportsTest)
#include "ReportsTest.moc"
