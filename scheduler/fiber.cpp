// The one file that uses Boost.Context (fcontext: a bare register switch, no ucontext syscalls).
//
// Checkers: under AddressSanitizer every switch is announced (__sanitizer_start_switch_fiber
// before the jump, __sanitizer_finish_switch_fiber on arrival) so that ASan knows which stack is
// current, and a stack abandoned mid-run is unpoisoned before it is reused. Where
// <valgrind/valgrind.h> exists, every pooled stack is registered with Valgrind
// (VALGRIND_STACK_REGISTER; a no-op outside Valgrind) so memcheck follows the switches.
#include "scheduler/fiber.h"

#include <signal.h>
#include <sys/mman.h>
#include <unistd.h>

#include <boost/context/detail/fcontext.hpp>
#include <cstdint>
#include <cstdlib>
#include <new>

#if defined(__SANITIZE_ADDRESS__) || defined(RESVCHECK_SANITIZE_ADDRESS)
#define RESVCHECK_FIBER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define RESVCHECK_FIBER_ASAN 1
#endif
#endif
#ifndef RESVCHECK_FIBER_ASAN
#define RESVCHECK_FIBER_ASAN 0
#endif

#if RESVCHECK_FIBER_ASAN
#include <sanitizer/asan_interface.h>
#include <sanitizer/common_interface_defs.h>
#endif

#if __has_include(<valgrind/valgrind.h>)
#include <valgrind/valgrind.h>
#define RESVCHECK_FIBER_VALGRIND 1
#else
#define RESVCHECK_FIBER_VALGRIND 0
#endif

namespace resvcheck::sched {
namespace bctx = boost::context::detail;

namespace {

// The engine's context while a fiber runs, and the fiber running, per OS thread.
thread_local bctx::fcontext_t t_engine = nullptr;
thread_local Fiber* t_running = nullptr;

// Passed instead of a context switch result when the signal handler abandons an overflowed fiber.
void* const kOverflowMark = reinterpret_cast<void*>(uintptr_t{1});

struct sigaction g_previous_segv;

size_t page_size() {
  static const size_t size = static_cast<size_t>(sysconf(_SC_PAGESIZE));
  return size;
}

// ---- ASan fiber annotations (no-ops without ASan) ----------------------------------------------
// The engine's stack, as ASan reported it when a fiber last arrived from it.
thread_local const void* t_engine_stack_bottom = nullptr;
thread_local size_t t_engine_stack_size = 0;

// Before leaving the current stack for [bottom, bottom + size). fake_stack_save keeps the leaving
// side's fake stack for its return; nullptr when the leaving side is never resumed (a finished or
// overflowed fiber), which lets ASan free it.
inline void leaving(void** fake_stack_save, const void* bottom, size_t size) {
#if RESVCHECK_FIBER_ASAN
  __sanitizer_start_switch_fiber(fake_stack_save, bottom, size);
#else
  (void)fake_stack_save, (void)bottom, (void)size;
#endif
}

// On arrival, with what leaving() saved when this side left (nullptr the first time).
inline void arrived(void* fake_stack_save, const void** from_bottom, size_t* from_size) {
#if RESVCHECK_FIBER_ASAN
  __sanitizer_finish_switch_fiber(fake_stack_save, from_bottom, from_size);
#else
  (void)fake_stack_save, (void)from_bottom, (void)from_size;
#endif
}

// Fiber -> engine.
inline void leaving_for_engine(void** fake_stack_save) {
  leaving(fake_stack_save, t_engine_stack_bottom, t_engine_stack_size);
}

// On a fiber, after arriving from the engine: remember the engine's stack for the way back.
inline void arrived_from_engine(void* fake_stack_save) {
  arrived(fake_stack_save, &t_engine_stack_bottom, &t_engine_stack_size);
}

}  // namespace

// Gives the free functions below access to a fiber's internals.
struct FiberAccess {
  static bool in_guard(const Fiber* f, const char* addr) {
    return addr >= f->mapping_ && addr < f->mapping_ + f->guard_;
  }
  static void run(bctx::transfer_t from) {
    arrived_from_engine(nullptr);
    t_engine = from.fctx;
    auto* f = static_cast<Fiber*>(from.data);
    f->entry_(f->arg_);
    f->finished_ = true;
    leaving_for_engine(nullptr);  // never resumed: ASan may drop this fiber's fake stack
    bctx::jump_fcontext(t_engine, nullptr);
    std::abort();  // a finished fiber is never resumed
  }
};

namespace {

// A fault on the guard page of the running fiber: leave the fiber for good and resume the engine,
// which sees kOverflowMark. SA_NODEFER keeps SIGSEGV unblocked although the handler never returns.
// (Under ASan this handler replaces ASan's own, kept in g_previous_segv for the faults that are not
// ours; ASan allows it by default, allow_user_segv_handler=1.)
void on_segv(int sig, siginfo_t* info, void* ucontext) {
  Fiber* f = t_running;
  if (f != nullptr && FiberAccess::in_guard(f, static_cast<const char*>(info->si_addr))) {
    t_running = nullptr;
    leaving_for_engine(nullptr);  // the overflowed run is abandoned
    bctx::jump_fcontext(t_engine, kOverflowMark);
  }
  // Not ours: hand over to whatever was installed before (by default, crash here).
  sigaction(SIGSEGV, &g_previous_segv, nullptr);
  if ((g_previous_segv.sa_flags & SA_SIGINFO) && g_previous_segv.sa_sigaction != nullptr)
    g_previous_segv.sa_sigaction(sig, info, ucontext);
}

// The signal stack this file mapped for its OS thread, if it had to: unmapped when the thread
// ends (a thread that already had one, e.g. ASan's, keeps using it and it stays its owner's).
struct AltStack {
  static constexpr size_t kSize = 64 * 1024;
  void* mapping = nullptr;
  bool ready = false;
  ~AltStack() {
    if (mapping == nullptr) return;
    stack_t ss = {};
    ss.ss_flags = SS_DISABLE;
    sigaltstack(&ss, nullptr);
    munmap(mapping, kSize);
  }
};
thread_local AltStack t_altstack;

// The overflow handler needs a stack of its own on every OS thread that runs fibers.
void prepare_overflow_handler() {
  static const bool installed = [] {
    struct sigaction sa = {};
    sa.sa_sigaction = on_segv;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGSEGV, &sa, &g_previous_segv);
    return true;
  }();
  (void)installed;
  if (t_altstack.ready) return;
  stack_t current = {};
  if (sigaltstack(nullptr, &current) == 0 && !(current.ss_flags & SS_DISABLE) &&
      current.ss_size >= 16 * 1024) {
    t_altstack.ready = true;  // e.g. ASan's (use_sigaltstack=1), which it unmaps itself
    return;
  }
  void* p =
      mmap(nullptr, AltStack::kSize, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (p == MAP_FAILED) throw std::bad_alloc();
  stack_t ss = {};
  ss.ss_sp = p;
  ss.ss_size = AltStack::kSize;
  if (sigaltstack(&ss, nullptr) != 0) {
    munmap(p, AltStack::kSize);
    throw std::bad_alloc();
  }
  t_altstack.mapping = p;
  t_altstack.ready = true;
}

}  // namespace

Fiber::Fiber(char* mapping, size_t mapping_size, size_t guard)
    : mapping_(mapping), mapping_size_(mapping_size), guard_(guard) {
#if RESVCHECK_FIBER_VALGRIND
  valgrind_stack_id_ = VALGRIND_STACK_REGISTER(mapping_ + guard_, mapping_ + mapping_size_);
#endif
}

Fiber::~Fiber() {
#if RESVCHECK_FIBER_VALGRIND
  VALGRIND_STACK_DEREGISTER(valgrind_stack_id_);
#else
  (void)valgrind_stack_id_;
#endif
  munmap(mapping_, mapping_size_);
}

void Fiber::reset(Entry entry, void* arg) {
#if RESVCHECK_FIBER_ASAN
  // A run abandoned mid-way (suspended, or overflowed) left its frames' redzones poisoned in the
  // shadow memory; the next run would trip over them.
  if (!finished_) ASAN_UNPOISON_MEMORY_REGION(mapping_ + guard_, mapping_size_ - guard_);
#endif
  entry_ = entry;
  arg_ = arg;
  finished_ = false;
  context_ =
      bctx::make_fcontext(mapping_ + mapping_size_, mapping_size_ - guard_, FiberAccess::run);
}

bool Fiber::resume() {
  t_running = this;
  void* engine_fake_stack = nullptr;
  leaving(&engine_fake_stack, mapping_ + guard_, mapping_size_ - guard_);
  bctx::transfer_t t = bctx::jump_fcontext(context_, this);
  arrived(engine_fake_stack, nullptr, nullptr);
  t_running = nullptr;
  if (t.data == kOverflowMark) {
    context_ = nullptr;
    return false;
  }
  context_ = t.fctx;
  return true;
}

void Fiber::suspend() {
  void* fake_stack = nullptr;
  leaving_for_engine(&fake_stack);
  bctx::transfer_t t = bctx::jump_fcontext(t_engine, nullptr);
  arrived_from_engine(fake_stack);
  t_engine = t.fctx;
}

StackPool::StackPool(size_t stack_size) {
  const size_t page = page_size();
  stack_size_ = (stack_size + page - 1) / page * page;
  prepare_overflow_handler();
}

StackPool::~StackPool() = default;

Fiber* StackPool::acquire() {
  if (!free_.empty()) {
    Fiber* f = free_.back();
    free_.pop_back();
    return f;
  }
  const size_t guard = page_size();
  const size_t size = stack_size_ + guard;
  void* p = mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE,
                 -1, 0);
  if (p == MAP_FAILED) throw std::bad_alloc();
  auto* mapping = static_cast<char*>(p);
  if (mprotect(mapping, guard, PROT_NONE) != 0) {
    munmap(p, size);
    throw std::bad_alloc();
  }
  all_.push_back(std::unique_ptr<Fiber>(new Fiber(mapping, size, guard)));
  return all_.back().get();
}

void StackPool::release(Fiber* f) { free_.push_back(f); }

}  // namespace resvcheck::sched
