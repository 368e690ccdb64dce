#pragma once

#include "practice/Envelope.h"

#include <QWidget>
#include <vector>

class QLabel;
class QLineEdit;
class QPushButton;

namespace sb::gui {

/// A candidate's own estimates (average and peak QPS, storage, peak bandwidth, cache
/// memory, servers), typed first, then compared with a computed envelope: how far off each
/// one is. Shared by the Practice dock and the Back-of-the-envelope dialog.
class EstimateForm final : public QWidget {
    Q_OBJECT

public:
    /// Fields are named `<objectPrefix>_<quantity>`, the verdicts `<objectPrefix>Result`.
    EstimateForm(const QString& objectPrefix, const QString& buttonText, QWidget* parent = nullptr);

    /// Sets the estimate of a quantity (practice::estimateQuantities); false for another name.
    bool setEstimate(const QString& quantity, const QString& value);
    void clear();
    /// Compares the estimates typed so far with `computed` and shows how far off each is,
    /// then `basis` (what the computed figures assume); one check per estimate that reads as
    /// a number of 0 or more.
    std::vector<practice::EstimateCheck> check(const practice::Envelope& computed,
                                               const QString& basis);
    QLabel* resultView() const { return m_result; }
    QPushButton* button() const { return m_button; }

Q_SIGNALS:
    /// The button was pressed: the owner computes its envelope and calls check().
    void checkRequested();

private:
    std::vector<std::pair<QString, QLineEdit*>> m_fields;
    QPushButton* m_button;
    QLabel* m_result;
};

} // namespace sb::gui
