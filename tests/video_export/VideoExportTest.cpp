#include "app/WindowExtensions.h"
#include "components/registry/ComponentRegistry.h"
#include "design/AtomicFile.h"
#include "design/DesignJson.h"
#include "gui/document/DesignDocument.h"
#include "gui/exports/ExportActions.h"
#include "gui/live/LiveRun.h"
#include "gui/live/LiveSession.h"
#include "gui/live/RunBar.h"
#include "gui/replay/RunAnimation.h"
#include "gui/window/MainWindow.h"
#include "reports/RunReport.h"
#include "timeline/Timeline.h"
#include "workspace/WorkspaceFile.h"

#include <QApplication>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QMenu>
#include <QProcess>
#include <QProgressDialog>
#include <QPushButton>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <cmath>

using namespace sb;

namespace {

struct Exit {
    int code = -1;
    QString err;
};

/// What ffprobe says of a video's one stream and its container.
struct Probe {
    QString codec;
    int width = 0, height = 0, frames = 0;
    double duration = 0;
};

} // namespace

class VideoExportTest : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_ffprobe;
    design::Design m_design;
    timeline::Timeline m_recorded; ///< 40 s of step 11, written by scaleboard-cli run --timeline

    QString path(const QString& name) const { return m_dir.filePath(name); }

    Exit cli(const QStringList& args) const {
        QProcess p;
        p.setWorkingDirectory(m_dir.path());
        p.start(QStringLiteral(SCALEBOARD_CLI_PATH), args);
        if (!p.waitForFinished(240000))
            qFatal("scaleboard-cli did not finish");
        return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
                QString::fromUtf8(p.readAllStandardError())};
    }

    Probe probe(const QString& file) const {
        QProcess p;
        p.start(m_ffprobe, {QStringLiteral("-v"), QStringLiteral("error"),
                            QStringLiteral("-count_frames"), QStringLiteral("-show_entries"),
                            QStringLiteral("stream=codec_name,width,height,nb_read_frames:format="
                                           "duration"),
                            QStringLiteral("-of"), QStringLiteral("json"), file});
        if (!p.waitForFinished(60000) || p.exitCode() != 0)
            qFatal("ffprobe failed on %s: %s", qPrintable(file),
                   p.readAllStandardError().constData());
        const QJsonObject json = QJsonDocument::fromJson(p.readAllStandardOutput()).object();
        const QJsonObject stream = json[QStringLiteral("streams")].toArray().first().toObject();
        Probe out;
        out.codec = stream[QStringLiteral("codec_name")].toString();
        out.width = stream[QStringLiteral("width")].toInt();
        out.height = stream[QStringLiteral("height")].toInt();
        out.frames = stream[QStringLiteral("nb_read_frames")].toString().toInt();
        out.duration = json[QStringLiteral("format")]
                           .toObject()[QStringLiteral("duration")]
                           .toString()
                           .toDouble();
        return out;
    }

    /// The frames a clip of the recorded run is drawn as, by the renderer itself.
    QSize expectedSize(double scale) const {
        timeline::Clip clip;
        return gui::RunAnimation(m_design, comp::ComponentRegistry::builtin(), m_recorded, clip,
                                 scale)
            .frameSize();
    }

    /// Files in the folder (a failed or cancelled export leaves none, temporary or not).
    QStringList files() const {
        return QDir(m_dir.path()).entryList(QDir::Files | QDir::Hidden, QDir::Name);
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        m_ffprobe = QStandardPaths::findExecutable(QStringLiteral("ffprobe"));
        if (m_ffprobe.isEmpty())
            QFAIL("ffprobe is not installed (Debian package ffmpeg; scripts/setup.sh installs it)");
        QCOMPARE(cli({"templates", "step11-multi-datacentre", "-o", path("s11.json")}).code, 0);
        QCOMPARE(cli({"run", path("s11.json"), "--duration", "40", "--timeline",
                      path("s11.timeline"), "--quiet"})
                     .code,
                 0);
        auto loaded = design::readDesignFile(path("s11.json").toStdString(),
                                             comp::ComponentRegistry::builtin());
        QVERIFY(loaded.ok());
        m_design = *loaded.design;
        std::string bytes, error;
        QVERIFY2(design::readWholeFile(path("s11.timeline").toStdString(), bytes, error),
                 error.c_str());
        m_recorded = timeline::Timeline::decode(bytes);
        QVERIFY(std::abs(gui::RunAnimation::runSeconds(m_recorded) - 40) < 0.2);
    }

    /// Step 11's outage (US East fails at 30 s), 28 s to 34 s at twice the speed: three
    /// seconds of VP8 at 25 frames a second, each frame the diagram and its strip.
    void exportsTheOutageAsWebm() {
        const Exit e = cli({"export", path("s11.json"), "--format", "webm", "--from", "28", "--to",
                            "34", "--speed", "2", "--scale", "0.5", "-o", path("outage.webm")});
        QVERIFY2(e.code == 0, qPrintable(e.err));
        const Probe p = probe(path("outage.webm"));
        QCOMPARE(p.codec, QStringLiteral("vp8"));
        const QSize size = expectedSize(0.5);
        QCOMPARE(QSize(p.width, p.height), size);
        QVERIFY(size.width() >= 720 && size.height() > gui::RunAnimation::kStripHeight);
        QCOMPARE(p.frames, 75);
        QVERIFY2(std::abs(p.duration - 3.0) <= 1.0 / 25 + 0.01,
                 qPrintable(QString::number(p.duration)));
    }

    /// The same outage as a GIF from the recorded timeline (no second run): 29 s to 33 s
    /// at 2x, 10 frames a second by default.
    void exportsTheOutageAsGifFromARecordedTimeline() {
        const Exit e = cli({"export", path("s11.json"), "--format", "gif", "--timeline",
                            path("s11.timeline"), "--from", "29", "--to", "33", "--speed", "2x",
                            "--scale", "0.5", "-o", path("outage.gif")});
        QVERIFY2(e.code == 0, qPrintable(e.err));
        const Probe p = probe(path("outage.gif"));
        QCOMPARE(p.codec, QStringLiteral("gif"));
        QCOMPARE(QSize(p.width, p.height), expectedSize(0.5));
        QCOMPARE(p.frames, 20);
        QVERIFY2(std::abs(p.duration - 2.0) <= 0.1 + 0.01, qPrintable(QString::number(p.duration)));
    }

    void exportsMp4AtTheFrameRateAsked() {
        const Exit e = cli({"export", path("s11.json"), "--format", "mp4", "--timeline",
                            path("s11.timeline"), "--from", "30", "--to", "32", "--fps", "10",
                            "--scale", "0.4", "-o", path("outage.mp4")});
        QVERIFY2(e.code == 0, qPrintable(e.err));
        const Probe p = probe(path("outage.mp4"));
        QCOMPARE(p.codec, QStringLiteral("h264"));
        QCOMPARE(QSize(p.width, p.height), expectedSize(0.4));
        QCOMPARE(p.frames, 20);
        QVERIFY2(std::abs(p.duration - 2.0) <= 0.1 + 0.01, qPrintable(QString::number(p.duration)));
    }

    /// The frames follow the run: before the outage and during it they differ, and two
    /// frames of one moment differ only by the moving traffic.
    void framesShowTheMomentOfTheRun() {
        timeline::Clip clip;
        clip.from = 29;
        clip.to = 31;
        clip.fps = 10;
        gui::RunAnimation animation(m_design, comp::ComponentRegistry::builtin(), m_recorded, clip,
                                    0.5);
        QCOMPARE(animation.frameCount(), 20);
        const QImage before = animation.frame(0);  // 29.0 s: both data centres up
        const QImage during = animation.frame(19); // 30.9 s: US East down
        QCOMPARE(before.size(), animation.frameSize());
        QVERIFY(before != during);
    }

    void badArgumentsExitTwoNamingWhatIsWrong() {
        const QStringList files0 = files();
        struct Case {
            QStringList args;
            QString says;
        };
        const QString design = path("s11.json"), out = path("bad.webm");
        const std::vector<Case> cases{
            {{"--format", "webm", "--from", "34", "--to", "28"},
             "--from (34 s) must come before --to (28 s)"},
            {{"--format", "webm", "--from", "70"}, "beyond the run, which lasts 60 s"},
            {{"--format", "webm", "--to", "75"}, "--to (75 s) is beyond the run"},
            {{"--format", "avi"}, "--format"},
            {{"--format", "webm", "--speed", "max"}, "--speed of a video"},
            {{"--format", "webm", "--speed", "1000"}, "--speed"},
            {{"--format", "gif", "--fps", "120"}, "--fps"},
            {{"--format", "png", "--from", "3"}, "are for a video"},
            {{"--format", "gif", "--timeline", path("missing.timeline")}, "missing.timeline"},
            {{"--format", "webm", "--timeline", path("s11.timeline"), "--from", "45"},
             "beyond the run, which lasts 40 s"},
        };
        for (const Case& c : cases) {
            QStringList args{"export", design, "-o", out};
            args += c.args;
            const Exit e = cli(args);
            QVERIFY2(e.code == 2, qPrintable(args.join(' ') + ": " + e.err));
            QVERIFY2(e.err.contains(c.says), qPrintable(args.join(' ') + ": " + e.err));
        }
        const Exit toStdout = cli({"export", design, "--format", "gif", "-o", "-"});
        QCOMPARE(toStdout.code, 2);
        QVERIFY2(toStdout.err.contains("not to standard output"), qPrintable(toStdout.err));
        QCOMPARE(files(), files0);
    }

    /// A video that cannot be written (its folder is missing) is an error naming it, and a
    /// cancelled one leaves no file, not even the temporary one it was being written to.
    void failedAndCancelledExportsLeaveNoFile() {
        const QStringList files0 = files();
        const Exit e =
            cli({"export", path("s11.json"), "--format", "webm", "--timeline", path("s11.timeline"),
                 "--from", "30", "--to", "31", "-o", path("no-such-folder/out.webm")});
        QCOMPARE(e.code, 2);
        QVERIFY2(e.err.contains("does not exist"), qPrintable(e.err));

        timeline::Clip clip;
        clip.from = 29;
        clip.to = 33;
        int asked = 0;
        const std::string result = gui::writeRunVideo(
            m_design, comp::ComponentRegistry::builtin(), m_recorded, clip, video::Format::Webm,
            0.4, path("cancelled.webm").toStdString(), [&asked](double done) {
                ++asked;
                return done < 0.3;
            });
        QCOMPARE(result, std::string(reports::RunReport::kCancelled));
        QVERIFY(asked > 1);
        QCOMPARE(files(), files0);

        // An older file of the same name stays as it was.
        QVERIFY(design::writeFileAtomically(path("kept.webm").toStdString(), "old").empty());
        const std::string again = gui::writeRunVideo(
            m_design, comp::ComponentRegistry::builtin(), m_recorded, clip, video::Format::Webm,
            0.4, path("kept.webm").toStdString(), [](double done) { return done < 0.3; });
        QCOMPARE(again, std::string(reports::RunReport::kCancelled));
        std::string kept, error;
        QVERIFY(design::readWholeFile(path("kept.webm").toStdString(), kept, error));
        QCOMPARE(kept, std::string("old"));
    }

    /// File > Export > Run animation: with no run yet it runs the design recording its
    /// timeline (Cancel while it runs leaves no file); after a run from the Run button it
    /// animates that run's recording.
    void windowExportsTheRunAnimation() {
        app::installWindowExtensions();
        gui::MainWindow window(comp::ComponentRegistry::builtin());
        QVERIFY(QDir(m_dir.path()).mkpath(QStringLiteral("workspace")));
        const QString workspace = path(QStringLiteral("workspace/step11.sbw"));
        QCOMPARE(ws::WorkspaceFile::save(workspace.toStdString(), m_design, {}), std::string());
        QVERIFY(window.openFile(workspace, true));
        auto* exports = window.findChild<gui::ExportActions*>();
        QVERIFY(exports);
        QStringList actions;
        for (QAction* a : exports->menu()->actions())
            actions << a->objectName();
        QVERIFY(actions.contains(QStringLiteral("actionExportAnimation")));
        QCOMPARE(exports->animationRunSeconds(), 60.0); // the design's run, none made yet
        timeline::Clip clip;
        clip.from = 29;
        clip.to = 31;
        clip.fps = 10;

        const QStringList files0 = files();
        exports->exportAnimation(path("cancelled.webm"), clip, 0.5);
        QVERIFY(exports->running());
        auto* progress = window.findChild<QProgressDialog*>(QStringLiteral("exportProgress"));
        QVERIFY(progress);
        progress->cancel();
        QTRY_VERIFY_WITH_TIMEOUT(!exports->running(), 60000);
        QCOMPARE(files(), files0);

        exports->exportAnimation(path("window.gif"), clip, 0.5);
        QTRY_VERIFY_WITH_TIMEOUT(!exports->running(), 120000);
        Probe p = probe(path("window.gif"));
        QCOMPARE(p.codec, QStringLiteral("gif"));
        QCOMPARE(QSize(p.width, p.height), expectedSize(0.5));
        QCOMPARE(p.frames, 20);
        // The run made for it is kept in the workspace with its timeline, explained with
        // the design's names.
        const ws::OpenResult opened =
            ws::WorkspaceFile::open(workspace.toStdString(), comp::ComponentRegistry::builtin());
        QVERIFY(opened.ok());
        QCOMPARE(opened.workspace->runs.size(), std::size_t(1));
        QVERIFY(!opened.workspace->runs.front().timeline.empty());
        QVERIFY(opened.workspace->runs.front().summary["explanation"].dump().find(
                    "Data centre US East (dc-east) went down") != std::string::npos);

        // A run from the Run button, 8 virtual seconds: the animation is of its recording.
        gui::LiveSession& live = *window.live();
        emu::RunSettings settings;
        settings.durationSeconds = 8;
        live.runBar()->showSettings(settings);
        live.runBar()->setSpeed(0);
        QVERIFY(live.play());
        QTRY_VERIFY_WITH_TIMEOUT(!live.run().isActive(), 60000);
        QVERIFY(std::abs(exports->animationRunSeconds() - 8) < 0.2);

        // The dialog refuses a stretch that ends before it starts, then takes a good one.
        QString refused;
        bool stayedOpen = false;
        QTimer::singleShot(0, &window, [&window, &refused, &stayedOpen] {
            auto* dialog = window.findChild<QDialog*>(QStringLiteral("animationDialog"));
            if (!dialog) { // fails below; never leaves a dialog waiting
                if (QWidget* modal = QApplication::activeModalWidget())
                    modal->close();
                return;
            }
            const auto box = [dialog](const char* name) {
                return dialog->findChild<QDoubleSpinBox*>(QString::fromLatin1(name));
            };
            QPushButton* ok = dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok);
            box("animationFrom")->setValue(6);
            box("animationTo")->setValue(2);
            ok->click();
            refused = dialog->findChild<QLabel*>(QStringLiteral("animationProblem"))->text();
            stayedOpen = dialog->isVisible();
            box("animationFrom")->setValue(1);
            box("animationTo")->setValue(5);
            box("animationSpeed")->setValue(2);
            ok->click();
            if (dialog->isVisible())
                dialog->reject();
        });
        const std::optional<timeline::Clip> asked = exports->askClip(false);
        QVERIFY2(refused.contains(QStringLiteral("must come before")), qPrintable(refused));
        QVERIFY(stayedOpen);
        QVERIFY(asked);
        QCOMPARE(asked->from, 1.0);
        QCOMPARE(asked->to.value_or(0), 5.0);
        QCOMPARE(asked->speed, 2.0);
        QCOMPARE(asked->fps, timeline::Clip::kVideoFps);
        timeline::Clip early;
        early.from = 2;
        early.to = 6;
        early.speed = 4;
        exports->exportAnimation(path("live.webm"), early, 0.4);
        QVERIFY(!exports->running()); // drawn at once: nothing to run
        p = probe(path("live.webm"));
        QCOMPARE(p.codec, QStringLiteral("vp8"));
        QCOMPARE(p.frames, 25);
    }
};

QTEST_MAIN(VideoExportTest)
#include "VideoExportTest.moc"
