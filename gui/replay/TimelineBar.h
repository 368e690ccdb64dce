#pragma once

#include "emulator/EventLog.h"

#include <QColor>
#include <QSlider>
#include <vector>

namespace sb::gui {

/// The Replay dock's timeline bar: a slider over a run's samples with the run's events as
/// ticks under the groove (coloured by kind: faults and alerts red, detection and failover
/// amber, scaling blue), whose text shows when the pointer rests on one. The arrow keys
/// step one sample, Page Up and Down ten.
class TimelineBar final : public QSlider {
    Q_OBJECT

public:
    struct Tick {
        int sample = 0;
        QColor colour;
        QString text; ///< "30.0 s  dc-east  dc failed"
    };

    explicit TimelineBar(QWidget* parent = nullptr);

    /// The events of a run sampled every `resolutionSeconds` (an event at t is on the
    /// first sample at or after it). The periodic error summaries ("errors") are left
    /// out: the error-rate breakpoint and the charts show them.
    void setEvents(const std::vector<emu::LogEvent>& events, double resolutionSeconds);
    const std::vector<Tick>& ticks() const { return m_ticks; }
    /// The x (in the bar's coordinates) of a sample's tick.
    int xOfSample(int sample) const;
    /// The texts of the ticks within a few pixels of `x`, one a line (empty: none).
    QString tickTextAt(int x) const;

    static QString eventText(const emu::LogEvent& event);
    static QColor eventColour(const std::string& kind);

protected:
    void paintEvent(QPaintEvent* event) override;
    bool event(QEvent* event) override;

private:
    std::vector<Tick> m_ticks;
};

} // namespace sb::gui
