#pragma once

#include <QColor>
#include <QImage>
#include <QRectF>
#include <QString>
#include <vector>

namespace sb::reports {

/// A time-series line chart drawn with QPainter into an image: a title, a y axis in the
/// given unit starting at zero, one line per series with a legend, and vertical markers
/// for events (failures, failovers) whose labels sit in rows above the plot and never
/// overlap: a label too long for its place shows its short text, and markers too close
/// together share one label (see render::MarkerLayout).
class SeriesChart {
public:
    struct Line {
        QString name;
        std::vector<double> time;
        std::vector<double> values;
        QColor colour;
        Qt::PenStyle style = Qt::SolidLine;
    };
    struct Marker {
        double time = 0;
        QString label;
        QString shortLabel; ///< shown when the label has no room (a number, an abbreviation)
    };
    /// A marker label as drawn: where, its text and the markers (indices) it stands for.
    struct MarkerLabel {
        QRectF rect;
        QString text;
        std::vector<std::size_t> markers;
        int row = 0; ///< 0 is the top row, under the title
    };

    SeriesChart(QString title, QString unit);

    void addLine(Line line);
    void addMarker(Marker marker);
    bool empty() const { return m_lines.empty(); }
    std::size_t lineCount() const { return m_lines.size(); }

    QImage render(QSize size) const;
    /// Where render() draws the plot at `size`, and the x of virtual time `t` in it (a
    /// run animation's cursor).
    QRectF plotArea(QSize size) const;
    double xOf(QSize size, double t) const;
    /// The marker labels render() draws at `size`.
    std::vector<MarkerLabel> markerLabels(QSize size) const;

    /// A distinct colour for the i-th line.
    static QColor colour(int index);

private:
    struct Frame {
        double tMin = 0, tMax = 1;
        double plotLeft = 0, plotRight = 0;
    };
    Frame frame(QSize size) const;

    QString m_title;
    QString m_unit;
    std::vector<Line> m_lines;
    std::vector<Marker> m_markers;
};

} // namespace sb::reports
