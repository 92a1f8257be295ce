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
  nmshd_discover_tests(${name} LABELS ${ARG_LABEL} FIXTURES ${ARG_FIXTURES} TIMEOUT ${ARG_TIMEOUT}
    ENVIRONMENT "NMSHD_SOURCE_DIR=${PROJECT_SOURCE_DIR}" "NMSHD_BINARY_DIR=${PROJECT_BINARY_DIR}" ${ARG_ENV})
endfunction()

# nmshd_discover_tests(target [TEST_PREFIX p] [LABELS ...] [ENVIRONMENT k=v ...] [FIXTURES ...]
#                      [TIMEOUT seconds] [TEST_FILTER gtest-filter])
# gtest_discover_tests(PROPERTIES ...) flattens list-valued properties: two ENVIRONMENT entries,
# two LABELS or two FIXTURES turn into wrong name/value pairs, and every property after them is
# lost. So discovery only records the test names (TEST_LIST) and a second include file, run by
# ctest right after the discovered tests are defined, sets the properties with proper lists.
# May be called several times for one target with different TEST_PREFIXes (e.g. "pg." variants
# of the same binary with another ENVIRONMENT).
function(nmshd_discover_tests target)
  cmake_parse_arguments(ARG "" "TEST_PREFIX;TIMEOUT;TEST_FILTER" "LABELS;ENVIRONMENT;FIXTURES" ${ARGN})
  string(MAKE_C_IDENTIFIER "${target}_${ARG_TEST_PREFIX}TESTS" _list)
  set(_discover_args DISCOVERY_MODE PRE_TEST TEST_LIST ${_list})
  if(ARG_TEST_PREFIX)
    list(APPEND _discover_args TEST_PREFIX "${ARG_TEST_PREFIX}")
  endif()
  if(ARG_TEST_FILTER)
    # a gtest filter (--gtest_filter syntax) choosing which of the target's tests this variant runs
    list(APPEND _discover_args TEST_FILTER "${ARG_TEST_FILTER}")
  endif()
  gtest_discover_tests(${target} ${_discover_args})
  set(_props "")
  if(ARG_LABELS)
    string(APPEND _props " LABELS [==[${ARG_LABELS}]==]")
  endif()
  if(ARG_ENVIRONMENT)
    string(APPEND _props " ENVIRONMENT [==[${ARG_ENVIRONMENT}]==]")
  endif()
  if(ARG_FIXTURES)
    string(APPEND _props " FIXTURES_REQUIRED [==[${ARG_FIXTURES}]==]")
  endif()
  if(ARG_TIMEOUT)
    string(APPEND _props " TIMEOUT ${ARG_TIMEOUT}")
  endif()
  if(_props)
    set(_script "${CMAKE_CURRENT_BINARY_DIR}/${_list}_properties.cmake")
    file(WRITE "${_script}" "if(${_list})\n  set_tests_properties(\${${_list}} PROPERTIES${_props})\nendif()\n")
    set_property(DIRECTORY APPEND PROPERTY TEST_INCLUDE_FILES "${_script}")
  endif()
endfunction()
