#pragma once

#include "design/Design.h"
#include "emulator/RunResult.h"
#include "timeline/Clip.h"
#include "timeline/Explanation.h"
#include "timeline/Timeline.h"

#include <nlohmann/json.hpp>

#include <functional>
#include <string>
#include <vector>

namespace sb::cli {

/// What the command line can do only with Qt's painting: pictures of a design, run
/// reports and run animations. scaleboard-render and `scaleboard --headless` pass them in (reports/
/// CliRendering); scaleboard-cli, which links no Qt, hands such commands to
/// scaleboard-render. validate, run and the text exports never need them.
struct CliExtensions {
    /// Writes the design's diagram as png, svg or pdf (scale applies to png); returns an
    /// empty string on success, else the reason.
    std::function<std::string(const design::Design& design, const std::string& format,
                              const std::string& path, double scale)>
        exportDiagram;
    /// Writes a run report (.html or .pdf) of a run of the design read from `designPath`,
    /// with what happened in it (timeline::explain of its recorded timeline), telling
    /// `progress` how far it got (0 to 1); returns an empty string on success, else the
    /// reason.
    std::function<std::string(
        const design::Design& design, const std::string& designPath, const emu::RunResult& result,
        const std::vector<timeline::Sentence>& explanation, const std::string& path,
        const std::function<void(double done)>& progress)>
        writeReport;
    /// Writes a stretch of a recorded run of the design as a video (webm, mp4 or gif) of
    /// its canvas, frame by frame, telling `progress` how far it got (0 to 1); returns an
    /// empty string on success (no file is left otherwise), else the reason.
    std::function<std::string(const design::Design& design, const timeline::Timeline& recorded,
                              const std::string& format, const timeline::Clip& clip, double scale,
                              const std::string& path,
                              const std::function<void(double done)>& progress)>
        exportVideo;
    /// Draws an experiment's result document (experiments::toJson) as a chart per metric:
    /// the mean against the first parameter with its 95% band; .png or .svg by the path's
    /// ending. Returns an empty string on success, else the reason.
    std::function<std::string(const nlohmann::json& result, const std::string& path)>
        writeExperimentPlot;
    /// Writes an experiment report (.html or .pdf by the path's ending) of a result
    /// document: the plan, the table with 95% intervals and verdicts, a chart per metric.
    /// `designFile` names the design as the user gave it. Returns an empty string on
    /// success, else the reason.
    std::function<std::string(const nlohmann::json& result, const std::string& designFile,
                              const std::string& path)>
        writeExperimentReport;
};

} // namespace sb::cli
