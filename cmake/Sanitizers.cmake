# NMSHD_SANITIZE: semicolon list, e.g. "address;undefined" or "thread".
set(NMSHD_SANITIZE "" CACHE STRING "Sanitizers to build with")
if(NMSHD_SANITIZE)
  list(JOIN NMSHD_SANITIZE "," _nmshd_san)
  add_compile_options(-fsanitize=${_nmshd_san} -fno-omit-frame-pointer -fno-sanitize-recover=all)
  add_link_options(-fsanitize=${_nmshd_san})
  if(CMAKE_CXX_COMPILER_ID STREQUAL "Clang" AND "undefined" IN_LIST NMSHD_SANITIZE)
    add_compile_options(-fno-sanitize=function)  # clang 14 + coroutines, llvm/llvm-project#49689
  endif()
endif()
