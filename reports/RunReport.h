#pragma once

#include "design/ComponentDescriptor.h"
#include "design/Design.h"
#include "reports/ReportRun.h"

#include <QImage>
#include <QString>
#include <QTextDocument>
#include <functional>
#include <memory>
#include <optional>
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
    /// The design file's path as a reader would type it (relative or absolute), used in
    /// the command that reruns a run; empty when the design is in no file.
    void setDesignFile(std::string path) { m_designFile = std::move(path); }
    /// The shell command that reruns `run` of the design, its path quoted when needed.
    std::string rerunCommand(const ReportRun& run) const;

    /// Told how far the writing got, from 0 to 1; returning false cancels it, and then
    /// nothing is written and the write functions return kCancelled.
    using Progress = std::function<bool(double done)>;
    void setProgress(Progress progress) { m_progress = std::move(progress); }
    static constexpr const char* kCancelled = "cancelled";

    /// The charts the report shows, by title.
    std::vector<std::pair<QString, QImage>> charts() const;

    QString html() const;
    /// Each returns an empty string on success, else the reason.
    std::string writeHtml(const std::string& path) const;
    /// `pages`, when given, receives the number of pages written.
    std::string writePdf(const std::string& path, int* pages = nullptr) const;
    /// The report laid out on A4 pages as writePdf prints it (see PageFlow); null when
    /// there is no run or the progress callback cancelled.
    std::unique_ptr<QTextDocument> pdfDocument() const;
    /// Writes .html/.htm or .pdf by the file name's extension.
    std::string write(const std::string& path) const;

private:
    /// An event drawn on the charts: a failure, failover, alert; several of one kind at one
    /// time are one marker ("14 nodes down").
    struct ChartMarker {
        double time = 0;
        QString text;   ///< short enough for a chart
        QString detail; ///< every node it names
    };
    std::vector<ChartMarker> chartMarkers() const;
    QString nodeName(const std::string& id) const;
    std::string kindName(const std::string& kind) const;
    bool reportProgress(double done) const;

    using ImageSource = std::function<QString(const QString& name, const QImage& image)>;
    /// Null when cancelled.
    std::optional<QString> build(const ImageSource& source, int imageWidth) const;
    QString runs() const;
    QString markerKey() const;
    QString verdicts() const;
    QString summary() const;
    QString traffic() const;
    QString settings() const;
    QString nodeResults() const;
    QString eventLog() const;
    /// The runs' "What happened" sentences (the summary's `explanation`); empty when no run
    /// has one.
    QString whatHappened() const;

    const design::Design& m_design;
    const design::DescriptorCatalog& m_catalog;
    std::vector<ReportRun> m_runs;
    std::string m_designFile;
    Progress m_progress;
};

} // namespace sb::reports
