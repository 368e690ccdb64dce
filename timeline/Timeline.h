#pragma once

#include "emulator/EventLog.h"
#include "emulator/Snapshot.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sb::timeline {

/// What a run did, sample by sample: every series column (per node: up, utilisation,
/// queue, errors, the kind's own gauges), every link's rate and cut, each node's arrivals,
/// completions, rejections and failures by reason, and the event log. Values are kept
/// quantised as they are stored (series and link rates to 1/1000, counts whole), so a
/// timeline read back from its bytes equals the one recorded.
class Timeline {
public:
    struct LinkEnds {
        std::uint32_t from = 0, to = 0; ///< node indices
        bool operator==(const LinkEnds&) const = default;
    };
    struct Layout {
        double resolutionSeconds = 0.1;
        std::vector<std::string> seriesColumns;
        std::vector<std::string> nodeIds, nodeKinds;
        std::vector<std::string> failReasons; ///< by reason code
        std::vector<LinkEnds> links;
        bool operator==(const Layout&) const = default;
    };

    Timeline() = default;
    explicit Timeline(Layout layout);

    const Layout& layout() const { return m_layout; }
    std::size_t samples() const { return m_time.size(); }
    /// Virtual seconds of a sample.
    double time(std::size_t sample) const { return m_time[sample]; }
    /// The last sample at or before `seconds` (0 when there is none).
    std::size_t sampleAt(double seconds) const;
    const std::vector<emu::LogEvent>& events() const { return m_events; }

    int column(std::string_view name) const; ///< a series column, -1 when absent
    /// A series column's value at a sample.
    double value(std::size_t sample, std::size_t column) const;
    double linkRate(std::size_t sample, std::size_t link) const;
    bool linkCut(std::size_t sample, std::size_t link) const;

    /// One sample, as the engine measured it: a series row, then per link its rate and
    /// cut (1 or 0), then per node the arrivals, completions, rejections and failures by
    /// reason counted during the sample's interval, then the run's issued, ok and failed
    /// in it.
    void append(double seconds, const std::vector<double>& channels);
    void addEvent(emu::LogEvent event) { m_events.push_back(std::move(event)); }
    /// How many values one sample has, in the order append takes them.
    std::size_t channelCount() const { return m_channels.size(); }

    /// The run at a sample, as the live views take it: nodes (up, utilisation, queue,
    /// gauges, counts since `from`), links, the series rows up to it and its events.
    emu::Snapshot snapshotAt(std::size_t sample, std::size_t from = 0) const;
    /// snapshotAt without the series rows and events: the moment as the canvas draws it
    /// (nodes, links, counts since `from`), in time proportional to `sample - from`, not to
    /// the whole run (a run animation takes one per sample).
    emu::Snapshot momentAt(std::size_t sample, std::size_t from = 0) const;

    /// The compact form kept in a workspace: delta-coded varints with runs of repeats,
    /// column by column.
    std::string encode() const;
    /// Reads encode()'s bytes; throws std::invalid_argument naming what is wrong.
    static Timeline decode(std::string_view bytes);

    /// How a channel's values are quantised before they are stored: 1000 per unit for
    /// rates and gauges, 1 for counts.
    double scaleOf(std::size_t channel) const;

    bool operator==(const Timeline&) const = default;

private:
    std::size_t linkBase() const { return m_layout.seriesColumns.size(); }
    std::size_t nodeBase(std::size_t node) const;
    std::size_t perNode() const { return 3 + m_layout.failReasons.size(); }

    /// Each node's series columns: [first, end), utilisation first, its gauges after the
    /// seven columns every node has.
    struct NodeColumns {
        int first = -1;
        std::size_t end = 0;
        bool operator==(const NodeColumns&) const = default;
    };
    static constexpr std::size_t kFixedNodeColumns = 7;

    Layout m_layout;
    std::vector<NodeColumns> m_nodeColumns;
    std::vector<double> m_time;
    std::vector<std::vector<float>> m_channels;
    std::vector<emu::LogEvent> m_events;
};

} // namespace sb::timeline
