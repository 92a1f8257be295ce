include(GoogleTest)
# nmshd_test(name LABEL unit|interop|integration SOURCES ... DEPS ... [ENV k=v ...]
#            [FIXTURES npm pg ...] [TIMEOUT seconds])
# PRE_TEST discovery: binaries are not run at build time (slow under sanitizers).
# FIXTURES names ctest fixtures from tests/CMakeLists.txt (npm: the official npm packages are
# installed; pg: a PostgreSQL server runs, its URI in ${NMSHD_PG_DIR}/uri).
function(nmshd_test name)
  cmake_parse_arguments(ARG "" "LABEL;TIMEOUT" "SOURCES;DEPS;ENV;FIXTURES" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE ${ARG_DEPS} GTest::gtest_main GTest::gmock)
  target_include_directories(${name} PRIVATE ${PROJECT_SOURCE_DIR}/tests)
  nmshd_set_warnings(${name})
  set(_props LABELS "${ARG_LABEL}"
      ENVIRONMENT "NMSHD_SOURCE_DIR=${PROJECT_SOURCE_DIR};NMSHD_BINARY_DIR=${PROJECT_BINARY_DIR};${ARG_ENV}")
  if(ARG_FIXTURES)
    list(APPEND _props FIXTURES_REQUIRED "${ARG_FIXTURES}")
  endif()
  if(ARG_TIMEOUT)
    list(APPEND _props TIMEOUT ${ARG_TIMEOUT})
  endif()
  gtest_discover_tests(${name} DISCOVERY_MODE PRE_TEST PROPERTIES ${_props})
endfunction()
