// Lambda's platform log lines and made-up identifiers (spec/lambda-runtime-api.md §5, §6).
#include "runtime/report.h"

#include <cmath>
#include <ctime>
#include <random>

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <signal.h>
#include <sys/wait.h>

#include "core/utc.h"
#include "runtime/messages.h"

namespace sls::runtime {

namespace {

// Go's strings for the signals a runtime process usually dies of (os.ProcessState.String);
// others fall back to strsignal's lower-cased text, which is what Go prints too.
std::string signal_name(int sig) {
  switch (sig) {
    case SIGKILL:
      return "killed";
    case SIGTERM:
      return "terminated";
    case SIGSEGV:
      return "segmentation fault";
    case SIGABRT:
      return "aborted";
    case SIGBUS:
      return "bus error";
    case SIGFPE:
      return "floating point exception";
    case SIGILL:
      return "illegal instruction";
    case SIGINT:
      return "interrupt";
    case SIGPIPE:
      return "broken pipe";
    default:
      break;
  }
  std::string s = ::strsignal(sig);
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::mt19937_64& rng() {
  thread_local std::mt19937_64 gen{[] {
    std::random_device rd;
    return (static_cast<uint64_t>(rd()) << 32) ^ rd();
  }()};
  return gen;
}

}  // namespace

int64_t billed_ms(double duration_ms, std::optional<double> init_duration_ms) {
  const double total = duration_ms + init_duration_ms.value_or(0.0);
  return static_cast<int64_t>(std::ceil(total));
}

std::string init_start_line(std::string_view runtime_version) {
  return fmt::format("INIT_START Runtime Version: {}\n", runtime_version);
}

std::string start_line(std::string_view request_id, std::string_view version) {
  return fmt::format("START RequestId: {} Version: {}\n", request_id, version);
}

std::string end_line(std::string_view request_id) {
  return fmt::format("END RequestId: {}\n", request_id);
}

std::string report_line(const ReportFields& f) {
  std::string s = fmt::format(
      "REPORT RequestId: {}\tDuration: {:.2f} ms\tBilled Duration: {} ms\tMemory Size: {} MB\t"
      "Max Memory Used: {} MB\t",
      f.request_id, f.duration_ms, billed_ms(f.duration_ms, f.init_duration_ms), f.memory_size_mb,
      f.max_memory_used_mb);
  if (f.init_duration_ms) s += fmt::format("Init Duration: {:.2f} ms\t", *f.init_duration_ms);
  if (f.outcome == Outcome::kTimeout) s += "Status: timeout\t";
  if (f.outcome == Outcome::kError) {
    s += "Status: error\t";
    if (!f.error_type.empty()) s += fmt::format("Error Type: {}\t", f.error_type);
  }
  s += '\n';
  return s;
}

std::string init_report_line(double init_duration_ms, std::string_view phase,
                             std::string_view status, std::string_view error_type) {
  std::string s = fmt::format("INIT_REPORT Init Duration: {:.2f} ms\tPhase: {}\tStatus: {}\t",
                              init_duration_ms, phase, status);
  if (!error_type.empty()) s += fmt::format("Error Type: {}\t", error_type);
  s += '\n';
  return s;
}

namespace {

using Json = nlohmann::ordered_json;

// Durations in the JSON records carry at most two decimals, as the text lines do.
double two_decimals(double ms) { return std::round(ms * 100.0) / 100.0; }

std::string_view status_name(Outcome o) {
  switch (o) {
    case Outcome::kSuccess:
      return "success";
    case Outcome::kError:
      return "error";
    case Outcome::kTimeout:
      return "timeout";
  }
  return "success";
}

std::string record(std::chrono::system_clock::time_point when, std::string_view type, Json r) {
  Json j;
  j["time"] = iso_timestamp(when);
  j["type"] = type;
  j["record"] = std::move(r);
  return j.dump() + "\n";
}

}  // namespace

std::string init_start_json(std::chrono::system_clock::time_point when,
                            std::string_view runtime_version, std::string_view function_name,
                            std::string_view version) {
  return record(when, "platform.initStart",
                Json{{"initializationType", "on-demand"},
                     {"phase", "init"},
                     {"runtimeVersion", runtime_version},
                     {"functionName", function_name},
                     {"functionVersion", version}});
}

std::string start_json(std::chrono::system_clock::time_point when, std::string_view request_id,
                       std::string_view version) {
  return record(when, "platform.start", Json{{"requestId", request_id}, {"version", version}});
}

std::string report_json(std::chrono::system_clock::time_point when, const ReportFields& f) {
  Json metrics{{"durationMs", two_decimals(f.duration_ms)},
               {"billedDurationMs", billed_ms(f.duration_ms, f.init_duration_ms)},
               {"memorySizeMB", f.memory_size_mb},
               {"maxMemoryUsedMB", f.max_memory_used_mb}};
  if (f.init_duration_ms) metrics["initDurationMs"] = two_decimals(*f.init_duration_ms);
  Json r{{"requestId", f.request_id},
         {"metrics", std::move(metrics)},
         {"status", status_name(f.outcome)}};
  if (f.outcome == Outcome::kError && !f.error_type.empty()) r["errorType"] = f.error_type;
  return record(when, "platform.report", std::move(r));
}

std::string init_report_json(std::chrono::system_clock::time_point when, double init_duration_ms,
                             std::string_view phase, std::string_view status,
                             std::string_view error_type) {
  Json r{{"initializationType", "on-demand"}, {"phase", phase}, {"status", status}};
  if (!error_type.empty()) r["errorType"] = error_type;
  r["metrics"] = Json{{"durationMs", two_decimals(init_duration_ms)}};
  return record(when, "platform.initReport", std::move(r));
}

std::string iso_timestamp(std::chrono::system_clock::time_point when) {
  const UtcTime t = utc_time(when);
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(when.time_since_epoch());
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", t.year, t.month, t.day, t.hour,
                     t.minute, t.second, ms.count() % 1000);
}

std::string timed_out_text(int timeout_s) {
  return fmt::format("{}{:.2f} seconds", msg::kTaskTimedOut, static_cast<double>(timeout_s));
}

std::string timeout_line(std::chrono::system_clock::time_point when, std::string_view request_id,
                         int timeout_s) {
  return fmt::format("{} {} {}\n", iso_timestamp(when), request_id, timed_out_text(timeout_s));
}

std::string runtime_error_document(std::string_view error_type, std::string_view request_id,
                                   std::string_view message) {
  const nlohmann::json text = fmt::format("RequestId: {} Error: {}", request_id, message);
  return fmt::format(R"({{"errorType":"{}","errorMessage":{}}})", error_type, text.dump());
}

std::string timeout_document(std::string_view request_id, int timeout_s) {
  return runtime_error_document(msg::kTimedOut, request_id, timed_out_text(timeout_s));
}

std::string describe_exit(int wait_status) {
  if (WIFSIGNALED(wait_status)) return "signal: " + signal_name(WTERMSIG(wait_status));
  return fmt::format("exit status {}", WIFEXITED(wait_status) ? WEXITSTATUS(wait_status) : -1);
}

std::string random_hex(size_t n) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string s;
  s.reserve(n);
  uint64_t bits = 0;
  for (size_t i = 0; i < n; ++i) {
    if (i % 16 == 0) bits = rng()();
    s += kDigits[bits & 0xf];
    bits >>= 4;
  }
  return s;
}

std::string new_request_id() {
  std::string h = random_hex(32);
  h[12] = '4';                                                           // version 4
  h[16] = "89ab"[std::string_view("0123456789abcdef").find(h[16]) & 3];  // variant 10xx
  return h.substr(0, 8) + '-' + h.substr(8, 4) + '-' + h.substr(12, 4) + '-' + h.substr(16, 4) +
         '-' + h.substr(20);
}

std::string new_log_stream_name(std::chrono::system_clock::time_point when,
                                std::string_view version) {
  const UtcTime t = utc_time(when);
  return fmt::format("{:04}/{:02}/{:02}/[{}]{}", t.year, t.month, t.day, version, random_hex(32));
}

std::string new_trace_id(std::chrono::system_clock::time_point when) {
  const auto secs = std::chrono::duration_cast<std::chrono::seconds>(when.time_since_epoch());
  return fmt::format("Root=1-{:08x}-{};Parent={};Sampled=0", secs.count(), random_hex(24),
                     random_hex(16));
}

}  // namespace sls::runtime
