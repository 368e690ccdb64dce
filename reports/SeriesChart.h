#pragma once

#include <QColor>
#include <QImage>
#include <QString>
#include <vector>

namespace sb::reports {

/// A time-series line chart drawn with QPainter into an image: a title, a y axis in the
/// given unit starting at zero, one line per series with a legend, and vertical markers
/// for events (failures, failovers).
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
    };

    SeriesChart(QString title, QString unit);

    void addLine(Line line);
    void addMarker(Marker marker);
    bool empty() const { return m_lines.empty(); }
    std::size_t lineCount() const { return m_lines.size(); }

    QImage render(QSize size) const;

    /// A distinct colour for the i-th line.
    static QColor colour(int index);

private:
    QString m_title;
    QString m_unit;
    std::vector<Line> m_lines;
    std::vector<Marker> m_markers;
};

} // namespace sb::reports
