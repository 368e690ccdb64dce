#pragma once

#include <nlohmann/json.hpp>

#include <QImage>
#include <QString>

#include <functional>
#include <string>

namespace sb::reports {

/// An experiment report: the plan (design file, factors, replications, run length, seed,
/// targets), the table of every point with each metric's mean and 95% interval and each
/// target's verdict, and a chart per metric with its band, from the result document
/// experiments::toJson wrote. `image` gives the source of a chart picture (a data URI for
/// HTML, a resource name for PDF). Throws std::invalid_argument when the document is not
/// a result document.
QString experimentReportHtml(const nlohmann::json& result, const std::string& designFile,
                             const std::function<QString(int, const QImage&)>& image);

/// Writes the report as one self-contained .html file (charts as data URIs) or as a .pdf
/// (A4), by the file name's ending, atomically; returns an empty string on success, else
/// the reason. Needs a QApplication.
std::string writeExperimentReport(const nlohmann::json& result, const std::string& designFile,
                                  const std::string& path);

} // namespace sb::reports
