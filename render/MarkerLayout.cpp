#include "render/MarkerLayout.h"

#include <algorithm>
#include <limits>
#include <numeric>

namespace sb::render {

namespace {

/// Markers that share one label while the layout is worked out.
struct Group {
    std::vector<std::size_t> members; // by x
    double x = 0;                     // the first member's line
};

class Placer {
public:
    Placer(const std::vector<MarkerLayout::Marker>& markers, const MarkerLayout::Options& o)
        : m_markers(markers)
        , m_options(o) {}

    double width(const Group& g, MarkerLayout::Form form) const {
        if (form == MarkerLayout::Form::Cluster)
            return m_options.clusterWidth ? m_options.clusterWidth(g.members)
                                          : m_markers[g.members.front()].shortWidth;
        const MarkerLayout::Marker& m = m_markers[g.members.front()];
        return form == MarkerLayout::Form::Full ? m.fullWidth : m.shortWidth;
    }

    /// Places every group in its given form, each in the lowest row with room. Returns the
    /// index of the first group that found no room, or groups.size() when all fit.
    std::size_t place(const std::vector<Group>& groups,
                      const std::vector<MarkerLayout::Form>& forms,
                      std::vector<MarkerLayout::Label>* out) const {
        const int rows = std::max(1, m_options.maxRows);
        std::vector<double> rowEnd(std::size_t(rows), -std::numeric_limits<double>::infinity());
        if (out)
            out->clear();
        for (std::size_t i = 0; i < groups.size(); ++i) {
            const double w = width(groups[i], forms[i]);
            auto within = [&](double l) {
                return std::max(m_options.left, std::min(l, m_options.right - w));
            };
            // Right of the line if there is room, else ending at it, in the lowest row.
            const double sides[] = {within(groups[i].x + m_options.offset),
                                    within(groups[i].x - m_options.offset - w)};
            int row = -1;
            double left = 0;
            for (int r = 0; r < rows && row < 0; ++r)
                for (double side : sides)
                    if (row < 0 && side >= rowEnd[std::size_t(r)] + m_options.gap) {
                        row = r;
                        left = side;
                    }
            if (row < 0)
                return i;
            rowEnd[std::size_t(row)] = left + w;
            if (out)
                out->push_back({groups[i].members, forms[i], row, left, w});
        }
        return groups.size();
    }

private:
    const std::vector<MarkerLayout::Marker>& m_markers;
    const MarkerLayout::Options& m_options;
};

MarkerLayout::Form shortest(const Group& g) {
    return g.members.size() > 1 ? MarkerLayout::Form::Cluster : MarkerLayout::Form::Short;
}

} // namespace

std::vector<MarkerLayout::Label> MarkerLayout::place(const std::vector<Marker>& markers,
                                                     const Options& options) {
    std::vector<std::size_t> order(markers.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return markers[a].x < markers[b].x; });
    std::vector<Group> groups;
    for (std::size_t i : order)
        groups.push_back({{i}, markers[i].x});

    // First every label as short as it gets: where even that finds no room, the marker
    // joins its nearer neighbour's cluster, until everything fits.
    const Placer placer(markers, options);
    std::vector<Form> forms;
    for (;;) {
        forms.clear();
        for (const Group& g : groups)
            forms.push_back(shortest(g));
        const std::size_t failed = placer.place(groups, forms, nullptr);
        if (failed >= groups.size() || groups.size() < 2)
            break;
        std::size_t into = failed == 0 ? 1 : failed - 1;
        if (failed > 0 && failed + 1 < groups.size() &&
            groups[failed + 1].x - groups[failed].x < groups[failed].x - groups[failed - 1].x)
            into = failed + 1;
        const std::size_t first = std::min(into, failed), second = std::max(into, failed);
        Group& kept = groups[first];
        kept.members.insert(kept.members.end(), groups[second].members.begin(),
                            groups[second].members.end());
        groups.erase(groups.begin() + std::ptrdiff_t(second));
    }
    // Then, from the left, each single marker gets its full text where that still fits.
    for (std::size_t i = 0; i < groups.size(); ++i) {
        if (forms[i] != Form::Short)
            continue;
        forms[i] = Form::Full;
        if (placer.place(groups, forms, nullptr) < groups.size())
            forms[i] = Form::Short;
    }
    // The shortest forms fit (one group always does: it may use row 0 from the left edge),
    // and every upgrade above kept them fitting.
    std::vector<Label> labels;
    placer.place(groups, forms, &labels);
    return labels;
}

int MarkerLayout::rowCount(const std::vector<Label>& labels) {
    int rows = 0;
    for (const Label& l : labels)
        rows = std::max(rows, l.row + 1);
    return rows;
}

} // namespace sb::render
