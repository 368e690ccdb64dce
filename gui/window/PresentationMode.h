#pragma once

#include <QByteArray>
#include <QObject>
#include <QPointer>
#include <vector>

class QDockWidget;
class QFrame;
class QShortcut;
class QWidget;

namespace sb::gui {

class LiveSession;
class MainWindow;

/// Presentation mode (F11), for a projector: the canvas fills the screen; the charts, the
/// health matrix and the event log float over it as translucent panels in large type; the
/// canvas draws bold traffic, pulses overloaded and failing nodes, lets counters of what
/// they failed rise from them, and shows alerts as a large toast. Esc or F11 leaves it,
/// giving every panel back to its dock and the window its layout.
class PresentationMode final : public QObject {
    Q_OBJECT

public:
    PresentationMode(MainWindow& window, LiveSession& live);
    ~PresentationMode() override;

    bool isActive() const { return m_active; }
    void setActive(bool active);
    /// The floating panels while active: charts, health, event log.
    std::vector<QFrame*> panels() const;

Q_SIGNALS:
    void activeChanged(bool active);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    struct Panel {
        QDockWidget* dock;
        QPointer<QWidget> body; ///< the dock's widget, lent to the panel
        QFrame* frame = nullptr;
    };
    void enter();
    void leave();
    void place();

    MainWindow& m_window;
    LiveSession& m_live;
    bool m_active = false;
    QByteArray m_layout;
    Qt::WindowStates m_windowState;
    std::vector<QPointer<QWidget>> m_hidden; ///< bars and docks hidden on entering
    std::vector<Panel> m_panels;
    QShortcut* m_leave;
};

} // namespace sb::gui
