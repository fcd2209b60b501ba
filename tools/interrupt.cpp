#include "tools/interrupt.h"

#include <csignal>

namespace resvcheck::tools {
namespace {

std::atomic<bool> g_interrupted{false};
std::atomic<int> g_signal{0};
struct sigaction g_old_int, g_old_term;

void on_signal(int sig) {
  g_signal.store(sig);
  g_interrupted.store(true);
}

}  // namespace

InterruptGuard::InterruptGuard() {
  struct sigaction sa {};
  sa.sa_handler = on_signal;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, &g_old_int);
  sigaction(SIGTERM, &sa, &g_old_term);
}

InterruptGuard::~InterruptGuard() {
  sigaction(SIGINT, &g_old_int, nullptr);
  sigaction(SIGTERM, &g_old_term, nullptr);
}

const std::atomic<bool>& InterruptGuard::flag() { return g_interrupted; }

int InterruptGuard::exit_status() {
  const int sig = g_signal.load();
  return sig == 0 ? 0 : 128 + sig;
}

}  // namespace resvcheck::tools
