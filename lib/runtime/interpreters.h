// Which local interpreter runs a managed runtime: the exact python3.X / node major when it is
// installed, else the nearest installed version of that language (with one warning).
// Looked up once per process on PATH (plus /usr/bin and /usr/local/bin first), so a start costs
// no search. Real interpreters are preferred over version-manager shims: a pyenv shim costs
// about a second per start, so a pyenv "shims" directory on PATH is replaced by the versions it
// fronts.
// Thread safety: an Interpreters is immutable after probe(); installed() is safe from any thread.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sls::runtime {

enum class Language : unsigned char { kPython, kNode };

struct Interpreter {
  Language language;
  int major = 0;     // 3 for python, 22 for node
  int minor = 0;     // 13 for python3.13; 0 for node
  std::string path;  // absolute
  bool operator==(const Interpreter&) const = default;
};

struct InterpreterChoice {
  Interpreter interpreter;
  std::string warning;  // "" when the exact version runs; else the one line to print
};

class Interpreters {
 public:
  // Searches `first_dirs` (the system's: /usr/bin, /usr/local/bin), then each directory of
  // `path_env` (a PATH value) for `language`'s interpreters; a directory named "shims" under a
  // pyenv root (one with a "versions" sibling) is replaced by <root>/versions/*/bin. Node's
  // version is asked once per binary from `node --version`.
  static Interpreters probe(std::string_view path_env, Language language,
                            const std::vector<std::string>& first_dirs = system_dirs());
  static const std::vector<std::string>& system_dirs();
  // The process-wide table of one language, probed from $PATH on first use.
  static const Interpreters& installed(Language language);
  // installed(...).choose(runtime_id), without probing every interpreter when the exact
  // python3.X is on the search path: then the first one found is the one choose() would pick,
  // and a cold start looks no further.
  static std::optional<InterpreterChoice> choose_installed(std::string_view runtime_id);

  // For "python3.13" or "nodejs22.x": the interpreter to run. nullopt when the runtime is not
  // python/node, or no interpreter of that language exists.
  std::optional<InterpreterChoice> choose(std::string_view runtime_id) const;

  const std::vector<Interpreter>& all() const { return found_; }

 private:
  std::vector<Interpreter> found_;  // first found per version wins
};

// "python3.13" -> {kPython, 3, 13}; "nodejs22.x" -> {kNode, 22, 0}; else nullopt.
std::optional<Interpreter> parse_runtime_id(std::string_view runtime_id);

}  // namespace sls::runtime
