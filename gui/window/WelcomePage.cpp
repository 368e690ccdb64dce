#include "gui/window/WelcomePage.h"

#include "gui/window/DesignFiles.h"
#include "gui/window/FlowLayout.h"
#include "gui/window/TemplateCatalog.h"
#include "gui/window/WelcomeCard.h"

#include <QEvent>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QRegularExpression>
#include <QVBoxLayout>

namespace sb::gui {

namespace {

QLabel* heading(const QString& text) {
    auto* label = new QLabel(text);
    label->setObjectName(QStringLiteral("welcomeHeading"));
    QFont f = label->font();
    f.setPointSizeF(f.pointSizeF() * 1.2);
    f.setWeight(QFont::DemiBold);
    label->setFont(f);
    return label;
}

/// "Step 4: replication" -> ("4", "Replication"); other names keep their first letter as
/// the badge.
std::pair<QString, QString> badgeAndTitle(const QString& name) {
    static const QRegularExpression step(QStringLiteral("^Step\\s+(\\d+)\\s*[:.-]\\s*(.*)$"),
                                         QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch m = step.match(name);
    QString title = m.hasMatch() ? m.captured(2) : name;
    if (!title.isEmpty())
        title[0] = title[0].toUpper();
    const QString badge = m.hasMatch() ? m.captured(1) : name.left(1).toUpper();
    return {badge, title};
}

/// The lesson in one line: the description's first sentence.
QString firstSentence(const QString& text) {
    const QString flat = text.simplified();
    const qsizetype end = flat.indexOf(QRegularExpression(QStringLiteral("[.!?](\\s|$)")));
    return end < 0 ? flat : flat.left(end + 1);
}

} // namespace

WelcomePage::WelcomePage(QWidget* parent)
    : QWidget(parent)
    , m_templates(new FlowLayout)
    , m_recent(new FlowLayout)
    , m_recentEmpty(new QLabel(tr("Files you open or save appear here."))) {
    setObjectName(QStringLiteral("welcomePage"));
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(32, 24, 32, 24);
    outer->setSpacing(14);

    auto* title = new QLabel(tr("Scaleboard"));
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 2.2);
    titleFont.setWeight(QFont::Bold);
    title->setFont(titleFont);
    auto* tagline =
        new QLabel(tr("Draw a web system's architecture, then run it and watch it scale — "
                      "or break."));
    tagline->setObjectName(QStringLiteral("welcomeTagline"));
    tagline->setWordWrap(true);
    outer->addWidget(title);
    outer->addWidget(tagline);

    auto* start = new QHBoxLayout;
    start->setSpacing(10);
    struct Button {
        QString text;
        QString name;
        void (WelcomePage::*signal)();
    };
    for (const Button& b :
         {Button{tr("Continue with the example design"), QStringLiteral("welcomeContinue"),
                 &WelcomePage::continueRequested},
          Button{tr("New empty design"), QStringLiteral("welcomeNew"), &WelcomePage::newRequested},
          Button{tr("Open a file…"), QStringLiteral("welcomeOpen"), &WelcomePage::openRequested}}) {
        auto* button = new QPushButton(b.text);
        button->setObjectName(b.name);
        button->setMinimumHeight(32);
        connect(button, &QPushButton::clicked, this, b.signal);
        start->addWidget(button);
    }
    start->addStretch(1);
    outer->addLayout(start);

    outer->addWidget(heading(tr("The scaling path, one template per step")));
    outer->addLayout(m_templates);
    for (const TemplateEntry& entry : builtInTemplates()) {
        const auto [badge, name] = badgeAndTitle(entry.name);
        auto* card = new WelcomeCard(badge, name, firstSentence(entry.description));
        card->setToolTip(entry.description);
        m_templates->addWidget(card);
        m_templateCards.append(card);
        connect(card, &WelcomeCard::clicked, this,
                [this, path = entry.path] { Q_EMIT templateChosen(path); });
    }
    if (m_templateCards.isEmpty())
        outer->addWidget(new QLabel(tr("No templates in this build.")));

    outer->addWidget(heading(tr("Recent files")));
    m_recentEmpty->setObjectName(QStringLiteral("welcomeTagline"));
    outer->addWidget(m_recentEmpty);
    outer->addLayout(m_recent);
    outer->addStretch(1);
    applyStyle();
    refresh();
}

void WelcomePage::refresh() {
    for (WelcomeCard* card : m_recentCards)
        delete card;
    m_recentCards.clear();
    for (const QString& path : DesignFiles::recentFiles()) {
        const QFileInfo info(path);
        if (!info.exists())
            continue;
        auto* card = new WelcomeCard(info.fileName().left(1).toUpper(), info.fileName(),
                                     info.absolutePath());
        card->setToolTip(path);
        m_recent->addWidget(card);
        m_recentCards.append(card);
        connect(card, &WelcomeCard::clicked, this, [this, path] { Q_EMIT recentChosen(path); });
    }
    m_recentEmpty->setVisible(m_recentCards.isEmpty());
}

void WelcomePage::changeEvent(QEvent* event) {
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyStyle();
}

void WelcomePage::applyStyle() {
    // Secondary text in the palette's placeholder colour, which both themes keep readable
    // (a disabled label is too faint on the dark one).
    for (QLabel* label : findChildren<QLabel*>(QStringLiteral("welcomeTagline"))) {
        QPalette p = label->palette();
        p.setColor(QPalette::WindowText, palette().color(QPalette::PlaceholderText));
        label->setPalette(p);
    }
}

} // namespace sb::gui
