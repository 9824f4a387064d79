// The io threads of the process, and the SIGINT/SIGTERM wait that ends a serving command.
#include <csignal>
#include <exception>

#include "core/log.h"
#include "http/asio_detail.h"

namespace sls::http {

namespace {

// Runs the io_context until stop(). Handlers never throw by design (errors arrive as
// error_code); this catch is the last line, so one bug cannot take the whole server down.
void run_thread(net::io_context& ioc) {
  for (;;) {
    try {
      ioc.run();
      return;
    } catch (const std::exception& e) {
      sls::log::error("internal error on an io thread: {}", e.what());
    } catch (...) {
      sls::log::error("internal error on an io thread");
    }
  }
}

}  // namespace

EventLoop::EventLoop(int threads) : impl_(std::make_unique<Impl>()) {
  impl_->work.emplace(impl_->ioc.get_executor());
  const int n = threads < 1 ? 1 : threads;
  impl_->threads.reserve(static_cast<size_t>(n));
  for (int i = 0; i < n; ++i) impl_->threads.emplace_back(run_thread, std::ref(impl_->ioc));
}

EventLoop::~EventLoop() { stop(); }

int EventLoop::threads() const { return static_cast<int>(impl_->threads.size()); }

void EventLoop::post(std::function<void()> fn) {
  net::post(impl_->ioc, [fn = std::move(fn)] {
    try {
      fn();
    } catch (const std::exception& e) {
      sls::log::error("internal error in a posted task: {}", e.what());
    }
  });
}

void EventLoop::catch_stop_signals() {
  std::lock_guard lock(impl_->mu);
  if (impl_->signals) return;
  impl_->signals = std::make_unique<net::signal_set>(impl_->ioc, SIGINT, SIGTERM);
  impl_->signals->async_wait([impl = impl_.get()](const boost::system::error_code& ec, int sig) {
    if (ec) return;  // cancelled by stop()
    std::lock_guard inner(impl->mu);
    impl->signal_number = sig;
    impl->cv.notify_all();
  });
}

int EventLoop::wait_for_stop_signal() {
  catch_stop_signals();
  std::unique_lock lock(impl_->mu);
  impl_->cv.wait(lock, [this] { return impl_->signal_number != 0 || impl_->stopped; });
  return impl_->signal_number;
}

void EventLoop::stop() {
  {
    std::lock_guard lock(impl_->mu);
    if (impl_->stopped) return;
    impl_->stopped = true;
    if (impl_->signals) {
      boost::system::error_code ignored;
      impl_->signals->cancel(ignored);
    }
    impl_->cv.notify_all();
  }
  impl_->work.reset();
  impl_->ioc.stop();
  for (std::thread& t : impl_->threads) {
    if (t.joinable()) t.join();
  }
  impl_->threads.clear();
}

}  // namespace sls::http
