#include "cli/CliApp.h"

int main(int argc, char** argv) {
    return sb::cli::runCli(argc, argv);
}
