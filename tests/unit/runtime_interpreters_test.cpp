// lib/runtime interpreters: which interpreter runs a managed runtime, found on a fake PATH.
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include <doctest/doctest.h>
#include <sys/stat.h>
#include <unistd.h>

#include "runtime/interpreters.h"

using namespace sls::runtime;
namespace fs = std::filesystem;

namespace {

// A directory tree of fake interpreters, removed at the end.
struct FakeRoot {
  fs::path root = fs::temp_directory_path() / ("sls-interp-" + std::to_string(::getpid()));
  FakeRoot() { fs::create_directories(root); }
  ~FakeRoot() { fs::remove_all(root); }
  std::string add(const std::string& rel, const std::string& script = "#!/bin/sh\n") {
    const fs::path p = root / rel;
    fs::create_directories(p.parent_path());
    std::ofstream(p) << script;
    ::chmod(p.c_str(), 0755);
    return p.string();
  }
  std::string dir(const std::string& rel) const { return (root / rel).string(); }
};

}  // namespace

TEST_CASE("Runtime ids name a language and a version") {
  CHECK(parse_runtime_id("python3.13") == Interpreter{Language::kPython, 3, 13, ""});
  CHECK(parse_runtime_id("nodejs22.x") == Interpreter{Language::kNode, 22, 0, ""});
  CHECK_FALSE(parse_runtime_id("provided.al2023").has_value());
  CHECK_FALSE(parse_runtime_id("java21").has_value());
  CHECK_FALSE(parse_runtime_id("python3.x").has_value());
}

TEST_CASE("The exact python runs when installed; else the nearest, with one warning") {
  FakeRoot t;
  const std::string p9 = t.add("a/python3.9");
  const std::string p12 = t.add("b/python3.12");
  t.add("b/python3.9");  // a second 3.9: the first on PATH wins
  const Interpreters found =
      Interpreters::probe(t.dir("a") + ":" + t.dir("b"), Language::kPython, {});
  const auto exact = found.choose("python3.12");
  REQUIRE(exact.has_value());
  CHECK(exact->interpreter.path == p12);
  CHECK(exact->warning.empty());
  const auto near = found.choose("python3.13");
  REQUIRE(near.has_value());
  CHECK(near->interpreter.path == p12);
  CHECK(near->warning == "sls: python3.13 is not installed; running python3.12 instead");
  CHECK(found.choose("python3.8")->interpreter.path == p9);
  CHECK_FALSE(found.choose("nodejs20.x").has_value());
}

TEST_CASE("Only executables named python3.<minor> count as python interpreters") {
  FakeRoot t;
  const std::string p11 = t.add("a/python3.11");
  t.add("a/python3.11-config");
  t.add("a/python3.012");
  t.add("a/python3.5");  // older than any runtime sls looks for
  t.add("a/python3.10");
  ::chmod(t.dir("a/python3.10").c_str(), 0644);   // not executable
  fs::create_directories(t.dir("a/python3.13"));  // a directory
  const Interpreters found = Interpreters::probe(t.dir("a"), Language::kPython, {});
  REQUIRE(found.all().size() == 1);
  CHECK(found.all().front() == Interpreter{Language::kPython, 3, 11, p11});
}

TEST_CASE("The installed exact python is found on PATH without probing every version") {
  FakeRoot t;
  const std::string p29 = t.add("x/python3.29");  // a minor no system directory holds
  const char* old_path = std::getenv("PATH");
  const std::string saved = old_path != nullptr ? old_path : "";
  ::setenv("PATH", t.dir("x").c_str(), 1);
  const auto c = Interpreters::choose_installed("python3.29");
  ::setenv("PATH", saved.c_str(), 1);
  REQUIRE(c.has_value());
  CHECK(c->interpreter == Interpreter{Language::kPython, 3, 29, p29});
  CHECK(c->warning.empty());
  CHECK_FALSE(Interpreters::choose_installed("java21").has_value());
}

TEST_CASE("A pyenv shims directory is replaced by the versions it fronts") {
  FakeRoot t;
  t.add("pyenv/shims/python3.11");
  const std::string real = t.add("pyenv/versions/3.11.7/bin/python3.11");
  const Interpreters found = Interpreters::probe(t.dir("pyenv/shims"), Language::kPython, {});
  const auto c = found.choose("python3.11");
  REQUIRE(c.has_value());
  CHECK(c->interpreter.path == real);
}

TEST_CASE("Node's major version is asked from the binary; the nearest major runs") {
  FakeRoot t;
  const std::string node = t.add("n/node", "#!/bin/sh\necho v20.11.1\n");
  // The answer is kept (ProbeCache): here, in the fake tree rather than the user's directory.
  fs::create_directories(t.dir("run"));
  ::chmod(t.dir("run").c_str(), 0700);
  const char* old_run = std::getenv("XDG_RUNTIME_DIR");
  const std::string saved = old_run != nullptr ? old_run : "";
  ::setenv("XDG_RUNTIME_DIR", t.dir("run").c_str(), 1);
  const Interpreters found = Interpreters::probe(t.dir("n"), Language::kNode, {});
  const Interpreters again = Interpreters::probe(t.dir("n"), Language::kNode, {});
  if (old_run != nullptr) {
    ::setenv("XDG_RUNTIME_DIR", saved.c_str(), 1);
  } else {
    ::unsetenv("XDG_RUNTIME_DIR");
  }
  CHECK(again.all() == found.all());
  CHECK(fs::exists(t.dir("run/sls")));
  const auto c = found.choose("nodejs22.x");
  REQUIRE(c.has_value());
  CHECK(c->interpreter == Interpreter{Language::kNode, 20, 0, node});
  CHECK(c->warning == "sls: node 22 is not installed; running node 20 instead");
  CHECK(found.choose("nodejs20.x")->warning.empty());
}
