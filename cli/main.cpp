#include "cli/CliApp.h"

#ifdef SCALEBOARD_WITH_REPORTS
#include "reports/CliRendering.h"
#endif

int main(int argc, char** argv) {
#ifdef SCALEBOARD_WITH_REPORTS
    return sb::cli::runCli(argc, argv, sb::reports::cliRendering());
#else
    return sb::cli::runCli(argc, argv);
#endif
}
