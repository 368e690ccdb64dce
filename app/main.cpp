#include "app/Headless.h"
#include "app/WindowExtensions.h"
#include "gui/window/Application.h"

int main(int argc, char** argv) {
    if (sb::app::wantsHeadless(argc, argv))
        return sb::app::runHeadless(argc, argv);
    sb::app::installWindowExtensions();
    return sb::gui::runApplication(argc, argv);
}
