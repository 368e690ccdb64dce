#include "gui/window/RecoveryBanner.h"

#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>

namespace sb::gui {

RecoveryBanner::RecoveryBanner(QWidget* parent)
    : QFrame(parent)
    , m_text(new QLabel)
    , m_recover(new QPushButton(tr("Recover")))
    , m_discard(new QPushButton(tr("Discard"))) {
    setObjectName(QStringLiteral("recoveryBanner"));
    setStyleSheet(
        QStringLiteral("#recoveryBanner { background: #fff4d6; border-bottom: 1px solid #e8c65a; }"
                       "#recoveryBanner QLabel { color: #4a3b00; }"));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(12, 6, 12, 6);
    m_text->setWordWrap(true);
    layout->addWidget(m_text, 1);
    m_recover->setObjectName(QStringLiteral("recoverButton"));
    m_discard->setObjectName(QStringLiteral("discardRecoveryButton"));
    layout->addWidget(m_recover);
    layout->addWidget(m_discard);
    connect(m_recover, &QPushButton::clicked, this, [this] {
        if (m_leftovers.isEmpty())
            return;
        const Autosaver::Leftover first = m_leftovers.takeFirst();
        offer(m_leftovers);
        Q_EMIT recoverRequested(first);
    });
    connect(m_discard, &QPushButton::clicked, this, [this] {
        if (m_leftovers.isEmpty())
            return;
        const Autosaver::Leftover first = m_leftovers.takeFirst();
        offer(m_leftovers);
        Q_EMIT discardRequested(first);
    });
    hide();
}

void RecoveryBanner::offer(const QList<Autosaver::Leftover>& leftovers) {
    m_leftovers = leftovers;
    if (leftovers.isEmpty()) {
        hide();
        return;
    }
    const Autosaver::Leftover& first = leftovers.front();
    const QString what = !first.originalPath.isEmpty() ? QFileInfo(first.originalPath).fileName()
                         : !first.name.isEmpty()       ? first.name
                                                       : tr("an untitled design");
    QString text = tr("Scaleboard did not close properly. Unsaved changes to <b>%1</b> from %2 "
                      "were kept.")
                       .arg(what.toHtmlEscaped(),
                            QLocale().toString(first.savedAt.toLocalTime(), QLocale::ShortFormat));
    if (leftovers.size() > 1)
        text += QLatin1Char(' ') + tr("(%n more after this one)", "", int(leftovers.size() - 1));
    m_text->setText(text);
    show();
}

} // namespace sb::gui
