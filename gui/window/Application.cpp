#include "gui/window/Application.h"

#include "cli/CliApp.h"
#include "components/registry/ComponentRegistry.h"
#include "gui/canvas/DesignView.h"
#include "gui/document/DefaultDesign.h"
#include "gui/window/Autosaver.h"
#include "gui/window/MainWindow.h"
#include "gui/window/Theme.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QTemporaryFile>
#include <cstring>
#include <iostream>
#include <set>
#include <string>
#include <vector>

namespace sb::gui {

namespace {

bool hasDisplay(int argc, char** argv) {
    for (int i = 1; i < argc; ++i)
        if (std::strcmp(argv[i], "-platform") == 0)
            return true;
    return !qEnvironmentVariableIsEmpty("DISPLAY") ||
           !qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY") ||
           !qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM");
}

/// `scaleboard --headless [FILE] [run options]` is `scaleboard-cli run FILE [run options]`,
/// with the built-in example design when no file is given.
int runHeadless(int argc, char** argv) {
    static const std::set<std::string> optionsWithValue{
        "--duration", "--warmup", "--seed", "--speed", "--json", "--csv", "--report"};
    std::vector<std::string> rest;
    std::string file;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--headless")
            continue;
        if (optionsWithValue.count(arg) && i + 1 < argc) {
            rest.push_back(arg);
            rest.push_back(argv[++i]);
        } else if (file.empty() && !arg.starts_with('-')) {
            file = arg;
        } else {
            rest.push_back(arg);
        }
    }
    QTemporaryFile builtin(QStringLiteral("scaleboard-example-XXXXXX.json"));
    if (file.empty()) {
        if (!builtin.open() || builtin.write(defaultDesignJson()) < 0 || !builtin.flush()) {
            std::cerr << "scaleboard: cannot write the example design to a temporary file\n";
            return 1;
        }
        file = builtin.fileName().toStdString();
        std::cout << "Running the built-in example design (pass a design file to run another).\n";
    }
    std::vector<std::string> args{"scaleboard", "run", file};
    args.insert(args.end(), rest.begin(), rest.end());
    std::vector<char*> pointers;
    for (auto& a : args)
        pointers.push_back(a.data());
    return cli::runCli(int(pointers.size()), pointers.data());
}

} // namespace

int runApplication(int argc, char** argv) {
    bool headless = !hasDisplay(argc, argv);
    for (int i = 1; i < argc; ++i)
        if (std::strcmp(argv[i], "--headless") == 0)
            headless = true;
    if (headless)
        return runHeadless(argc, argv);

    QApplication::setHighDpiScaleFactorRoundingPolicy(
        Qt::HighDpiScaleFactorRoundingPolicy::PassThrough);
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Scaleboard"));
    QApplication::setApplicationName(QStringLiteral("Scaleboard"));
    QApplication::setApplicationVersion(QStringLiteral(SCALEBOARD_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("scaleboard"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Draw a web architecture and run it."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("file"),
                                 QStringLiteral("A workspace (.sbw) or design (.json) to open"));
    parser.addOption({QStringLiteral("headless"),
                      QStringLiteral("Run the design without a window and print a summary")});
    parser.addOption({QStringLiteral("theme"), QStringLiteral("light, dark or system (remembered)"),
                      QStringLiteral("theme")});
    parser.process(app);

    Theme& theme = Theme::instance();
    if (parser.isSet(QStringLiteral("theme")))
        theme.setMode(Theme::fromName(parser.value(QStringLiteral("theme"))));
    else
        theme.restore();

    auto* window = new MainWindow(comp::ComponentRegistry::builtin());
    window->setAttribute(Qt::WA_DeleteOnClose);
    const QStringList files = parser.positionalArguments();
    if (files.isEmpty() || !window->openFile(files.front())) {
        window->loadDefaultDesign();
        window->showWelcome(files.isEmpty());
    }
    window->show();
    window->view().showDesign();
    window->offerRecovery(Autosaver::leftovers());
    return app.exec();
}

} // namespace sb::gui
