#include "model/use_count.h"

#include <string>

#include "scheduler/facade.h"

namespace resvcheck::model {

bool UseCount::inc_not_zero() {
  if (saturated_) return true;
  if (value_ == 0) return false;
  ++value_;
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
  return true;
}

bool UseCount::dec_and_test(std::string_view where) {
  if (saturated_) return false;
  if (value_ > 0) return --value_ == 0;
  underflow(where);
  return false;
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
}

}  // namespace resvcheck::model
