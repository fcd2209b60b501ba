// A use count of the shmem object, with the guard behaviour of its kernel type:
//  - v6.4 .. v6.15: an unsigned int whose decrements are guarded by drm_WARN_ON_ONCE(!count):
//    a decrement at zero warns and changes nothing;
//  - v6.16: refcount_t: a decrement at zero warns ("refcount_t: underflow") and saturates the
//    count, after which it no longer moves.
// Both warnings are the `underflow` finding. The count is touched under the object's lock, except
// for v6.16's lockless pin fast paths, which make their own visible events.
#pragma once

#include <cstdint>
#include <string_view>

namespace resvcheck::model {

class UseCount {
 public:
  /// `owner` and `name` (which must outlive the execution) name it in messages.
  UseCount(std::string_view owner, std::string_view name, bool refcount_t)
      : owner_(owner), name_(name), refcount_t_(refcount_t) {}

  uint32_t value() const { return value_; }
  bool saturated() const { return saturated_; }
  /// refcount_read(c) != 0 (a saturated count is far from zero), or the int's != 0.
  bool nonzero() const { return saturated_ || value_ != 0; }
  void set(uint32_t v);
  void inc();
  /// refcount_inc_not_zero: increments unless zero; true on a saturated count, which stays.
  bool inc_not_zero();
  /// refcount_dec_not_one: decrements unless one; true on a saturated count; at zero, the
  /// underflow finding (for `where`) and true, without a change.
  bool dec_not_one(std::string_view where);
  /// Decrements; true when the count reached zero. At zero: the underflow finding (reported for
  /// the caller `where`) and the type's guard behaviour; returns false.
  bool dec_and_test(std::string_view where);

 private:
  void underflow(std::string_view where);
  /// A replay's note of the move from `before` (sched::note), if the count moved.
  void moved(uint32_t before) const;

  std::string_view owner_;
  std::string_view name_;
  bool refcount_t_;
  uint32_t value_ = 0;
  bool saturated_ = false;
};

}  // namespace resvcheck::model
