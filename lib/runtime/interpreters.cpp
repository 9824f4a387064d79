// Interpreter lookup for managed runtimes (see interpreters.h).
#include "runtime/interpreters.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <set>

#include <fmt/format.h>
#include <sys/wait.h>
#include <unistd.h>

#include "runtime/probe_cache.h"

namespace sls::runtime {

namespace fs = std::filesystem;

namespace {

// python3.X minors worth looking for (3.6 is the oldest a user may still have around; the upper
// bound leaves room for releases to come).
constexpr int kPythonMinorMin = 6;
constexpr int kPythonMinorMax = 30;

bool executable(const fs::path& p) {
  std::error_code ec;
  return fs::is_regular_file(p, ec) && ::access(p.c_str(), X_OK) == 0;
}

std::optional<int> to_int(std::string_view s) {
  int v = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return v;
}

std::vector<std::string> split_path(std::string_view path_env) {
  std::vector<std::string> dirs;
  size_t start = 0;
  while (start <= path_env.size()) {
    size_t end = path_env.find(':', start);
    if (end == std::string_view::npos) end = path_env.size();
    if (end > start) dirs.emplace_back(path_env.substr(start, end - start));
    start = end + 1;
  }
  return dirs;
}

// The directories to search, shims replaced by what they front, each once.
std::vector<fs::path> search_dirs(std::string_view path_env,
                                  const std::vector<std::string>& first_dirs) {
  std::vector<fs::path> dirs;
  std::set<std::string> seen;
  const auto add = [&](const fs::path& d) {
    if (seen.insert(d.string()).second) dirs.push_back(d);
  };
  for (const std::string& d : first_dirs) add(d);
  for (const std::string& d : split_path(path_env)) {
    const fs::path p(d);
    const fs::path versions = p.parent_path() / "versions";
    std::error_code ec;
    if (p.filename() == "shims" && fs::is_directory(versions, ec)) {
      std::vector<fs::path> bins;
      for (const auto& v : fs::directory_iterator(versions, ec)) bins.push_back(v.path() / "bin");
      std::sort(bins.begin(), bins.end());
      for (const fs::path& b : bins) add(b);
      continue;
    }
    add(p);
  }
  return dirs;
}

// "python3.13" -> 13, for minors in [kPythonMinorMin, kPythonMinorMax]; else nullopt.
std::optional<int> python_minor(std::string_view name) {
  constexpr std::string_view kPrefix = "python3.";
  if (!name.starts_with(kPrefix)) return std::nullopt;
  const std::string_view digits = name.substr(kPrefix.size());
  const auto minor = to_int(digits);
  if (!minor || *minor < kPythonMinorMin || *minor > kPythonMinorMax) return std::nullopt;
  if (digits.starts_with('0')) return std::nullopt;  // "python3.011" is no interpreter's name
  return minor;
}

// What `node --version` says, as a major ("v20.11.1" -> 20).
std::optional<int> ask_node_major(const fs::path& node) {
  const std::string cmd = fmt::format("'{}' --version 2>/dev/null", node.string());
  FILE* f = ::popen(cmd.c_str(), "r");
  if (f == nullptr) return std::nullopt;
  std::array<char, 64> buf{};
  const size_t n = std::fread(buf.data(), 1, buf.size() - 1, f);
  ::pclose(f);
  std::string_view out(buf.data(), n);
  if (out.empty() || out[0] != 'v') return std::nullopt;
  out.remove_prefix(1);
  return to_int(out.substr(0, out.find('.')));
}

// The major of `node`, asked once per binary: running node costs a cold start 12-15 ms
// (ProbeCache).
std::optional<int> node_major(const fs::path& node) {
  const ProbeCache cache("node-major", node.string());
  if (const auto known = cache.get()) {
    if (const auto major = to_int(*known)) return major;
  }
  const auto major = ask_node_major(node);
  if (major) cache.put(std::to_string(*major));
  return major;
}

std::string display(const Interpreter& i) {
  if (i.language == Language::kPython) return fmt::format("python{}.{}", i.major, i.minor);
  return fmt::format("node {}", i.major);
}

}  // namespace

std::optional<Interpreter> parse_runtime_id(std::string_view id) {
  if (id.starts_with("python3.")) {
    const auto minor = to_int(id.substr(8));
    if (minor) return Interpreter{Language::kPython, 3, *minor, ""};
  }
  if (id.starts_with("nodejs") && id.ends_with(".x")) {
    const auto major = to_int(id.substr(6, id.size() - 8));
    if (major) return Interpreter{Language::kNode, *major, 0, ""};
  }
  return std::nullopt;
}

const std::vector<std::string>& Interpreters::system_dirs() {
  // Searched before PATH: distribution interpreters are real files, never shims.
  static const std::vector<std::string> dirs = {"/usr/bin", "/usr/local/bin"};
  return dirs;
}

Interpreters Interpreters::probe(std::string_view path_env, Language language,
                                 const std::vector<std::string>& first_dirs) {
  Interpreters out;
  const auto have = [&](Language l, int major, int minor) {
    return std::any_of(out.found_.begin(), out.found_.end(), [&](const Interpreter& i) {
      return i.language == l && i.major == major && i.minor == minor;
    });
  };
  std::set<std::string> nodes_seen;  // node and nodejs are often one file
  for (const fs::path& dir : search_dirs(path_env, first_dirs)) {
    if (language == Language::kNode) {
      for (std::string_view name : {"node", "nodejs"}) {
        const fs::path p = dir / name;
        std::error_code ec;
        if (!executable(p) || !nodes_seen.insert(fs::canonical(p, ec).string()).second) continue;
        const auto major = node_major(p);
        if (major && !have(Language::kNode, *major, 0)) {
          out.found_.push_back({Language::kNode, *major, 0, p.string()});
        }
      }
      continue;
    }
    // One listing per directory rather than a stat per possible minor: `sls invoke` is timed
    // cold, and PATH holds a dozen directories.
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
      const fs::path& p = it->path();
      const auto minor = python_minor(p.filename().native());
      if (minor && !have(Language::kPython, 3, *minor) && executable(p)) {
        out.found_.push_back({Language::kPython, 3, *minor, p.string()});
      }
    }
  }
  return out;
}

const Interpreters& Interpreters::installed(Language language) {
  const auto from_env = [](Language l) {
    const char* path = std::getenv("PATH");
    return probe(path != nullptr ? path : "", l);
  };
  if (language == Language::kPython) {
    static const Interpreters python = from_env(Language::kPython);
    return python;
  }
  static const Interpreters node = from_env(Language::kNode);
  return node;
}

std::optional<InterpreterChoice> Interpreters::choose_installed(std::string_view runtime_id) {
  const auto want = parse_runtime_id(runtime_id);
  if (!want) return std::nullopt;
  if (want->language == Language::kPython && want->minor >= kPythonMinorMin &&
      want->minor <= kPythonMinorMax) {
    const char* path = std::getenv("PATH");
    const std::string name = fmt::format("python3.{}", want->minor);
    // The system's directories come first in the search: looked at before PATH is expanded
    // (which lists a pyenv's versions).
    for (const std::string& dir : system_dirs()) {
      if (executable(fs::path(dir) / name)) {
        return InterpreterChoice{
            {Language::kPython, 3, want->minor, (fs::path(dir) / name).string()}, ""};
      }
    }
    for (const fs::path& dir : search_dirs(path != nullptr ? path : "", system_dirs())) {
      if (executable(dir / name)) {
        return InterpreterChoice{{Language::kPython, 3, want->minor, (dir / name).string()}, ""};
      }
    }
  }
  return installed(want->language).choose(runtime_id);
}

std::optional<InterpreterChoice> Interpreters::choose(std::string_view runtime_id) const {
  const auto want = parse_runtime_id(runtime_id);
  if (!want) return std::nullopt;
  const Interpreter* best = nullptr;
  int best_distance = 0;
  for (const Interpreter& i : found_) {
    if (i.language != want->language) continue;
    const int distance = want->language == Language::kPython ? std::abs(i.minor - want->minor)
                                                             : std::abs(i.major - want->major);
    // Nearest wins; of two equally near, the newer.
    if (best == nullptr || distance < best_distance ||
        (distance == best_distance && (i.major > best->major || i.minor > best->minor))) {
      best = &i;
      best_distance = distance;
    }
  }
  if (best == nullptr) return std::nullopt;
  InterpreterChoice c{*best, ""};
  if (best_distance != 0) {
    const std::string wanted = want->language == Language::kPython
                                   ? std::string(runtime_id)
                                   : fmt::format("node {}", want->major);
    c.warning = fmt::format("sls: {} is not installed; running {} instead", wanted, display(*best));
  }
  return c;
}

}  // namespace sls::runtime
