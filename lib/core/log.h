// Logging setup: spdlog to stderr, so stdout stays the product's output (reports, JSON).
// Thread safety: call setup() once at start, before other threads exist.
#pragma once

namespace sls::log {

enum class Level : unsigned char { kQuiet, kNormal, kDebug };

// Level: kQuiet shows errors only, kNormal warnings and info, kDebug everything.
// color: whether stderr may carry ANSI colour (already decided from --no-color/NO_COLOR/tty).
void setup(Level level, bool color);

// Whether stdout/stderr is a terminal and NO_COLOR is unset: the default for colour.
bool color_default(int fd);

}  // namespace sls::log
