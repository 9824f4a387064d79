// Answers of probes kept between sls processes (see probe_cache.h).
#include "runtime/probe_cache.h"

#include <cstdlib>
#include <fstream>

#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

namespace sls::runtime {

namespace fs = std::filesystem;

namespace {

std::string boot_id() {
  std::ifstream in("/proc/sys/kernel/random/boot_id");
  std::string id;
  std::getline(in, id);
  return id;
}

}  // namespace

// Plain std::string and system calls only: head_start() calls this before main, when other
// translation units' objects may not be constructed yet.
std::string private_state_dir() {
  const char* runtime_dir = std::getenv("XDG_RUNTIME_DIR");
  const std::string dir = runtime_dir != nullptr && *runtime_dir != '\0'
                              ? std::string(runtime_dir) + "/sls"
                              : "/tmp/sls-" + std::to_string(::getuid());
  ::mkdir(dir.c_str(), S_IRWXU);
  struct stat d {};
  if (::lstat(dir.c_str(), &d) != 0 || !S_ISDIR(d.st_mode) || d.st_uid != ::getuid() ||
      (d.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
    return {};
  }
  return dir;
}

ProbeCache::ProbeCache(std::string_view question, const std::string& binary) {
  struct stat st {};
  if (::stat(binary.c_str(), &st) != 0) return;
  const std::string boot = boot_id();
  if (boot.empty()) return;
  const std::string dir = private_state_dir();
  if (dir.empty()) return;
  file_ =
      fs::path(dir) / fmt::format("{}-{}-{}-{}-{}.{}-{}.{}", question, boot, st.st_ino, st.st_size,
                                  static_cast<long long>(st.st_mtim.tv_sec), st.st_mtim.tv_nsec,
                                  static_cast<long long>(st.st_ctim.tv_sec), st.st_ctim.tv_nsec);
}

std::optional<std::string> ProbeCache::get() const {
  if (file_.empty()) return std::nullopt;
  std::ifstream in(file_);
  std::string answer;
  if (!std::getline(in, answer) || answer.empty()) return std::nullopt;
  return answer;
}

void ProbeCache::put(std::string_view answer) const {
  if (file_.empty()) return;
  const fs::path tmp = file_.string() + fmt::format(".{}", ::getpid());
  {
    std::ofstream out(tmp);
    out << answer << '\n';
    if (!out) return;
  }
  std::error_code ec;
  fs::rename(tmp, file_, ec);  // whole or not at all, should two sls probe at once
  if (ec) fs::remove(tmp, ec);
}

}  // namespace sls::runtime
