#pragma once

#include <QFrame>

class QLabel;

namespace sb::gui {

struct RunRecord;

/// A red bar across the top of the canvas while monitor alerts are firing, saying in plain
/// words what the rule watches, its value now and its limit ("Monitoring: error rate 37%
/// for more than 5 s (limit 2%)"), the value following the run; it goes away when the
/// alerts clear, the run ends or the user closes it.
class AlertBanner final : public QFrame {
    Q_OBJECT

public:
    explicit AlertBanner(QWidget* parent = nullptr);

    void alertFired(const QString& node, const QString& detail);
    void alertCleared(const QString& node);
    void clear();
    /// Follows each firing alert's metric in the run's series.
    void updateValues(const RunRecord& record);
    /// Presentation mode: a large toast, readable from the back of a room.
    void setLarge(bool large);
    /// The text shown, empty when hidden.
    QString text() const;

Q_SIGNALS:
    /// The user clicked the node's name.
    void nodeChosen(const QString& node);

private:
    /// A firing alert, read from the monitor's event detail.
    struct Alert {
        QString node;
        QString metric;   ///< as the rule names it: "error_rate", "db.cpu"
        QString relation; ///< ">", "<", ">=", "<="
        double limit = 0;
        double forSeconds = 0;
        double value = 0;
        QString column; ///< the series column the monitor reads
        QString detail; ///< the event's own text, shown when it cannot be read
    };
    static Alert parse(const QString& node, const QString& detail);
    static QString describe(const Alert& alert);
    void refresh();

    QLabel* m_label;
    QList<Alert> m_firing;
};

} // namespace sb::gui
