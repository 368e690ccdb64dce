#pragma once

#include <QFrame>

class QLabel;

namespace sb::gui {

/// A red bar across the top of the canvas while monitor alerts are firing, naming the
/// node and the rule; it goes away when they clear or the user closes it.
class AlertBanner final : public QFrame {
    Q_OBJECT

public:
    explicit AlertBanner(QWidget* parent = nullptr);

    void alertFired(const QString& node, const QString& detail);
    void alertCleared(const QString& node);
    void clear();
    /// The text shown, empty when hidden.
    QString text() const;

Q_SIGNALS:
    /// The user clicked the node's name.
    void nodeChosen(const QString& node);

private:
    void refresh();

    QLabel* m_label;
    QList<std::pair<QString, QString>> m_firing; ///< node, detail
};

} // namespace sb::gui
