// lib/runtime ProbeCache: answers of probes kept between processes, per binary and boot.
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include <doctest/doctest.h>
#include <sys/stat.h>
#include <unistd.h>

#include "runtime/probe_cache.h"

using namespace sls::runtime;
namespace fs = std::filesystem;

namespace {

// A private XDG_RUNTIME_DIR with one fake binary, both removed at the end.
struct Scratch {
  fs::path root = fs::temp_directory_path() / ("sls-probe-" + std::to_string(::getpid()));
  std::string saved;
  bool had = false;
  Scratch() {
    fs::create_directories(root / "run");
    ::chmod((root / "run").c_str(), 0700);
    if (const char* v = std::getenv("XDG_RUNTIME_DIR")) {
      had = true;
      saved = v;
    }
    ::setenv("XDG_RUNTIME_DIR", (root / "run").c_str(), 1);
    write_binary("#!/bin/sh\n");
  }
  ~Scratch() {
    if (had) {
      ::setenv("XDG_RUNTIME_DIR", saved.c_str(), 1);
    } else {
      ::unsetenv("XDG_RUNTIME_DIR");
    }
    fs::remove_all(root);
  }
  std::string binary() const { return (root / "tool").string(); }
  void write_binary(const std::string& text) const { std::ofstream(root / "tool") << text; }
};

}  // namespace

TEST_CASE("A probe's answer is kept for the same binary and asked again for a changed one") {
  Scratch s;
  CHECK_FALSE(ProbeCache("question", s.binary()).get().has_value());
  ProbeCache("question", s.binary()).put("20");
  CHECK(ProbeCache("question", s.binary()).get() == "20");
  CHECK_FALSE(ProbeCache("other-question", s.binary()).get().has_value());
  s.write_binary("#!/bin/sh\necho a new version\n");
  CHECK_FALSE(ProbeCache("question", s.binary()).get().has_value());
  CHECK_FALSE(ProbeCache("question", s.binary() + ".missing").get().has_value());
}

TEST_CASE("A cache directory others can write to is not used") {
  Scratch s;
  fs::create_directories(s.root / "run" / "sls");
  ::chmod((s.root / "run" / "sls").c_str(), 0777);
  const ProbeCache cache("question", s.binary());
  cache.put("yes");
  CHECK_FALSE(cache.get().has_value());
  CHECK(fs::is_empty(s.root / "run" / "sls"));
}
