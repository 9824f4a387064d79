// What sls learned by running a program of the machine (does bwrap build a sandbox here, which
// major version is this node), kept between sls processes: such a probe costs a cold
// `sls invoke` as much as the rest of its start.
//
// One file per question and binary, named after the binary (inode, size, modification and
// change times) and the boot id, so a replaced binary or a reboot asks again. The files live in
// $XDG_RUNTIME_DIR/sls, else /tmp/sls-UID, a directory created 0700: one that is not the user's
// own, is open to others, or is a symlink disables the cache (every probe then runs).
// Thread safety: instances are independent; two processes writing one answer is harmless (the
// file is replaced whole).
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace sls::runtime {

// The user's private directory for what sls keeps between its processes: $XDG_RUNTIME_DIR/sls,
// else /tmp/sls-UID, created 0700; "" when it is not safely theirs (another owner, open to
// others, a symlink).
std::string private_state_dir();

class ProbeCache {
 public:
  // `question` names what is asked ("bwrap-probe", "node-version"); `binary` is what runs.
  ProbeCache(std::string_view question, const std::string& binary);

  // The recorded answer, if any.
  std::optional<std::string> get() const;
  // Records `answer` (one line). Failures are ignored: the next process probes again.
  void put(std::string_view answer) const;

 private:
  std::filesystem::path file_;  // empty: no cache
};

}  // namespace sls::runtime
