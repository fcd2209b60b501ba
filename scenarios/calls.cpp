#include "scenarios/calls.h"

namespace resvcheck::scenarios {

std::optional<Call> parse_call(std::string_view name) {
  for (size_t i = 0; i < kCallNames.size(); ++i)
    if (kCallNames[i] == name) return static_cast<Call>(i);
  return std::nullopt;
}

bool call_modeled(Call c) {
  switch (c) {
    case Call::mutex_lock:
    case Call::mutex_lock_interruptible:
    case Call::mutex_trylock:
    case Call::mutex_unlock:
    case Call::return_:
      return true;
    default:
      return false;
  }
}

RetSet call_returns(Call c) {
  switch (c) {
    case Call::mutex_lock_interruptible:
      return {RetValue::zero, RetValue::eintr};
    case Call::mutex_trylock:
      return {RetValue::true_, RetValue::false_};
    default:  // the void calls: mutex_lock, mutex_unlock
      return {RetValue::zero};
  }
}

}  // namespace resvcheck::scenarios
