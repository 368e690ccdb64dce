#include "gui/live/TrafficLayer.h"

#include "gui/canvas/DesignScene.h"
#include "gui/canvas/LinkItem.h"

#include <QPainter>
#include <QPixmap>
#include <QStyleOptionGraphicsItem>
#include <algorithm>
#include <cmath>

namespace sb::gui {

namespace {

constexpr int kSamples = 48;
constexpr double kTravelSeconds = 1.4; // wall time for a dot to cross a link
const QColor kServed(0x1f, 0x9d, 0xd9);
const QColor kFailed(0xe0, 0x3e, 0x3e);

} // namespace

TrafficLayer::TrafficLayer(DesignScene& scene)
    : m_scene(scene) {
    setZValue(-0.5); // over the links, under the nodes
    setAcceptedMouseButtons(Qt::NoButton);
    setFlag(ItemHasNoContents, false);
}

int TrafficLayer::dotsFor(double rps) {
    if (rps <= 0)
        return 0;
    return std::clamp(1 + int(std::floor(2.2 * std::log10(1 + rps))), 1, 14);
}

void TrafficLayer::setTraffic(std::vector<LinkTraffic> traffic) {
    std::vector<Lane> lanes;
    lanes.reserve(traffic.size());
    for (auto& t : traffic) {
        Lane lane;
        // Keep each dot's position when the same link is updated.
        auto old = std::find_if(m_lanes.begin(), m_lanes.end(),
                                [&](const Lane& l) { return l.traffic.id == t.id; });
        if (old != m_lanes.end()) {
            lane = std::move(*old);
        }
        lane.traffic = std::move(t);
        lanes.push_back(std::move(lane));
    }
    m_lanes = std::move(lanes);
    refreshPaths();
}

void TrafficLayer::refreshPaths() {
    QRectF bounds;
    for (Lane& lane : m_lanes) {
        resample(lane);
        bounds |= lane.path.boundingRect();
    }
    bounds.adjust(-12, -12, 12, 12);
    if (bounds != m_bounds) {
        prepareGeometryChange();
        m_bounds = bounds;
    }
    update();
}

void TrafficLayer::resample(Lane& lane) {
    const LinkItem* item = m_scene.linkItem(lane.traffic.id);
    if (!item) {
        lane.samples.clear();
        lane.path = QPainterPath();
        return;
    }
    if (item->path() == lane.path && !lane.samples.empty())
        return;
    lane.path = item->path();
    lane.samples.resize(kSamples + 1);
    for (int i = 0; i <= kSamples; ++i)
        lane.samples[std::size_t(i)] = lane.path.pointAtPercent(double(i) / kSamples);
}

QPointF TrafficLayer::pointAt(const Lane& lane, double t) const {
    const double x = t * kSamples;
    const int i = std::clamp(int(x), 0, kSamples - 1);
    const double f = x - i;
    const QPointF a = lane.samples[std::size_t(i)], b = lane.samples[std::size_t(i) + 1];
    return a + (b - a) * f;
}

void TrafficLayer::moveDots(double seconds) {
    if (m_lanes.empty())
        return;
    for (Lane& lane : m_lanes)
        lane.phase = std::fmod(lane.phase + seconds / kTravelSeconds, 1.0);
    update();
}

int TrafficLayer::dotCount() const {
    int n = 0;
    for (const Lane& lane : m_lanes)
        if (!lane.traffic.cut && !lane.samples.empty())
            n += dotsFor(lane.traffic.rps);
    return n;
}

BreakerState TrafficLayer::breakerOn(const design::LinkId& link) const {
    for (const Lane& lane : m_lanes)
        if (lane.traffic.id == link)
            return lane.traffic.breaker;
    return BreakerState::Closed;
}

void TrafficLayer::setBold(bool bold) {
    m_bold = bold;
    update();
}

QRectF TrafficLayer::boundingRect() const {
    return m_bounds;
}

QPainterPath TrafficLayer::shape() const {
    return {};
}

void TrafficLayer::drawBreaker(QPainter* painter, const Lane& lane) const {
    // An open switch at the link's middle: red while the breaker refuses the calls, amber
    // while it lets its probes through (half-open).
    const bool open = lane.traffic.breaker == BreakerState::Open;
    const QColor colour = open ? kFailed : QColor(0xe0, 0x9a, 0x1e);
    const double weight = m_bold ? 2 : 1;
    const QPointF m = pointAt(lane, 0.5);
    const double r = 8 * weight;
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(QPen(colour, 2 * weight));
    painter->setBrush(QColor(255, 255, 255, 220));
    painter->drawEllipse(m, r, r);
    painter->setPen(QPen(colour, 2.5 * weight, Qt::SolidLine, Qt::RoundCap));
    painter->drawLine(m + QPointF(-r * 0.55, r * 0.1), m + QPointF(-r * 0.15, r * 0.1));
    painter->drawLine(m + QPointF(r * 0.15, r * 0.1), m + QPointF(r * 0.55, r * 0.1));
    const double lift = open ? 0.55 : 0.25; // the blade raised: open; half raised: probing
    painter->drawLine(m + QPointF(-r * 0.15, r * 0.1), m + QPointF(r * 0.35, -r * lift));
    painter->restore();
}

void TrafficLayer::paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget*) {
    const double lod = option->levelOfDetailFromTransform(painter->worldTransform());
    if (lod < 0.15)
        return;
    const QRectF exposed = option->exposedRect.adjusted(-6, -6, 6, 6);
    QPolygonF served, failed;
    for (const Lane& lane : m_lanes) {
        if (lane.samples.empty() ||
            !lane.path.boundingRect().adjusted(-6, -6, 6, 6).intersects(exposed))
            continue;
        if (lane.traffic.cut) {
            painter->setRenderHint(QPainter::Antialiasing);
            const double weight = m_bold ? 2 : 1;
            painter->setPen(QPen(kFailed, 2.5 * weight, Qt::DashLine, Qt::RoundCap));
            painter->setBrush(Qt::NoBrush);
            painter->drawPath(lane.path);
            const QPointF m = pointAt(lane, 0.5);
            painter->setPen(QPen(kFailed, 3.5 * weight, Qt::SolidLine, Qt::RoundCap));
            const double arm = 7 * weight;
            painter->drawLine(m + QPointF(-arm, -arm), m + QPointF(arm, arm));
            painter->drawLine(m + QPointF(arm, -arm), m + QPointF(-arm, arm));
            continue;
        }
        if (lane.traffic.breaker != BreakerState::Closed)
            drawBreaker(painter, lane);
        const int dots = dotsFor(lane.traffic.rps);
        const int red = int(std::round(dots * std::clamp(lane.traffic.failedFraction, 0.0, 1.0)));
        for (int d = 0; d < dots; ++d) {
            const double t = std::fmod(lane.phase + double(d) / dots, 1.0);
            // Spread red dots evenly among the served ones.
            const bool isFailed = red > 0 && (d * red) / dots != ((d + 1) * red) / dots;
            (isFailed ? failed : served) << pointAt(lane, t);
        }
    }
    // Dots are stamped from a small pre-drawn sprite in device pixels: thousands of them
    // cost a blit each rather than an antialiased stroke each.
    const QTransform toDevice = painter->worldTransform();
    const double diameter =
        m_bold ? std::clamp(13.0 * lod, 9.0, 16.0) : std::clamp(7.0 * lod, 4.0, 9.0);
    painter->save();
    painter->resetTransform();
    for (const auto& [points, colour] :
         {std::pair{&served, kServed}, std::pair{&failed, kFailed}}) {
        const QPixmap& dot = sprite(colour, diameter);
        const double half = dot.width() / 2.0;
        std::vector<QPainter::PixmapFragment> fragments;
        fragments.reserve(std::size_t(points->size()));
        for (const QPointF& p : *points) {
            const QPointF d = toDevice.map(p);
            fragments.push_back(
                QPainter::PixmapFragment::create(d, QRectF(0, 0, 2 * half, 2 * half)));
        }
        if (!fragments.empty())
            painter->drawPixmapFragments(fragments.data(), int(fragments.size()), dot);
    }
    painter->restore();
}

const QPixmap& TrafficLayer::sprite(const QColor& colour, double diameter) {
    const int size = int(std::ceil(diameter)) + 2;
    for (const Sprite& s : m_sprites)
        if (s.colour == colour && s.size == size)
            return s.pixmap;
    QPixmap pixmap(size, size);
    pixmap.fill(Qt::transparent);
    QPainter p(&pixmap);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(QPen(colour.darker(130), 0.8));
    p.setBrush(colour);
    p.drawEllipse(QRectF(1, 1, diameter, diameter));
    p.end();
    m_sprites.push_back({colour, size, pixmap});
    return m_sprites.back().pixmap;
}

} // namespace sb::gui
