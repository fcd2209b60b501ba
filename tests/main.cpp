// Entry point of every <module>_tests executable (see tests/CMakeLists.txt).

#include "CppUTest/CommandLineTestRunner.h"
#include "CppUTest/MemoryLeakWarningPlugin.h"

int main(int argc, char** argv) {
  // Fiber stacks and per-execution arenas are pooled and outlive single tests, so CppUTest's
  // per-test new/delete leak accounting would report false leaks: turn it off for the whole run.
  MemoryLeakWarningPlugin::turnOffNewDeleteOverloads();
  return CommandLineTestRunner::RunAllTests(argc, argv);
}
