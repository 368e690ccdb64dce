#pragma once

#include <QWidget>

class QListWidget;

namespace sb::gui {

/// The start page: begin a new design, open one, continue with the example, pick a
/// template (resources/templates) or a recent file.
class WelcomePage final : public QWidget {
    Q_OBJECT

public:
    explicit WelcomePage(QWidget* parent = nullptr);

    /// Re-reads the recent files.
    void refresh();
    QListWidget* templates() const { return m_templates; }
    QListWidget* recent() const { return m_recent; }

    /// The templates compiled into the application, as resource paths.

Q_SIGNALS:
    void continueRequested();
    void newRequested();
    void openRequested();
    void templateChosen(const QString& resourcePath);
    void recentChosen(const QString& path);

private:
    QListWidget* m_templates;
    QListWidget* m_recent;
};

} // namespace sb::gui
