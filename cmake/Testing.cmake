include(GoogleTest)
# nmshd_test(name LABEL unit|interop|integration SOURCES ... DEPS ... [ENV k=v ...])
# PRE_TEST discovery: binaries are not run at build time (slow under sanitizers).
function(nmshd_test name)
  cmake_parse_arguments(ARG "" "LABEL" "SOURCES;DEPS;ENV" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE ${ARG_DEPS} GTest::gtest_main GTest::gmock)
  target_include_directories(${name} PRIVATE ${PROJECT_SOURCE_DIR}/tests)
  nmshd_set_warnings(${name})
  gtest_discover_tests(${name} DISCOVERY_MODE PRE_TEST
    PROPERTIES LABELS "${ARG_LABEL}" ENVIRONMENT "NMSHD_SOURCE_DIR=${PROJECT_SOURCE_DIR};${ARG_ENV}")
endfunction()
