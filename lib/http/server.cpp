// The listening socket of an http::Server: accept connections (each on its own strand) and stop
// gracefully. The connections themselves are in connection.cpp.
#include <algorithm>
#include <cerrno>
#include <cstring>
#include <future>

#include <arpa/inet.h>
#include <fmt/format.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include "core/error.h"
#include "core/log.h"
#include "http/asio_detail.h"

namespace sls::http {

namespace {

// After a failed accept (out of file descriptors, say) wait this long before the next, so the
// loop does not spin while the condition lasts.
constexpr auto kAcceptRetryDelay = std::chrono::milliseconds(100);
// stop() waits this long for the acceptor to close; only a stopped EventLoop makes it wait.
constexpr auto kAcceptorCloseWait = std::chrono::seconds(2);
// Connections are swept for passed read and write deadlines this often (a quarter of the I/O
// timeout, within these bounds), so a deadline is kept to within that much.
constexpr auto kSweepMin = std::chrono::milliseconds(10);
constexpr auto kSweepMax = std::chrono::milliseconds(1000);

tcp::endpoint resolve_endpoint(net::io_context& ioc, const std::string& host, uint16_t port) {
  boost::system::error_code ec;
  const net::ip::address address = net::ip::make_address(host, ec);
  if (!ec) return {address, port};
  tcp::resolver resolver(ioc);
  const auto results = resolver.resolve(host, std::to_string(port), ec);
  if (ec || results.empty()) {
    throw Error(Errc::kIo, fmt::format("cannot resolve host {}: {}", host, ec.message()));
  }
  return results.begin()->endpoint();
}

// The acceptor and its strand. shared_ptr: pending accepts keep it alive (Asio lifetime).
class Listener : public std::enable_shared_from_this<Listener> {
 public:
  Listener(net::io_context& ioc, std::shared_ptr<detail::ServerState> state)
      : ioc_(ioc),
        strand_(net::make_strand(ioc)),
        acceptor_(strand_),
        retry_(strand_),
        sweep_timer_(strand_),
        state_(std::move(state)) {}

  // Throws Error{kIo}.
  uint16_t listen(const tcp::endpoint& at) {
    boost::system::error_code ec;
    acceptor_.open(at.protocol(), ec);
    if (!ec) acceptor_.set_option(net::socket_base::reuse_address(true), ec);
    if (!ec) acceptor_.bind(at, ec);
    if (!ec) acceptor_.listen(net::socket_base::max_listen_connections, ec);
    if (ec) {
      throw Error(Errc::kIo, fmt::format("cannot listen on {}:{}: {}", at.address().to_string(),
                                         at.port(), ec.message()));
    }
    return acceptor_.local_endpoint().port();
  }

  // Takes over a socket already listening (IPv4).
  uint16_t adopt(int fd) {
    boost::system::error_code ec;
    acceptor_.assign(tcp::v4(), fd, ec);
    if (ec) {
      ::close(fd);
      throw Error(Errc::kIo, fmt::format("cannot serve on a listening socket: {}", ec.message()));
    }
    return acceptor_.local_endpoint().port();
  }

  void accept() {
    Strand session_strand = net::make_strand(ioc_);
    acceptor_.async_accept(
        session_strand,
        net::bind_executor(strand_, [self = shared_from_this(), session_strand](
                                        boost::system::error_code ec, tcp::socket socket) {
          self->on_accept(ec, std::move(socket), session_strand);
        }));
  }

  // Closes the acceptor on its strand; returns when it is closed.
  void close() {
    auto done = std::make_shared<std::promise<void>>();
    std::future<void> closed = done->get_future();
    net::post(strand_, [self = shared_from_this(), done] {
      boost::system::error_code ignored;
      self->acceptor_.close(ignored);
      self->retry_.cancel();
      self->sweep_timer_.cancel();
      done->set_value();
    });
    closed.wait_for(kAcceptorCloseWait);
  }

 private:
  void on_accept(boost::system::error_code ec, tcp::socket socket, Strand session_strand) {
    if (!acceptor_.is_open() || ec == net::error::operation_aborted) return;
    if (ec) {
      sls::log::warn("accepting a connection failed: {}", ec.message());
      retry_.expires_after(kAcceptRetryDelay);
      retry_.async_wait([self = shared_from_this()](boost::system::error_code wait_ec) {
        if (!wait_ec) self->accept();
      });
      return;
    }
    boost::system::error_code ignored;
    socket.set_option(tcp::no_delay(true), ignored);  // small answers go out at once
    detail::start_session(std::move(socket), std::move(session_strand), state_);
    if (!sweeping_) {
      sweeping_ = true;
      schedule_sweep();
    }
    accept();
  }

  // Runs while connections live: every period, each is asked to close if its read or write
  // deadline has passed.
  void schedule_sweep() {
    const auto period =
        std::clamp<std::chrono::milliseconds>(state_->options.io_timeout / 4, kSweepMin, kSweepMax);
    sweep_timer_.expires_after(period);
    sweep_timer_.async_wait([self = shared_from_this()](boost::system::error_code ec) {
      if (ec || !self->acceptor_.is_open()) return;
      std::vector<std::shared_ptr<detail::Session>> live;
      {
        std::lock_guard lock(self->state_->mu);
        for (const auto& [key, weak] : self->state_->sessions) {
          if (auto s = weak.lock()) live.push_back(std::move(s));
        }
      }
      if (live.empty()) {
        self->sweeping_ = false;
        return;
      }
      const auto now = std::chrono::steady_clock::now();
      for (const auto& s : live) detail::sweep_session(s, now);
      self->schedule_sweep();
    });
  }

  net::io_context& ioc_;
  Strand strand_;
  tcp::acceptor acceptor_;
  net::steady_timer retry_;
  net::steady_timer sweep_timer_;
  bool sweeping_ = false;  // the sweep timer runs (on strand_)
  std::shared_ptr<detail::ServerState> state_;
};

}  // namespace

struct Server::Impl {
  // The shared state and the listener, not yet listening.
  static std::unique_ptr<Impl> make(EventLoop& loop, Handler handler, ServerOptions options);

  std::shared_ptr<detail::ServerState> state;
  std::shared_ptr<Listener> listener;
  uint16_t port = 0;
  std::mutex stop_mu;  // guards stopped; serializes stop()
  bool stopped = false;

  // Asks every live connection to finish; returns how many there were.
  size_t finish_all(bool force) {
    std::vector<std::shared_ptr<detail::Session>> live;
    {
      std::lock_guard lock(state->mu);
      live.reserve(state->sessions.size());
      for (const auto& [key, weak] : state->sessions) {
        if (auto s = weak.lock()) live.push_back(std::move(s));
      }
    }
    for (const auto& s : live) detail::finish_session(s, force);
    return live.size();
  }
};

std::unique_ptr<Server::Impl> Server::Impl::make(EventLoop& loop, Handler handler,
                                                 ServerOptions options) {
  auto impl = std::make_unique<Impl>();
  impl->state = std::make_shared<detail::ServerState>();
  impl->state->handler = std::move(handler);
  impl->state->options = options;
  impl->listener = std::make_shared<Listener>(io_context(loop), impl->state);
  return impl;
}

Server::Server(EventLoop& loop, const std::string& host, uint16_t port, Handler handler,
               ServerOptions options)
    : impl_(Impl::make(loop, std::move(handler), options)) {
  impl_->port = impl_->listener->listen(resolve_endpoint(io_context(loop), host, port));
  impl_->listener->accept();
}

Server::Server(EventLoop& loop, ListeningSocket socket, Handler handler, ServerOptions options)
    : impl_(Impl::make(loop, std::move(handler), options)) {
  impl_->port = impl_->listener->adopt(socket.release());
  impl_->listener->accept();
}

Server::~Server() { stop(); }

uint16_t Server::port() const { return impl_->port; }

void Server::stop() {
  std::lock_guard stop_lock(impl_->stop_mu);
  if (impl_->stopped) return;
  impl_->stopped = true;
  impl_->listener->close();
  detail::ServerState& state = *impl_->state;
  {
    std::lock_guard lock(state.mu);
    state.stopping = true;
  }
  impl_->finish_all(false);
  std::unique_lock lock(state.mu);
  const bool drained = state.cv.wait_for(lock, state.options.stop_grace, [&state] {
    return state.sessions.empty() && state.in_handler.load() == 0;
  });
  lock.unlock();
  if (!drained) {
    const size_t left = impl_->finish_all(true);
    if (left > 0) sls::log::debug("closed {} connections still busy at stop", left);
  }
  // A handler call that started before `stopping` was set may still be running; the handler's
  // captures must stay valid until it returns.
  lock.lock();
  state.cv.wait(lock, [&state] { return state.in_handler.load() == 0; });
}

// --- ListeningSocket ----------------------------------------------------------------------------

ListeningSocket ListeningSocket::loopback() {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) throw Error(Errc::kIo, fmt::format("socket: {}", std::strerror(errno)));
  sockaddr_in at{};
  at.sin_family = AF_INET;
  at.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t size = sizeof at;
  if (::bind(fd, reinterpret_cast<const sockaddr*>(&at), size) != 0 ||
      ::listen(fd, SOMAXCONN) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&at), &size) != 0) {
    const int err = errno;
    ::close(fd);
    throw Error(Errc::kIo, fmt::format("cannot listen on 127.0.0.1: {}", std::strerror(err)));
  }
  ListeningSocket s;
  s.fd_ = fd;
  s.port_ = ntohs(at.sin_port);
  return s;
}

ListeningSocket::~ListeningSocket() {
  if (fd_ >= 0) ::close(fd_);
}

ListeningSocket::ListeningSocket(ListeningSocket&& other) noexcept
    : fd_(std::exchange(other.fd_, -1)), port_(other.port_) {}

ListeningSocket& ListeningSocket::operator=(ListeningSocket&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = std::exchange(other.fd_, -1);
    port_ = other.port_;
  }
  return *this;
}

int ListeningSocket::release() { return std::exchange(fd_, -1); }

}  // namespace sls::http
