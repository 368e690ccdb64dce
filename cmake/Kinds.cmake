# The built-in kinds' names, read from their descriptors (d.kind = "...") in the given
# *Kind.cpp files; shared by the checks that keep kinds apart.
function(scaleboard_kind_names out)
  set(kinds "")
  foreach(kind_file IN LISTS ARGN)
    file(STRINGS "${kind_file}" lines REGEX "d\\.kind = \"[a-z_]+\"")
    foreach(line IN LISTS lines)
      string(REGEX REPLACE ".*d\\.kind = \"([a-z_]+)\".*" "\\1" kind "${line}")
      list(APPEND kinds "${kind}")
    endforeach()
  endforeach()
  set(${out} "${kinds}" PARENT_SCOPE)
endfunction()
