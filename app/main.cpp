#include "app/Headless.h"
#include "gui/window/Application.h"
#include "reports/WindowExtensions.h"

int main(int argc, char** argv) {
    if (sb::app::wantsHeadless(argc, argv))
        return sb::app::runHeadless(argc, argv);
    sb::reports::installWindowExtensions();
    return sb::gui::runApplication(argc, argv);
}
