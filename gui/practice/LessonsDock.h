#pragma once

#include "practice/LessonRun.h"

#include <QDockWidget>
#include <QString>
#include <optional>

class QLabel;
class QListWidget;
class QPushButton;

namespace sb::gui {
class MainWindow;

/// The guided path (docs/lessons.md): the eleven lessons with the progress of each, kept
/// across launches in QSettings; opening one loads the step's design as the lesson runs it
/// (its traffic, fault, run length and seed) and shows the briefing and goals; when a run
/// of it ends (the normal run bar), the debrief: each goal met or missed with its evidence,
/// what happened, and the next lesson suggested.
class LessonsDock final : public QDockWidget {
    Q_OBJECT

public:
    explicit LessonsDock(MainWindow& window);

    /// Opens the lesson with this id: loads its design; false when there is none.
    bool open(const QString& id);
    /// The open lesson; null before one is opened.
    const practice::Lesson* lesson() const { return m_lesson; }
    /// The debrief of the open lesson's last finished run, if there was one.
    const std::optional<practice::Debrief>& debrief() const { return m_debrief; }

    /// A lesson's progress as remembered (QSettings, "lessons/<id>").
    static practice::LessonProgress storedProgress(const std::string& lessonId);

Q_SIGNALS:
    /// A run of the open lesson ended and was debriefed.
    void debriefed();

private:
    void refreshList();
    void showBriefing();
    void onRunFinished();
    void showDebrief(const practice::Debrief& d);
    void load(const practice::Lesson& lesson);

    MainWindow& m_window;
    QListWidget* m_list;
    QPushButton* m_open;
    QPushButton* m_next;
    QLabel* m_briefing;
    QLabel* m_debriefText;
    const practice::Lesson* m_lesson = nullptr;
    std::optional<practice::Debrief> m_debrief;
};

} // namespace sb::gui
