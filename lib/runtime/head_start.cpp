// A head start for the runtime of a cold `sls invoke` (see head_start.h).
//
// head_start() runs before main, before the other translation units' objects are constructed:
// it uses only its own arguments, the heap, std::string and containers, system calls, and
// functions of this library that touch no object with a dynamic initialiser.
#include "runtime/head_start.h"

#include <algorithm>
#include <array>
#include <cerrno>
#include <chrono>
#include <climits>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <utility>

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/environ.h"
#include "runtime/interpreters.h"
#include "runtime/probe_cache.h"
#include "runtime/report.h"

namespace sls::runtime {

namespace {

constexpr std::string_view kMagic = "sls-launch 3\n";
constexpr std::string_view kFilePrefix = "launch-";
constexpr size_t kMaxFileBytes = 1024 * 1024;
// A launch not recorded again for this long is removed when another one is recorded (one that
// is used every day is rewritten after a week: one run without a head start).
constexpr std::chrono::hours kLaunchLifetime{24 * 7};
// A sandbox's /tmp size in bytes: EphemeralStorage is at most 10,240 MB (11 digits).
constexpr size_t kMaxSizeDigits = 12;
// What the /tmp field holds for a runtime with no /tmp of sls's.
constexpr std::string_view kNoTmp = "-";
// What the gate says to go on.
constexpr char kGo = '1';

// Variables under which code of the function's (or the user's) may run before the bootstrap
// reaches its gate: an exec wrapper, preloaded node modules, preloaded libraries, another python
// home or startup file.
constexpr std::array<std::string_view, 7> kUngatedVariables = {
    "AWS_LAMBDA_EXEC_WRAPPER", "NODE_OPTIONS", "LD_PRELOAD", "LD_AUDIT", "PYTHONHOME",
    "PYTHONSTARTUP",           "PYTHONINSPECT"};

// Set before main (constant-initialised, so valid before any constructor runs).
// The file of this run's launch (private_state_dir()/launch_key()), found once; "" = none (not
// `invoke`, or no private directory).
char g_file[PATH_MAX] = {};
HeadStart* g_started = nullptr;  // head_start()'s process until take_head_start()

std::string launch_file() { return g_file; }

void discard_left_over() { delete std::exchange(g_started, nullptr); }

void remove_old_launches(const std::string& dir) {
  DIR* d = ::opendir(dir.c_str());
  if (d == nullptr) return;
  const auto oldest = std::chrono::system_clock::now() - kLaunchLifetime;
  const auto oldest_s = std::chrono::system_clock::to_time_t(oldest);
  while (const dirent* e = ::readdir(d)) {
    if (std::string_view(e->d_name).substr(0, kFilePrefix.size()) != kFilePrefix) continue;
    struct stat st {};
    if (::fstatat(::dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
        st.st_mtim.tv_sec < oldest_s) {
      ::unlinkat(::dirfd(d), e->d_name, 0);
    }
  }
  ::closedir(d);
}

// --- The recorded form: "<length> <bytes>\n" per field -----------------------------------------

void put(std::string& out, std::string_view field) {
  out += std::to_string(field.size());
  out += ' ';
  out += field;
  out += '\n';
}

class Fields {
 public:
  explicit Fields(std::string_view text) : rest_(text) {}

  std::optional<std::string_view> next() {
    const size_t space = rest_.find(' ');
    if (space == std::string_view::npos || space == 0 || space > 9) return std::nullopt;
    size_t n = 0;
    for (const char c : rest_.substr(0, space)) {
      if (c < '0' || c > '9') return std::nullopt;
      n = n * 10 + static_cast<size_t>(c - '0');
    }
    rest_.remove_prefix(space + 1);
    if (rest_.size() < n + 1 || rest_[n] != '\n') return std::nullopt;
    const std::string_view field = rest_.substr(0, n);
    rest_.remove_prefix(n + 1);
    return field;
  }
  std::optional<size_t> count() { return number(next(), 6); }
  // A field of one to `digits` decimal digits.
  static std::optional<size_t> number(std::optional<std::string_view> f, size_t digits) {
    if (!f || f->empty() || f->size() > digits) return std::nullopt;
    size_t n = 0;
    for (const char c : *f) {
      if (c < '0' || c > '9') return std::nullopt;
      n = n * 10 + static_cast<size_t>(c - '0');
    }
    return n;
  }
  bool done() const { return rest_.empty(); }

 private:
  std::string_view rest_;
};

void replace_all(std::string& s, std::string_view from, std::string_view to) {
  if (from.empty()) return;
  for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) {
    s.replace(at, from.size(), to);
  }
}

std::optional<std::string> read_small_file(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  std::string text;
  std::array<char, 4096> buf;  // filled by read(): no zeroing
  for (;;) {
    const ssize_t n = ::read(fd, buf.data(), buf.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0 || text.size() + static_cast<size_t>(n) > kMaxFileBytes) {
      ::close(fd);
      if (n == 0) return text;
      return std::nullopt;
    }
    text.append(buf.data(), static_cast<size_t>(n));
  }
}

}  // namespace

// --- HeadStart ----------------------------------------------------------------------------------

HeadStart::~HeadStart() {
  if (gate_fd >= 0) ::close(gate_fd);
}

void HeadStart::open_gate() {
  if (gate_fd < 0) return;
  const char go = kGo;
  while (::write(gate_fd, &go, 1) < 0 && errno == EINTR) {
  }
  ::close(std::exchange(gate_fd, -1));
}

// --- The recorded form --------------------------------------------------------------------------

std::string encode_launch(const RecordedLaunch& launch) {
  std::string out(kMagic);
  put(out, launch.tmp_dir.empty() ? kNoTmp : std::string_view(launch.tmp_dir));
  put(out, std::to_string(launch.cap.limit_kb));
  put(out, launch.cap.memory_cgroup ? "m" : "-");
  put(out, launch.log_stream);
  put(out, launch.runtime_api);
  put(out, launch.spec.cwd);
  put(out, std::to_string(launch.spec.argv.size()));
  for (const std::string& a : launch.spec.argv) put(out, a);
  // The sandbox: "-" for none, else the /tmp size and the paths kept.
  if (const auto& box = launch.spec.sandbox) {
    put(out, std::to_string(box->tmp_bytes));
    put(out, std::to_string(box->read_only.size()));
    for (const std::string& p : box->read_only) put(out, p);
  } else {
    put(out, "-");
  }
  put(out, std::to_string(launch.spec.environment.size()));
  for (const auto& [name, value] : launch.spec.environment) {
    const bool host =
        std::find(launch.from_host.begin(), launch.from_host.end(), name) != launch.from_host.end();
    put(out, name);
    put(out, host ? "h" : "v");
    put(out, host ? std::string_view() : std::string_view(value));
  }
  return out;
}

std::optional<RecordedLaunch> decode_launch(std::string_view text) {
  if (text.substr(0, kMagic.size()) != kMagic) return std::nullopt;
  Fields in(text.substr(kMagic.size()));
  RecordedLaunch l;
  const auto tmp = in.next();
  const auto limit = Fields::number(in.next(), kMaxSizeDigits);
  const auto memory = in.next();
  const auto stream = in.next();
  const auto api = in.next();
  const auto cwd = in.next();
  if (!tmp || !limit || !memory || !stream || !api || !cwd || tmp->empty() || stream->empty() ||
      api->empty() || (*memory != "m" && *memory != "-")) {
    return std::nullopt;
  }
  if (*tmp != kNoTmp) l.tmp_dir = *tmp;
  l.cap = CapPlan{static_cast<int64_t>(*limit), *memory == "m"};
  l.log_stream = *stream;
  l.runtime_api = *api;
  l.spec.cwd = *cwd;
  const auto argc = in.count();
  if (!argc || *argc == 0) return std::nullopt;
  for (size_t i = 0; i < *argc; ++i) {
    const auto a = in.next();
    if (!a) return std::nullopt;
    l.spec.argv.emplace_back(*a);
  }
  if (l.spec.argv.front().empty() || l.spec.argv.front()[0] != '/') return std::nullopt;
  const auto box = in.next();
  if (!box) return std::nullopt;
  if (*box != "-") {
    const auto bytes = Fields::number(box, kMaxSizeDigits);
    const auto kept = in.count();
    if (!bytes || !kept) return std::nullopt;
    Sandbox sandbox{static_cast<int64_t>(*bytes), {}};
    for (size_t i = 0; i < *kept; ++i) {
      const auto p = in.next();
      if (!p || p->empty() || (*p)[0] != '/') return std::nullopt;
      sandbox.read_only.emplace_back(*p);
    }
    l.spec.sandbox = std::move(sandbox);
  }
  const auto envc = in.count();
  if (!envc) return std::nullopt;
  for (size_t i = 0; i < *envc; ++i) {
    const auto name = in.next();
    const auto kind = in.next();
    const auto value = in.next();
    if (!name || !kind || !value || name->empty() || (*kind != "h" && *kind != "v")) {
      return std::nullopt;
    }
    if (!l.spec.environment.emplace(*name, *value).second) return std::nullopt;  // named twice
    if (*kind == "h") l.from_host.emplace_back(*name);
  }
  if (!in.done()) return std::nullopt;
  return l;
}

std::optional<SpawnSpec> respecify(const RecordedLaunch& launch, const std::string& tmp_dir,
                                   const std::string& log_stream, const std::string& runtime_api,
                                   const std::map<std::string, std::string>& host) {
  SpawnSpec spec = launch.spec;
  const auto renew = [&](std::string& s) {
    replace_all(s, launch.tmp_dir, tmp_dir);
    replace_all(s, launch.log_stream, log_stream);
    replace_all(s, launch.runtime_api, runtime_api);
  };
  renew(spec.cwd);
  for (std::string& a : spec.argv) renew(a);
  if (spec.sandbox) {
    for (std::string& p : spec.sandbox->read_only) renew(p);
  }
  for (auto& [name, value] : spec.environment) renew(value);
  for (const std::string& name : launch.from_host) {
    const auto it = host.find(name);
    if (it == host.end()) return std::nullopt;
    spec.environment[name] = it->second;
  }
  return spec;
}

bool may_start_ahead(const FunctionConfig& function, const std::string& bootstrap_dir,
                     const SpawnSpec& spec) {
  const auto id = parse_runtime_id(function.runtime);
  if (!id || !function.layer_dirs.empty()) return false;
  for (const std::string_view name : kUngatedVariables) {
    if (spec.environment.find(std::string(name)) != spec.environment.end()) return false;
  }
  // sls's own PYTHONPATH is the bootstrap's directory: a sitecustomize module there is ours.
  const auto path = spec.environment.find("PYTHONPATH");
  return path == spec.environment.end() || path->second == bootstrap_dir + "/python";
}

std::string launch_key(const std::vector<std::string>& args, const std::string& cwd) {
  // FNV-1a, 64 bits, over each argument and the directory, each ended by a NUL.
  uint64_t h = 14695981039346656037ULL;
  const auto mix = [&h](std::string_view s) {
    for (const char c : s) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
    h = (h ^ 0U) * 1099511628211ULL;
  };
  for (const std::string& a : args) mix(a);
  mix(cwd);
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string key(kFilePrefix);
  for (int shift = 60; shift >= 0; shift -= 4) key += kDigits[(h >> shift) & 0xf];
  return key;
}

// --- Before main ---------------------------------------------------------------------------------

void head_start(int argc, char** argv) noexcept {
  g_file[0] = '\0';
  try {
    std::vector<std::string> args(argv, argv + argc);
    if (std::find(args.begin() + (argc > 0 ? 1 : 0), args.end(), "invoke") == args.end()) return;
    std::array<char, 4096> cwd{};
    if (::getcwd(cwd.data(), cwd.size()) == nullptr) return;
    const std::string dir = private_state_dir();
    if (dir.empty()) return;
    const std::string file = dir + "/" + launch_key(args, cwd.data());
    if (file.size() >= sizeof g_file) return;
    std::memcpy(g_file, file.c_str(), file.size() + 1);
    const auto text = read_small_file(file);
    if (!text) return;
    const auto launch = decode_launch(*text);
    if (!launch) return;

    auto hs = std::make_unique<HeadStart>();
    Prestart& p = hs->process;
    if (!launch->tmp_dir.empty()) p.tmp_dir = new_tmp_dir();
    p.log_stream = new_log_stream_name(std::chrono::system_clock::now());
    p.socket = http::ListeningSocket::loopback();
    auto spec = respecify(*launch, p.tmp_dir, p.log_stream,
                          "127.0.0.1:" + std::to_string(p.socket.port()), process_environment());
    if (!spec) return;
    hs->spec = std::move(*spec);
    hs->cap = launch->cap;
    std::array<int, 2> gate{};
    if (::pipe2(gate.data(), O_CLOEXEC) != 0) return;
    hs->gate_fd = gate[1];
    p.cap = make_cap(hs->cap);
    p.spawned_at = Clock::now();
    try {
      p.child = spawn_process(hs->spec, gate[0], &p.cap);
    } catch (...) {
      ::close(gate[0]);
      throw;
    }
    ::close(gate[0]);
    g_started = hs.release();
    std::atexit(discard_left_over);
  } catch (...) {
    // No head start: the normal start follows.
  }
}

std::unique_ptr<HeadStart> take_head_start() {
  return std::unique_ptr<HeadStart>(std::exchange(g_started, nullptr));
}

void record_launch(const FunctionConfig& function, const std::string& bootstrap_dir,
                   const LaunchPlan& plan, const std::string& tmp_dir,
                   const std::string& log_stream, const std::string& runtime_api,
                   const std::map<std::string, std::string>& host) {
  const std::string file = launch_file();
  if (file.empty()) return;
  const SpawnSpec& spec = plan.spec;
  if (!may_start_ahead(function, bootstrap_dir, spec)) {
    ::unlink(file.c_str());
    return;
  }
  RecordedLaunch l{spec, {}, plan.cap, tmp_dir, log_stream, runtime_api};
  for (const auto& [name, value] : spec.environment) {
    if (const auto it = host.find(name); it != host.end() && it->second == value) {
      l.from_host.push_back(name);
    }
  }
  // Written whole, then renamed over the old one: a reader sees one launch or the other.
  const std::string tmp = file + "." + std::to_string(::getpid());
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, S_IRUSR | S_IWUSR);
  if (fd < 0) return;
  const std::string text = encode_launch(l);
  size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    done += static_cast<size_t>(n);
  }
  if (::close(fd) != 0 || done != text.size() || ::rename(tmp.c_str(), file.c_str()) != 0) {
    ::unlink(tmp.c_str());
  }
  remove_old_launches(file.substr(0, file.rfind('/')));
}

void forget_launch() {
  take_head_start().reset();
  if (const std::string file = launch_file(); !file.empty()) ::unlink(file.c_str());
}

}  // namespace sls::runtime
