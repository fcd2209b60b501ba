# resvcheck_library(<name> [PUBLIC deps...] [PRIVATE deps...])
#
# One static library per code folder, from every *.cpp directly in the calling folder (globbed
# with CONFIGURE_DEPENDS: adding or removing a file needs no CMake edit, the next build
# re-globs). Headers are included from the repository root: #include "scheduler/facade.h".
# A folder with no .cpp yet becomes an INTERFACE library carrying the same include directory
# and dependencies, so the folders above it still configure and build.
function(resvcheck_library name)
  cmake_parse_arguments(PARSE_ARGV 1 ARG "" "" "PUBLIC;PRIVATE")
  file(GLOB sources CONFIGURE_DEPENDS "${CMAKE_CURRENT_SOURCE_DIR}/*.cpp")
  if(sources)
    add_library(${name} STATIC ${sources})
    target_include_directories(${name} PUBLIC "${PROJECT_SOURCE_DIR}")
    target_link_libraries(${name} PUBLIC ${ARG_PUBLIC} PRIVATE ${ARG_PRIVATE})
  else()
    message(STATUS "resvcheck: no sources in ${CMAKE_CURRENT_SOURCE_DIR}; ${name} is header-only for now")
    add_library(${name} INTERFACE)
    target_include_directories(${name} INTERFACE "${PROJECT_SOURCE_DIR}")
    target_link_libraries(${name} INTERFACE ${ARG_PUBLIC} ${ARG_PRIVATE})
  endif()
endfunction()
