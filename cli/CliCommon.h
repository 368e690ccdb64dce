#pragma once

#include "design/Design.h"
#include "emulator/RunResult.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace sb::emu {
class Simulation;
}

namespace sb::cli {

constexpr int kOk = 0;
constexpr int kInternal = 1;
constexpr int kBadInput = 2;

/// A bad-input failure: printed on stderr, exit code 2.
struct BadInput {
    std::string message;
};

/// Reads a design file, or throws BadInput listing its problems.
design::Design loadOrThrow(const std::string& path);

/// Reads a design file to run it: loadOrThrow, with relative file paths in properties (a
/// traffic log) made relative to the design file's folder.
design::Design loadForRun(const std::string& path);

/// Points the design's traffic source at an access log to replay: `FILE`, when the design
/// has one traffic source, or `NODE=FILE`; throws BadInput when the node or file is wrong.
void replayTraffic(design::Design& design, const std::string& option);

/// Writes `text` to `path` atomically ("-" is standard output), or throws BadInput.
void writeOrThrow(const std::string& path, const std::string& text);

/// Refuses a command whose outputs (option name, path) would overwrite its design file or
/// each other: the design would be lost, or one output silently replaced by the next.
void checkOutputs(const std::string& input,
                  const std::vector<std::pair<std::string, std::string>>& outputs);

/// A number of seconds typed for option `name`, checked against [min, max] (min itself
/// excluded unless `minAllowed`); throws BadInput naming the option and the range.
double secondsOption(const std::string& name, const std::string& text, double min, double max,
                     bool minAllowed);

/// A seed typed as text: a whole number that fits 64 bits, else BadInput.
std::uint64_t seedOption(const std::string& text);

/// The length of a run as typed on a command line: --duration, --warmup and --seed, each
/// optional, as text (CLI11's own number parsing takes "nan", and clamps or wraps what
/// does not fit).
struct RunLengthOptions {
    std::optional<std::string> duration, warmup, seed;

    /// Checks the texts; throws BadInput naming the first bad one.
    void check() const;
    /// The design's run settings with these options applied; throws BadInput when the
    /// warm-up is not shorter than the duration, naming where each came from.
    emu::RunSettings settingsFor(const design::Design& d) const;
};

/// Prints a run's summary: requests, throughput, latency, data, every node, the events.
void printSummary(const design::Design& d, const emu::RunResult& r);

/// A --speed value: max (0), realtime (1) or a factor from 0.1 to 100 such as 10x; else
/// BadInput.
double parseSpeed(const std::string& text);

/// The simulation of a design, or BadInput when a property's file cannot be read.
std::unique_ptr<emu::Simulation> buildOrThrow(const design::Design& d, std::uint64_t seed);

} // namespace sb::cli
