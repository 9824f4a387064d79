// Fuzzes the parser of the launch records a cold `sls invoke` keeps for its head start
// (runtime/head_start.h): any file must decode or be refused, never crash. What decodes must
// encode back to a record that decodes to the same launch, and must take new values for its
// /tmp, log stream and Runtime API without a crash.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <map>
#include <string>
#include <string_view>

#include "runtime/head_start.h"

namespace {

void check(bool ok) {
  if (!ok) std::abort();
}

bool same(const sls::runtime::RecordedLaunch& a, const sls::runtime::RecordedLaunch& b) {
  return a.spec == b.spec && a.from_host == b.from_host && a.tmp_dir == b.tmp_dir &&
         a.log_stream == b.log_stream && a.runtime_api == b.runtime_api;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto launch = sls::runtime::decode_launch(text);
  if (!launch) return 0;
  const auto again = sls::runtime::decode_launch(sls::runtime::encode_launch(*launch));
  check(again.has_value() && same(*launch, *again));
  std::map<std::string, std::string> host;
  for (const std::string& name : launch->from_host) host[name] = "value of " + name;
  const auto spec =
      sls::runtime::respecify(*launch, "/tmp/sls-env-new", "new/stream", "127.0.0.1:1", host);
  check(spec.has_value() && spec->argv.size() == launch->spec.argv.size());
  for (const std::string& name : launch->from_host) check(spec->environment.at(name) == host[name]);
  return 0;
}
