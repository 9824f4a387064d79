// spdlog configuration shared by every command.
#include "core/log.h"

#include <cstdlib>

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

namespace sls::log {

void setup(Level level, bool color) {
  std::shared_ptr<spdlog::logger> logger;
  if (color) {
    logger = spdlog::stderr_color_st("sls");
  } else {
    logger =
        std::make_shared<spdlog::logger>("sls", std::make_shared<spdlog::sinks::stderr_sink_st>());
  }
  logger->set_pattern(color ? "%^%l%$: %v" : "%l: %v");
  switch (level) {
    case Level::kQuiet:
      logger->set_level(spdlog::level::err);
      break;
    case Level::kNormal:
      logger->set_level(spdlog::level::info);
      break;
    case Level::kDebug:
      logger->set_level(spdlog::level::debug);
      break;
  }
  spdlog::set_default_logger(std::move(logger));
}

bool color_default(int fd) {
  const char* no = std::getenv("NO_COLOR");
  if (no && *no) return false;
  return isatty(fd) != 0;
}

}  // namespace sls::log
