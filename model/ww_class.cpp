#include "model/ww_class.h"

#include "scheduler/facade.h"

namespace resvcheck::model {

WwClass::WwClass(std::string_view mutex_class, std::string_view acquire_class, bool wait_die)
    : mutex_class(mutex_class),
      acquire_class(acquire_class),
      wait_die(wait_die),
      object(sched::new_object(mutex_class)) {}

}  // namespace resvcheck::model
