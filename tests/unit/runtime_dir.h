// A private XDG_RUNTIME_DIR for a test: sls keeps what it learns between processes there
// (probe_cache.h, head_start.h). The variable is restored and the directory removed at the end.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <string>

#include <sys/stat.h>
#include <unistd.h>

namespace sls::test {

struct PrivateRuntimeDir {
  // <tmp>/<prefix>-<pid>; XDG_RUNTIME_DIR is its "run" directory.
  explicit PrivateRuntimeDir(const std::string& prefix)
      : root(std::filesystem::temp_directory_path() / (prefix + "-" + std::to_string(::getpid()))) {
    std::filesystem::create_directories(root / "run");
    ::chmod((root / "run").c_str(), 0700);
    if (const char* v = std::getenv("XDG_RUNTIME_DIR")) {
      had_ = true;
      saved_ = v;
    }
    ::setenv("XDG_RUNTIME_DIR", (root / "run").c_str(), 1);
  }
  ~PrivateRuntimeDir() {
    if (had_) {
      ::setenv("XDG_RUNTIME_DIR", saved_.c_str(), 1);
    } else {
      ::unsetenv("XDG_RUNTIME_DIR");
    }
    std::error_code ec;
    std::filesystem::remove_all(root, ec);
  }
  PrivateRuntimeDir(const PrivateRuntimeDir&) = delete;
  PrivateRuntimeDir& operator=(const PrivateRuntimeDir&) = delete;

  // Where sls's files go: $XDG_RUNTIME_DIR/sls.
  std::filesystem::path state_dir() const { return root / "run" / "sls"; }

  const std::filesystem::path root;

 private:
  std::string saved_;
  bool had_ = false;
};

}  // namespace sls::test
