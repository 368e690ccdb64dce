# The engine, the component behaviours and the document model must build without Qt.
# This check runs at configure time and again as a CTest test, so a Qt include fails
# both the build set-up and the test suite.
set(SCALEBOARD_QT_FREE_DIRS design emulator components workspace review practice interchange timeline serve video)
function(scaleboard_check_qt_free)
  foreach(dir IN LISTS SCALEBOARD_QT_FREE_DIRS)
    file(GLOB_RECURSE sources "${PROJECT_SOURCE_DIR}/${dir}/*.h" "${PROJECT_SOURCE_DIR}/${dir}/*.cpp")
    foreach(source IN LISTS sources)
      file(STRINGS "${source}" hits REGEX "#[ \t]*include[ \t]*[<\"](Q[A-Za-z]+|Qt[A-Za-z]*/)")
      if(hits)
        message(FATAL_ERROR "Qt header in Qt-free code: ${source}: ${hits}")
      endif()
    endforeach()
  endforeach()
endfunction()
scaleboard_check_qt_free()
