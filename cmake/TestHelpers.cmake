# scaleboard_add_test(NAME sources... LIBS libs... [GUI])
# One Qt Test executable per suite, registered with CTest. GUI suites run offscreen.
function(scaleboard_add_test name)
  cmake_parse_arguments(T "GUI" "TIMEOUT" "SOURCES;LIBS" ${ARGN})
  add_executable(${name} ${T_SOURCES})
  target_link_libraries(${name} PRIVATE Qt6::Test ${T_LIBS})
  target_compile_definitions(${name} PRIVATE
    SCALEBOARD_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
    QT_NO_KEYWORDS QT_NO_FOREACH)
  # moc cannot parse the C++20 <concepts> header that <compare> pulls in when it sees the
  # compiler's C++20 predefines; it needs none of them to find Q_OBJECT classes.
  set_target_properties(${name} PROPERTIES AUTOMOC ON AUTOMOC_COMPILER_PREDEFINES OFF)
  add_test(NAME ${name} COMMAND ${name})
  # Each suite keeps its settings, autosaves and caches in a home of its own in the build
  # tree, so suites that CTest runs at once (-j) never see each other's recovery files or
  # remembered progress, nor the user's.
  set(home "${CMAKE_CURRENT_BINARY_DIR}/${name}-home")
  set(env "QT_QPA_PLATFORM=offscreen" "XDG_CONFIG_HOME=${home}/config"
    "XDG_DATA_HOME=${home}/data" "XDG_CACHE_HOME=${home}/cache")
  if(NOT T_TIMEOUT)
    set(T_TIMEOUT 600)
  endif()
  set_tests_properties(${name} PROPERTIES ENVIRONMENT "${env}" TIMEOUT ${T_TIMEOUT})
endfunction()
