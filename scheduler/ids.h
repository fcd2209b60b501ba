// Dense identifiers the engine hands out: threads and shared objects, both in creation order.
#pragma once

#include <bit>
#include <cstdint>

namespace resvcheck::sched {

using ThreadId = uint8_t;
using ObjectId = uint32_t;

/// Thread slots per execution. Slot kSetupThread is reserved for the setup thread, so programs
/// may spawn up to kMaxThreads - 1 threads (the scenario format allows 8).
inline constexpr ThreadId kMaxThreads = 16;
inline constexpr ThreadId kSetupThread = kMaxThreads - 1;
inline constexpr ThreadId kNoThread = 0xff;

/// A set of thread slots as a bit mask.
class ThreadSet {
 public:
  constexpr ThreadSet() = default;
  constexpr explicit ThreadSet(uint32_t bits) : bits_(bits) {}
  /// False for kNoThread (and any id past the mask), which callers may ask about.
  constexpr bool contains(ThreadId t) const { return t < 32 && ((bits_ >> t) & 1u); }
  constexpr void insert(ThreadId t) { bits_ |= 1u << t; }
  constexpr void erase(ThreadId t) { bits_ &= ~(1u << t); }
  constexpr bool empty() const { return bits_ == 0; }
  constexpr int size() const { return std::popcount(bits_); }
  /// Lowest member; kNoThread when empty.
  constexpr ThreadId first() const {
    return bits_ ? static_cast<ThreadId>(std::countr_zero(bits_)) : kNoThread;
  }
  constexpr uint32_t bits() const { return bits_; }
  constexpr ThreadSet operator&(ThreadSet o) const { return ThreadSet(bits_ & o.bits_); }
  constexpr ThreadSet operator|(ThreadSet o) const { return ThreadSet(bits_ | o.bits_); }
  constexpr ThreadSet without(ThreadSet o) const { return ThreadSet(bits_ & ~o.bits_); }
  constexpr bool operator==(const ThreadSet&) const = default;

  /// Iterates the members in increasing order.
  class Iterator {
   public:
    constexpr explicit Iterator(uint32_t bits) : bits_(bits) {}
    constexpr ThreadId operator*() const { return static_cast<ThreadId>(std::countr_zero(bits_)); }
    constexpr Iterator& operator++() {
      bits_ &= bits_ - 1;
      return *this;
    }
    constexpr bool operator!=(const Iterator& o) const { return bits_ != o.bits_; }

   private:
    uint32_t bits_;
  };
  constexpr Iterator begin() const { return Iterator(bits_); }
  constexpr Iterator end() const { return Iterator(0); }

 private:
  uint32_t bits_ = 0;
};

}  // namespace resvcheck::sched
