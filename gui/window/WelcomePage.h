#pragma once

#include <QList>
#include <QWidget>

class QVBoxLayout;

namespace sb::gui {

class FlowLayout;
class WelcomeCard;

/// The start page: begin a new design, open one, continue with the example, pick a
/// template (resources/templates) or a recent file, each shown as a card that opens with
/// one click.
class WelcomePage final : public QWidget {
    Q_OBJECT

public:
    explicit WelcomePage(QWidget* parent = nullptr);

    /// Re-reads the recent files.
    void refresh();
    const QList<WelcomeCard*>& templateCards() const { return m_templateCards; }
    const QList<WelcomeCard*>& recentCards() const { return m_recentCards; }

Q_SIGNALS:
    void continueRequested();
    void newRequested();
    void openRequested();
    void templateChosen(const QString& resourcePath);
    void recentChosen(const QString& path);

protected:
    void changeEvent(QEvent* event) override;

private:
    void applyStyle();

    FlowLayout* m_templates;
    FlowLayout* m_recent;
    QWidget* m_recentEmpty;
    QList<WelcomeCard*> m_templateCards;
    QList<WelcomeCard*> m_recentCards;
};

} // namespace sb::gui
