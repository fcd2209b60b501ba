#include "tools/check_progress.h"

#include <fmt/format.h>
#include <iostream>

namespace resvcheck::tools {

CheckProgress::CheckProgress(bool enabled, size_t total) : enabled_(enabled), total_(total) {}

void CheckProgress::start(const std::string& label, sched::Config& config) {
  ++started_;
  label_ = label;
  if (!enabled_) return;
  config.progress = &CheckProgress::on_executions;
  config.progress_arg = this;
  draw(0);
}

void CheckProgress::finish(uint64_t executions, size_t findings) {
  executions_before_ += executions;
  findings_ += findings;
}

void CheckProgress::done() {
  if (enabled_) std::cerr << "\r\033[K" << std::flush;
}

void CheckProgress::on_executions(uint64_t executions, void* self) {
  auto* p = static_cast<CheckProgress*>(self);
  // Redraw at most ten times a second.
  if (Clock::now() - p->last_draw_ >= std::chrono::milliseconds(100)) p->draw(executions);
}

void CheckProgress::draw(uint64_t executions) {
  last_draw_ = Clock::now();
  const double elapsed = std::chrono::duration<double>(last_draw_ - start_).count();
  const uint64_t all = executions_before_ + executions;
  const double rate = elapsed > 0 ? static_cast<double>(all) / elapsed : 0;
  std::cerr << fmt::format("\r\033[K[{}/{}] {}: {} executions ({:.0f}/s), {} findings, {:.1f} s",
                           started_, total_, label_, all, rate, findings_, elapsed)
            << std::flush;
}

}  // namespace resvcheck::tools
