// A one-shot gate that threads of a test wait at until the test opens it (5 s at most).
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>

namespace sls::test {

class Gate {
 public:
  void open() {
    std::lock_guard lock(mu_);
    open_ = true;
    cv_.notify_all();
  }
  void wait() {
    std::unique_lock lock(mu_);
    cv_.wait_for(lock, std::chrono::seconds(5), [this] { return open_; });
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  bool open_ = false;
};

}  // namespace sls::test
