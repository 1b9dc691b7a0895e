# Installs the components, the public headers, the `allot` command and an
# exported CMake package: another project writes
#   find_package(allot REQUIRED)
#   target_link_libraries(app PRIVATE allot::engine)
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

get_property(allot_components GLOBAL PROPERTY ALLOT_COMPONENTS)
install(TARGETS ${allot_components} allot_engine EXPORT allotTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR})
install(TARGETS allot RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/engine/include/allot
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(EXPORT allotTargets NAMESPACE allot::
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/allot)
configure_package_config_file(${CMAKE_CURRENT_LIST_DIR}/allotConfig.cmake.in
  ${CMAKE_BINARY_DIR}/allotConfig.cmake
  INSTALL_DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/allot)
write_basic_package_version_file(${CMAKE_BINARY_DIR}/allotConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES ${CMAKE_BINARY_DIR}/allotConfig.cmake ${CMAKE_BINARY_DIR}/allotConfigVersion.cmake
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/allot)
