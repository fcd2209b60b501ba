#include "model/kernel.h"

namespace resvcheck::model {

Kernel::Kernel(Version v, Injection inject)
    : version(v),
      inject(inject),
      reservation_class(lock_class::resv, lock_class::resv_acquire, /*wait_die=*/true),
      ww_class(lock_class::ww, lock_class::ww_acquire, /*wait_die=*/false) {}

}  // namespace resvcheck::model
