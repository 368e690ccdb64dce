#include "gui/window/WelcomePage.h"

#include "gui/window/TemplateCatalog.h"

#include "gui/window/DesignFiles.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace sb::gui {

namespace {

QLabel* heading(const QString& text) {
    auto* label = new QLabel(text);
    QFont f = label->font();
    f.setPointSizeF(f.pointSizeF() * 1.15);
    f.setWeight(QFont::DemiBold);
    label->setFont(f);
    return label;
}

QListWidget* cardList() {
    auto* list = new QListWidget;
    list->setFrameShape(QFrame::NoFrame);
    list->setWordWrap(true);
    list->setSpacing(2);
    list->setMinimumWidth(320);
    list->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    return list;
}

} // namespace

WelcomePage::WelcomePage(QWidget* parent)
    : QWidget(parent)
    , m_templates(cardList())
    , m_recent(cardList()) {
    setObjectName(QStringLiteral("welcomePage"));
    setStyleSheet(QStringLiteral(
        "#welcomePage QListWidget { border: 1px solid palette(mid); border-radius: 8px;"
        " padding: 6px; background: palette(base); }"
        "#welcomePage QListWidget::item { padding: 8px; border-radius: 6px; }"
        "#welcomePage QListWidget::item:hover { background: palette(alternate-base); }"
        "#welcomePage QListWidget::item:selected { background: palette(highlight);"
        " color: palette(highlighted-text); }"
        "#welcomeContinue { font-weight: 600; }"));
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(48, 40, 48, 40);
    outer->setSpacing(20);

    auto* title = new QLabel(tr("Scaleboard"));
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 2.4);
    titleFont.setWeight(QFont::Bold);
    title->setFont(titleFont);
    auto* tagline =
        new QLabel(tr("Draw a web system's architecture, then run it and watch it scale — "
                      "or break."));
    tagline->setEnabled(false);
    outer->addWidget(title);
    outer->addWidget(tagline);

    auto* columns = new QHBoxLayout;
    columns->setSpacing(36);
    auto* start = new QVBoxLayout;
    start->setSpacing(8);
    start->addWidget(heading(tr("Start")));
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
        button->setMinimumHeight(34);
        button->setMinimumWidth(260);
        connect(button, &QPushButton::clicked, this, b.signal);
        start->addWidget(button);
    }
    start->addStretch(1);
    columns->addLayout(start);

    auto* templatesColumn = new QVBoxLayout;
    templatesColumn->addWidget(heading(tr("Templates")));
    m_templates->setObjectName(QStringLiteral("welcomeTemplates"));
    templatesColumn->addWidget(m_templates, 1);
    columns->addLayout(templatesColumn, 1);

    auto* recentColumn = new QVBoxLayout;
    recentColumn->addWidget(heading(tr("Recent files")));
    m_recent->setObjectName(QStringLiteral("welcomeRecent"));
    recentColumn->addWidget(m_recent, 1);
    columns->addLayout(recentColumn, 1);
    outer->addLayout(columns, 1);

    for (const TemplateEntry& entry : builtInTemplates()) {
        auto* item = new QListWidgetItem(
            entry.name + (entry.description.isEmpty() ? QString()
                                                      : QStringLiteral("\n") + entry.description),
            m_templates);
        item->setData(Qt::UserRole, entry.path);
        item->setToolTip(entry.description);
    }
    if (m_templates->count() == 0) {
        auto* item = new QListWidgetItem(tr("No templates in this build."), m_templates);
        item->setFlags(Qt::NoItemFlags);
    }
    connect(m_templates, &QListWidget::itemActivated, this, [this](QListWidgetItem* item) {
        const QString path = item->data(Qt::UserRole).toString();
        if (!path.isEmpty())
            Q_EMIT templateChosen(path);
    });
    connect(m_recent, &QListWidget::itemActivated, this, [this](QListWidgetItem* item) {
        const QString path = item->data(Qt::UserRole).toString();
        if (!path.isEmpty())
            Q_EMIT recentChosen(path);
    });
    refresh();
}

void WelcomePage::refresh() {
    m_recent->clear();
    for (const QString& path : DesignFiles::recentFiles()) {
        const QFileInfo info(path);
        auto* item = new QListWidgetItem(
            info.fileName() + QStringLiteral("\n") + info.absolutePath(), m_recent);
        item->setData(Qt::UserRole, path);
        item->setToolTip(path);
        if (!info.exists())
            item->setFlags(Qt::NoItemFlags);
    }
    if (m_recent->count() == 0) {
        auto* item = new QListWidgetItem(tr("Files you open or save appear here."), m_recent);
        item->setFlags(Qt::NoItemFlags);
    }
}

} // namespace sb::gui
