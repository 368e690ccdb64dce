# Run by CTest: fails when a kind includes or names another kind (see
# KindIsolationCheck.cmake).
include(${CMAKE_CURRENT_LIST_DIR}/KindIsolationCheck.cmake)
