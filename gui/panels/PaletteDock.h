#pragma once

#include "design/ComponentDescriptor.h"

#include <QDockWidget>

class QLineEdit;
class QTreeWidget;

namespace sb::gui {

/// Every component kind of the catalog with its icon, grouped by category (Edge, Compute,
/// Data, Async, Ops, then any other), with a search box. Drag a kind onto the canvas, or
/// double-click it (or press Enter) to place it in the middle of the view.
class PaletteDock final : public QDockWidget {
    Q_OBJECT

public:
    explicit PaletteDock(const design::DescriptorCatalog& catalog, QWidget* parent = nullptr);

    QLineEdit* searchBox() const { return m_search; }
    QTreeWidget* tree() const { return m_tree; }
    /// Shows only kinds whose name, kind or summary contains the text.
    void filter(const QString& text);

Q_SIGNALS:
    void kindActivated(const QString& kind);

private:
    void populate(const design::DescriptorCatalog& catalog);

    QLineEdit* m_search;
    QTreeWidget* m_tree;
};

} // namespace sb::gui
