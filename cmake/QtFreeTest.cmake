# Run by CTest: fails when a Qt header appears in the Qt-free libraries.
include(${CMAKE_CURRENT_LIST_DIR}/QtFreeCheck.cmake)
