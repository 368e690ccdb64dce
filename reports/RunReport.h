#pragma once

#include "design/ComponentDescriptor.h"
#include "design/Design.h"
#include "reports/ReportRun.h"

#include <QImage>
#include <QString>
#include <functional>
#include <string>
#include <vector>

namespace sb::reports {

/// A run report: title, diagram, verdicts against the design's targets, summary numbers,
/// charts (latency percentiles, throughput, errors, hit rates, utilisation), traffic,
/// settings per node, node results, the event log and the seed to rerun it. With two
/// runs it compares them side by side. Written as one self-contained HTML file (images as
/// data URIs) or as a PDF. Needs a QGuiApplication.
class RunReport {
public:
    RunReport(const design::Design& design, const design::DescriptorCatalog& catalog);

    /// The first run is reported; a second one is compared with it.
    void addRun(ReportRun run);
    /// The name of the design file, used in the command that reruns it.
    void setDesignFileName(std::string name) { m_designFile = std::move(name); }

    /// The charts the report shows, by title.
    std::vector<std::pair<QString, QImage>> charts() const;

    QString html() const;
    /// Each returns an empty string on success, else the reason.
    std::string writeHtml(const std::string& path) const;
    /// `pages`, when given, receives the number of pages written.
    std::string writePdf(const std::string& path, int* pages = nullptr) const;
    /// Writes .html/.htm or .pdf by the file name's extension.
    std::string write(const std::string& path) const;

private:
    using ImageSource = std::function<QString(const QString& name, const QImage& image)>;
    QString build(const ImageSource& source, int imageWidth) const;
    QString verdicts() const;
    QString summary() const;
    QString traffic() const;
    QString settings() const;
    QString nodeResults() const;
    QString eventLog() const;

    const design::Design& m_design;
    const design::DescriptorCatalog& m_catalog;
    std::vector<ReportRun> m_runs;
    std::string m_designFile = "DESIGN.json";
};

} // namespace sb::reports
