#include "tools/check_progress.h"

#include <fmt/format.h>
#include <iostream>

namespace resvcheck::tools {

CheckProgress::CheckProgress(bool enabled, size_t total, size_t workers)
    : enabled_(enabled), total_(total) {
  for (size_t i = 0; i < workers; ++i) {
    slots_.push_back(std::make_unique<Slot>());
    slots_.back()->owner = this;
  }
}

void CheckProgress::start(size_t worker, const std::string& label, sched::Config& config) {
  if (!enabled_) return;
  Slot& slot = *slots_[worker];
  slot.executions = 0;
  config.progress = &CheckProgress::on_executions;
  config.progress_arg = &slot;
  const std::lock_guard lock(mutex_);
  ++started_;
  label_ = label;
  last_draw_ = {};  // a new label is worth a redraw
  draw_if_due();
}

void CheckProgress::finish(size_t worker, uint64_t executions, size_t findings) {
  if (!enabled_) return;
  const std::lock_guard lock(mutex_);
  slots_[worker]->executions = 0;
  executions_done_ += executions;
  findings_ += findings;
}

void CheckProgress::done() {
  if (enabled_) std::cerr << "\r\033[K" << std::flush;
}

void CheckProgress::on_executions(uint64_t executions, void* slot) {
  auto* s = static_cast<Slot*>(slot);
  s->executions = executions;
  const std::lock_guard lock(s->owner->mutex_);
  s->owner->draw_if_due();
}

void CheckProgress::draw_if_due() {
  const Clock::time_point now = Clock::now();
  if (now - last_draw_ < std::chrono::milliseconds(100)) return;  // ten redraws a second at most
  last_draw_ = now;
  uint64_t all = executions_done_;
  for (const auto& s : slots_) all += s->executions;
  const double elapsed = std::chrono::duration<double>(now - start_).count();
  const double rate = elapsed > 0 ? static_cast<double>(all) / elapsed : 0;
  std::cerr << fmt::format("\r\033[K[{}/{}] {}: {} executions ({:.0f}/s), {} findings, {:.1f} s",
                           started_, total_, label_, all, rate, findings_, elapsed)
            << std::flush;
}

}  // namespace resvcheck::tools
