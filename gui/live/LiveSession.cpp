#include "gui/live/LiveSession.h"

#include "components/faults/Command.h"
#include "components/registry/SimulationBuilder.h"
#include "design/PropertyValues.h"
#include "gui/canvas/DataCentreItem.h"
#include "gui/canvas/DesignScene.h"
#include "gui/canvas/DesignView.h"
#include "gui/canvas/NodeItem.h"
#include "gui/document/DesignDocument.h"
#include "gui/live/ChartsDock.h"
#include "gui/live/EventLogDock.h"
#include "gui/live/FaultDock.h"
#include "gui/live/HealthMatrixDock.h"
#include "gui/live/LiveCanvas.h"
#include "gui/live/LiveFormat.h"
#include "gui/live/LiveRun.h"
#include "gui/live/RunBar.h"
#include "gui/live/TrafficDock.h"
#include "gui/panels/InspectorDock.h"
#include "gui/panels/PaletteDock.h"
#include "gui/panels/ProblemsDock.h"
#include "gui/window/MainWindow.h"

#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QStatusBar>
#include <QTimer>
#include <sstream>

namespace sb::gui {

namespace {

/// A node's effective property values, one entry per property or group field ("mix.read").
std::vector<std::pair<std::string, nlohmann::json>> flatten(const design::ComponentDescriptor& d,
                                                            const nlohmann::json& props) {
    std::vector<std::pair<std::string, nlohmann::json>> out;
    const design::PropertyValues values(d, props);
    for (const design::PropertySpec& spec : d.properties) {
        if (spec.type != design::PropertyType::Group) {
            out.emplace_back(spec.name, values.value(spec.name));
            continue;
        }
        for (const design::PropertySpec& field : spec.fields) {
            nlohmann::json v;
            if (field.type == design::PropertyType::Boolean)
                v = values.boolean(spec.name, field.name);
            else if (field.type == design::PropertyType::Integer ||
                     field.type == design::PropertyType::Number)
                v = values.number(spec.name, field.name);
            else
                continue;
            out.emplace_back(spec.name + "." + field.name, v);
        }
    }
    return out;
}

} // namespace

LiveSession::LiveSession(MainWindow& window)
    : QObject(&window)
    , m_window(window)
    , m_run(new LiveRun(this))
    , m_runBar(new RunBar(*m_run, &window))
    , m_canvas(new LiveCanvas(window.scene(), window.view(), *m_run, this))
    , m_charts(new ChartsDock(*m_run, &window))
    , m_health(new HealthMatrixDock(*m_run, &window))
    , m_events(new EventLogDock(*m_run, &window))
    , m_traffic(new TrafficDock(*m_run, &window))
    , m_faults(new FaultDock(*m_run, &window)) {
    window.addToolBarBreak(Qt::TopToolBarArea);
    window.addToolBar(Qt::TopToolBarArea, m_runBar);
    // Bottom: the charts (with Problems as a tab behind them), then health over the log.
    window.addDock(m_charts, Qt::BottomDockWidgetArea);
    window.addDock(m_health, Qt::BottomDockWidgetArea);
    window.splitDockWidget(m_charts, m_health, Qt::Horizontal);
    window.addDock(m_events, Qt::BottomDockWidgetArea);
    window.splitDockWidget(m_health, m_events, Qt::Vertical);
    window.tabifyDockWidget(m_charts, window.problems());
    window.addDock(m_traffic, Qt::RightDockWidgetArea);
    window.addDock(m_faults, Qt::RightDockWidgetArea);
    window.tabifyDockWidget(window.inspector(), m_traffic);
    window.tabifyDockWidget(m_traffic, m_faults);
    window.inspector()->raise();
    for (QDockWidget* dock :
         std::initializer_list<QDockWidget*>{m_charts, m_health, m_events, m_traffic, m_faults})
        dock->hide();

    QMenu* menu = new QMenu(tr("&Run"), &window);
    menu->setObjectName(QStringLiteral("runMenu"));
    for (QAction* a : {m_runBar->playAction(), m_runBar->pauseAction(), m_runBar->stepAction(),
                       m_runBar->stopAction()})
        menu->addAction(a);
    menu->addSeparator();
    menu->addAction(m_runBar->compareAction());
    QAction* clearComparison =
        menu->addAction(tr("Clear the comparison"), this, [this] { m_charts->clearBaseline(); });
    clearComparison->setObjectName(QStringLiteral("actionRunClearComparison"));
    window.menuBar()->insertMenu(window.toolsMenu()->menuAction(), menu); // Run, Tools, Help

    connect(m_runBar, &RunBar::playRequested, this, &LiveSession::play);
    connect(m_runBar, &RunBar::compareRequested, this, &LiveSession::compare);
    connect(m_run, &LiveRun::stateChanged, this, &LiveSession::onStateChanged);
    connect(&window.document(), &DesignDocument::changed, this, &LiveSession::onDocumentChanged);
    connect(m_canvas, &LiveCanvas::nodeChosen, this, &LiveSession::showNode);
    connect(m_health, &HealthMatrixDock::nodeChosen, this, &LiveSession::showNode);
    connect(m_events, &EventLogDock::nodeChosen, this, &LiveSession::showNode);
    m_runBar->showSettings(comp::runSettingsFor(window.document().design()));
}

LiveSession::~LiveSession() {
    m_run->stop();
}

bool LiveSession::play() {
    if (m_run->isPaused()) {
        m_run->resume();
        return true;
    }
    if (m_run->isActive())
        return false;
    int errors = 0;
    for (const auto& p : m_window.document().problems())
        errors += p.isError() ? 1 : 0;
    if (errors > 0) {
        m_window.statusBar()->showMessage(
            tr("The design has %n error(s); fix them (see Problems) before running.", "", errors),
            8000);
        m_window.problems()->showFirstError();
        return false;
    }
    const QString problem = m_run->start(m_window.document().design(), m_runBar->settings());
    if (!problem.isEmpty()) {
        m_window.statusBar()->showMessage(tr("Cannot run the design: %1").arg(problem), 8000);
        return false;
    }
    m_liveDesign = m_window.document().design();
    if (m_charts->isHidden()) {
        // The first run opens the live docks, sized so the charts can be read.
        for (QDockWidget* dock :
             std::initializer_list<QDockWidget*>{m_charts, m_health, m_events, m_traffic, m_faults})
            dock->show();
        m_window.inspector()->raise();
        QTimer::singleShot(0, this, [this] {
            const int width = m_window.width();
            m_window.resizeDocks({m_charts}, {m_window.height() * 2 / 5}, Qt::Vertical);
            m_window.resizeDocks({m_charts, m_health}, {width * 3 / 5, width * 2 / 5},
                                 Qt::Horizontal);
        });
    }
    m_charts->raise();
    return true;
}

bool LiveSession::compare() {
    if (m_run->isActive() || !m_run->result())
        return false;
    const RunRecord baseline = m_run->record();
    if (!play())
        return false;
    m_charts->setBaseline(baseline);
    m_window.statusBar()->showMessage(
        tr("Comparing with the previous run (%1): its lines are dashed.").arg(baseline.label),
        8000);
    return true;
}

void LiveSession::onStateChanged() {
    const bool active = m_run->isActive();
    // No new parts while running, but the palette stays where it is: hiding it moved the
    // canvas under the user's pointer as the run started.
    m_window.palette()->setEnabled(!active);
    if (!active && m_run->result() && !m_run->result()->error.empty()) {
        const QString error = QString::fromStdString(m_run->result()->error);
        m_window.statusBar()->showMessage(tr("Run failed: %1").arg(error));
        // Not exec(): the window keeps running (and tests keep going) while it shows.
        auto* box = new QMessageBox(QMessageBox::Warning, tr("The run failed"), error,
                                    QMessageBox::Ok, &m_window);
        box->setObjectName(QStringLiteral("runFailedMessage"));
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
    } else if (!active && m_run->result()) {
        const auto& r = *m_run->result();
        m_window.statusBar()->showMessage(
            tr("Run %1: %2 requests, %3 failed, p99 %4 ms, %5 virtual seconds in %6 of wall time")
                .arg(r.stopped ? tr("stopped") : tr("finished"))
                .arg(r.total)
                .arg(r.failed)
                .arg(formatMs(r.p99Ms))
                .arg(r.virtualSeconds, 0, 'f', 1)
                .arg(r.wallSeconds < 1 ? formatMs(r.wallSeconds * 1000) + QStringLiteral(" ms")
                                       : QStringLiteral("%1 s").arg(r.wallSeconds, 0, 'f', 1)),
            15000);
    }
}

void LiveSession::onDocumentChanged(const ChangeEvent& event) {
    using Type = ChangeEvent::Type;
    if (event.type == Type::Reset) {
        // One design, one state: every live view starts over on the new design.
        m_run->forget(m_window.document().design());
        m_canvas->clear();
        m_runBar->showSettings(comp::runSettingsFor(m_window.document().design()));
        return;
    }
    if (!m_run->isActive())
        return;
    switch (event.type) {
    case Type::NodeChanged:
        applyLiveEdits(event.node);
        return;
    case Type::NodeMoved:
    case Type::DataCentreChanged:
        return;
    default:
        break;
    }
    m_run->send(comp::command::Note{
        "design_changed", {}, "the structure changed: applies to the next run"});
    m_window.statusBar()->showMessage(
        tr("Added or removed parts take effect in the next run; property changes apply now."),
        8000);
}

void LiveSession::applyLiveEdits(const design::NodeId& id) {
    const design::Node* now = m_window.document().node(id);
    design::Node* before = m_liveDesign.node(id);
    if (!now || !before || now->props == before->props)
        return;
    const auto* descriptor = m_window.document().catalog().find(now->kind);
    if (!descriptor)
        return;
    const auto oldValues = flatten(*descriptor, before->props);
    const auto newValues = flatten(*descriptor, now->props);
    for (std::size_t i = 0; i < newValues.size() && i < oldValues.size(); ++i) {
        const auto& [path, value] = newValues[i];
        if (value == oldValues[i].second)
            continue;
        if (value.is_number() || value.is_boolean()) {
            m_run->send(comp::command::SetProperty{
                id.value, path,
                value.is_boolean() ? (value.get<bool>() ? 1.0 : 0.0) : value.get<double>()});
        } else {
            std::string detail = path + "=" +
                                 (value.is_string() ? value.get<std::string>() : value.dump()) +
                                 " (applies to the next run)";
            m_run->send(comp::command::Note{"live_edit_ignored", id.value, detail});
        }
    }
    before->props = now->props;
}

void LiveSession::showNode(const QString& id) {
    const design::NodeId node{id.toStdString()};
    if (NodeItem* item = m_window.scene().nodeItem(node)) {
        m_window.scene().selectNodes({node});
        m_window.view().centerOn(item);
    }
}

void LiveSession::fault(const std::string& target, const std::string& action,
                        nlohmann::json params) {
    m_run->send(comp::command::Fault::now(target, action, std::move(params)));
}

void LiveSession::addCanvasActions(QMenu* menu, QPointF scenePos) {
    if (!m_run->isActive())
        return;
    DesignScene& scene = m_window.scene();
    const design::Node* node = nullptr;
    for (QGraphicsItem* item : scene.items(scenePos))
        if (item->type() == NodeItem::Type) {
            node = m_run->design().node(static_cast<NodeItem*>(item)->id());
            break;
        }
    auto add = [&](const char* name, const QString& text, std::function<void()> slot) {
        QAction* a = menu->addAction(text, this, std::move(slot));
        a->setObjectName(QString::fromLatin1(name));
    };
    if (node) {
        const std::string id = node->id.value;
        const QString label = QString::fromStdString(node->shownName());
        menu->addSection(tr("Running: %1").arg(label));
        add("actionLiveFail", tr("Fail %1").arg(label), [this, id] { fault(id, "fail"); });
        add("actionLiveRecover", tr("Recover %1").arg(label), [this, id] { fault(id, "recover"); });
        add("actionLiveSlow", tr("Slow down 3×"), [this, id] {
            fault(id, "slow", {{"factor", 3.0}});
        });
        add("actionLiveUnslow", tr("Normal speed"), [this, id] { fault(id, "unslow"); });
        if (const auto* kind = m_window.document().catalog().find(node->kind);
            kind && kind->promotable)
            add("actionLivePromote", tr("Promote (manual failover)"),
                [this, id] { fault(id, "promote"); });
        using When = timeline::Breakpoint::When;
        add("actionBreakNodeDown", tr("Break when %1 is down").arg(label), [this, id] {
            m_run->addBreakpoint({When::NodeDown, 0, id});
        });
        add("actionBreakDetectedDown", tr("Break when %1 is detected down").arg(label), [this, id] {
            m_run->addBreakpoint({When::NodeDetectedDown, 0, id});
        });
        menu->addSeparator();
        return;
    }
    const design::DataCentreId dc = scene.dataCentreAt(scenePos);
    if (dc.value.empty() || !m_run->design().dataCentre(dc))
        return;
    const std::string id = dc.value;
    menu->addSection(tr("Running: data centre %1").arg(QString::fromStdString(id)));
    add("actionLiveFailDc", tr("Fail the whole data centre"), [this, id] { fault(id, "fail"); });
    add("actionLiveRecoverDc", tr("Recover the data centre"), [this, id] { fault(id, "recover"); });
    add("actionLiveSlowDc", tr("Slow every node 3×"), [this, id] {
        fault(id, "slow", {{"factor", 3.0}});
    });
    add("actionLiveUnslowDc", tr("Normal speed"), [this, id] { fault(id, "unslow"); });
    menu->addSeparator();
}

} // namespace sb::gui
