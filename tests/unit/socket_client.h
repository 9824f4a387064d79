// A plain POSIX-socket HTTP/1.1 client for tests of servers built on lib/http, so the tests do
// not share the server's HTTP code.
#pragma once

#include <string>
#include <string_view>
#include <utility>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

namespace sls::test {

// A connected client socket with a receive deadline, closed on destruction.
class Client {
 public:
  explicit Client(uint16_t port) : fd_(::socket(AF_INET, SOCK_STREAM, 0)) {
    timeval tv{.tv_sec = 10, .tv_usec = 0};
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  }
  ~Client() { ::close(fd_); }
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  bool connected() const { return connected_; }

  void send(std::string_view data) {
    while (!data.empty()) {
      const ssize_t n = ::send(fd_, data.data(), data.size(), MSG_NOSIGNAL);
      if (n <= 0) return;
      data.remove_prefix(static_cast<size_t>(n));
    }
  }

  // One response: the head up to the blank line, then Content-Length bytes of body. "" when the
  // connection closes (or the deadline passes) first.
  std::string response() {
    for (;;) {
      const size_t head_end = pending_.find("\r\n\r\n");
      if (head_end != std::string::npos) {
        const size_t body_bytes = content_length(pending_.substr(0, head_end));
        const size_t total = head_end + 4 + body_bytes;
        if (pending_.size() >= total) {
          std::string out = pending_.substr(0, total);
          pending_.erase(0, total);
          return out;
        }
      }
      if (!fill()) return "";
    }
  }

  // Everything received up to and including the first `end`. "" when the connection closes (or
  // the deadline passes) first.
  std::string read_until(std::string_view end) {
    size_t from = 0;  // what was searched already is not searched again (long streams)
    for (;;) {
      const size_t at = pending_.find(end, from);
      if (at != std::string::npos) {
        std::string out = pending_.substr(0, at + end.size());
        pending_.erase(0, at + end.size());
        return out;
      }
      from = pending_.size() >= end.size() ? pending_.size() - end.size() + 1 : 0;
      if (!fill()) return "";
    }
  }

  // Everything until the server closes the connection (or the deadline passes).
  std::string read_to_close() {
    while (fill()) {
    }
    return std::exchange(pending_, {});
  }

  // Closes the connection from this side now.
  void close() { ::shutdown(fd_, SHUT_RDWR); }

  // Whether the server closed the connection (read returns 0) before sending anything more.
  bool closed_by_server() {
    if (!pending_.empty()) return false;
    char c = 0;
    return ::recv(fd_, &c, 1, 0) == 0;
  }

 private:
  static size_t content_length(const std::string& head) {
    const size_t at = head.find("Content-Length: ");
    if (at == std::string::npos) return 0;
    return std::stoul(head.substr(at + 16));
  }

  bool fill() {
    char buf[16384];
    const ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
    if (n <= 0) return false;
    pending_.append(buf, static_cast<size_t>(n));
    return true;
  }

  int fd_;
  bool connected_ = false;
  std::string pending_;
};

// The response with its Date field's value replaced by "*" (it changes every second).
inline std::string without_date(std::string r) {
  const size_t at = r.find("Date: ");
  if (at == std::string::npos) return r;
  const size_t end = r.find("\r\n", at);
  return r.replace(at + 6, end - at - 6, "*");
}

// The body of a whole response text ("" when there is none).
inline std::string body_of(const std::string& response) {
  const size_t at = response.find("\r\n\r\n");
  return at == std::string::npos ? "" : response.substr(at + 4);
}

// The value of a header field in a whole response text (first match, exact name case as sent
// by lib/http is not assumed: compared ignoring ASCII case), "" when absent.
inline std::string header_of(const std::string& response, std::string_view name) {
  size_t line = response.find("\r\n");
  const size_t head_end = response.find("\r\n\r\n");
  while (line != std::string::npos && line < head_end) {
    const size_t start = line + 2;
    const size_t end = response.find("\r\n", start);
    const std::string field = response.substr(start, end - start);
    const size_t colon = field.find(':');
    if (colon == name.size()) {
      bool same = true;
      for (size_t i = 0; i < colon; ++i) {
        const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? char(c + 32) : c; };
        if (lower(field[i]) != lower(name[i])) same = false;
      }
      if (same) return field.substr(colon + 2);
    }
    line = end;
  }
  return "";
}

}  // namespace sls::test
