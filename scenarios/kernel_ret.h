// Kernel return values as scenario values (scenario-format.md, "Ops", `ret`).
#pragma once

#include <cstdlib>

#include "model/errno.h"
#include "scenarios/ret_value.h"

namespace resvcheck::scenarios {

/// A kernel return code (0 or a negated errno the model returns).
inline RetValue from_errno(int ret) {
  switch (ret) {
    case 0:
      return RetValue::zero;
    case model::kEDEADLK:
      return RetValue::edeadlk;
    case model::kEALREADY:
      return RetValue::ealready;
    case model::kEINTR:
      return RetValue::eintr;
    case model::kENOMEM:
      return RetValue::enomem;
    case model::kEINVAL:
      return RetValue::einval;
    case model::kEIO:
      return RetValue::eio;
    default:
      std::abort();  // the model returns no other code
  }
}

inline RetValue from_bool(bool ret) { return ret ? RetValue::true_ : RetValue::false_; }

/// A fault handler's vm_fault_t: 0 or VM_FAULT_SIGBUS.
inline RetValue from_fault(int ret) {
  return ret == model::kVmFaultSigbus ? RetValue::sigbus : RetValue::zero;
}

}  // namespace resvcheck::scenarios
