#pragma once

#include <QDockWidget>
#include <array>
#include <string>
#include <vector>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QSlider;

namespace sb::gui {

class LiveRun;

/// Traffic while running: the offered rate (a multiplier of each population's rate) and
/// the request mix of one or every client population, and bursts that hit at once and
/// end by themselves after a set time: a spike of N×, a read storm, a write storm, and a
/// cache-miss storm (every cache and CDN restarts empty and keeps entries only a
/// millisecond).
class TrafficDock final : public QDockWidget {
    Q_OBJECT

public:
    explicit TrafficDock(LiveRun& run, QWidget* parent = nullptr);

    static constexpr std::array<const char*, 4> kMixFields = {"read", "write", "static", "async"};

    QDoubleSpinBox* spikeFactor() const { return m_spikeFactor; }
    QDoubleSpinBox* burstSeconds() const { return m_burstSeconds; }
    /// Offered-rate multiplier now applied (1 = as designed).
    double rateMultiplier() const;

    void spike();
    void readStorm();
    void writeStorm();
    void cacheMissStorm();

private:
    void onStarted();
    void refreshEnabled();
    void applyRate();
    void applyMix(int field);
    std::vector<std::string> targets() const;
    /// A mix share for a while, then back to the mix the sliders show.
    void storm(int field, double share, const QString& name);
    void showMix();

    LiveRun& m_run;
    QComboBox* m_clients;
    QSlider* m_rate;
    QLabel* m_rateLabel;
    std::array<QSlider*, 4> m_mix{};
    std::array<QLabel*, 4> m_mixLabels{};
    std::array<double, 4> m_shares{};
    QDoubleSpinBox* m_spikeFactor;
    QDoubleSpinBox* m_burstSeconds;
    QWidget* m_body;
};

} // namespace sb::gui
