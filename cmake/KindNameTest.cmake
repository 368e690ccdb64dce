# Run by CTest: fails when code outside components/ names a kind (see KindNameCheck.cmake).
include(${CMAKE_CURRENT_LIST_DIR}/KindNameCheck.cmake)
