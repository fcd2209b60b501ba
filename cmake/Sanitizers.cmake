# RESVCHECK_SANITIZE: a comma-separated -fsanitize= list applied to every target (compile and
# link), e.g. "address,undefined" (the `asan` preset in CMakePresets.json). Empty: no sanitizer.
# UBSan findings abort (-fno-sanitize-recover), so a test that hits one fails. The code can test
# RESVCHECK_SANITIZE_ADDRESS (defined with ASan), besides __SANITIZE_ADDRESS__ (gcc) and
# __has_feature(address_sanitizer) (clang).
set(RESVCHECK_SANITIZE "" CACHE STRING
    "Sanitizers to build with, as for -fsanitize= (e.g. address,undefined); empty for none")

if(NOT RESVCHECK_SANITIZE STREQUAL "")
  message(STATUS "resvcheck: sanitizers: ${RESVCHECK_SANITIZE}")
  set(_resvcheck_san_flags -fsanitize=${RESVCHECK_SANITIZE} -fno-omit-frame-pointer)
  if(RESVCHECK_SANITIZE MATCHES "undefined")
    list(APPEND _resvcheck_san_flags -fno-sanitize-recover=undefined)
  endif()
  add_compile_options(${_resvcheck_san_flags})
  add_link_options(${_resvcheck_san_flags})
  if(RESVCHECK_SANITIZE MATCHES "address")
    add_compile_definitions(RESVCHECK_SANITIZE_ADDRESS=1)
  endif()
  unset(_resvcheck_san_flags)
endif()
