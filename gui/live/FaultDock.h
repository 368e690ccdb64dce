#pragma once

#include <QDockWidget>
#include <nlohmann/json.hpp>
#include <string>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QSpinBox;

namespace sb::gui {

class LiveRun;

/// Faults that have no node to right-click: a whole data centre down or back, a partition
/// between two data centres and its healing, a link cut, restored or slowed, and chaos mode
/// (random failures by MTBF and MTTR with its own seed) switched on and off.
class FaultDock final : public QDockWidget {
    Q_OBJECT

public:
    explicit FaultDock(LiveRun& run, QWidget* parent = nullptr);

    QComboBox* dataCentreBox() const { return m_dcA; }
    QComboBox* peerBox() const { return m_dcB; }
    QCheckBox* chaosBox() const { return m_chaos; }

    void failDataCentre(bool fail);
    void partition(bool cut);
    void cutLink(bool cut);
    void slowLink(bool slow);
    void setChaos(bool on);

private:
    void onStarted();
    void refreshEnabled();
    void apply(const std::string& target, const std::string& action, nlohmann::json params = {});

    LiveRun& m_run;
    QWidget* m_body;
    QComboBox* m_dcA;
    QComboBox* m_dcB;
    QComboBox* m_link;
    QCheckBox* m_chaos;
    QDoubleSpinBox* m_mtbf;
    QDoubleSpinBox* m_mttr;
    QSpinBox* m_chaosSeed;
};

} // namespace sb::gui
