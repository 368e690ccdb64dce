#include "components/registry/ComponentRegistry.h"
#include "design/AtomicFile.h"
#include "tools/docgen/DesignFormatDocument.h"

#include <cstring>
#include <iostream>

// scaleboard-docgen [--template FILE] [-o OUTPUT]: writes the design-format reference.
int main(int argc, char** argv) {
    std::string templatePath = SCALEBOARD_DOCGEN_TEMPLATE;
    std::string output;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--template") == 0 && i + 1 < argc) {
            templatePath = argv[++i];
        } else if (std::strcmp(argv[i], "-o") == 0 && i + 1 < argc) {
            output = argv[++i];
        } else {
            std::cerr << "usage: scaleboard-docgen [--template FILE] [-o OUTPUT]\n";
            return 2;
        }
    }
    std::string templateText, error;
    if (!sb::design::readWholeFile(templatePath, templateText, error)) {
        std::cerr << error << "\n";
        return 2;
    }
    const std::string document =
        sb::docgen::designFormatDocument(templateText, sb::comp::ComponentRegistry::builtin());
    if (output.empty()) {
        std::cout << document;
        return 0;
    }
    error = sb::design::writeFileAtomically(output, document);
    if (!error.empty()) {
        std::cerr << error << "\n";
        return 1;
    }
    return 0;
}
