#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

class QChart;
class QImage;

namespace sb::reports {

/// Fills `chart` with one metric of an experiment's result document (experiments::toJson):
/// the mean against the first parameter (its index among the values when they are not
/// numbers) with the 95% interval as a band, one line per combination of the other
/// parameters. Replaces what the chart held.
void fillExperimentChart(QChart& chart, const nlohmann::json& result, const std::string& metric);

/// The metrics of a result document, in its order.
std::vector<std::string> experimentMetrics(const nlohmann::json& result);

/// One metric's chart of a result document as a picture of `width` x `height` pixels.
QImage experimentChartImage(const nlohmann::json& result, const std::string& metric, int width,
                            int height);

/// Writes every metric's chart of a result document, two to a row, as .png or .svg;
/// returns an empty string on success (no file is left otherwise), else the reason.
std::string writeExperimentPlot(const nlohmann::json& result, const std::string& path);

} // namespace sb::reports
