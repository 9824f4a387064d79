// The platform's log lines (INIT_START, START, END, REPORT, INIT_REPORT, the timeout and crash
// lines) and the identifiers Lambda makes up (request ids, log stream names, trace ids), exactly
// as spec/lambda-runtime-api.md §5 shows them. Pure functions; safe from any thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sls::runtime {

// How an invocation ended, for REPORT's Status field (§5).
enum class Outcome : uint8_t { kSuccess, kError, kTimeout };

struct ReportFields {
  std::string_view request_id;
  double duration_ms = 0;
  int memory_size_mb = 0;
  int max_memory_used_mb = 0;
  std::optional<double> init_duration_ms;  // first invoke of an environment only
  Outcome outcome = Outcome::kSuccess;
  std::string_view error_type;  // with kError: "Error Type: <type>" when not empty
};

// Milliseconds billed: Duration rounded up to the next whole ms; on a cold start the init is
// billed too, ceil(Duration + Init Duration) (§5, billing since 2025-08-01).
int64_t billed_ms(double duration_ms, std::optional<double> init_duration_ms);

// Each line ends with '\n'. Fields of REPORT and INIT_REPORT are each followed by a TAB.
//
// INIT_START names the local interpreter as "<lang>:<version>.local" and omits the Runtime
// Version ARN field (there is no published runtime version locally), e.g.
// "INIT_START Runtime Version: python:3.13.local". Only managed runtimes print it.
std::string init_start_line(std::string_view runtime_version);
std::string start_line(std::string_view request_id, std::string_view version = "$LATEST");
std::string end_line(std::string_view request_id);
std::string report_line(const ReportFields& f);
// "INIT_REPORT Init Duration: 12.34 ms\tPhase: init\tStatus: error\tError Type: <type>\t"
std::string init_report_line(double init_duration_ms, std::string_view phase,
                             std::string_view status, std::string_view error_type);
// "<ISO-8601 UTC with ms>Z <id> Task timed out after 3.00 seconds"
std::string timeout_line(std::chrono::system_clock::time_point when, std::string_view request_id,
                         int timeout_s);

// The same lines as JSON objects, for functions with LoggingConfig.LogFormat JSON (§5; Telemetry
// API record shapes). END has no JSON form. Each ends with '\n'.
std::string init_start_json(std::chrono::system_clock::time_point when,
                            std::string_view runtime_version, std::string_view function_name,
                            std::string_view version = "$LATEST");
std::string start_json(std::chrono::system_clock::time_point when, std::string_view request_id,
                       std::string_view version = "$LATEST");
std::string report_json(std::chrono::system_clock::time_point when, const ReportFields& f);
std::string init_report_json(std::chrono::system_clock::time_point when, double init_duration_ms,
                             std::string_view phase, std::string_view status,
                             std::string_view error_type);

// "2026-08-22T10:00:00.123Z".
std::string iso_timestamp(std::chrono::system_clock::time_point when);
// "Task timed out after 3.00 seconds".
std::string timed_out_text(int timeout_s);
// The error document of a timeout (§6):
// {"errorType":"Sandbox.Timedout","errorMessage":"RequestId: <id> Error: Task timed out after
// 3.00 seconds"}.
std::string timeout_document(std::string_view request_id, int timeout_s);
// {"errorType":"<type>","errorMessage":"RequestId: <id> Error: <message>"}; message is
// JSON-escaped.
std::string runtime_error_document(std::string_view error_type, std::string_view request_id,
                                   std::string_view message);
// Go's wording of a wait status (§6): "exit status 3", "signal: killed",
// "signal: segmentation fault"; `wait_status` is what waitpid() returned.
std::string describe_exit(int wait_status);

// A random UUID v4, lower-case: "8476a536-e9f4-41e8-9739-2dfe598c3fcd".
std::string new_request_id();
// "2026/08/22/[$LATEST]0f1e2d3c4b5a69788796a5b4c3d2e1f0": UTC date, version, 32 random hex.
std::string new_log_stream_name(std::chrono::system_clock::time_point when,
                                std::string_view version = "$LATEST");
// An X-Ray trace header for an invocation the caller did not trace:
// "Root=1-<8 hex epoch seconds>-<24 hex>;Parent=<16 hex>;Sampled=0".
std::string new_trace_id(std::chrono::system_clock::time_point when);
// n random lower-case hex digits.
std::string random_hex(size_t n);

}  // namespace sls::runtime
