#include "gui/live/AlertBanner.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>

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

void AlertBanner::alertFired(const QString& node, const QString& detail) {
    m_firing.removeIf([&](const auto& a) { return a.first == node && a.second == detail; });
    m_firing.append({node, detail});
    refresh();
    show();
    raise();
}

void AlertBanner::alertCleared(const QString& node) {
    m_firing.removeIf([&](const auto& a) { return a.first == node; });
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
    const auto& newest = m_firing.back();
    QString text = tr("⚠ Alert on <a href=\"%1\">%1</a>: %2")
                       .arg(newest.first.toHtmlEscaped(), newest.second.toHtmlEscaped());
    if (m_firing.size() > 1)
        text += tr(" (and %n more firing)", "", int(m_firing.size() - 1));
    m_label->setText(text);
    adjustSize();
}

} // namespace sb::gui
