#include "gui/window/Application.h"
#include "reports/WindowExtensions.h"

int main(int argc, char** argv) {
    sb::reports::installWindowExtensions();
    return sb::gui::runApplication(argc, argv);
}
