// A fixture for the layering check's own test: the engine reaching up into the window.
// The `layers_catch_an_upward_include` test checks that this file makes the check fail.
#pragma once
#include "gui/window/MainWindow.h"
