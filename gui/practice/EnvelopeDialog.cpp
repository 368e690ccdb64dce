#include "gui/practice/EnvelopeDialog.h"

#include "design/PropertySpec.h"
#include "gui/panels/Scrolling.h"
#include "gui/practice/EstimateForm.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>
#include <cmath>

namespace sb::gui {

namespace {

QString envelopeNumber(double v) {
    return QString::fromStdString(design::formatNumber(v));
}

QString envelopeBytes(double v) {
    const QString plain = EnvelopeDialog::tr("%1 bytes").arg(QString::number(v, 'g', 4));
    if (v < 1000 || v > 9e18)
        return plain;
    return QStringLiteral("%1 (%2)").arg(
        plain, QLocale(QLocale::English)
                   .formattedDataSize(static_cast<qint64>(v), 1, QLocale::DataSizeSIFormat));
}

} // namespace

EnvelopeDialog::EnvelopeDialog(QWidget* parent)
    : QDialog(parent)
    , m_estimates(new EstimateForm(QStringLiteral("envelopeEstimate"), tr("Compute")))
    , m_error(new QLabel)
    , m_figures(new QLabel) {
    setObjectName(QStringLiteral("envelopeDialog"));
    setWindowTitle(tr("Back-of-the-envelope estimates"));
    auto* body = new QWidget;
    auto* column = new QVBoxLayout(body);

    auto* inputs = new QGroupBox(tr("Inputs"));
    auto* inputForm = new QFormLayout(inputs);
    const practice::EnvelopeInputs defaults;
    for (const practice::EnvelopeInput& in : practice::envelopeInputs()) {
        auto* field = new QLineEdit(envelopeNumber(in.get(defaults)));
        field->setObjectName(QStringLiteral("envelopeInput_") + QLatin1String(in.option));
        field->setToolTip(tr("%1 to %2").arg(envelopeNumber(in.min), envelopeNumber(in.max)));
        inputForm->addRow(tr(in.label), field);
        m_inputs.push_back(field);
    }
    column->addWidget(inputs);

    auto* yours = new QGroupBox(tr("Your estimates (type them first)"));
    auto* yoursLayout = new QVBoxLayout(yours);
    yoursLayout->addWidget(m_estimates);
    column->addWidget(yours);

    m_error->setObjectName(QStringLiteral("envelopeError"));
    m_error->setWordWrap(true);
    m_error->hide();
    column->addWidget(m_error);
    auto* computed = new QGroupBox(tr("Computed (estimates, not measurements)"));
    auto* computedLayout = new QVBoxLayout(computed);
    m_figures->setObjectName(QStringLiteral("envelopeFigures"));
    m_figures->setWordWrap(true);
    m_figures->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_figures->setText(tr("Press Compute: the figures appear after your own estimates."));
    computedLayout->addWidget(m_figures);
    column->addWidget(computed);
    column->addStretch();
    connect(m_estimates, &EstimateForm::checkRequested, this, [this] { compute(); });

    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(scrolling(body)); // taller than a laptop's screen: it scrolls
    auto* close = new QDialogButtonBox(QDialogButtonBox::Close);
    connect(close, &QDialogButtonBox::rejected, this, &QDialog::reject);
    close->button(QDialogButtonBox::Close)->setAutoDefault(false);
    m_estimates->button()->setDefault(true); // Return in a field computes, not closes
    outer->addWidget(close);
    resize(460, 640);
}

bool EnvelopeDialog::setInput(const QString& option, const QString& text) {
    const auto& inputs = practice::envelopeInputs();
    for (std::size_t i = 0; i < inputs.size(); ++i)
        if (option == QLatin1String(inputs[i].option)) {
            m_inputs[i]->setText(text);
            return true;
        }
    return false;
}

bool EnvelopeDialog::setEstimate(const QString& quantity, const QString& value) {
    return m_estimates->setEstimate(quantity, value);
}

std::optional<practice::Envelope> EnvelopeDialog::compute() {
    practice::EnvelopeInputs in;
    const auto& inputs = practice::envelopeInputs();
    for (std::size_t i = 0; i < inputs.size(); ++i) {
        const practice::EnvelopeInput& o = inputs[i];
        bool ok = false;
        const double v = m_inputs[i]->text().trimmed().toDouble(&ok);
        if (!ok || !std::isfinite(v) || v < o.min || v > o.max) {
            m_error->setText(tr("%1 must be a number from %2 to %3, got '%4'.")
                                 .arg(tr(o.label), envelopeNumber(o.min), envelopeNumber(o.max),
                                      m_inputs[i]->text().left(40).toHtmlEscaped()));
            m_error->show();
            m_figures->setText(tr("Nothing computed: correct the input above."));
            m_estimates->resultView()->clear();
            m_checks.clear();
            return std::nullopt;
        }
        o.set(in, v);
    }
    m_error->hide();
    const practice::Envelope e = practice::computeEnvelope(in);
    QString rows;
    auto row = [&rows](const QString& what, const QString& value) {
        rows += QStringLiteral("<tr><td>%1</td><td align=\"right\">%2</td></tr>").arg(what, value);
    };
    row(tr("Average QPS"), QString::number(e.averageQps, 'g', 4));
    row(tr("Peak QPS"), QString::number(e.peakQps, 'g', 4));
    row(tr("Storage (replicated, over the retention)"), envelopeBytes(e.storageBytes));
    row(tr("Peak bandwidth"), envelopeBytes(e.peakBandwidthBps) + tr("/s"));
    row(tr("Hot set (keys that answer %1% of reads)").arg(envelopeNumber(100 * in.hotHitRatio)),
        QLocale(QLocale::English).toString(static_cast<qulonglong>(e.hotKeys)));
    row(tr("Cache memory for the hot set"), envelopeBytes(e.cacheBytes));
    row(tr("Peak concurrency (Little's law: peak x service time)"),
        QString::number(e.peakConcurrency, 'g', 4));
    row(tr("Servers needed"),
        QLocale(QLocale::English).toString(static_cast<qulonglong>(e.serversNeeded)));
    m_figures->setText(tr("<table>%1</table><p><i>Estimates computed from the inputs, not "
                          "measurements.</i></p>")
                           .arg(rows));
    m_checks = m_estimates->check(
        e,
        tr("Computed from the inputs above (servers: %1 ms a request on %2 workers at %3%; "
           "cache for %4% of reads): estimates, not measurements.")
            .arg(envelopeNumber(in.serviceMs), envelopeNumber(in.workersPerServer),
                 envelopeNumber(100 * in.targetUtilization), envelopeNumber(100 * in.hotHitRatio)));
    return e;
}

} // namespace sb::gui
