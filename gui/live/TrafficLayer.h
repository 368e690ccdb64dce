#pragma once

#include "design/Ids.h"
#include "gui/live/LiveFormat.h"

#include <QGraphicsItem>
#include <QPainterPath>
#include <QPixmap>
#include <vector>

namespace sb::gui {

class DesignScene;

/// Moving dots along every link of a running design, drawn as one item. A link's dot count
/// grows with the logarithm of its request rate (a sample: a million requests a second
/// is a dozen dots, not a million), dots that stand for failed requests are red, and a
/// cut link is drawn dashed red with a cross at its middle.
class TrafficLayer final : public QGraphicsItem {
public:
    enum { Type = UserType + 21 };

    explicit TrafficLayer(DesignScene& scene);
    int type() const override { return Type; }

    struct LinkTraffic {
        design::LinkId id;
        double rps = 0;
        double failedFraction = 0; ///< share of the link's requests that failed lately
        bool cut = false;
        /// The sender's circuit breaker on its calls over this link (call_policy).
        BreakerState breaker = BreakerState::Closed;
    };
    /// Replaces the traffic shown (from the newest snapshot).
    void setTraffic(std::vector<LinkTraffic> traffic);
    /// Moves the dots on by `seconds` of wall time.
    void moveDots(double seconds);
    /// How many dots a link carrying `rps` shows.
    static int dotsFor(double rps);
    /// Dots drawn in the last frame (for tests and the benchmark).
    int dotCount() const;
    /// The breaker drawn on a link (closed for a link it does not know).
    BreakerState breakerOn(const design::LinkId& link) const;
    /// Link paths are re-read from the canvas (after nodes moved).
    void refreshPaths();
    /// Presentation mode: larger dots and heavier cut marks, readable across a room.
    void setBold(bool bold);

    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

private:
    struct Lane {
        LinkTraffic traffic;
        QPainterPath path;
        std::vector<QPointF> samples; ///< the curve as a polyline, evenly spaced
        double phase = 0;             ///< 0..1, how far the first dot has travelled
    };
    void drawBreaker(QPainter* painter, const Lane& lane) const;
    struct Sprite {
        QColor colour;
        int size;
        QPixmap pixmap;
    };
    void resample(Lane& lane);
    bool m_bold = false;
    const QPixmap& sprite(const QColor& colour, double diameter);
    QPointF pointAt(const Lane& lane, double t) const;

    DesignScene& m_scene;
    std::vector<Lane> m_lanes;
    QRectF m_bounds;
    std::vector<Sprite> m_sprites;
};

} // namespace sb::gui
