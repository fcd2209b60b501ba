#include "model/use_count.h"

#include <string>

#include "scheduler/facade.h"

namespace resvcheck::model {

void UseCount::set(uint32_t v) {
  if (saturated_) return;
  const uint32_t before = value_;
  value_ = v;
  moved(before);
}

void UseCount::inc() {
  if (saturated_) return;
  ++value_;
  moved(value_ - 1);
}

bool UseCount::inc_not_zero() {
  if (saturated_) return true;
  if (value_ == 0) return false;
  ++value_;
  moved(value_ - 1);
  return true;
}

bool UseCount::dec_not_one(std::string_view where) {
  if (saturated_) return true;
  if (value_ == 1) return false;
  if (value_ == 0) {
    underflow(where);
    return true;
  }
  --value_;
  moved(value_ + 1);
  return true;
}

bool UseCount::dec_and_test(std::string_view where) {
  if (saturated_) return false;
  if (value_ > 0) {
    --value_;
    moved(value_ + 1);
    return value_ == 0;
  }
  underflow(where);
  return false;
}

void UseCount::moved(uint32_t before) const {
  if (before == value_ || !sched::recording()) return;
  sched::note(std::string(owner_) + "." + std::string(name_) + " " + std::to_string(before) +
              " -> " + std::to_string(value_));
}

void UseCount::underflow(std::string_view where) {
  const std::string thread(sched::thread_name(sched::current_thread()));
  sched::report(
      sched::FindingKind::underflow,
      std::string(where) + ": " + std::string(name_) + " of '" + std::string(owner_) +
          "' decremented at 0" +
          (refcount_t_ ? " (refcount_t underflow; saturated)" : " (WARN_ON_ONCE)"),
      thread + ":" + std::string(where) + ":" + std::string(owner_) + "." + std::string(name_));
  saturated_ = refcount_t_;
  if (saturated_ && sched::recording())
    sched::note(std::string(owner_) + "." + std::string(name_) + " saturated");
}

}  // namespace resvcheck::model
