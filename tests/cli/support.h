// Helpers shared by the tests/cli suites, which run the built binary (RESVCHECK_BINARY): reading
// and writing files, a run of the binary with its output captured, and a fixture base that gives
// each test a fresh scratch folder. Include after the STL headers; it includes CppUTest itself.
#pragma once

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include "CppUTest/TestHarness.h"

namespace resvcheck::cli_test {

namespace fs = std::filesystem;

/// The whole of file `p`, byte for byte ("" when it cannot be read).
inline std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

/// Writes `text` to file `p`, replacing what was there.
inline void write(const fs::path& p, const std::string& text) { std::ofstream(p) << text; }

/// The exit status in a wait status (of std::system, pclose or waitpid); -1 when the child did not
/// exit (killed by a signal).
inline int exit_status(int raw) { return WIFEXITED(raw) ? WEXITSTATUS(raw) : -1; }

/// Runs `resvcheck ARGS` through the shell, sets `*status` to its exit status and returns what it
/// wrote to stdout. ARGS may redirect: "... 2>&1" captures stderr too.
inline std::string output_of(const std::string& args, int* status) {
  const std::string cmd = std::string(RESVCHECK_BINARY) + " " + args;
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(cmd.c_str(), "r"), pclose);
  std::string out;
  char buf[4096];
  while (size_t n = fread(buf, 1, sizeof buf, pipe.get())) out.append(buf, n);
  *status = exit_status(pclose(pipe.release()));
  return out;
}

/// output_of with stderr merged into stdout.
inline std::string merged_output_of(const std::string& args, int* status) {
  return output_of(args + " 2>&1", status);
}

/// What one run of the binary did: its exit status (-1: no exit) and its stdout and stderr.
struct Run {
  int status = -1;
  std::string out, err;
};

/// The fixture base of a suite that runs the binary: `TEST_GROUP_BASE(Group, BinaryTest)`. Each
/// test gets `dir`, a fresh empty folder ($TMPDIR/resvcheck-Group-PID) removed after it. A group
/// that overrides setup() or teardown() calls BinaryTest's first. No member may be named `run`
/// (that is Utest::run). clang-format 14 takes a TEST_GROUP_BASE body that starts with a member
/// function for a function body and mangles it: wrap such a group in `// clang-format off`/`on`.
class BinaryTest : public Utest {
 public:
  fs::path dir;

  void setup() override {
    dir = fs::temp_directory_path() /
          ("resvcheck-" + std::string(UtestShell::getCurrent()->getGroup().asCharString()) + "-" +
           std::to_string(getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
  }
  void teardown() override { fs::remove_all(dir); }

  /// Runs `ENV resvcheck ARGS` through the shell (ENV: variable assignments, or a command such as
  /// `env -u NAME`; none by default) with stdout to dir/out and stderr to dir/err, and returns its
  /// exit status and both outputs.
  Run resvcheck(const std::string& args, const std::string& env = "") {
    const std::string cmd = (env.empty() ? "" : env + " ") + RESVCHECK_BINARY + " " + args + " >" +
                            (dir / "out").string() + " 2>" + (dir / "err").string();
    const int status = exit_status(std::system(cmd.c_str()));
    return {status, read(dir / "out"), read(dir / "err")};
  }
};

}  // namespace resvcheck::cli_test
