#include "gui/live/FaultDock.h"
#include "gui/panels/Scrolling.h"

#include "components/faults/Command.h"
#include "gui/live/LiveRun.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace sb::gui {

FaultDock::FaultDock(LiveRun& run, QWidget* parent)
    : QDockWidget(tr("Faults"), parent)
    , m_run(run)
    , m_body(new QWidget)
    , m_dcA(new QComboBox)
    , m_dcB(new QComboBox)
    , m_link(new QComboBox)
    , m_chaos(new QCheckBox(tr("Chaos mode")))
    , m_mtbf(new QDoubleSpinBox)
    , m_mttr(new QDoubleSpinBox)
    , m_chaosSeed(new QSpinBox) {
    setObjectName(QStringLiteral("faultDock"));
    auto* layout = new QVBoxLayout(m_body);
    layout->setContentsMargins(8, 6, 8, 6);
    auto button = [this](QGridLayout* grid, const char* name, const QString& text, int row, int col,
                         std::function<void()> slot) {
        auto* b = new QPushButton(text);
        b->setObjectName(QString::fromLatin1(name));
        grid->addWidget(b, row, col);
        connect(b, &QPushButton::clicked, this, std::move(slot));
    };

    auto* dcs = new QGroupBox(tr("Data centres"));
    auto* dcGrid = new QGridLayout(dcs);
    m_dcA->setObjectName(QStringLiteral("faultDataCentre"));
    m_dcB->setObjectName(QStringLiteral("faultPeer"));
    dcGrid->addWidget(m_dcA, 0, 0);
    dcGrid->addWidget(m_dcB, 0, 1);
    button(dcGrid, "faultFailDc", tr("Fail data centre"), 1, 0, [this] { failDataCentre(true); });
    button(dcGrid, "faultRecoverDc", tr("Recover it"), 1, 1, [this] { failDataCentre(false); });
    button(dcGrid, "faultPartition", tr("Partition the two"), 2, 0, [this] { partition(true); });
    button(dcGrid, "faultHeal", tr("Heal"), 2, 1, [this] { partition(false); });
    layout->addWidget(dcs);

    auto* links = new QGroupBox(tr("Links"));
    auto* linkGrid = new QGridLayout(links);
    m_link->setObjectName(QStringLiteral("faultLink"));
    linkGrid->addWidget(m_link, 0, 0, 1, 2);
    button(linkGrid, "faultCutLink", tr("Cut"), 1, 0, [this] { cutLink(true); });
    button(linkGrid, "faultRestoreLink", tr("Restore"), 1, 1, [this] { cutLink(false); });
    button(linkGrid, "faultSlowLink", tr("Add 100 ms"), 2, 0, [this] { slowLink(true); });
    button(linkGrid, "faultUnslowLink", tr("Normal latency"), 2, 1, [this] { slowLink(false); });
    layout->addWidget(links);

    auto* chaos = new QGroupBox(tr("Chaos"));
    auto* chaosForm = new QFormLayout(chaos);
    m_chaos->setObjectName(QStringLiteral("faultChaos"));
    m_chaos->setToolTip(tr("Nodes fail at random and come back; switching it off recovers them"));
    chaosForm->addRow(m_chaos);
    m_mtbf->setObjectName(QStringLiteral("faultMtbf"));
    m_mttr->setObjectName(QStringLiteral("faultMttr"));
    m_chaosSeed->setObjectName(QStringLiteral("faultChaosSeed"));
    m_mtbf->setRange(1, 86400);
    m_mtbf->setValue(60);
    m_mtbf->setSuffix(tr(" s"));
    m_mttr->setRange(1, 86400);
    m_mttr->setValue(10);
    m_mttr->setSuffix(tr(" s"));
    m_chaosSeed->setRange(0, 1 << 30);
    m_chaosSeed->setValue(1);
    chaosForm->addRow(tr("Mean time between failures"), m_mtbf);
    chaosForm->addRow(tr("Mean time to repair"), m_mttr);
    chaosForm->addRow(tr("Chaos seed"), m_chaosSeed);
    layout->addWidget(chaos);
    layout->addWidget(new QLabel(tr("Right-click a node or a data centre on the canvas to fail, "
                                    "recover or slow it.")));
    layout->itemAt(layout->count() - 1)->widget()->setProperty("wordWrap", true);
    layout->addStretch(1);
    setWidget(scrolling(m_body));

    connect(m_chaos, &QCheckBox::toggled, this, &FaultDock::setChaos);
    connect(&m_run, &LiveRun::cleared, this, &FaultDock::onStarted);
    connect(&m_run, &LiveRun::stateChanged, this, &FaultDock::refreshEnabled);
    refreshEnabled();
}

void FaultDock::onStarted() {
    for (QComboBox* box : {m_dcA, m_dcB, m_link})
        box->clear();
    for (const auto& dc : m_run.design().datacentres) {
        const QString label = QStringLiteral("%1 (%2)").arg(QString::fromStdString(dc.shownName()),
                                                            QString::fromStdString(dc.region));
        m_dcA->addItem(label, QString::fromStdString(dc.id.value));
        m_dcB->addItem(label, QString::fromStdString(dc.id.value));
    }
    if (m_dcB->count() > 1)
        m_dcB->setCurrentIndex(1);
    for (const auto& l : m_run.design().links) {
        const QString target = QString::fromStdString(l.from.value + "->" + l.to.value);
        m_link->addItem(QString::fromStdString(l.from.value + " → " + l.to.value), target);
    }
    m_chaos->blockSignals(true);
    m_chaos->setChecked(false);
    m_chaos->blockSignals(false);
    refreshEnabled();
}

void FaultDock::refreshEnabled() {
    m_body->setEnabled(m_run.isActive());
}

void FaultDock::apply(const std::string& target, const std::string& action, nlohmann::json params) {
    if (!target.empty())
        m_run.send(comp::command::Fault::now(target, action, std::move(params)));
}

void FaultDock::failDataCentre(bool fail) {
    apply(m_dcA->currentData().toString().toStdString(), fail ? "fail" : "recover");
}

void FaultDock::partition(bool cut) {
    const std::string a = m_dcA->currentData().toString().toStdString();
    const std::string b = m_dcB->currentData().toString().toStdString();
    if (a == b)
        return;
    apply(a, cut ? "partition" : "heal", {{"peer", b}});
}

void FaultDock::cutLink(bool cut) {
    apply(m_link->currentData().toString().toStdString(), cut ? "fail" : "recover");
}

void FaultDock::slowLink(bool slow) {
    apply(m_link->currentData().toString().toStdString(), slow ? "slow" : "unslow",
          {{"latency_ms", 100.0}});
}

void FaultDock::setChaos(bool on) {
    design::ChaosSettings settings;
    settings.enabled = on;
    settings.mtbfSeconds = m_mtbf->value();
    settings.mttrSeconds = m_mttr->value();
    settings.seed = std::uint64_t(m_chaosSeed->value());
    if (on)
        m_run.send(comp::command::StartChaos{settings});
    else
        m_run.send(comp::command::StopChaos{});
}

} // namespace sb::gui
