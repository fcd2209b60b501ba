#include "scheduler/normal_form.h"

#include <array>
#include <vector>

namespace resvcheck::sched {

Schedule normal_form(const Trace& trace) {
  const std::vector<TraceEvent>& ev = trace.events;
  // Split the schedule: values chosen before the first step, and the values of each step.
  Schedule out;
  std::vector<std::vector<Decision>> values(ev.size());
  int64_t step = -1;
  for (const Decision& d : trace.schedule) {
    if (d.kind == Decision::Kind::thread)
      ++step;
    else if (step < 0)
      out.push_back(d);
    else
      values[static_cast<size_t>(step)].push_back(d);
  }
  std::array<std::vector<uint32_t>, kMaxThreads> by_thread;
  for (uint32_t i = 0; i < ev.size(); ++i) by_thread[ev[i].thread].push_back(i);
  std::array<uint32_t, kMaxThreads> emitted{};
  for (size_t k = 0; k < ev.size(); ++k) {
    for (ThreadId t = 0; t < kMaxThreads; ++t) {
      if (emitted[t] >= by_thread[t].size()) continue;
      const uint32_t i = by_thread[t][emitted[t]];
      bool ready = true;
      for (ThreadId u = 0; u < kMaxThreads && ready; ++u)
        ready = u == t || ev[i].clock.at[u] <= emitted[u];
      if (!ready) continue;
      ++emitted[t];
      out.push_back(Decision::thread(t));
      out.insert(out.end(), values[i].begin(), values[i].end());
      break;
    }
  }
  return out;
}

}  // namespace resvcheck::sched
