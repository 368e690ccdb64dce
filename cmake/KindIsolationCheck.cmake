# Inside components/, kinds never know each other: a kind's folder includes only its own
# headers and the shared folders (common/, contract/, faults/, datacenter/, registry/), and
# names no other kind in a string literal; the shared folders include no kind's folder
# (registry/ lists the kinds and may) and name no kind. A kind finds what it talks to by
# role (NodeRoles) and capability interfaces (contract/). This check runs at configure time
# and again as a CTest test; it fails on such an include or literal.
#   KIND_ROOT: the tree to check (the project by default; the fixture for the check's own
#   test).
include(${CMAKE_CURRENT_LIST_DIR}/Kinds.cmake)
set(SCALEBOARD_SHARED_COMPONENT_DIRS common contract datacenter faults registry)
function(scaleboard_check_kind_isolation root)
  file(GLOB entries LIST_DIRECTORIES true "${root}/components/*")
  set(dirs "")
  foreach(entry IN LISTS entries)
    if(IS_DIRECTORY "${entry}")
      get_filename_component(dir "${entry}" NAME)
      list(APPEND dirs "${dir}")
    endif()
  endforeach()
  set(kind_dirs "")
  set(all_kinds "")
  foreach(dir IN LISTS dirs)
    set(entry "${root}/components/${dir}")
    list(FIND SCALEBOARD_SHARED_COMPONENT_DIRS "${dir}" shared)
    if(shared EQUAL -1)
      list(APPEND kind_dirs "${dir}")
      # The kinds this folder defines (its *Kind.cpp descriptors).
      file(GLOB kind_files "${entry}/*Kind.cpp")
      scaleboard_kind_names(own ${kind_files})
      set(own_kinds_${dir} "${own}")
      list(APPEND all_kinds ${own})
    endif()
  endforeach()
  foreach(dir IN LISTS dirs)
    set(entry "${root}/components/${dir}")
    list(FIND kind_dirs "${dir}" is_kind)
    if(is_kind EQUAL -1 AND dir STREQUAL "registry")
      continue() # the registry lists every kind
    endif()
    # Folders it may include, and kinds it may name.
    set(allowed ${SCALEBOARD_SHARED_COMPONENT_DIRS})
    set(others ${all_kinds})
    if(NOT is_kind EQUAL -1)
      list(APPEND allowed "${dir}")
      if(own_kinds_${dir})
        list(REMOVE_ITEM others ${own_kinds_${dir}})
      endif()
    else()
      list(REMOVE_ITEM allowed registry)
    endif()
    file(GLOB_RECURSE sources "${entry}/*.h" "${entry}/*.cpp")
    foreach(source IN LISTS sources)
      file(STRINGS "${source}" includes REGEX "^[ \t]*#[ \t]*include[ \t]*\"components/[a-z_]+/")
      foreach(line IN LISTS includes)
        string(REGEX REPLACE "^[ \t]*#[ \t]*include[ \t]*\"components/([a-z_]+)/.*" "\\1" target
                             "${line}")
        list(FIND allowed "${target}" at)
        if(at EQUAL -1)
          message(FATAL_ERROR "components/${dir}/ may not include components/${target}/ (kinds "
                              "talk through contract/ interfaces; see "
                              "cmake/KindIsolationCheck.cmake): ${source}: ${line}")
        endif()
      endforeach()
      if(others)
        list(JOIN others "|" alternatives)
        file(STRINGS "${source}" hits REGEX "\"(${alternatives})\"")
        if(hits)
          message(FATAL_ERROR "components/${dir}/ names another kind (find it by role or "
                              "contract; see cmake/KindIsolationCheck.cmake): ${source}: ${hits}")
        endif()
      endif()
    endforeach()
  endforeach()
endfunction()
if(NOT KIND_ROOT)
  set(KIND_ROOT "${PROJECT_SOURCE_DIR}")
endif()
scaleboard_check_kind_isolation("${KIND_ROOT}")
