// The process's own environment variables as a map (what `environ` holds at the call).
// Thread safety: safe while no thread calls setenv/putenv at the same time.
#pragma once

#include <map>
#include <string>

namespace sls {

std::map<std::string, std::string> process_environment();

}  // namespace sls
