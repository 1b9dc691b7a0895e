# allot_component(NAME <name> SOURCES <files...> DEPS <targets...>)
#
# Declares one engine component as the static library `allot_<name>` with the
# alias `allot::<name>`, the public headers of engine/include, and an export
# name so that an installed Allot offers the same `allot::<name>` target.
function(allot_component)
  cmake_parse_arguments(ARG "" "NAME" "SOURCES;DEPS" ${ARGN})
  set(target allot_${ARG_NAME})
  add_library(${target} STATIC ${ARG_SOURCES})
  add_library(allot::${ARG_NAME} ALIAS ${target})
  set_target_properties(${target} PROPERTIES EXPORT_NAME ${ARG_NAME})
  target_include_directories(${target}
    PUBLIC
      $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/engine/include>
      $<INSTALL_INTERFACE:include>
    PRIVATE
      ${PROJECT_SOURCE_DIR}/engine/src)
  target_compile_options(${target} PRIVATE -Wall -Wextra)
  target_link_libraries(${target} PUBLIC ${ARG_DEPS})
  set_property(GLOBAL APPEND PROPERTY ALLOT_COMPONENTS ${target})
endfunction()
