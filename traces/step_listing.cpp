#include "traces/step_listing.h"

#include <algorithm>
#include <fmt/format.h>
#include <fmt/ranges.h>

namespace resvcheck::traces {
namespace {

std::string text(const OrderedJson& step, const char* key) {
  const auto it = step.find(key);
  return it != step.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::string held_text(const OrderedJson& step) {
  std::string out;
  const auto it = step.find("held");
  if (it != step.end() && it->is_array())
    for (const OrderedJson& lock : *it)
      if (lock.is_string()) out += (out.empty() ? "" : ", ") + lock.get<std::string>();
  return out.empty() ? "nothing" : out;
}

std::string thread_text(const OrderedJson& step) {
  const bool setup = step.value("setup", false);
  return text(step, "thread") + (setup ? " (setup)" : "");
}

}  // namespace

std::string step_listing(const OrderedJson& steps) {
  size_t thread_width = 0, call_width = 0, event_width = 0;
  for (const OrderedJson& s : steps) {
    thread_width = std::max(thread_width, thread_text(s).size());
    call_width = std::max(call_width, text(s, "call").size());
    event_width = std::max(event_width, text(s, "event").size());
  }
  std::string out;
  for (const OrderedJson& s : steps) {
    const std::string detail = text(s, "detail");
    std::string line = fmt::format("{:>5}  {:<{}}  {:<{}}  {:<{}}  {}", s.value("step", 0),
                                   thread_text(s), thread_width, text(s, "call"), call_width,
                                   text(s, "event"), event_width, detail);
    line.erase(line.find_last_not_of(' ') + 1);
    out += line + "\n" + std::string(9 + thread_width, ' ') + "held: " + held_text(s) + "\n";
  }
  return out;
}

std::string thread_view_text(std::string_view thread, const sched::ThreadView& view) {
  return fmt::format(
      "thread '{}': {}  holding: {}", thread,
      view.calls.empty() ? "(between calls)" : fmt::format("{}", fmt::join(view.calls, " > ")),
      view.held.empty() ? "nothing" : fmt::format("{}", fmt::join(view.held, ", ")));
}

}  // namespace resvcheck::traces
