#pragma once

#include "design/PropertySpec.h"
#include "gui/document/PropertyPath.h"

#include <QWidget>
#include <vector>

class QGridLayout;
class QLabel;

namespace sb::gui {

/// Editors generated from property specs: a line edit for numbers and text (units beside
/// it), a check box for booleans, a combo box for choices, a titled box for groups. It
/// edits one or several items at once (differing values show as "mixed"). A value outside
/// the spec's range or of the wrong type is refused with a message under the editor and
/// never reaches the document; an empty field means "back to the default".
class PropertyForm final : public QWidget {
    Q_OBJECT

public:
    explicit PropertyForm(QWidget* parent = nullptr);

    /// Shows the editors for `specs` filled from each item's set values. The editors are
    /// kept (and only refilled) while `key` stays the same, so focus is not lost.
    void setProperties(const QString& key, const std::vector<design::PropertySpec>& specs,
                       const std::vector<nlohmann::json>& propsOfEach);
    /// The editor of a property ("workers", "autoscale.max"), for tests and focus.
    QWidget* editor(const std::string& path) const;
    /// The refusal shown under a property's editor, empty when none.
    QString refusal(const std::string& path) const;

Q_SIGNALS:
    /// A valid value was entered (null = back to the default).
    void valueEdited(const sb::gui::PropertyPath& path, const nlohmann::json& value);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    struct Row {
        PropertyPath path;
        design::PropertySpec spec;
        QLabel* label = nullptr;
        QWidget* editor = nullptr;
        QLabel* error = nullptr;
        QString applied; ///< the field's text for the value the design holds
    };

    void build(const std::vector<design::PropertySpec>& specs);
    void addRow(QGridLayout* grid, int& gridRow, const PropertyPath& path,
                const design::PropertySpec& spec);
    void fill(const std::vector<nlohmann::json>& propsOfEach);
    void commitText(size_t rowIndex);
    void clearRefusal(Row& row);
    void submit(size_t rowIndex, const nlohmann::json& value);
    void showRefusal(Row& row, const QString& message);
    void showHelp(const Row& row);

    QString m_key;
    std::vector<Row> m_rows;
    QWidget* m_body = nullptr;
    QLabel* m_help;
};

} // namespace sb::gui
