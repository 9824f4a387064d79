// The sink behind core/log.h: spdlog, header-only, in this translation unit alone.
#include "core/log.h"

#include <atomic>
#include <cstdlib>
#include <memory>

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

namespace sls::log {

namespace {

// The lowest severity written; info until setup() says otherwise.
std::atomic<Severity> g_threshold{Severity::kInfo};

spdlog::level::level_enum to_spdlog(Severity severity) {
  switch (severity) {
    case Severity::kDebug:
      return spdlog::level::debug;
    case Severity::kInfo:
      return spdlog::level::info;
    case Severity::kWarn:
      return spdlog::level::warn;
    case Severity::kError:
      break;
  }
  return spdlog::level::err;
}

Severity threshold_of(Level level) {
  switch (level) {
    case Level::kQuiet:
      return Severity::kError;
    case Level::kDebug:
      return Severity::kDebug;
    case Level::kNormal:
      break;
  }
  return Severity::kInfo;
}

}  // namespace

void setup(Level level, bool color) {
  // _mt sinks: io threads, the runtime supervisor and the event queue all log.
  std::shared_ptr<spdlog::logger> logger;
  if (color) {
    logger = spdlog::stderr_color_mt("sls");
  } else {
    logger =
        std::make_shared<spdlog::logger>("sls", std::make_shared<spdlog::sinks::stderr_sink_mt>());
  }
  logger->set_pattern(color ? "%^%l%$: %v" : "%l: %v");
  const Severity threshold = threshold_of(level);
  logger->set_level(to_spdlog(threshold));
  spdlog::set_default_logger(std::move(logger));
  g_threshold.store(threshold, std::memory_order_relaxed);
}

bool enabled(Severity severity) noexcept {
  return severity >= g_threshold.load(std::memory_order_relaxed);
}

void write(Severity severity, std::string_view text) {
  spdlog::default_logger_raw()->log(to_spdlog(severity), text);
}

bool color_default(int fd) {
  const char* no = std::getenv("NO_COLOR");
  if (no && *no) return false;
  return isatty(fd) != 0;
}

}  // namespace sls::log
