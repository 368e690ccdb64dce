#pragma once

#include <QChartView>
#include <QColor>
#include <QRectF>
#include <QString>
#include <optional>
#include <vector>

class QValueAxis;

namespace sb::gui {

/// One live chart: scrolls with the run while it follows the clock; a horizontal drag or
/// the wheel zooms the time axis (and stops following), a double-click follows again.
/// Fault moments are drawn as labelled vertical lines on the time axis.
class SeriesChartView final : public QChartView {
    Q_OBJECT

public:
    struct Marker {
        double timeSeconds;
        QString text;
        bool operator==(const Marker&) const = default;
    };

    explicit SeriesChartView(const QString& title, const QString& unit, QWidget* parent = nullptr);

    QValueAxis* timeAxis() const { return m_time; }
    QValueAxis* valueAxis() const { return m_value; }
    void setFollow(bool follow);
    void setMarkers(std::vector<Marker> markers);
    const std::vector<Marker>& markers() const { return m_markers; }
    /// A vertical cursor at a moment of the run (the Replay dock's scrub), or none. A
    /// cursor outside the time axis moves the axis to it (and stops following).
    void setTimeCursor(std::optional<double> seconds);
    std::optional<double> timeCursor() const { return m_cursor; }
    /// The marker labels the last paint placed: their boxes never overlap, and each tip
    /// holds the full texts of the markers it stands for.
    struct LabelTip {
        QRectF rect;
        QString text;
    };
    const std::vector<LabelTip>& markerLabels() const { return m_labels; }
    /// Fits the axes: the time axis to the last `window` seconds up to `now` (while
    /// following), the value axis to the largest value plotted.
    void fit(double now, double largest);
    /// Zooms the time axis around a time by a factor (< 1 zooms in).
    void zoomTime(double centre, double factor);

    static constexpr double kWindowSeconds = 120;

protected:
    void drawForeground(QPainter* painter, const QRectF& rect) override;
    void wheelEvent(QWheelEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void changeEvent(QEvent* event) override;
    bool viewportEvent(QEvent* event) override;

private:
    void applyPalette();
    void applyFonts();

    QValueAxis* m_time;
    QValueAxis* m_value;
    std::vector<Marker> m_markers;
    std::optional<double> m_cursor;
    bool m_follow = true;
    double m_now = 0;
    QColor m_markerColour;
    std::vector<LabelTip> m_labels;
    double m_markerPoints = 7;
};

} // namespace sb::gui
