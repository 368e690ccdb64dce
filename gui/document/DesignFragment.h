#pragma once

#include "design/ComponentDescriptor.h"
#include "design/Design.h"

#include <QPointF>
#include <optional>
#include <vector>

class QMimeData;

namespace sb::gui {

/// The MIME type of a design fragment on the clipboard (its text is the JSON design format,
/// also offered as plain text so it pastes into an editor and back).
inline constexpr const char* kDesignMimeType = "application/x-scaleboard-design";

/// The selected nodes, the links among them and the selected data centres (with the nodes
/// they hold), as a design of its own.
design::Design copyFragment(const design::Design& design, const std::vector<design::NodeId>& nodes,
                            const std::vector<design::DataCentreId>& dataCentres);

/// The fragment ready to add to `target`: ids that clash get fresh ones (links and data
/// centre memberships follow), and everything is shifted by `offset`.
design::Design fragmentForPaste(design::Design fragment, const design::Design& target,
                                QPointF offset);

QMimeData* fragmentToMimeData(const design::Design& fragment);
/// The fragment on the clipboard, or nothing when it holds no readable design.
std::optional<design::Design> fragmentFromMimeData(const QMimeData* mime,
                                                   const design::DescriptorCatalog& catalog);

} // namespace sb::gui
