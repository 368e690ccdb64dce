#include "gui/window/Theme.h"

#include <QApplication>
#include <QEvent>
#include <QPalette>
#include <QSettings>
#include <QStyle>
#include <QStyleFactory>

namespace sb::gui {

namespace {

QPalette lightPalette() {
    QPalette p;
    const QColor window(0xf3, 0xf4, 0xf6), base(0xff, 0xff, 0xff), text(0x1f, 0x24, 0x2d);
    const QColor accent(0x2f, 0x6f, 0xe0);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, QColor(0xf7, 0xf8, 0xfa));
    p.setColor(QPalette::ToolTipBase, QColor(0xff, 0xff, 0xf4));
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, QColor(0x8a, 0x92, 0x9e));
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, QColor(0xfa, 0xfa, 0xfb));
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, Qt::white);
    p.setColor(QPalette::Light, Qt::white);
    p.setColor(QPalette::Midlight, QColor(0xe6, 0xe8, 0xec));
    p.setColor(QPalette::Mid, QColor(0xc9, 0xcf, 0xd8));
    p.setColor(QPalette::Dark, QColor(0xa0, 0xa8, 0xb4));
    p.setColor(QPalette::Shadow, QColor(0x70, 0x78, 0x84));
    p.setColor(QPalette::Highlight, accent);
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, accent);
    p.setColor(QPalette::Disabled, QPalette::Text, QColor(0x9a, 0xa1, 0xac));
    p.setColor(QPalette::Disabled, QPalette::WindowText, QColor(0x8a, 0x92, 0x9e));
    p.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(0x9a, 0xa1, 0xac));
    return p;
}

QPalette darkPalette() {
    QPalette p;
    const QColor window(0x25, 0x28, 0x2e), base(0x1b, 0x1e, 0x23), text(0xe6, 0xe8, 0xec);
    const QColor accent(0x4c, 0x8d, 0xf6);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, QColor(0x22, 0x25, 0x2b));
    p.setColor(QPalette::ToolTipBase, QColor(0x30, 0x34, 0x3c));
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, QColor(0x7d, 0x86, 0x93));
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, QColor(0x2e, 0x32, 0x39));
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, Qt::white);
    p.setColor(QPalette::Light, QColor(0x3a, 0x3f, 0x48));
    p.setColor(QPalette::Midlight, QColor(0x33, 0x37, 0x3f));
    p.setColor(QPalette::Mid, QColor(0x22, 0x25, 0x2a));
    p.setColor(QPalette::Dark, QColor(0x16, 0x18, 0x1c));
    p.setColor(QPalette::Shadow, QColor(0x0c, 0x0d, 0x10));
    p.setColor(QPalette::Highlight, accent);
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, accent.lighter(115));
    p.setColor(QPalette::Disabled, QPalette::Text, QColor(0x6c, 0x73, 0x7e));
    p.setColor(QPalette::Disabled, QPalette::WindowText, QColor(0x7d, 0x86, 0x93));
    p.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(0x6c, 0x73, 0x7e));
    return p;
}

} // namespace

Theme& Theme::instance() {
    static Theme* theme = new Theme;
    return *theme;
}

Theme::Theme()
    : QObject(qApp) {
    if (qApp)
        qApp->installEventFilter(this);
}

void Theme::setMode(Mode mode) {
    m_mode = mode;
    QSettings().setValue(QStringLiteral("appearance/theme"), name(mode));
    apply();
}

bool Theme::isDark() const {
    return m_mode == Mode::Dark || (m_mode == Mode::System && m_systemDark);
}

void Theme::restore() {
    m_mode = fromName(QSettings().value(QStringLiteral("appearance/theme")).toString());
    apply();
}

QString Theme::name(Mode mode) {
    switch (mode) {
    case Mode::Light:
        return QStringLiteral("light");
    case Mode::Dark:
        return QStringLiteral("dark");
    case Mode::System:
        break;
    }
    return QStringLiteral("system");
}

Theme::Mode Theme::fromName(const QString& name) {
    if (name == QLatin1String("light"))
        return Mode::Light;
    if (name == QLatin1String("dark"))
        return Mode::Dark;
    return Mode::System;
}

void Theme::apply() {
    m_applying = true;
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    if (m_mode == Mode::System) {
        // An empty palette brings back the desktop's, which tells whether it is dark now.
        QApplication::setPalette(QPalette());
        m_systemDark = QApplication::palette().color(QPalette::Window).lightness() < 128;
    }
    QApplication::setPalette(isDark() ? darkPalette() : lightPalette());
    m_applying = false;
    Q_EMIT changed();
}

bool Theme::eventFilter(QObject* watched, QEvent* event) {
    // The desktop switched between light and dark.
    if (watched == qApp && event->type() == QEvent::ThemeChange && !m_applying &&
        m_mode == Mode::System)
        apply();
    return QObject::eventFilter(watched, event);
}

} // namespace sb::gui
