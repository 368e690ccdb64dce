#include "gui/practice/EstimateForm.h"

#include "design/PropertySpec.h"

#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStringList>
#include <cmath>

namespace sb::gui {

EstimateForm::EstimateForm(const QString& objectPrefix, const QString& buttonText, QWidget* parent)
    : QWidget(parent)
    , m_button(new QPushButton(buttonText))
    , m_result(new QLabel) {
    auto* form = new QFormLayout(this);
    for (const auto& [quantity, label] : practice::estimateQuantities()) {
        auto* field = new QLineEdit;
        const QString name = QString::fromStdString(quantity);
        field->setObjectName(objectPrefix + QLatin1Char('_') + name);
        field->setPlaceholderText(tr("your estimate"));
        form->addRow(tr(label.c_str()), field);
        m_fields.emplace_back(name, field);
    }
    form->addRow(m_button);
    m_result->setObjectName(objectPrefix + QStringLiteral("Result"));
    m_result->setWordWrap(true);
    form->addRow(m_result);
    connect(m_button, &QPushButton::clicked, this, &EstimateForm::checkRequested);
}

bool EstimateForm::setEstimate(const QString& quantity, const QString& value) {
    for (const auto& f : m_fields)
        if (f.first == quantity) {
            f.second->setText(value);
            return true;
        }
    return false;
}

void EstimateForm::clear() {
    for (const auto& f : m_fields)
        f.second->clear();
    m_result->clear();
}

std::vector<practice::EstimateCheck> EstimateForm::check(const practice::Envelope& computed,
                                                         const QString& basis) {
    std::vector<std::pair<std::string, double>> typed;
    QStringList unread;
    for (const auto& f : m_fields) {
        const QString text = f.second->text().trimmed();
        if (text.isEmpty())
            continue;
        bool ok = false;
        const double v = text.toDouble(&ok);
        if (ok && std::isfinite(v) && v >= 0)
            typed.emplace_back(f.first.toStdString(), v);
        else
            unread << text;
    }
    std::vector<practice::EstimateCheck> checks = practice::compareEstimates(typed, computed);
    QString text;
    for (const practice::EstimateCheck& c : checks)
        text += tr("%1: yours %2, computed %3: off by a factor of %4<br>")
                    .arg(QString::fromStdString(c.quantity),
                         QString::fromStdString(design::formatNumber(c.estimate)),
                         QString::number(c.computed, 'g', 4), QString::number(c.factorOff, 'f', 2));
    if (!unread.isEmpty())
        text += tr("Not a number of 0 or more: %1<br>")
                    .arg(unread.join(QStringLiteral(", ")).toHtmlEscaped());
    if (checks.empty() && unread.isEmpty())
        text = tr("Type your estimates first.");
    else
        text += QStringLiteral("<i>%1</i>").arg(basis);
    m_result->setText(text);
    return checks;
}

} // namespace sb::gui
