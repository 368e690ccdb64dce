# The build graph points down. Each library folder may include only the folders listed for
# it here (docs/architecture.md draws the same picture); an include that runs upward or
# sideways fails configuration and the `layers_point_down` test. Test, benchmark and fuzz
# folders sit on top and may include anything.
#   LAYER_ROOT: the tree to check (the project by default; the test's fixture for the
#   check's own test).
set(SCALEBOARD_LAYERS
  "design:design"
  "emulator:emulator"
  "components:components,design,emulator"
  "review:review,design"
  "practice:practice,components,design,emulator,review,timeline,workspace"
  "interchange:interchange,design"
  "workspace:workspace,design,emulator"
  "timeline:timeline,design,emulator"
  "serve:serve,components,design,emulator"
  "video:video"
  "experiments:experiments,components,design,emulator,practice"
  "cli:cli,components,design,emulator,interchange,review,timeline,experiments,practice,serve,workspace"
  "tools:tools,components,design"
  "render:render,design"
  "gui:gui,components,design,emulator,workspace,resources,timeline,serve,render,reports,practice,experiments,review,interchange,video"
  "reports:reports,render,components,design,emulator,experiments,practice,workspace,timeline"
  "app:app,gui,reports,cli,render,components,design,emulator,practice,timeline,video")
function(scaleboard_check_layers root)
  foreach(entry IN LISTS SCALEBOARD_LAYERS)
    string(REPLACE ":" ";" parts "${entry}")
    list(GET parts 0 layer)
    list(GET parts 1 allowed)
    string(REPLACE "," ";" allowed "${allowed}")
    file(GLOB_RECURSE sources "${root}/${layer}/*.h" "${root}/${layer}/*.cpp")
    foreach(source IN LISTS sources)
      file(STRINGS "${source}" includes REGEX "^[ \t]*#[ \t]*include[ \t]*\"[a-z_]+/")
      foreach(line IN LISTS includes)
        string(REGEX REPLACE "^[ \t]*#[ \t]*include[ \t]*\"([a-z_]+)/.*" "\\1" target "${line}")
        list(FIND allowed "${target}" at)
        if(at EQUAL -1)
          message(FATAL_ERROR "${layer}/ may not include ${target}/ (the build graph points "
                              "down; see cmake/LayerCheck.cmake): ${source}: ${line}")
        endif()
      endforeach()
    endforeach()
  endforeach()
endfunction()
if(NOT LAYER_ROOT)
  set(LAYER_ROOT "${PROJECT_SOURCE_DIR}")
endif()
scaleboard_check_layers("${LAYER_ROOT}")
