// Logging: one line per message on stderr, so stdout stays the product's output (reports, JSON).
// Messages are formatted with fmt here; the sink (spdlog) is compiled only in log.cpp, which keeps
// its headers out of every other translation unit and its shared library out of every start.
// Thread safety: call setup() once at start, before other threads exist; the message functions
// may be called from any thread.
#pragma once

#include <string_view>
#include <utility>

#include <fmt/core.h>

namespace sls::log {

enum class Level : unsigned char { kQuiet, kNormal, kDebug };

// Level: kQuiet shows errors only, kNormal warnings and info, kDebug everything.
// color: whether stderr may carry ANSI colour (already decided from --no-color/NO_COLOR/tty).
void setup(Level level, bool color);

// Whether stdout/stderr is a terminal and NO_COLOR is unset: the default for colour.
bool color_default(int fd);

enum class Severity : unsigned char { kDebug, kInfo, kWarn, kError };

// Whether a message of this severity would be written at the current level.
bool enabled(Severity severity) noexcept;

// Writes one already formatted message (no trailing newline).
void write(Severity severity, std::string_view text);

// Formats and writes one message; below the level it does nothing, not even the formatting.
template <typename... Args>
void message(Severity severity, fmt::format_string<Args...> format, Args&&... args) {
  if (enabled(severity)) write(severity, fmt::format(format, std::forward<Args>(args)...));
}

template <typename... Args>
void debug(fmt::format_string<Args...> format, Args&&... args) {
  message(Severity::kDebug, format, std::forward<Args>(args)...);
}
template <typename... Args>
void info(fmt::format_string<Args...> format, Args&&... args) {
  message(Severity::kInfo, format, std::forward<Args>(args)...);
}
template <typename... Args>
void warn(fmt::format_string<Args...> format, Args&&... args) {
  message(Severity::kWarn, format, std::forward<Args>(args)...);
}
template <typename... Args>
void error(fmt::format_string<Args...> format, Args&&... args) {
  message(Severity::kError, format, std::forward<Args>(args)...);
}

}  // namespace sls::log
