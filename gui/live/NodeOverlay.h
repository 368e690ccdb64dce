#pragma once

#include "gui/live/NodeBadge.h"

#include <QColor>
#include <QElapsedTimer>
#include <QGraphicsItem>
#include <QList>
#include <optional>
#include <vector>

namespace sb::gui {

/// What a run paints over one node, as a child of its NodeItem: a ring coloured by
/// utilisation, a small bar for the queue, badges (hit rate, lag, failures by reason) and
/// a short-lived flash when something happens to it (failover, promotion, scale-out); in
/// presentation mode also a pulsing halo and rising counters.
/// It has no shape, so clicks and drags still reach the node under it.
class NodeOverlay final : public QGraphicsItem {
public:
    enum { Type = UserType + 20 };

    explicit NodeOverlay(QGraphicsItem* nodeItem);
    int type() const override { return Type; }

    void setUtilisation(std::optional<double> utilisation);
    std::optional<double> utilisation() const { return m_utilisation; }
    /// Requests waiting; drawn on a log scale up to a thousand.
    void setQueue(double queue);
    void setBadges(const QList<NodeBadge>& badges);
    const QList<NodeBadge>& badges() const { return m_badges; }
    /// Starts a flash: a ring that grows and fades, with a word above the node.
    void flash(const QColor& colour, const QString& text);
    bool isFlashing() const;
    /// Presentation mode: a halo that pulses in this colour (an overloaded or failing node),
    /// or none.
    void setPulse(std::optional<QColor> colour);
    bool isPulsing() const { return m_pulse.has_value(); }
    /// Presentation mode: a counter that rises from the node and fades ("−240 failed").
    void rise(const QString& text, const QColor& colour);
    int risingCount() const { return int(m_risers.size()); }
    /// Repaints a running flash, pulse or counter; returns false once none is left.
    bool animate();

    /// Green below 60 %, amber below 85 %, red above: the legend's scale.
    static QColor loadColour(double utilisation);

    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

private:
    std::optional<double> m_utilisation;
    double m_queue = 0;
    QList<NodeBadge> m_badges;
    QColor m_flashColour;
    QString m_flashText;
    QElapsedTimer m_flashClock;
    struct Riser {
        QString text;
        QColor colour;
        QElapsedTimer clock;
    };
    std::optional<QColor> m_pulse;
    QElapsedTimer m_pulseClock;
    std::vector<Riser> m_risers;
};

} // namespace sb::gui
