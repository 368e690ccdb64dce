#include "gui/live/LiveCanvas.h"

#include "design/Roles.h"
#include "gui/canvas/DesignScene.h"
#include "gui/canvas/DesignView.h"
#include "gui/canvas/LinkItem.h"
#include "gui/canvas/MiniMap.h"
#include "gui/canvas/NodeItem.h"
#include "gui/document/DesignDocument.h"
#include "gui/live/AlertBanner.h"
#include "gui/live/LiveFormat.h"
#include "gui/live/LiveKinds.h"
#include "gui/live/LiveLegend.h"
#include "gui/live/LiveRun.h"
#include "gui/live/NodeOverlay.h"
#include "gui/live/TrafficLayer.h"

#include <QEvent>
#include <QHelpEvent>
#include <QPixmapCache>
#include <QToolTip>
#include <algorithm>
#include <cmath>
#include <unordered_set>

namespace sb::gui {

namespace {

struct Flash {
    const char* kind;
    QColor colour;
    const char* text;
};

const Flash kFlashes[] = {
    {"node_failed", QColor(0xe0, 0x3e, 0x3e), QT_TRANSLATE_NOOP("LiveCanvas", "Down")},
    {"node_recovered", QColor(0x2e, 0xa4, 0x4f), QT_TRANSLATE_NOOP("LiveCanvas", "Recovered")},
    {"detected_down", QColor(0xe8, 0x9b, 0x1a), QT_TRANSLATE_NOOP("LiveCanvas", "Detected down")},
    {"failover", QColor(0xe8, 0x9b, 0x1a), QT_TRANSLATE_NOOP("LiveCanvas", "Failover")},
    {"promoted", QColor(0x2e, 0xa4, 0x4f), QT_TRANSLATE_NOOP("LiveCanvas", "Promoted")},
    {"replica_replaced", QColor(0x3a, 0x6f, 0xd8), QT_TRANSLATE_NOOP("LiveCanvas", "Replaced")},
    {"replica_caught_up", QColor(0x2e, 0xa4, 0x4f), QT_TRANSLATE_NOOP("LiveCanvas", "Caught up")},
    {"reshard", QColor(0x8b, 0x5c, 0xf6), QT_TRANSLATE_NOOP("LiveCanvas", "Reshard")},
    {"scale_out", QColor(0x3a, 0x6f, 0xd8), QT_TRANSLATE_NOOP("LiveCanvas", "Scale out")},
    {"scale_in", QColor(0x3a, 0x6f, 0xd8), QT_TRANSLATE_NOOP("LiveCanvas", "Scale in")},
    {"dns_failover", QColor(0xe8, 0x9b, 0x1a), QT_TRANSLATE_NOOP("LiveCanvas", "DNS failover")},
    {"cdn_fallback", QColor(0xe8, 0x9b, 0x1a), QT_TRANSLATE_NOOP("LiveCanvas", "Origin fallback")},
    {"alert_fired", QColor(0xe0, 0x3e, 0x3e), QT_TRANSLATE_NOOP("LiveCanvas", "Alert")},
    {"chaos", QColor(0xe0, 0x3e, 0x3e), QT_TRANSLATE_NOOP("LiveCanvas", "Chaos")},
    {"slowed", QColor(0xe8, 0x9b, 0x1a), QT_TRANSLATE_NOOP("LiveCanvas", "Slowed")},
    {"property_changed", QColor(0x3a, 0x6f, 0xd8), QT_TRANSLATE_NOOP("LiveCanvas", "Changed")},
};

constexpr int kFrameMs = 16;
constexpr double kSmoothingSeconds = 1.0;
constexpr int kRunPixmapCacheKb = 64 * 1024;
/// Presentation mode: a node this busy pulses amber.
constexpr double kOverloaded = 0.85;
/// Presentation mode: at most one rising counter per node in this much wall time.
constexpr qint64 kRiseEveryMs = 1000;

double roundedToTwoDigits(double v) {
    if (v <= 0)
        return 0;
    const double unit = std::pow(10.0, std::floor(std::log10(v)) - 1);
    return std::round(v / unit) * unit;
}

} // namespace

LiveCanvas::LiveCanvas(DesignScene& scene, DesignView& view, LiveRun& run, QObject* parent)
    : QObject(parent)
    , m_scene(scene)
    , m_view(view)
    , m_run(run)
    , m_traffic(new TrafficLayer(scene))
    , m_legend(new LiveLegend(&view))
    , m_banner(new AlertBanner(&view)) {
    m_scene.addItem(m_traffic);
    m_traffic->hide();
    m_legend->hide();
    m_animation.setInterval(kFrameMs);
    m_animation.setTimerType(Qt::PreciseTimer);
    connect(&m_animation, &QTimer::timeout, this, &LiveCanvas::tick);
    connect(&m_run, &LiveRun::started, this, &LiveCanvas::onStarted);
    connect(&m_run, &LiveRun::frame, this, &LiveCanvas::onFrame);
    connect(&m_run, &LiveRun::eventsAdded, this, &LiveCanvas::onEvents);
    connect(&m_run, &LiveRun::stateChanged, this, &LiveCanvas::onStateChanged);
    connect(m_banner, &AlertBanner::nodeChosen, this, &LiveCanvas::nodeChosen);
    connect(&m_scene.document(), &DesignDocument::changed, this, [this](const ChangeEvent& e) {
        if (e.type == ChangeEvent::Type::NodeMoved || e.type == ChangeEvent::Type::Reset ||
            e.type == ChangeEvent::Type::LinkAdded || e.type == ChangeEvent::Type::LinkRemoved)
            m_traffic->refreshPaths();
    });
    m_view.viewport()->installEventFilter(this);
    placeOverlays();
}

LiveCanvas::~LiveCanvas() {
    m_view.viewport()->removeEventFilter(this);
    if (m_traffic->scene())
        m_scene.removeItem(m_traffic);
    delete m_traffic;
}

NodeOverlay* LiveCanvas::overlay(const std::string& nodeId) const {
    NodeItem* item = m_scene.nodeItem(design::NodeId{nodeId});
    if (!item)
        return nullptr;
    for (QGraphicsItem* child : item->childItems())
        if (child->type() == NodeOverlay::Type)
            return static_cast<NodeOverlay*>(child);
    return nullptr;
}

NodeOverlay* LiveCanvas::ensureOverlay(const std::string& nodeId) {
    if (NodeOverlay* existing = overlay(nodeId))
        return existing;
    NodeItem* item = m_scene.nodeItem(design::NodeId{nodeId});
    if (!item)
        return nullptr;
    // Cards are re-drawn from a cache while the dots move over the canvas.
    item->setCacheMode(QGraphicsItem::DeviceCoordinateCache);
    return new NodeOverlay(item);
}

void LiveCanvas::clear() {
    for (QGraphicsItem* item : m_scene.items())
        if (item->type() == NodeItem::Type) {
            auto* node = static_cast<NodeItem*>(item);
            for (QGraphicsItem* child : node->childItems())
                if (child->type() == NodeOverlay::Type)
                    delete child;
            node->setDecoration({});
            node->setCacheMode(QGraphicsItem::NoCache);
        }
    m_traffic->setTraffic({});
    m_traffic->hide();
    m_legend->hide();
    m_view.setBottomStrip(0);
    m_banner->clear();
    m_history.clear();
    restoreViews();
}

void LiveCanvas::restoreViews() {
    if (m_view.miniMap()->viewportUpdateMode() == QGraphicsView::NoViewportUpdate) {
        m_view.miniMap()->setViewportUpdateMode(m_miniMapMode);
        m_view.miniMap()->viewport()->update();
    }
    if (m_pixmapCacheLimit > 0)
        QPixmapCache::setCacheLimit(m_pixmapCacheLimit);
    m_pixmapCacheLimit = 0;
}

void LiveCanvas::onStarted() {
    clear();
    // While the dots move, the minimap redraws only when the view moves (the design holds
    // still), and the cards come from a pixmap cache big enough to hold them all.
    m_miniMapMode = m_view.miniMap()->viewportUpdateMode();
    m_view.miniMap()->setViewportUpdateMode(QGraphicsView::NoViewportUpdate);
    m_pixmapCacheLimit = QPixmapCache::cacheLimit();
    QPixmapCache::setCacheLimit(std::max(m_pixmapCacheLimit, kRunPixmapCacheKb));
    m_traffic->show();
    // The legend sits in a strip of its own below the canvas, never over a node.
    m_view.setBottomStrip(m_legend->sizeHint().height() + 8);
    m_legend->show();
    placeOverlays();
    m_frameClock.start();
    m_animation.start();
}

void LiveCanvas::onStateChanged() {
    if (!m_run.isActive()) {
        // Finished: the dots stop, the last numbers stay on the nodes.
        m_traffic->setTraffic({});
        m_traffic->hide();
        restoreViews();
        stopPulses();
        m_banner->clear(); // an alert speaks of the running system only
        if (!m_flashing)
            m_animation.stop();
    } else if (!m_animation.isActive()) {
        m_frameClock.restart();
        m_animation.start();
    }
}

void LiveCanvas::tick() {
    const double dt = m_frameClock.isValid() ? m_frameClock.restart() / 1000.0 : 0.0;
    if (m_run.isActive() && !m_run.isPaused())
        m_traffic->moveDots(std::min(dt, 0.1));
    if (m_flashing) {
        bool any = false;
        for (QGraphicsItem* item : m_scene.items())
            if (item->type() == NodeOverlay::Type)
                any |= static_cast<NodeOverlay*>(item)->animate();
        m_flashing = any;
    }
    if (!m_run.isActive() && !m_flashing)
        m_animation.stop();
}

namespace {

/// The state of a caller's circuit breaker; closed for a node without one.
BreakerState breakerOf(const emu::NodeSnapshot& node) {
    for (const auto& [name, value] : node.metrics)
        if (name == "breaker_open")
            return breakerState(value);
    return BreakerState::Closed;
}

} // namespace

void LiveCanvas::showMoment(const emu::Snapshot& before, const emu::Snapshot& at) {
    m_history.clear();
    onFrame(std::make_shared<const emu::Snapshot>(before));
    onFrame(std::make_shared<const emu::Snapshot>(at));
}

void LiveCanvas::onFrame(const emu::SnapshotPtr& snapshot) {
    const emu::Snapshot& s = *snapshot;
    m_banner->updateValues(m_run.record());
    for (const emu::NodeSnapshot& node : s.nodes)
        updateNode(s, node, m_history[node.id]);
    std::vector<TrafficLayer::LinkTraffic> traffic;
    traffic.reserve(s.links.size());
    for (const emu::LinkSnapshot& l : s.links) {
        if (l.from >= s.nodes.size() || l.to >= s.nodes.size())
            continue;
        const std::string& from = s.nodes[l.from].id;
        const std::string& to = s.nodes[l.to].id;
        const auto target = m_history.find(to);
        TrafficLayer::LinkTraffic t;
        t.id = design::LinkId{design::NodeId{from}, design::NodeId{to}};
        t.rps = l.rps;
        t.cut = l.cut;
        t.breaker = breakerOf(s.nodes[l.from]);
        t.failedFraction = target != m_history.end() ? target->second.failedFraction : 0.0;
        if (!s.nodes[l.to].up) {
            // Towards a down node: red as far as the node refuses what arrives, or the
            // sender fails what it sends (after a failover the sender reaches the
            // promoted node over this link, and the dots turn blue again).
            const auto source = m_history.find(from);
            const double failing = source != m_history.end() ? source->second.failureRate : 0.0;
            t.failedFraction =
                std::max(t.failedFraction, l.rps > 0 ? std::min(1.0, failing / l.rps) : 0.0);
        }
        traffic.push_back(std::move(t));
    }
    m_traffic->setTraffic(std::move(traffic));
}

void LiveCanvas::updateNode(const emu::Snapshot& snapshot, const emu::NodeSnapshot& node,
                            NodeHistory& h) {
    const emu::Time now = snapshot.now;
    std::uint64_t failed = 0;
    for (auto f : node.failures)
        failed += f;
    if (now > h.time) {
        const double dt = emu::toSeconds(now - h.time);
        const double arrived = double(node.arrivals - std::min(node.arrivals, h.arrivals));
        const double lost = double(failed - std::min(failed, h.failed));
        h.arrivalRate = arrived / dt;
        h.failureRate = lost / dt;
        // What the cards show is smoothed over about a virtual second and rounded, so a
        // card is redrawn when its numbers move, not on every sample's noise.
        if (h.smoothedRate < 0) {
            h.smoothedRate = h.arrivalRate;
            h.smoothedUtilisation = node.utilization;
        } else {
            const double weight = 1.0 - std::exp(-dt / kSmoothingSeconds);
            h.smoothedRate += weight * (h.arrivalRate - h.smoothedRate);
            h.smoothedUtilisation += weight * (node.utilization - h.smoothedUtilisation);
        }
        h.failedFraction = arrived > 0 ? std::min(1.0, lost / arrived) : (lost > 0 ? 1.0 : 0.0);
        h.time = now;
        h.arrivals = node.arrivals;
        h.failed = failed;
    }
    h.window.emplace_back(now, node.failures);
    while (h.window.size() > 2 &&
           h.window[1].first <= now - emu::fromSeconds(kFailureWindowSeconds))
        h.window.pop_front();

    NodeItem* item = m_scene.nodeItem(design::NodeId{node.id});
    if (!item)
        return;
    render::NodeDecoration decoration;
    decoration.down = !node.up;
    const bool measured = isMeasured(node.kind);
    if (node.up && measured)
        decoration.utilisation = std::round(h.smoothedUtilisation * 50) / 50;
    if (isTrafficSource(node.kind)) {
        for (const auto& [name, value] : node.metrics)
            if (name == "offered_rps")
                decoration.caption = tr("offers %1").arg(formatRate(value));
    } else if (node.up) {
        decoration.caption = formatRate(roundedToTwoDigits(h.smoothedRate));
    } else {
        decoration.caption = tr("down");
    }
    item->setDecoration(decoration);

    NodeOverlay* overlay = ensureOverlay(node.id);
    if (!overlay)
        return;
    overlay->setUtilisation(decoration.utilisation);
    double queue = node.queue;
    for (const auto& [name, value] : node.metrics)
        if (name == "depth")
            queue = std::max(queue, value);
    overlay->setQueue(measured ? queue : 0);
    overlay->setBadges(badgesFor(snapshot, node, h));
    if (m_presenting)
        present(*overlay, node, h, measured);
}

void LiveCanvas::present(NodeOverlay& overlay, const emu::NodeSnapshot& node, NodeHistory& h,
                         bool measured) {
    // Every effect reads a measured number: utilisation and failures at this node.
    const bool overloaded = measured && node.up && h.smoothedUtilisation >= kOverloaded;
    const bool failing = !node.up || h.failureRate > 0;
    overlay.setPulse(failing      ? std::optional(QColor(0xe0, 0x3e, 0x3e))
                     : overloaded ? std::optional(QColor(0xe8, 0x9b, 0x1a))
                                  : std::nullopt);
    m_flashing = m_flashing || overlay.isPulsing();
    if (h.riseClock.isValid() && h.riseClock.elapsed() < kRiseEveryMs)
        return;
    const std::uint64_t fresh = h.failed - std::min(h.failed, h.failedAtRise);
    if (h.riseClock.isValid() && fresh > 0)
        overlay.rise(tr("−%1 failed").arg(formatCount(double(fresh))), QColor(0xd9, 0x36, 0x36));
    else if (overloaded)
        overlay.rise(tr("%1% busy").arg(qRound(h.smoothedUtilisation * 100)),
                     QColor(0xd9, 0x8a, 0x0b));
    h.failedAtRise = h.failed;
    h.riseClock.start();
    m_flashing = true;
}

void LiveCanvas::setPresenting(bool presenting) {
    m_presenting = presenting;
    m_traffic->setBold(presenting);
    m_banner->setLarge(presenting);
    if (!presenting)
        stopPulses();
    placeOverlays();
}

void LiveCanvas::stopPulses() {
    for (QGraphicsItem* item : m_scene.items())
        if (item->type() == NodeOverlay::Type)
            static_cast<NodeOverlay*>(item)->setPulse(std::nullopt);
}

QList<NodeBadge> LiveCanvas::badgesFor(const emu::Snapshot& snapshot, const emu::NodeSnapshot& node,
                                       const NodeHistory& h) const {
    QList<NodeBadge> badges;
    if (!node.up)
        badges.append({tr("Down"), NodeBadge::Tone::Error});
    // Failures by reason within the window, most frequent first.
    std::vector<std::pair<std::uint64_t, int>> recent;
    const auto& oldest = h.window.front().second;
    for (int r = 1; r < int(snapshot.failReasons.size()); ++r) {
        const std::uint64_t n = node.failures[std::size_t(r)] -
                                std::min(node.failures[std::size_t(r)], oldest[std::size_t(r)]);
        if (n > 0)
            recent.emplace_back(n, r);
    }
    std::sort(recent.begin(), recent.end(), std::greater<>());
    for (std::size_t i = 0; i < recent.size() && i < 2; ++i)
        badges.append({QStringLiteral("%1 ×%2").arg(
                           failReasonName(snapshot.failReasons[std::size_t(recent[i].second)]),
                           formatCount(double(recent[i].first))),
                       NodeBadge::Tone::Error});
    for (const auto& [name, value] : node.metrics) {
        // Badges for what a node publishes: a hit rate (caches), a lag and whether it took
        // over the writes (replicas).
        if (name == "hit_rate")
            badges.append({tr("hit %1%").arg(qRound(value * 100)), NodeBadge::Tone::Info});
        else if (name == "lag_ms" && hasRole(node.kind, design::roles::kReplica))
            badges.append({tr("lag %1 ms").arg(formatCount(value)),
                           value > 1000 ? NodeBadge::Tone::Warning : NodeBadge::Tone::Info});
        else if (name == "instances" && value > 1)
            badges.append({tr("%1 instances").arg(formatCount(value)), NodeBadge::Tone::Info});
        else if (name == "writer" && value > 0 && hasRole(node.kind, design::roles::kReplica))
            badges.append({tr("writer"), NodeBadge::Tone::Warning});
    }
    switch (breakerOf(node)) {
    case BreakerState::Open:
        badges.append({tr("breaker open"), NodeBadge::Tone::Error});
        break;
    case BreakerState::HalfOpen:
        badges.append({tr("breaker half-open"), NodeBadge::Tone::Warning});
        break;
    case BreakerState::Closed:
        break;
    }
    return badges;
}

void LiveCanvas::onEvents(std::size_t first) {
    const auto& events = m_run.record().events;
    std::unordered_set<std::string> flashed;
    for (std::size_t i = first; i < events.size(); ++i) {
        const emu::LogEvent& e = events[i];
        if (e.kind == "alert_fired")
            m_banner->alertFired(QString::fromStdString(e.node), QString::fromStdString(e.detail));
        else if (e.kind == "alert_cleared")
            m_banner->alertCleared(QString::fromStdString(e.node));
        if (e.node.empty() || !flashed.insert(e.node).second)
            continue;
        for (const Flash& f : kFlashes)
            if (e.kind == f.kind)
                if (NodeOverlay* o = ensureOverlay(e.node)) {
                    o->flash(f.colour, tr(f.text));
                    m_flashing = true;
                }
    }
    placeOverlays();
    if (m_flashing && !m_animation.isActive()) {
        m_frameClock.restart();
        m_animation.start();
    }
}

QString LiveCanvas::nodeToolTip(const std::string& nodeId) const {
    const emu::SnapshotPtr& s = m_run.latest();
    if (!s)
        return {};
    const auto it = std::find_if(s->nodes.begin(), s->nodes.end(),
                                 [&](const emu::NodeSnapshot& n) { return n.id == nodeId; });
    if (it == s->nodes.end())
        return {};
    const emu::NodeSnapshot& n = *it;
    const auto h = m_history.find(nodeId);
    QStringList lines;
    lines << QStringLiteral("<b>%1</b> (%2) — %3")
                 .arg(QString::fromStdString(n.id).toHtmlEscaped(), QString::fromStdString(n.kind),
                      n.up ? tr("up") : tr("<span style='color:#e03e3e'>down</span>"));
    lines << tr("at %1").arg(formatClock(emu::toSeconds(s->now)));
    if (h != m_history.end())
        lines << tr("arrivals: %1").arg(formatRate(h->second.arrivalRate));
    lines << tr("utilisation: %1%").arg(qRound(n.utilization * 100));
    lines << tr("queue: %1").arg(formatCount(n.queue));
    lines << tr("completed: %1 · rejected: %2")
                 .arg(formatCount(double(n.completed)), formatCount(double(n.rejected)));
    for (std::size_t r = 1; r < s->failReasons.size(); ++r)
        if (n.failures[r] > 0)
            lines << tr("failed, %1: %2")
                         .arg(failReasonName(s->failReasons[r]).toLower(),
                              formatCount(double(n.failures[r])));
    int shown = 0;
    for (const auto& [name, value] : n.metrics)
        if (shown++ < 10)
            lines << QStringLiteral("%1: %2").arg(QString::fromStdString(name),
                                                  QString::number(value, 'g', 4));
    return lines.join(QStringLiteral("<br>"));
}

QString LiveCanvas::linkToolTip(const std::string& from, const std::string& to) const {
    const emu::SnapshotPtr& s = m_run.latest();
    if (!s)
        return {};
    for (const emu::LinkSnapshot& l : s->links) {
        if (l.from >= s->nodes.size() || l.to >= s->nodes.size() || s->nodes[l.from].id != from ||
            s->nodes[l.to].id != to)
            continue;
        QStringList lines;
        lines << QStringLiteral("<b>%1 → %2</b>")
                     .arg(QString::fromStdString(from).toHtmlEscaped(),
                          QString::fromStdString(to).toHtmlEscaped());
        lines << tr("traffic: %1").arg(formatRate(l.rps));
        lines << tr("dropped or refused on the link: %1").arg(formatCount(double(l.failed)));
        if (l.cut)
            lines << tr("<span style='color:#e03e3e'>cut</span>");
        switch (breakerOf(s->nodes[l.from])) {
        case BreakerState::Open:
            lines << tr("<span style='color:#e03e3e'>%1's circuit breaker is open: it refuses "
                        "its calls</span>")
                         .arg(QString::fromStdString(from).toHtmlEscaped());
            break;
        case BreakerState::HalfOpen:
            lines << tr("%1's circuit breaker is half-open: probe calls only")
                         .arg(QString::fromStdString(from).toHtmlEscaped());
            break;
        case BreakerState::Closed:
            break;
        }
        return lines.join(QStringLiteral("<br>"));
    }
    return {};
}

bool LiveCanvas::eventFilter(QObject* watched, QEvent* event) {
    if (watched != m_view.viewport())
        return false;
    if (event->type() == QEvent::Resize)
        placeOverlays();
    if (event->type() != QEvent::ToolTip || !m_run.latest())
        return false;
    auto* help = static_cast<QHelpEvent*>(event);
    const QPointF scenePos = m_view.mapToScene(help->pos());
    for (QGraphicsItem* item : m_scene.items(scenePos)) {
        QString text;
        if (item->type() == NodeItem::Type)
            text = nodeToolTip(static_cast<NodeItem*>(item)->id().value);
        else if (item->type() == LinkItem::Type) {
            const auto& id = static_cast<LinkItem*>(item)->id();
            text = linkToolTip(id.from.value, id.to.value);
        } else {
            continue;
        }
        if (text.isEmpty())
            return false;
        QToolTip::showText(help->globalPos(), text, m_view.viewport());
        return true;
    }
    return false;
}

void LiveCanvas::placeOverlays() {
    // On the view rather than its viewport, so they stay put when the canvas scrolls.
    const QRect area = m_view.viewport()->geometry();
    m_legend->resize(m_legend->sizeHint());
    m_legend->move(area.left() + 10, area.bottom() + 5);
    m_banner->setMaximumWidth(std::max(200, area.width() - 40));
    m_banner->adjustSize();
    m_banner->move(area.left() + (area.width() - m_banner->width()) / 2, area.top() + 10);
}

} // namespace sb::gui
