# Faster cold builds (a first launch compiles everything the window needs):
# - unity builds: each library compiles its sources in batches, so the heavy headers
#   (nlohmann/json, Boost, Qt) are parsed once per batch rather than once per file;
# - precompiled headers for the libraries, Qt's headers for the Qt-heavy ones.
option(SCALEBOARD_UNITY_BUILD "Compile each library's sources in batches" ON)
if(SCALEBOARD_UNITY_BUILD)
  set(CMAKE_UNITY_BUILD ON)
  set(CMAKE_UNITY_BUILD_BATCH_SIZE 8)
endif()
option(SCALEBOARD_PCH "Precompile the heavy headers of each library" ON)

set(scaleboard_pch_std <algorithm> <functional> <map> <memory> <optional> <string>
    <string_view> <unordered_map> <vector> <nlohmann/json.hpp>)
set(scaleboard_pch_qt ${scaleboard_pch_std} <QtCore> <QtGui> <QtWidgets>)

# scaleboard_precompile(target [QT]): precompiles the standard library, nlohmann/json and,
# with QT, Qt Core, Gui and Widgets for `target`'s own sources.
function(scaleboard_precompile target)
  if(NOT SCALEBOARD_PCH)
    return()
  endif()
  cmake_parse_arguments(P "QT" "" "" ${ARGN})
  if(P_QT)
    target_precompile_headers(${target} PRIVATE ${scaleboard_pch_qt})
  else()
    target_precompile_headers(${target} PRIVATE ${scaleboard_pch_std})
  endif()
endfunction()
