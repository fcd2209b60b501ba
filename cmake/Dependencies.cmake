# Third-party dependencies, all from Debian 12 packages (see tools/setup.sh):
#   libboost-context-dev  nlohmann-json3-dev  libcli11-dev  libfmt-dev  libcpputest-dev
# Every dependency ends up as an imported target:
#   Boost::context  nlohmann_json::nlohmann_json  CLI11::CLI11  fmt::fmt
#   CppUTest::CppUTest  CppUTest::CppUTestExt  (only when RESVCHECK_BUILD_TESTS)  Threads::Threads

find_package(Threads REQUIRED)

# Boost.Context: used by scheduler/fiber.cpp only.
find_package(Boost REQUIRED COMPONENTS context)

# nlohmann/json: used by scenarios/ and traces/ only.
find_package(nlohmann_json REQUIRED)

# fmt
find_package(fmt REQUIRED)

# CLI11 is header-only; Debian ships a CMake config, but fall back to the bare header.
find_package(CLI11 CONFIG QUIET)
if(NOT TARGET CLI11::CLI11)
  find_path(CLI11_INCLUDE_DIR NAMES CLI/CLI.hpp)
  if(NOT CLI11_INCLUDE_DIR)
    message(FATAL_ERROR "CLI11 not found (Debian: apt-get install libcli11-dev)")
  endif()
  add_library(CLI11::CLI11 INTERFACE IMPORTED)
  set_target_properties(CLI11::CLI11 PROPERTIES INTERFACE_INCLUDE_DIRECTORIES "${CLI11_INCLUDE_DIR}")
endif()

# CppUTest: Debian 12's CppUTestConfig.cmake is broken (it points at /usr/lib/include), so never
# find_package(CppUTest); locate the headers and static libraries directly.
if(RESVCHECK_BUILD_TESTS)
  find_path(CPPUTEST_INCLUDE_DIR NAMES CppUTest/TestHarness.h)
  find_library(CPPUTEST_LIBRARY NAMES CppUTest)
  find_library(CPPUTEST_EXT_LIBRARY NAMES CppUTestExt)
  if(NOT CPPUTEST_INCLUDE_DIR OR NOT CPPUTEST_LIBRARY OR NOT CPPUTEST_EXT_LIBRARY)
    message(FATAL_ERROR "CppUTest not found (Debian: apt-get install libcpputest-dev), "
                        "or configure with -DRESVCHECK_BUILD_TESTS=OFF")
  endif()
  if(NOT TARGET CppUTest::CppUTest)
    add_library(CppUTest::CppUTest UNKNOWN IMPORTED)
    set_target_properties(CppUTest::CppUTest PROPERTIES
      IMPORTED_LOCATION "${CPPUTEST_LIBRARY}"
      INTERFACE_INCLUDE_DIRECTORIES "${CPPUTEST_INCLUDE_DIR}"
      # No `#define new` / `#define malloc` leak-detection macros in our test code: they break
      # placement new and any header included after CppUTest's. Leak detection is off anyway
      # (tests/main.cpp), since fiber stacks and arenas are pooled across tests.
      INTERFACE_COMPILE_DEFINITIONS "CPPUTEST_MEM_LEAK_DETECTION_DISABLED")
  endif()
  if(NOT TARGET CppUTest::CppUTestExt)
    add_library(CppUTest::CppUTestExt UNKNOWN IMPORTED)
    set_target_properties(CppUTest::CppUTestExt PROPERTIES
      IMPORTED_LOCATION "${CPPUTEST_EXT_LIBRARY}"
      INTERFACE_LINK_LIBRARIES CppUTest::CppUTest)
  endif()
endif()
