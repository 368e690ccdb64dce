#pragma once

#include <QObject>

namespace sb::gui {

/// Light and dark looks. "System" follows the desktop's colour scheme (and its changes);
/// the choice is remembered.
class Theme final : public QObject {
    Q_OBJECT

public:
    enum class Mode { System, Light, Dark };

    /// The application's theme (created on first use, lives as long as the application).
    static Theme& instance();

    Mode mode() const { return m_mode; }
    void setMode(Mode mode);
    bool isDark() const;
    /// Applies the remembered mode (or System).
    void restore();

    static QString name(Mode mode);
    static Mode fromName(const QString& name);

Q_SIGNALS:
    void changed();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    Theme();
    void apply();

    Mode m_mode = Mode::System;
    bool m_systemDark = false;
    bool m_applying = false;
};

} // namespace sb::gui
