# Run by CTest: fails when an include runs upward or sideways (see LayerCheck.cmake).
include(${CMAKE_CURRENT_LIST_DIR}/LayerCheck.cmake)
