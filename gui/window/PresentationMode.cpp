#include "gui/window/PresentationMode.h"

#include "gui/canvas/DesignView.h"
#include "gui/live/AlertBanner.h"
#include "gui/live/ChartsDock.h"
#include "gui/live/EventLogDock.h"
#include "gui/live/HealthMatrixDock.h"
#include "gui/live/LiveCanvas.h"
#include "gui/live/LiveSession.h"
#include "gui/live/RunBar.h"
#include "gui/window/MainWindow.h"

#include <QAction>
#include <QDockWidget>
#include <QEvent>
#include <QFrame>
#include <QHeaderView>
#include <QLabel>
#include <QMenuBar>
#include <QShortcut>
#include <QStatusBar>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>

namespace sb::gui {

namespace {

/// Where a panel floats, as fractions of the canvas: x, y, width, height.
struct Placement {
    double x, y, w, h;
};
constexpr Placement kCharts{0.01, 0.45, 0.53, 0.53};
constexpr Placement kHealth{0.56, 0.02, 0.43, 0.40};
constexpr Placement kEvents{0.56, 0.64, 0.43, 0.34};
constexpr double kFontScale = 1.35;

QPalette translucent(QPalette p) {
    // See-through, so the canvas shows under the panels.
    for (QPalette::ColorRole role :
         {QPalette::Window, QPalette::Base, QPalette::AlternateBase, QPalette::Button}) {
        QColor c = p.color(role);
        c.setAlpha(role == QPalette::Window ? 190 : 170);
        p.setColor(role, c);
    }
    return p;
}

} // namespace

PresentationMode::PresentationMode(MainWindow& window, LiveSession& live)
    : QObject(&window)
    , m_window(window)
    , m_live(live)
    , m_leave(new QShortcut(QKeySequence(Qt::Key_Escape), &window)) {
    m_leave->setEnabled(false);
    connect(m_leave, &QShortcut::activated, this, [this] { setActive(false); });
}

PresentationMode::~PresentationMode() {
    if (m_active)
        leave();
}

void PresentationMode::setActive(bool active) {
    if (active == m_active)
        return;
    m_active = active;
    active ? enter() : leave();
    m_leave->setEnabled(active);
    Q_EMIT activeChanged(active);
}

std::vector<QFrame*> PresentationMode::panels() const {
    std::vector<QFrame*> frames;
    for (const Panel& p : m_panels)
        frames.push_back(p.frame);
    return frames;
}

void PresentationMode::enter() {
    m_layout = m_window.saveState();
    m_windowState = m_window.windowState();
    // Everything but the canvas and the run bar (Run, Pause, Step stay at hand) goes.
    std::vector<QWidget*> chrome{m_window.menuBar(), m_window.statusBar()};
    for (QToolBar* bar : m_window.findChildren<QToolBar*>())
        if (bar != m_live.runBar())
            chrome.push_back(bar);
    for (QDockWidget* dock : m_window.findChildren<QDockWidget*>())
        chrome.push_back(dock);
    for (QWidget* w : chrome)
        if (w->isVisible()) {
            m_hidden.emplace_back(w);
            w->hide();
        }

    DesignView& view = m_window.view();
    QFont big = m_window.font();
    big.setPointSizeF(big.pointSizeF() * kFontScale);
    for (QDockWidget* dock :
         std::initializer_list<QDockWidget*>{m_live.charts(), m_live.health(), m_live.eventLog()}) {
        Panel panel{dock, dock->widget()};
        panel.frame = new QFrame(&view);
        panel.frame->setObjectName(QStringLiteral("presentationPanel"));
        panel.frame->setFrameShape(QFrame::StyledPanel);
        panel.frame->setAutoFillBackground(true);
        panel.frame->setPalette(translucent(view.palette()));
        // Tables and the log in large type; the charts keep theirs, or their axes would
        // have no room left to label.
        if (dock != m_live.charts())
            panel.frame->setFont(big);
        auto* layout = new QVBoxLayout(panel.frame);
        layout->setContentsMargins(8, 6, 8, 8);
        auto* title = new QLabel(dock->windowTitle());
        QFont titleFont = big;
        titleFont.setWeight(QFont::Bold);
        title->setFont(titleFont);
        layout->addWidget(title);
        if (panel.body) {
            layout->addWidget(panel.body, 1);
            // Columns wide enough for the larger type.
            QList<QTableView*> tables = panel.body->findChildren<QTableView*>();
            if (auto* table = qobject_cast<QTableView*>(panel.body.data()))
                tables.append(table); // the health dock's body is its table
            for (QTableView* table : tables)
                table->horizontalHeader()->resizeSections(QHeaderView::ResizeToContents);
        }
        panel.frame->show();
        m_panels.push_back(panel);
    }
    m_live.canvas()->setPresenting(true);
    view.setMiniMapVisible(false); // the panels are the overview now
    view.viewport()->installEventFilter(this);
    m_window.showFullScreen();
    place();
}

void PresentationMode::leave() {
    m_window.view().viewport()->removeEventFilter(this);
    for (Panel& panel : m_panels) {
        if (panel.body)
            panel.dock->setWidget(panel.body);
        delete panel.frame;
    }
    m_panels.clear();
    m_live.canvas()->setPresenting(false);
    m_window.view().setMiniMapVisible(
        m_window.action(QStringLiteral("actionMiniMap"))->isChecked());
    m_window.setWindowState(m_windowState);
    for (const QPointer<QWidget>& w : m_hidden)
        if (w)
            w->show();
    m_hidden.clear();
    m_window.restoreState(m_layout);
}

bool PresentationMode::eventFilter(QObject* watched, QEvent* event) {
    // The window goes full screen after entering: fit the design to the screen it got.
    if (watched == m_window.view().viewport() && event->type() == QEvent::Resize) {
        place();
        m_window.view().fitToDesign();
    }
    return QObject::eventFilter(watched, event);
}

void PresentationMode::place() {
    const QRect area = m_window.view().viewport()->geometry();
    const Placement where[] = {kCharts, kHealth, kEvents};
    for (std::size_t i = 0; i < m_panels.size() && i < std::size(where); ++i) {
        const Placement& p = where[i];
        m_panels[i].frame->setGeometry(area.x() + int(p.x * area.width()),
                                       area.y() + int(p.y * area.height()), int(p.w * area.width()),
                                       int(p.h * area.height()));
        m_panels[i].frame->raise();
    }
    m_live.canvas()->alertBanner()->raise(); // the toast stays on top
}

} // namespace sb::gui
