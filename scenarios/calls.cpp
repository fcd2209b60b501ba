#include "scenarios/calls.h"

namespace resvcheck::scenarios {

std::optional<Call> parse_call(std::string_view name) {
  for (size_t i = 0; i < kCallNames.size(); ++i)
    if (kCallNames[i] == name) return static_cast<Call>(i);
  return std::nullopt;
}

bool call_modeled(Call c) {
  switch (c) {
    case Call::dma_resv_lock:
    case Call::dma_resv_lock_interruptible:
    case Call::dma_resv_lock_slow:
    case Call::dma_resv_trylock:
    case Call::dma_resv_unlock:
    case Call::dma_resv_assert_held:
    case Call::ww_acquire_init:
    case Call::ww_acquire_done:
    case Call::ww_acquire_fini:
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
    case Call::dma_resv_lock:  // ww_mutex_lock
      return {RetValue::zero, RetValue::edeadlk, RetValue::ealready};
    case Call::dma_resv_lock_interruptible:  // ww_mutex_lock_interruptible
      return {RetValue::zero, RetValue::edeadlk, RetValue::ealready, RetValue::eintr};
    case Call::mutex_lock_interruptible:
      return {RetValue::zero, RetValue::eintr};
    case Call::dma_resv_trylock:
    case Call::mutex_trylock:
      return {RetValue::true_, RetValue::false_};
    default:  // the void calls: dma_resv_lock_slow, _unlock, _assert_held, ww_acquire_*, mutex_*
      return {RetValue::zero};
  }
}

}  // namespace resvcheck::scenarios
