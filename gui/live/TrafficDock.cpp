#include "gui/live/TrafficDock.h"
#include "gui/panels/Scrolling.h"

#include "components/faults/Command.h"
#include "design/PropertyValues.h"
#include "gui/live/LiveKinds.h"
#include "gui/live/LiveRun.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QLabel>
#include <QPushButton>
#include <QSlider>
#include <QVBoxLayout>
#include <cmath>

namespace sb::gui {

namespace {

/// Slider position (0..200) to a rate multiplier from 0.1× to 10×, 1× in the middle.
double multiplierAt(int position) {
    return std::pow(10.0, (position - 100) / 100.0);
}

} // namespace

TrafficDock::TrafficDock(LiveRun& run, QWidget* parent)
    : QDockWidget(tr("Traffic"), parent)
    , m_run(run)
    , m_clients(new QComboBox)
    , m_rate(new QSlider(Qt::Horizontal))
    , m_rateLabel(new QLabel)
    , m_spikeFactor(new QDoubleSpinBox)
    , m_burstSeconds(new QDoubleSpinBox)
    , m_body(new QWidget) {
    setObjectName(QStringLiteral("trafficDock"));
    auto* layout = new QVBoxLayout(m_body);
    layout->setContentsMargins(8, 6, 8, 6);
    auto* who = new QFormLayout;
    m_clients->setObjectName(QStringLiteral("trafficClients"));
    who->addRow(tr("Clients"), m_clients);
    layout->addLayout(who);

    auto* load = new QGroupBox(tr("Offered rate and mix"));
    auto* grid = new QGridLayout(load);
    m_rate->setObjectName(QStringLiteral("trafficRate"));
    m_rate->setRange(0, 200);
    m_rate->setValue(100);
    m_rate->setToolTip(tr("From 0.1× to 10× the designed rate"));
    grid->addWidget(new QLabel(tr("Rate")), 0, 0);
    grid->addWidget(m_rate, 0, 1);
    grid->addWidget(m_rateLabel, 0, 2);
    const QString names[] = {tr("Read"), tr("Write"), tr("Static"), tr("Async")};
    for (int i = 0; i < 4; ++i) {
        auto* slider = new QSlider(Qt::Horizontal);
        slider->setObjectName(QStringLiteral("trafficMix") +
                              QString::fromLatin1(kMixFields[std::size_t(i)]));
        slider->setRange(0, 100);
        m_mix[std::size_t(i)] = slider;
        m_mixLabels[std::size_t(i)] = new QLabel;
        grid->addWidget(new QLabel(names[i]), i + 1, 0);
        grid->addWidget(slider, i + 1, 1);
        grid->addWidget(m_mixLabels[std::size_t(i)], i + 1, 2);
        connect(slider, &QSlider::sliderReleased, this, [this, i] { applyMix(i); });
        connect(slider, &QSlider::valueChanged, this, [this, i, slider] {
            if (!slider->isSliderDown())
                applyMix(i);
        });
    }
    grid->setColumnStretch(1, 1);
    layout->addWidget(load);
    connect(m_rate, &QSlider::valueChanged, this, [this] {
        if (!m_rate->isSliderDown())
            applyRate();
        m_rateLabel->setText(QStringLiteral("×%1").arg(rateMultiplier(), 0, 'f', 2));
    });
    connect(m_rate, &QSlider::sliderReleased, this, &TrafficDock::applyRate);
    m_rateLabel->setText(QStringLiteral("×1.00"));
    m_rateLabel->setMinimumWidth(44);

    auto* bursts = new QGroupBox(tr("Bursts"));
    auto* burstLayout = new QGridLayout(bursts);
    m_spikeFactor->setObjectName(QStringLiteral("trafficSpikeFactor"));
    m_spikeFactor->setRange(1.5, 100);
    m_spikeFactor->setValue(5);
    m_spikeFactor->setSuffix(QStringLiteral("×"));
    m_burstSeconds->setObjectName(QStringLiteral("trafficBurstSeconds"));
    m_burstSeconds->setRange(1, 3600);
    m_burstSeconds->setValue(10);
    m_burstSeconds->setDecimals(0);
    m_burstSeconds->setSuffix(tr(" s"));
    burstLayout->addWidget(new QLabel(tr("Size")), 0, 0);
    burstLayout->addWidget(m_spikeFactor, 0, 1);
    burstLayout->addWidget(new QLabel(tr("for")), 0, 2);
    burstLayout->addWidget(m_burstSeconds, 0, 3);
    auto button = [&](const char* name, const QString& text, const QString& tip, int row, int col,
                      void (TrafficDock::*slot)()) {
        auto* b = new QPushButton(text);
        b->setObjectName(QString::fromLatin1(name));
        b->setToolTip(tip);
        burstLayout->addWidget(b, row, col, 1, 2);
        connect(b, &QPushButton::clicked, this, slot);
    };
    button("trafficSpike", tr("Spike"), tr("Multiply the offered rate for a while"), 1, 0,
           &TrafficDock::spike);
    button("trafficReadStorm", tr("Read storm"), tr("95% reads for a while"), 1, 2,
           &TrafficDock::readStorm);
    button("trafficWriteStorm", tr("Write storm"), tr("70% writes for a while"), 2, 0,
           &TrafficDock::writeStorm);
    button(
        "trafficCacheMissStorm", tr("Cache-miss storm"),
        tr("Every cache and CDN restarts empty and keeps entries only a millisecond for a while"),
        2, 2, &TrafficDock::cacheMissStorm);
    layout->addWidget(bursts);
    layout->addStretch(1);
    setWidget(scrolling(m_body));

    connect(m_clients, &QComboBox::activated, this, &TrafficDock::showMix);
    connect(&m_run, &LiveRun::cleared, this, &TrafficDock::onStarted);
    connect(&m_run, &LiveRun::stateChanged, this, &TrafficDock::refreshEnabled);
    refreshEnabled();
}

double TrafficDock::rateMultiplier() const {
    return multiplierAt(m_rate->value());
}

void TrafficDock::onStarted() {
    m_clients->clear();
    m_clients->addItem(tr("every population"), QString());
    for (const auto& n : m_run.design().nodes)
        if (isTrafficSource(n.kind))
            m_clients->addItem(QString::fromStdString(n.shownName()),
                               QString::fromStdString(n.id.value));
    m_rate->blockSignals(true);
    m_rate->setValue(100);
    m_rate->blockSignals(false);
    m_rateLabel->setText(QStringLiteral("×1.00"));
    showMix();
    refreshEnabled();
}

void TrafficDock::showMix() {
    const std::vector<std::string> ids = targets();
    const design::Node* node =
        ids.empty() ? nullptr : m_run.design().node(design::NodeId{ids.front()});
    const auto* descriptor = node ? liveKind(node->kind) : nullptr;
    for (std::size_t i = 0; i < 4; ++i) {
        m_shares[i] =
            node && descriptor
                ? design::PropertyValues(*descriptor, node->props).number("mix", kMixFields[i])
                : 0.0;
        m_mix[i]->blockSignals(true);
        m_mix[i]->setValue(qRound(m_shares[i] * 100));
        m_mix[i]->blockSignals(false);
        m_mixLabels[i]->setText(QStringLiteral("%1%").arg(qRound(m_shares[i] * 100)));
    }
}

void TrafficDock::refreshEnabled() {
    m_body->setEnabled(m_run.isActive());
}

std::vector<std::string> TrafficDock::targets() const {
    std::vector<std::string> out;
    const QString chosen = m_clients->currentData().toString();
    for (const auto& n : m_run.design().nodes)
        if (isTrafficSource(n.kind) && (chosen.isEmpty() || chosen.toStdString() == n.id.value))
            out.push_back(n.id.value);
    return out;
}

void TrafficDock::applyRate() {
    for (const auto& id : targets())
        m_run.send(comp::command::SetProperty{id, "rate_multiplier", rateMultiplier()});
}

void TrafficDock::applyMix(int field) {
    const std::size_t f = std::size_t(field);
    const double value = m_mix[f]->value() / 100.0;
    // The engine keeps the other classes' proportions and scales them to fill the rest.
    double rest = 0;
    for (std::size_t i = 0; i < 4; ++i)
        if (i != f)
            rest += m_shares[i];
    for (std::size_t i = 0; i < 4; ++i) {
        m_shares[i] =
            i == f ? value : (rest > 0 ? m_shares[i] / rest * (1 - value) : (1 - value) / 3);
        m_mix[i]->blockSignals(true);
        m_mix[i]->setValue(qRound(m_shares[i] * 100));
        m_mix[i]->blockSignals(false);
        m_mixLabels[i]->setText(QStringLiteral("%1%").arg(qRound(m_shares[i] * 100)));
    }
    for (const auto& id : targets())
        m_run.send(comp::command::SetProperty{id, std::string("mix.") + kMixFields[f], value});
}

void TrafficDock::spike() {
    m_run.send(comp::command::Burst{targets(), "spike", m_spikeFactor->value(), 1.0,
                                    m_burstSeconds->value(), "spike"});
}

void TrafficDock::storm(int field, double share, const QString& name) {
    const std::string property = std::string("mix.") + kMixFields[std::size_t(field)];
    // Setting the share back restores the others too: they keep their ratios.
    m_run.send(comp::command::Burst{targets(), property, share, m_shares[std::size_t(field)],
                                    m_burstSeconds->value(), name.toStdString()});
}

void TrafficDock::readStorm() {
    storm(0, 0.95, tr("read storm"));
}

void TrafficDock::writeStorm() {
    storm(1, 0.7, tr("write storm"));
}

void TrafficDock::cacheMissStorm() {
    m_run.send(comp::command::CacheMissStorm{m_burstSeconds->value()});
}

} // namespace sb::gui
