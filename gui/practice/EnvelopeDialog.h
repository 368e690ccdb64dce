#pragma once

#include "practice/Envelope.h"

#include <QDialog>
#include <optional>
#include <vector>

class QLabel;
class QLineEdit;

namespace sb::gui {

class EstimateForm;

/// The back-of-the-envelope calculator on its own, outside practice (docs/practice.md,
/// "The Back-of-the-envelope panel"): the inputs of practice::computeEnvelope, the
/// candidate's own estimates typed first, then Compute shows the computed figures (average
/// and peak QPS, storage, peak bandwidth, the hot set's cache memory, servers by Little's
/// law), all labelled estimates, and how far off each of the candidate's was.
class EnvelopeDialog final : public QDialog {
    Q_OBJECT

public:
    explicit EnvelopeDialog(QWidget* parent = nullptr);

    /// Sets an input by its command-line name (practice::envelopeInputs: "daily-users", ...);
    /// false for another name.
    bool setInput(const QString& option, const QString& text);
    bool setEstimate(const QString& quantity, const QString& value);
    /// Reads the inputs and shows the figures and the estimates' verdicts; nothing (and a
    /// message naming the input) when an input is not a number in its range.
    std::optional<practice::Envelope> compute();
    const std::vector<practice::EstimateCheck>& checks() const { return m_checks; }
    QLabel* figuresView() const { return m_figures; }
    QLabel* errorView() const { return m_error; }
    EstimateForm* estimates() const { return m_estimates; }

private:
    std::vector<QLineEdit*> m_inputs; ///< one per practice::envelopeInputs()
    EstimateForm* m_estimates;
    QLabel* m_error;
    QLabel* m_figures;
    std::vector<practice::EstimateCheck> m_checks;
};

} // namespace sb::gui
