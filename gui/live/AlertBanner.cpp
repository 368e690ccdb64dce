#include "gui/live/AlertBanner.h"

#include "gui/live/LiveFormat.h"
#include "gui/live/RunRecord.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QRegularExpression>
#include <QToolButton>
#include <cmath>

namespace sb::gui {

AlertBanner::AlertBanner(QWidget* parent)
    : QFrame(parent)
    , m_label(new QLabel) {
    setObjectName(QStringLiteral("alertBanner"));
    setStyleSheet(QStringLiteral("#alertBanner { background: #d93636; border-radius: 6px; }"
                                 "#alertBanner QLabel { color: white; font-weight: 600; }"
                                 "#alertBanner QLabel a { color: white; }"
                                 "#alertBanner QToolButton { color: white; border: none; }"));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(12, 6, 6, 6);
    m_label->setTextFormat(Qt::RichText);
    layout->addWidget(m_label, 1);
    auto* close = new QToolButton;
    close->setText(QStringLiteral("✕"));
    close->setToolTip(tr("Hide until the next alert"));
    layout->addWidget(close);
    connect(close, &QToolButton::clicked, this, &QWidget::hide);
    connect(m_label, &QLabel::linkActivated, this, &AlertBanner::nodeChosen);
    hide();
}

void AlertBanner::setLarge(bool large) {
    QFont font = m_label->font();
    font.setPointSizeF(large ? QFont().pointSizeF() * 2 : QFont().pointSizeF());
    m_label->setFont(font);
    layout()->setContentsMargins(large ? QMargins(28, 18, 14, 18) : QMargins(12, 6, 6, 6));
    adjustSize();
}

AlertBanner::Alert AlertBanner::parse(const QString& node, const QString& detail) {
    Alert a;
    a.node = node;
    a.detail = detail;
    static const QRegularExpression event(
        QStringLiteral(R"(rule='([^']*)' metric=(\S+) value=(\S+)(?: column=(\S+))?)"));
    static const QRegularExpression rule(
        QStringLiteral(R"(^\s*\S+\s*(>=|<=|>|<)\s*([-+0-9.eE]+)(?:\s+for\s+([0-9.]+)\s*s)?)"));
    const auto e = event.match(detail);
    if (!e.hasMatch())
        return a;
    a.metric = e.captured(2);
    a.value = e.captured(3).toDouble();
    a.column = e.captured(4);
    const auto r = rule.match(e.captured(1));
    if (r.hasMatch()) {
        a.relation = r.captured(1);
        a.limit = r.captured(2).toDouble();
        a.forSeconds = r.captured(3).toDouble();
    }
    return a;
}

QString AlertBanner::describe(const Alert& a) {
    const QString node = QStringLiteral("<a href=\"%1\">%1</a>").arg(a.node.toHtmlEscaped());
    if (a.relation.isEmpty())
        return tr("⚠ Alert on %1: %2").arg(node, a.detail.toHtmlEscaped());
    QString what =
        a.metric.section(QLatin1Char('.'), -1).replace(QLatin1Char('_'), QLatin1Char(' '));
    if (a.metric.contains(QLatin1Char('.')))
        what = a.metric.section(QLatin1Char('.'), 0, -2) + QLatin1Char(' ') + what;
    const bool share = a.metric.endsWith(QLatin1String("rate")) && std::abs(a.limit) <= 1;
    const bool percent = share || a.metric.endsWith(QLatin1String("cpu")) ||
                         a.metric.endsWith(QLatin1String("utilization"));
    const auto amount = [&](double v) {
        if (percent)
            return QStringLiteral("%1%").arg(QString::number(v * 100, 'g', 3));
        if (a.metric.endsWith(QLatin1String("_ms")))
            return formatMs(v) + QStringLiteral(" ms");
        return formatCount(v);
    };
    const QString above = a.relation.startsWith(QLatin1Char('>')) ? tr("limit") : tr("floor");
    const QString held =
        a.forSeconds > 0 ? tr(" for more than %1 s").arg(QString::number(a.forSeconds)) : QString();
    return tr("⚠ Monitoring %1: %2 %3%4 (%5 %6)")
        .arg(node, what.toHtmlEscaped(), amount(a.value), held, above, amount(a.limit));
}

void AlertBanner::alertFired(const QString& node, const QString& detail) {
    Alert alert = parse(node, detail);
    m_firing.removeIf([&](const Alert& a) { return a.node == node && a.metric == alert.metric; });
    m_firing.append(std::move(alert));
    refresh();
    show();
    raise();
}

void AlertBanner::alertCleared(const QString& node) {
    m_firing.removeIf([&](const Alert& a) { return a.node == node; });
    refresh();
}

void AlertBanner::updateValues(const RunRecord& record) {
    if (m_firing.isEmpty())
        return;
    for (Alert& a : m_firing) {
        const int c = a.column.isEmpty() ? -1 : record.column(a.column.toStdString());
        if (c >= 0 && !record.values[std::size_t(c)].empty())
            a.value = record.values[std::size_t(c)].back();
    }
    refresh();
}

void AlertBanner::clear() {
    m_firing.clear();
    refresh();
}

QString AlertBanner::text() const {
    return isVisible() ? m_label->text() : QString();
}

void AlertBanner::refresh() {
    if (m_firing.isEmpty()) {
        hide();
        return;
    }
    QString text = describe(m_firing.back());
    if (m_firing.size() > 1)
        text += tr(" (and %n more firing)", "", int(m_firing.size() - 1));
    m_label->setText(text);
    adjustSize();
}

} // namespace sb::gui
