#pragma once

#include <cstddef>
#include <functional>
#include <vector>

namespace sb::render {

/// Places the labels of a chart's event markers (a failure, a failover, an alert at a
/// time) in rows above the plot so that no two labels overlap. A label shows the marker's
/// full text where there is room, else its short text (a number, an abbreviation), and
/// markers too close together to label one by one share one cluster label ("3 events").
/// The caller measures the texts and draws; the full text of a shortened or clustered
/// label belongs in a tooltip or a key. No Qt: widths and positions are plain numbers.
class MarkerLayout {
public:
    struct Marker {
        double x = 0;          ///< where the marker's line is
        double fullWidth = 0;  ///< width of its full label
        double shortWidth = 0; ///< width of its short label
    };
    enum class Form { Full, Short, Cluster };
    struct Label {
        std::vector<std::size_t> markers; ///< indices into the input, in order of x
        Form form = Form::Full;
        int row = 0;      ///< 0 is the row nearest the plot's top edge
        double left = 0;  ///< the label's left edge
        double width = 0; ///< the width it was given (full, short or cluster width)
    };
    struct Options {
        double left = 0;  ///< the space labels may use, left edge
        double right = 0; ///< and right edge
        int maxRows = 3;
        double gap = 4; ///< least space between two labels in a row
        /// A label starts this far right of its line or, when there is no room there, ends
        /// this far left of it (either moves inwards at the edges).
        double offset = 3;
        /// Width of the label of a cluster of these markers (indices into the input).
        std::function<double(const std::vector<std::size_t>& markers)> clusterWidth;
    };

    /// The labels, in order of x; every marker is in exactly one. Labels in one row never
    /// overlap and keep `gap` between them, and each lies within [left, right] unless it is
    /// wider than that space.
    static std::vector<Label> place(const std::vector<Marker>& markers, const Options& options);
    /// Rows the labels use (0 when there are none).
    static int rowCount(const std::vector<Label>& labels);
};

} // namespace sb::render
