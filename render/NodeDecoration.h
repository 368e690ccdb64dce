#pragma once

#include <QString>
#include <optional>

namespace sb::render {

/// Live state a run paints on a node: load as a fill, failure, and a counter line.
struct NodeDecoration {
    std::optional<double> utilisation; ///< 0..1, drawn as a bar across the card
    bool down = false;                 ///< failed: the card is greyed and crossed
    QString caption;                   ///< e.g. "1.2k req/s", drawn under the card

    bool operator==(const NodeDecoration&) const = default;
};

} // namespace sb::render
