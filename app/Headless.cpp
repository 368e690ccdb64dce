#include "app/Headless.h"

#include "app/CliRendering.h"
#include "cli/CliApp.h"
#include "gui/document/DefaultDesign.h"

#include <QByteArray>
#include <QTemporaryFile>
#include <cstring>
#include <iostream>
#include <set>
#include <string>
#include <vector>

namespace sb::app {

bool wantsHeadless(int argc, char** argv) {
    bool display = !qEnvironmentVariableIsEmpty("DISPLAY") ||
                   !qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY") ||
                   !qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM");
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--headless") == 0)
            return true;
        if (std::strcmp(argv[i], "-platform") == 0)
            display = true;
    }
    return !display;
}

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
        if (!builtin.open() || builtin.write(gui::defaultDesignJson()) < 0 || !builtin.flush()) {
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
    pointers.push_back(nullptr);
    return cli::runCli(int(pointers.size()) - 1, pointers.data(), app::cliRendering());
}

} // namespace sb::app
