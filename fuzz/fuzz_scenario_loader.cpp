// libFuzzer target: scenarios::load_scenario on arbitrary bytes. Besides crashes, leaks and hangs
// (the sanitizers and libFuzzer's -timeout), it traps when the loader breaks its contract: a
// scenario and problems at once, nothing at all, or a nlohmann exception it had to catch (the
// "cannot read the scenario" fallback, which is always a loader bug).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz/fuzz_support.h"
#include "scenarios/scenario_loader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace resvcheck;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const scenarios::LoadResult r = scenarios::load_scenario(text);
  fuzz::check_problems(r.problems);
  if (r.skipped) {
    fuzz::require(!r.scenario && r.problems.empty(), "a skipped file has no scenario or problems");
  } else {
    fuzz::require(r.scenario.has_value() != !r.problems.empty(),
                  "exactly one of a scenario and problems");
  }
  if (r.scenario) fuzz::check_scenario(*r.scenario);
  return 0;
}
