// The one header that includes Boost.Asio/Beast, for .cpp files that need the raw io_context
// (lib/http's own, and later runtime/gateway timers and child watchers). Never include it from a
// public header. Everything here is compiled with BOOST_{ASIO,BEAST}_SEPARATE_COMPILATION, so
// Boost's own code lives once, in boost_src.cpp.
// Thread safety: as Asio's (an io_context is thread-safe; a strand serializes its handlers).
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>
#include <vector>

// GCC 12 reports "potential null pointer dereference" inside Asio once its code is inlined
// (io_context.hpp, scheduler.ipp): library code we cannot change. A late warning is judged by
// the pragmas in force where the flagged line is, so the push must enclose the includes.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wnull-dereference"
#include <boost/asio/bind_executor.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/bind_handler.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/basic_parser.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/status.hpp>
#pragma GCC diagnostic pop

#include "http/http.h"

namespace sls::http {

namespace net = boost::asio;
using tcp = net::ip::tcp;
using Strand = net::strand<net::io_context::executor_type>;

struct EventLoop::Impl {
  net::io_context ioc;
  std::optional<net::executor_work_guard<net::io_context::executor_type>> work;
  std::vector<std::thread> threads;  // touched only by the owner's thread (constructor, stop())

  // Signal waiting (catch_stop_signals / wait_for_stop_signal). mu guards signals, signal_number
  // and stopped.
  std::mutex mu;
  std::condition_variable cv;
  std::unique_ptr<net::signal_set> signals;
  int signal_number = 0;
  bool stopped = false;
};

// The loop's io_context, for code that needs raw Asio objects.
inline net::io_context& io_context(EventLoop& loop) { return loop.impl().ioc; }

namespace detail {

// What a Server shares with its connections; it outlives the Server while connections (and
// Responders held by slow handlers) remain.
struct ServerState {
  Handler handler;  // constant after construction
  ServerOptions options;

  // Live connections, so stop() can reach them. mu guards sessions (and is held while
  // `stopping` is set, so a session registers either before stop() looks or not at all).
  std::mutex mu;
  std::condition_variable cv;  // signalled when a session ends, or a handler call returns
                               // while stopping
  std::unordered_map<const Session*, std::weak_ptr<Session>> sessions;
  std::atomic<bool> stopping{false};  // no handler call starts once set
  std::atomic<int> in_handler{0};     // handler calls running now
};

// Starts serving one accepted connection. Requires: `socket`'s executor is `strand`.
void start_session(tcp::socket socket, Strand strand, std::shared_ptr<ServerState> state);

// Asks a connection to finish: idle ones close now, one with a reply in flight closes after
// writing it. `force` closes it whatever it is doing. Safe from any thread.
void finish_session(const std::shared_ptr<Session>& session, bool force);

// Closes the connection if its read or write has passed its deadline. Safe from any thread.
void sweep_session(const std::shared_ptr<Session>& session,
                   std::chrono::steady_clock::time_point now);

}  // namespace detail
}  // namespace sls::http
