// The validate room's door: lint a template against its schema, references, intrinsic shapes,
// SAM's own checks and the AWS service limits; render the findings for people and tools.
// Thread safety: validate_file() is reentrant (templates may be checked on several threads);
// the rule table is immutable.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "template/template.h"

namespace sls::validate {

enum class Severity : unsigned char { kError, kWarning, kInfo };
const char* severity_name(Severity s);  // "error", "warning", "info"

// A rule's metadata, cfn-lint style (id families: E0 template/transform, E1 structure and
// functions, E2 parameters/runtimes, E3 resources, E6 outputs; W warnings, I info).
struct RuleInfo {
  std::string_view id;
  Severity severity;
  std::string_view shortdesc;
  std::string_view description;
  std::string_view source;  // a spec section or an AWS documentation URL
};

struct Finding {
  std::string rule_id;
  Severity severity = Severity::kError;
  std::string message;
  SourceLoc loc;         // file:line:col (1-based)
  std::string path;      // "Resources/Fn/Properties/MemorySize", "" for the whole template
  std::string resource;  // logical id the finding belongs to, "" when none
  bool operator==(const Finding&) const = default;
};

struct FileReport {
  std::string path;
  std::vector<Finding> findings;  // sorted by line, column, rule id
};

struct Options {
  std::vector<std::string> ignore_checks;   // ids or prefixes ("W", "E30"); comma lists split
  std::vector<std::string> include_checks;  // re-enables ids an ignore (or a default) turned off
  tmpl::Bindings bindings;
  tmpl::LoadOptions load;
};

// Every rule sls knows, sorted by id.
const std::vector<RuleInfo>& rules();

// Validates one template file. Load failures (unreadable file, YAML syntax) become findings
// (E0000) too, so a pre-commit run over many files reports them all. Never throws for input.
FileReport validate_file(const std::string& path, const Options& opts);
// The same on text already in memory (tests, fuzzing).
FileReport validate_text(std::string_view text, const std::string& path, const Options& opts);

// --- reporters ----------------------------------------------------------------------------
enum class Format : unsigned char { kText, kJson, kSarif, kJunit };

struct RenderOptions {
  bool color = false;
};

// text:  "file:line:col: error E3012 message" per finding (gcc form), then nothing else;
// json:  a list of cfn-lint-shaped objects; sarif: SARIF 2.1.0; junit: one testsuite per file.
std::string render(Format format, const std::vector<FileReport>& reports,
                   const RenderOptions& ropts = {});

// Exit status for a run (sls(1) "EXIT STATUS"): 2 when any error, else 4 when `strict` and any
// warning, else 0.
int exit_status(const std::vector<FileReport>& reports, bool strict);

}  // namespace sls::validate
