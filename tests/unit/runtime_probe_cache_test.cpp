// lib/runtime ProbeCache: answers of probes kept between processes, per binary and boot.
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include <doctest/doctest.h>
#include <sys/stat.h>
#include <unistd.h>

#include "runtime/probe_cache.h"
#include "runtime_dir.h"

using namespace sls::runtime;
namespace fs = std::filesystem;

namespace {

// A private XDG_RUNTIME_DIR with one fake binary, both removed at the end.
struct Scratch : sls::test::PrivateRuntimeDir {
  Scratch() : PrivateRuntimeDir("sls-probe") { write_binary("#!/bin/sh\n"); }
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
