#pragma once

#include "emulator/RunResult.h"

#include <QToolBar>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QSpinBox;

namespace sb::gui {

class LiveRun;

/// The run controls: run (or resume), pause, step, stop, speed (0.1x–100x or as fast as
/// possible), seed, duration, warm-up, the virtual clock and "compare with a rerun".
class RunBar final : public QToolBar {
    Q_OBJECT

public:
    explicit RunBar(LiveRun& run, QWidget* parent = nullptr);

    /// The settings the next run will use.
    emu::RunSettings settings() const;
    /// Shows a design's run defaults (duration, warm-up, seed).
    void showSettings(const emu::RunSettings& settings);
    /// Virtual seconds per wall second, 0 = as fast as possible.
    double speed() const;
    /// Chooses the listed speed nearest to `speed` and applies it to a run going on.
    void setSpeed(double speed);

    QAction* playAction() const { return m_play; }
    QAction* pauseAction() const { return m_pause; }
    QAction* stepAction() const { return m_step; }
    QAction* stopAction() const { return m_stop; }
    QAction* compareAction() const { return m_compare; }
    /// Serve real HTTP requests while runs go on (LiveRun::setLiveEndpoint).
    QAction* liveEndpointAction() const { return m_live; }
    /// The live endpoint's address, why it cannot open, or nothing while it is off.
    QLabel* liveEndpointLabel() const { return m_endpoint; }
    QLabel* clockLabel() const { return m_clock; }
    QSpinBox* seedBox() const { return m_seed; }

Q_SIGNALS:
    void playRequested();
    void compareRequested();

private:
    void refresh();
    void showClock();
    void showEndpoint();

    LiveRun& m_run;
    QAction* m_play;
    QAction* m_pause;
    QAction* m_step;
    QAction* m_stop;
    QAction* m_compare;
    QComboBox* m_speed;
    QSpinBox* m_seed;
    QDoubleSpinBox* m_duration;
    QDoubleSpinBox* m_warmup;
    QLabel* m_clock;
    QLabel* m_state;
    QAction* m_live;
    QLabel* m_endpoint;
};

} // namespace sb::gui
