// scaleboard-render: the commands of scaleboard-cli that draw (export png, svg, pdf and
// run --report), with Qt. scaleboard-cli itself links no Qt and hands these commands to
// this program, installed beside it.
#include "app/CliRendering.h"
#include "cli/CliApp.h"

int main(int argc, char** argv) {
    return sb::cli::runCli(argc, argv, sb::app::cliRendering());
}
