#include "traces/perfetto.h"

#include <map>
#include <set>

namespace resvcheck::traces {
namespace {

constexpr uint64_t kStepUs = 1000;  // one step is drawn as one millisecond

struct ThreadTrack {
  int tid = 0;
  std::string call;  // the open call slice, if any
  uint64_t call_start = 0;
  std::set<std::string> held;
};

std::string str(const OrderedJson& j, const char* key) {
  const auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

std::string perfetto_json(const Trace& trace, const OrderedJson& steps) {
  OrderedJson events = OrderedJson::array();
  events.push_back(
      {{"name", "process_name"},
       {"ph", "M"},
       {"pid", 1},
       {"args",
        {{"name", trace.scenario.name + " " + std::string(model::version_name(trace.version))}}}});
  std::map<std::string, ThreadTrack> tracks;
  const auto track = [&](const std::string& name) -> ThreadTrack& {
    auto [it, added] = tracks.try_emplace(name);
    if (added) {
      it->second.tid = static_cast<int>(tracks.size());
      events.push_back({{"name", "thread_name"},
                        {"ph", "M"},
                        {"pid", 1},
                        {"tid", it->second.tid},
                        {"args", {{"name", name}}}});
      events.push_back({{"name", "thread_sort_index"},
                        {"ph", "M"},
                        {"pid", 1},
                        {"tid", it->second.tid},
                        {"args", {{"sort_index", it->second.tid}}}});
    }
    return it->second;
  };
  const auto close_call = [&](ThreadTrack& t, uint64_t end) {
    if (t.call.empty()) return;
    events.push_back({{"name", t.call},
                      {"cat", "call"},
                      {"ph", "X"},
                      {"pid", 1},
                      {"tid", t.tid},
                      {"ts", t.call_start},
                      {"dur", end - t.call_start}});
    t.call.clear();
  };
  const auto lock_event = [&](const ThreadTrack& t, const std::string& lock, const char* phase,
                              uint64_t ts) {
    events.push_back({{"name", lock},
                      {"cat", "lock"},
                      {"ph", phase},
                      {"pid", 1},
                      {"tid", t.tid},
                      {"id", std::to_string(t.tid) + ":" + lock},
                      {"ts", ts}});
  };

  uint64_t end = 0;
  for (const OrderedJson& s : steps) {
    const uint64_t step = s.value("step", uint64_t{0});
    const uint64_t ts = step * kStepUs;
    end = ts + kStepUs;
    ThreadTrack& t = track(str(s, "thread"));
    const std::string call = str(s, "call");
    if (call != t.call) {
      close_call(t, ts);
      t.call = call;
      t.call_start = ts;
    }
    events.push_back({{"name", str(s, "event")},
                      {"cat", "step"},
                      {"ph", "X"},
                      {"pid", 1},
                      {"tid", t.tid},
                      {"ts", ts},
                      {"dur", kStepUs},
                      {"args", {{"step", step}, {"detail", str(s, "detail")}}}});
    std::set<std::string> held;
    if (s.contains("held") && s["held"].is_array())
      for (const OrderedJson& lock : s["held"])
        if (lock.is_string()) held.insert(lock.get<std::string>());
    // A lock taken or dropped during a step changes hands in its middle.
    for (const std::string& lock : t.held)
      if (!held.count(lock)) lock_event(t, lock, "e", ts + kStepUs / 2);
    for (const std::string& lock : held)
      if (!t.held.count(lock)) lock_event(t, lock, "b", ts + kStepUs / 2);
    t.held = std::move(held);
  }
  for (auto& [name, t] : tracks) {
    close_call(t, end);
    for (const std::string& lock : t.held) lock_event(t, lock, "e", end);
  }
  events.push_back({{"name", std::string(sched::finding_kind_name(trace.kind))},
                    {"cat", "finding"},
                    {"ph", "i"},
                    {"s", "g"},
                    {"pid", 1},
                    {"tid", 0},
                    {"ts", uint64_t{trace.step} * kStepUs + kStepUs / 2},
                    {"args", {{"message", trace.message}}}});
  const OrderedJson doc = {{"traceEvents", events}, {"displayTimeUnit", "ms"}};
  return doc.dump(1) + "\n";
}

}  // namespace resvcheck::traces
