// The one file that uses Boost.Context (fcontext: a bare register switch, no ucontext syscalls).
#include "scheduler/fiber.h"

#include <signal.h>
#include <sys/mman.h>
#include <unistd.h>

#include <boost/context/detail/fcontext.hpp>
#include <cstdint>
#include <cstdlib>
#include <new>

namespace resvcheck::sched {
namespace bctx = boost::context::detail;

namespace {

// The engine's context while a fiber runs, and the fiber running, per OS thread.
thread_local bctx::fcontext_t t_engine = nullptr;
thread_local Fiber* t_running = nullptr;

// Passed instead of a context switch result when the signal handler abandons an overflowed fiber.
void* const kOverflowMark = reinterpret_cast<void*>(uintptr_t{1});

struct sigaction g_previous_segv;
thread_local bool t_altstack_ready = false;

size_t page_size() {
  static const size_t size = static_cast<size_t>(sysconf(_SC_PAGESIZE));
  return size;
}

}  // namespace

// Gives the free functions below access to a fiber's internals.
struct FiberAccess {
  static bool in_guard(const Fiber* f, const char* addr) {
    return addr >= f->mapping_ && addr < f->mapping_ + f->guard_;
  }
  static void run(bctx::transfer_t from) {
    t_engine = from.fctx;
    auto* f = static_cast<Fiber*>(from.data);
    f->entry_(f->arg_);
    f->finished_ = true;
    bctx::jump_fcontext(t_engine, nullptr);
    std::abort();  // a finished fiber is never resumed
  }
};

namespace {

// A fault on the guard page of the running fiber: leave the fiber for good and resume the engine,
// which sees kOverflowMark. SA_NODEFER keeps SIGSEGV unblocked although the handler never returns.
void on_segv(int sig, siginfo_t* info, void* ucontext) {
  Fiber* f = t_running;
  if (f != nullptr && FiberAccess::in_guard(f, static_cast<const char*>(info->si_addr))) {
    t_running = nullptr;
    bctx::jump_fcontext(t_engine, kOverflowMark);
  }
  // Not ours: hand over to whatever was installed before (by default, crash here).
  sigaction(SIGSEGV, &g_previous_segv, nullptr);
  if ((g_previous_segv.sa_flags & SA_SIGINFO) && g_previous_segv.sa_sigaction != nullptr)
    g_previous_segv.sa_sigaction(sig, info, ucontext);
}

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
  if (t_altstack_ready) return;
  static constexpr size_t kAltStackSize = 64 * 1024;
  stack_t ss = {};
  ss.ss_sp = std::malloc(kAltStackSize);  // lives as long as the OS thread
  ss.ss_size = kAltStackSize;
  if (ss.ss_sp == nullptr || sigaltstack(&ss, nullptr) != 0) throw std::bad_alloc();
  t_altstack_ready = true;
}

}  // namespace

Fiber::Fiber(char* mapping, size_t mapping_size, size_t guard)
    : mapping_(mapping), mapping_size_(mapping_size), guard_(guard) {}

Fiber::~Fiber() { munmap(mapping_, mapping_size_); }

void Fiber::reset(Entry entry, void* arg) {
  entry_ = entry;
  arg_ = arg;
  finished_ = false;
  context_ =
      bctx::make_fcontext(mapping_ + mapping_size_, mapping_size_ - guard_, FiberAccess::run);
}

bool Fiber::resume() {
  t_running = this;
  bctx::transfer_t t = bctx::jump_fcontext(context_, this);
  t_running = nullptr;
  if (t.data == kOverflowMark) {
    context_ = nullptr;
    return false;
  }
  context_ = t.fctx;
  return true;
}

void Fiber::suspend() {
  bctx::transfer_t t = bctx::jump_fcontext(t_engine, nullptr);
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
