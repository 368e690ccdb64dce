#include "gui/window/Application.h"

#include "components/registry/ComponentRegistry.h"
#include "gui/canvas/DesignView.h"
#include "gui/window/Autosaver.h"
#include "gui/window/MainWindow.h"
#include "gui/window/Theme.h"

#include <QApplication>
#include <QCommandLineParser>

namespace sb::gui {

int runApplication(int argc, char** argv) {
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
