#include "app/CliRendering.h"

#include "components/registry/ComponentRegistry.h"
#include "gui/replay/RunAnimation.h"
#include "reports/DiagramRenderer.h"
#include "reports/ExperimentChart.h"
#include "reports/ExperimentReport.h"
#include "reports/ReportRun.h"
#include "reports/RunReport.h"

#include <QApplication>

namespace sb::app {

namespace {

/// Runs `work` inside a Qt application: the caller's, or one made for it.
template <typename Work> std::string withApplication(Work work) {
    if (QCoreApplication::instance())
        return work();
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    int argc = 1;
    char name[] = "scaleboard-cli";
    char* argv[] = {name, nullptr};
    QApplication application(argc, argv);
    return work();
}

} // namespace

cli::CliExtensions cliRendering() {
    cli::CliExtensions e;
    e.exportDiagram = [](const design::Design& design, const std::string& format,
                         const std::string& path, double scale) {
        return withApplication([&] {
            return reports::DiagramRenderer(design, comp::ComponentRegistry::builtin())
                .write(format, path, scale);
        });
    };
    e.writeReport = [](const design::Design& design, const std::string& designPath,
                       const emu::RunResult& result,
                       const std::vector<timeline::Sentence>& explanation, const std::string& path,
                       const std::function<void(double)>& progress) {
        return withApplication([&] {
            reports::RunReport report(design, comp::ComponentRegistry::builtin());
            report.setDesignFile(designPath);
            report.addRun(reports::ReportRun::fromResult(result, "run", explanation));
            if (progress)
                report.setProgress([&progress](double done) {
                    progress(done);
                    return true;
                });
            return report.write(path);
        });
    };
    e.exportVideo = [](const design::Design& design, const timeline::Timeline& recorded,
                       const std::string& format, const timeline::Clip& clip, double scale,
                       const std::string& path, const std::function<void(double)>& progress) {
        return withApplication([&] {
            return gui::writeRunVideo(design, comp::ComponentRegistry::builtin(), recorded, clip,
                                      *video::formatNamed(format), scale, path,
                                      [&progress](double done) {
                                          if (progress)
                                              progress(done);
                                          return true;
                                      });
        });
    };
    e.writeExperimentPlot = [](const nlohmann::json& result, const std::string& path) {
        return withApplication([&] { return reports::writeExperimentPlot(result, path); });
    };
    e.writeExperimentReport = [](const nlohmann::json& result, const std::string& designFile,
                                 const std::string& path) {
        return withApplication(
            [&] { return reports::writeExperimentReport(result, designFile, path); });
    };
    return e;
}

} // namespace sb::app
