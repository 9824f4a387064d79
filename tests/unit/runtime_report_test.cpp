// lib/runtime report: the platform's log lines byte for byte (spec/lambda-runtime-api.md §5) and
// the identifiers Lambda makes up.
#include <regex>

#include <doctest/doctest.h>
#include <sys/wait.h>

#include "runtime/report.h"

using namespace sls::runtime;

TEST_CASE("REPORT fields are each followed by a TAB, Init Duration only on a cold start") {
  ReportFields f;
  f.request_id = "b947edca-4eed-4d1f-867a-69675d275389";
  f.duration_ms = 3262.821;
  f.memory_size_mb = 128;
  f.max_memory_used_mb = 118;
  CHECK(report_line(f) ==
        "REPORT RequestId: b947edca-4eed-4d1f-867a-69675d275389\tDuration: 3262.82 ms\t"
        "Billed Duration: 3263 ms\tMemory Size: 128 MB\tMax Memory Used: 118 MB\t\n");
  f.init_duration_ms = 1017.49;
  CHECK(report_line(f) ==
        "REPORT RequestId: b947edca-4eed-4d1f-867a-69675d275389\tDuration: 3262.82 ms\t"
        "Billed Duration: 4281 ms\tMemory Size: 128 MB\tMax Memory Used: 118 MB\t"
        "Init Duration: 1017.49 ms\t\n");
  SUBCASE("a timeout") {
    f.outcome = Outcome::kTimeout;
    CHECK(report_line(f).ends_with("Init Duration: 1017.49 ms\tStatus: timeout\t\n"));
  }
  SUBCASE("an error with a type") {
    f.outcome = Outcome::kError;
    f.error_type = "Runtime.ExitError";
    CHECK(report_line(f).ends_with("\tStatus: error\tError Type: Runtime.ExitError\t\n"));
  }
  SUBCASE("an error without a type") {
    f.outcome = Outcome::kError;
    CHECK(report_line(f).ends_with("Init Duration: 1017.49 ms\tStatus: error\t\n"));
  }
}

TEST_CASE("Billing rounds up to the ms and bills init on a cold start") {
  CHECK(billed_ms(12.34, std::nullopt) == 13);
  CHECK(billed_ms(12.0, std::nullopt) == 12);
  CHECK(billed_ms(1049.63, 1293.83) == 2344);
  CHECK(billed_ms(0.01, 0.0) == 1);
}

TEST_CASE("START, END, INIT_START and INIT_REPORT lines") {
  const std::string id = "8476a536-e9f4-41e8-9739-2dfe598c3fcd";
  CHECK(start_line(id) == "START RequestId: " + id + " Version: $LATEST\n");
  CHECK(end_line(id) == "END RequestId: " + id + "\n");
  CHECK(init_start_line("python:3.13.local") == "INIT_START Runtime Version: python:3.13.local\n");
  CHECK(init_report_line(12.345, "init", "error", "Runtime.ImportModuleError") ==
        "INIT_REPORT Init Duration: 12.35 ms\tPhase: init\tStatus: error\t"
        "Error Type: Runtime.ImportModuleError\t\n");
  CHECK(init_report_line(10000, "init", "timeout", "") ==
        "INIT_REPORT Init Duration: 10000.00 ms\tPhase: init\tStatus: timeout\t\n");
}

TEST_CASE("The timeout line and document name the request and the configured timeout") {
  const auto when = std::chrono::system_clock::time_point(std::chrono::milliseconds(1542409706888));
  CHECK(timeout_line(when, "abc", 3) ==
        "2018-11-16T23:08:26.888Z abc Task timed out after 3.00 seconds\n");
  CHECK(
      timeout_document("abc", 1) ==
      R"({"errorType":"Sandbox.Timedout","errorMessage":"RequestId: abc Error: Task timed out after 1.00 seconds"})");
  CHECK(runtime_error_document("Runtime.ExitError", "abc", "say \"hi\"") ==
        R"({"errorType":"Runtime.ExitError","errorMessage":"RequestId: abc Error: say \"hi\""})");
}

TEST_CASE("Exit statuses are worded as Go words them") {
  CHECK(describe_exit(W_EXITCODE(3, 0)) == "exit status 3");
  CHECK(describe_exit(W_EXITCODE(0, 0)) == "exit status 0");
  CHECK(describe_exit(W_EXITCODE(0, SIGKILL)) == "signal: killed");
  CHECK(describe_exit(W_EXITCODE(0, SIGSEGV)) == "signal: segmentation fault");
  CHECK(describe_exit(W_EXITCODE(0, SIGTERM)) == "signal: terminated");
}

TEST_CASE("Request ids are random UUID v4; log streams and trace ids have Lambda's shapes") {
  const std::regex uuid("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
  const std::string a = new_request_id();
  CHECK(std::regex_match(a, uuid));
  CHECK(a != new_request_id());
  const auto when = std::chrono::system_clock::time_point(std::chrono::seconds(1787400000));
  CHECK(std::regex_match(new_log_stream_name(when),
                         std::regex("2026/08/22/\\[\\$LATEST\\][0-9a-f]{32}")));
  CHECK(std::regex_match(new_trace_id(when),
                         std::regex("Root=1-6a898f40-[0-9a-f]{24};Parent=[0-9a-f]{16};Sampled=0")));
}

TEST_CASE("With LogFormat JSON the platform lines are Telemetry API records") {
  const auto when = std::chrono::system_clock::time_point(std::chrono::milliseconds(1542409706888));
  CHECK(init_start_json(when, "python:3.13.local", "fn") ==
        R"({"time":"2018-11-16T23:08:26.888Z","type":"platform.initStart","record":)"
        R"({"initializationType":"on-demand","phase":"init","runtimeVersion":"python:3.13.local",)"
        R"("functionName":"fn","functionVersion":"$LATEST"}})"
        "\n");
  CHECK(start_json(when, "abc") ==
        R"({"time":"2018-11-16T23:08:26.888Z","type":"platform.start","record":)"
        R"({"requestId":"abc","version":"$LATEST"}})"
        "\n");
  ReportFields f;
  f.request_id = "abc";
  f.duration_ms = 2.1357;
  f.memory_size_mb = 128;
  f.max_memory_used_mb = 68;
  f.init_duration_ms = 151.93;
  CHECK(report_json(when, f) ==
        R"({"time":"2018-11-16T23:08:26.888Z","type":"platform.report","record":)"
        R"({"requestId":"abc","metrics":{"durationMs":2.14,"billedDurationMs":155,)"
        R"("memorySizeMB":128,"maxMemoryUsedMB":68,"initDurationMs":151.93},"status":"success"}})"
        "\n");
  f.outcome = Outcome::kError;
  f.error_type = "Runtime.ExitError";
  CHECK(report_json(when, f).ends_with(R"("status":"error","errorType":"Runtime.ExitError"}})"
                                       "\n"));
  CHECK(init_report_json(when, 12.345, "init", "error", "Runtime.ImportModuleError") ==
        R"({"time":"2018-11-16T23:08:26.888Z","type":"platform.initReport","record":)"
        R"({"initializationType":"on-demand","phase":"init","status":"error",)"
        R"("errorType":"Runtime.ImportModuleError","metrics":{"durationMs":12.35}}})"
        "\n");
}
