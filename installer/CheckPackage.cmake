# Builds the .deb with CPack and checks it holds the programs and the desktop integration.
# Run by CTest (label "package") after a full build.
file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")
execute_process(
  COMMAND "${CPACK}" -G DEB --config "${BUILD_DIR}/CPackConfig.cmake" -B "${WORK_DIR}"
  RESULT_VARIABLE result OUTPUT_VARIABLE output ERROR_VARIABLE output)
if(NOT result EQUAL 0)
  message(FATAL_ERROR "cpack -G DEB failed:\n${output}")
endif()
file(GLOB debs "${WORK_DIR}/*.deb")
list(LENGTH debs count)
if(NOT count EQUAL 1)
  message(FATAL_ERROR "expected one .deb in ${WORK_DIR}, found: ${debs}")
endif()

execute_process(COMMAND "${DPKG_DEB}" -c ${debs} OUTPUT_VARIABLE listing RESULT_VARIABLE result)
if(NOT result EQUAL 0)
  message(FATAL_ERROR "dpkg-deb -c ${debs} failed")
endif()
set(expected
  "./usr/bin/scaleboard-cli"
  "./usr/share/applications/io.scaleboard.Scaleboard.desktop"
  "./usr/share/icons/hicolor/scalable/apps/io.scaleboard.Scaleboard.svg"
  "./usr/share/metainfo/io.scaleboard.Scaleboard.metainfo.xml"
  "./usr/share/mime/packages/io.scaleboard.Scaleboard.xml")
if(EXPECT_GUI)
  list(APPEND expected "./usr/bin/scaleboard" "./usr/bin/scaleboard-render")
endif()
foreach(path IN LISTS expected)
  string(REGEX REPLACE "([.+])" "\\\\\\1" pattern "${path}")
  if(NOT listing MATCHES " ${pattern}\n")
    message(FATAL_ERROR "${debs} lacks ${path}. It holds:\n${listing}")
  endif()
endforeach()

execute_process(COMMAND "${DPKG_DEB}" -f ${debs} Package Version Depends OUTPUT_VARIABLE fields)
foreach(dependency libsqlite3-0 libqt6core6 libqt6widgets6 libqt6charts6 libqt6svg6)
  if(NOT fields MATCHES "${dependency}")
    message(FATAL_ERROR "${debs} does not depend on ${dependency}:\n${fields}")
  endif()
endforeach()
message(STATUS "${debs}:\n${fields}")
