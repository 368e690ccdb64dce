#include "gui/window/Application.h"

int main(int argc, char** argv) {
    return sb::gui::runApplication(argc, argv);
}
