// What a spawned child (runtime/process.h) writes on its output pipe, read until the pipe
// closes or a deadline passes; for tests that run a process to its end.
#pragma once

#include <array>
#include <chrono>
#include <string>

#include <poll.h>
#include <unistd.h>

#include "runtime/process.h"

namespace sls::test {

inline std::string output_of(const sls::runtime::Spawned& child,
                             std::chrono::seconds limit = std::chrono::seconds(5)) {
  std::string out;
  const auto until = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < until) {
    pollfd p{child.output_fd, POLLIN, 0};
    ::poll(&p, 1, 100);
    std::array<char, 4096> buf{};
    const ssize_t n = ::read(child.output_fd, buf.data(), buf.size());
    if (n == 0) break;
    if (n > 0) out.append(buf.data(), static_cast<size_t>(n));
  }
  return out;
}

}  // namespace sls::test
