// Every text the runtime room sends or prints that AWS defines (spec/lambda-runtime-api.md §2,
// §5, §6), in one table, so a wording found wrong is fixed in one place. ✔/◐/? marks are the
// spec's confidence marks.
#pragma once

#include <string_view>

namespace sls::runtime::msg {

// §2.2 bodies of the Runtime API's answers (✔).
inline constexpr std::string_view kAccepted = R"({"status":"OK"})";
inline constexpr std::string_view kInvalidRequestId =
    R"({"errorMessage":"Invalid request ID","errorType":"InvalidRequestID"})";
inline constexpr std::string_view kInvalidResponseMode =
    R"({"errorMessage":"Invalid function response mode","errorType":"InvalidFunctionResponseMode"})";
inline constexpr std::string_view kPayloadTooLarge =
    R"({"errorMessage":"Exceeded maximum allowed payload size (6291556 bytes).",)"
    R"("errorType":"RequestEntityTooLarge"})";
// A streamed response over 200 MB (limits.md §4): the Runtime API's 413 with the stream's limit
// in §2.2's wording (?), and the invocation's error message likewise (?).
inline constexpr std::string_view kStreamPayloadTooLarge =
    R"({"errorMessage":"Exceeded maximum allowed payload size (209715200 bytes).",)"
    R"("errorType":"RequestEntityTooLarge"})";
inline constexpr std::string_view kStreamTooLargeMessage =
    "Response payload size exceeded maximum allowed payload size (209715200 bytes).";
inline constexpr std::string_view kInternalServerError =
    R"({"errorMessage":"Internal Server Error","errorType":"InternalServerError"})";
// 403: {"errorType":"InvalidStateTransition","errorMessage":"State transition from <From> to
// <To> failed for runtime. Error: State transition is not allowed"} (✔ RIE wording).
inline constexpr std::string_view kTransitionPrefix =
    R"({"errorType":"InvalidStateTransition","errorMessage":"State transition from )";
inline constexpr std::string_view kTransitionMiddle = " to ";
inline constexpr std::string_view kTransitionSuffix =
    R"( failed for runtime. Error: State transition is not allowed"})";
// Answer to paths the Runtime API does not serve (restore, extensions, telemetry...).
inline constexpr std::string_view kNotFound =
    R"({"errorMessage":"Not Found","errorType":"NotFound"})";

// State names of the Runtime API state machine, as RIE names them in the 403 message.
inline constexpr std::string_view kStateStarted = "Started";
inline constexpr std::string_view kStateReady = "Ready";
inline constexpr std::string_view kStateRunning = "Running";
inline constexpr std::string_view kStateResponse = "InvocationResponse";
inline constexpr std::string_view kStateErrorResponse = "InvocationErrorResponse";
inline constexpr std::string_view kStateResponseSent = "RuntimeResponseSentState";
inline constexpr std::string_view kStateInitError = "InitError";

// §6 error types.
inline constexpr std::string_view kTimedOut = "Sandbox.Timedout";
inline constexpr std::string_view kExitError = "Runtime.ExitError";
inline constexpr std::string_view kInvalidEntrypoint = "Runtime.InvalidEntrypoint";
inline constexpr std::string_view kResponseTooLarge = "Function.ResponseSizeTooLarge";
// Killed at MemorySize (✔ type, from 2025–26 REPORT lines; older logs show Runtime.ExitError).
inline constexpr std::string_view kOutOfMemory = "Runtime.OutOfMemory";
// §6 messages (✔). "RequestId: <id> Error: " is prepended where the table shows it.
inline constexpr std::string_view kExitedWithError = "Runtime exited with error: ";
inline constexpr std::string_view kExitedWithoutReason =
    "Runtime exited without providing a reason";
// The message of Runtime.OutOfMemory (◐): the wording of the SIGKILL that ended the runtime.
inline constexpr std::string_view kKilledForMemory = "Runtime exited with error: signal: killed";
inline constexpr std::string_view kTaskTimedOut = "Task timed out after ";  // + "3.00 seconds"
inline constexpr std::string_view kResponseTooLargeMessage =
    "Response payload size exceeded maximum allowed payload size (6291556 bytes).";
// Runtime.InvalidEntrypoint has no documented message (◐ type only); this one names the file.
inline constexpr std::string_view kNoBootstrap = "Couldn't find valid bootstrap(s): ";
// ◐ Lambda's init (Go) fails to exec a bootstrap built for another architecture; {} = its path.
inline constexpr std::string_view kExecFormat = "fork/exec {}: exec format error";

}  // namespace sls::runtime::msg
