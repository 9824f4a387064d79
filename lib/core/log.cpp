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
  Severity threshold = Severity::kInfo;
  switch (level) {
    case Level::kQuiet:
      threshold = Severity::kError;
      break;
    case Level::kNormal:
      threshold = Severity::kInfo;
      break;
    case Level::kDebug:
      threshold = Severity::kDebug;
      break;
  }
  logger->set_level(to_spdlog(threshold));
  spdlog::set_default_logger(std::move(logger));
  g_threshold.store(threshold, std::memory_order_relaxed);
}

bool enabled(Severity severity) noexcept {
  return severity >= g_threshold.load(std::memory_order_relaxed);
}

void write(Severity severity, std::string_view message) {
  spdlog::default_logger_raw()->log(to_spdlog(severity), message);
}

bool color_default(int fd) {
  const char* no = std::getenv("NO_COLOR");
  if (no && *no) return false;
  return isatty(fd) != 0;
}

}  // namespace sls::log
