// The guided path in the window, offscreen: Help > Guided path shows the eleven lessons;
// opening lesson 3 loads its design with the lesson's run; running it to the end (the run
// bar at full speed, waiting on the debrief signal) shows the debrief with every goal met
// and its evidence; a new window reads the progress back.
#include "gui/practice/LessonsDock.h"
#include "app/WindowExtensions.h"
#include "components/registry/ComponentRegistry.h"
#include "gui/document/DesignDocument.h"
#include "gui/live/LiveSession.h"
#include "gui/live/RunBar.h"
#include "gui/window/MainWindow.h"

#include <QAction>
#include <QLabel>
#include <QListWidget>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QtTest>

using namespace sb;

class LessonsDockTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("ScaleboardTest"));
        QCoreApplication::setApplicationName(QStringLiteral("gui_lessons"));
        QSettings().clear();
        app::installWindowExtensions();
    }

    void runALessonAndRememberIt() {
        {
            gui::MainWindow window(comp::ComponentRegistry::builtin());
            window.resize(1366, 768);
            auto* dock = window.findChild<gui::LessonsDock*>(QStringLiteral("lessonsDock"));
            QVERIFY(dock);
            QVERIFY(dock->isHidden()); // Help > Guided path opens it
            window.findChild<QAction*>(QStringLiteral("actionGuidedPath"))->trigger();
            QVERIFY(!dock->isHidden());
            auto* list = dock->findChild<QListWidget*>(QStringLiteral("lessonList"));
            QCOMPARE(list->count(), 11);
            QVERIFY(list->item(0)->text().contains(QStringLiteral("not started (next)")));
            QVERIFY(!dock->open(QStringLiteral("no-such-lesson")));
            window.document().setSaved(true);
            QVERIFY(dock->open(QStringLiteral("3")));
            QCOMPARE(dock->lesson()->step, 3);
            QCOMPARE(window.document().design().run.durationSeconds, 30.0);
            QVERIFY(dock->findChild<QLabel*>(QStringLiteral("lessonBriefing"))
                        ->text()
                        .contains(QStringLiteral("a web server fails at 15 s")));
            QSignalSpy debriefed(dock, &gui::LessonsDock::debriefed);
            window.live()->runBar()->setSpeed(0);
            QVERIFY(window.live()->play());
            QVERIFY(debriefed.wait(120000));
            QVERIFY(dock->debrief());
            QVERIFY(dock->debrief()->goalsMet());
            const QString text = dock->findChild<QLabel*>(QStringLiteral("lessonDebrief"))->text();
            QVERIFY(text.contains(QStringLiteral("2 of 2 goals met")));
            QVERIFY(text.contains(QStringLiteral("of offered requests were answered")));
            QVERIFY(text.contains(QStringLiteral("What happened")));
            QCOMPARE(gui::LessonsDock::storedProgress("step03-load-balancer"),
                     dock->debrief()->progress());
            QVERIFY(list->item(2)->text().contains(QStringLiteral("met")));
        }
        gui::MainWindow again(comp::ComponentRegistry::builtin());
        auto* list = again.findChild<QListWidget*>(QStringLiteral("lessonList"));
        QVERIFY(list->item(2)->data(Qt::UserRole + 1).toString().endsWith(QStringLiteral("_met")));
        QVERIFY(list->item(0)->text().contains(QStringLiteral("(next)")));
    }
};

QTEST_MAIN(LessonsDockTest)
#include "LessonsDockTest.moc"
