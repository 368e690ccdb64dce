# Outside components/, code knows kinds by their roles and traits (design/Roles.h,
# ComponentDescriptor), never by name: a new kind is its folder plus one registry line.
# This check runs at configure time and again as a CTest test; it fails on a line that
# compares with, or looks up, a built-in kind's name.
set(SCALEBOARD_KIND_FREE_DIRS app cli design emulator gui interchange practice reports review workspace tools)
include(${CMAKE_CURRENT_LIST_DIR}/Kinds.cmake)
function(scaleboard_check_kind_names)
  file(GLOB kind_files "${PROJECT_SOURCE_DIR}/components/*/*Kind.cpp")
  scaleboard_kind_names(kinds ${kind_files})
  if(NOT kinds)
    message(FATAL_ERROR "kind-name check: found no kinds in components/*/*Kind.cpp")
  endif()
  list(JOIN kinds "|" alternatives)
  # A kind's name as a string literal on a line that speaks of kinds or looks one up.
  set(pattern "(kind|Kind|find\\().*\"(${alternatives})\"|\"(${alternatives})\".*(kind|Kind)")
  foreach(dir IN LISTS SCALEBOARD_KIND_FREE_DIRS)
    file(GLOB_RECURSE sources "${PROJECT_SOURCE_DIR}/${dir}/*.h" "${PROJECT_SOURCE_DIR}/${dir}/*.cpp")
    foreach(source IN LISTS sources)
      file(STRINGS "${source}" hits REGEX "${pattern}")
      if(hits)
        message(FATAL_ERROR "A kind named outside components/ (use its roles or traits): "
                            "${source}: ${hits}")
      endif()
    endforeach()
  endforeach()
endfunction()
scaleboard_check_kind_names()
