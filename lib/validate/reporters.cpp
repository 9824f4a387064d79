// Renders findings for people (text, the gcc form editors and CI log matchers understand) and
// for scripts (json, the shape of cfn-lint's `--format json`); SARIF and JUnit live in
// reporters_ci.cpp.
#include "validate/reporters.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>

#include <nlohmann/json.hpp>

namespace sls::validate {

namespace {

// ANSI SGR sequences, the colours gcc uses for its diagnostics.
constexpr const char* kBold = "\x1b[1m";
constexpr const char* kReset = "\x1b[0m";
constexpr const char* kRed = "\x1b[1;31m";      // error
constexpr const char* kMagenta = "\x1b[1;35m";  // warning
constexpr const char* kCyan = "\x1b[1;36m";     // info (gcc's "note")

// cfn-lint prints its JSON with json.dumps(indent=4, sort_keys=True); we match both so a tool
// (or a diff) cannot tell the two apart by layout. nlohmann::json keeps keys sorted.
constexpr int kJsonIndent = 4;

// A path segment of digits becomes a list index in the JSON "Path", as cfn-lint's paths hold
// ints for list positions. A template is at most 1 MB (spec/limits.md), so no list has a
// million items: longer digit runs are map keys (account ids in Mappings). A short numeric key
// ("200" under responses) still reads as an index: Finding::path cannot tell them apart.
constexpr size_t kMaxIndexDigits = 6;

const char* severity_color(Severity s) {
  switch (s) {
    case Severity::kError:
      return kRed;
    case Severity::kWarning:
      return kMagenta;
    case Severity::kInfo:
      return kCyan;
  }
  return kRed;
}

// Messages quote template text, which may hold control characters. On a terminal they would
// act (ESC starts a command sequence, and so does U+009B on some), and a line break would split
// the one-line-per-finding form editors parse. They are shown as escapes instead; tab stays.
std::string printable(std::string_view s) {
  std::string out;
  char buf[8];
  for (size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    const bool c1 =
        c == 0xC2 && i + 1 < s.size() && (static_cast<unsigned char>(s[i + 1]) & 0xE0) == 0x80;
    if (c1) {
      std::snprintf(buf, sizeof buf, "\\u%04X", static_cast<unsigned char>(s[++i]));
      out += buf;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if ((c < 0x20 && c != '\t') || c == 0x7F) {
      std::snprintf(buf, sizeof buf, "\\x%02X", c);
      out += buf;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

std::string text_line(const FileReport& r, const Finding& f, bool color) {
  std::string loc = format_loc(f.loc);
  if (loc.empty()) loc = r.path;
  loc = printable(loc);
  const std::string message = printable(f.message);
  const char* sev = severity_name(f.severity);
  if (!color) return loc + ": " + sev + " " + f.rule_id + " " + message + "\n";
  return kBold + loc + ":" + kReset + " " + severity_color(f.severity) + sev + kReset + " " +
         f.rule_id + " " + message + "\n";
}

std::string text_report(const std::vector<FileReport>& reports, const RenderOptions& ro) {
  std::string out;
  for (const FileReport& r : reports) {
    for (const Finding& f : r.findings) out += text_line(r, f, ro.color);
  }
  return out;
}

// cfn-lint's "Level": the severity capitalised, with info spelled as cfn-lint spells it.
const char* json_level(Severity s) {
  switch (s) {
    case Severity::kError:
      return "Error";
    case Severity::kWarning:
      return "Warning";
    case Severity::kInfo:
      return "Informational";
  }
  return "Error";
}

bool is_list_index(std::string_view part) {
  if (part.empty() || part.size() > kMaxIndexDigits) return false;
  if (part.size() > 1 && part[0] == '0') return false;  // "007" is a key, not index 7
  return std::all_of(part.begin(), part.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// "Resources/Fn/Properties/Layers/0" -> ["Resources", "Fn", "Properties", "Layers", 0].
nlohmann::json path_list(std::string_view path) {
  nlohmann::json a = nlohmann::json::array();
  if (path.empty()) return a;
  size_t start = 0;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    const std::string part(path.substr(start, end - start));
    if (is_list_index(part)) {
      a.push_back(std::stoi(part));
    } else {
      a.push_back(part);
    }
    start = end + 1;
  }
  return a;
}

// FNV-1a, 64-bit (the published offset basis and prime).
uint64_t fnv1a(std::string_view data, uint64_t hash) {
  constexpr uint64_t kFnvPrime = 0x100000001b3ULL;
  for (const char c : data) {
    hash ^= static_cast<unsigned char>(c);
    hash *= kFnvPrime;
  }
  return hash;
}

// cfn-lint gives each match an "Id": a UUID-shaped digest of the match, the same on every run.
// Ours digests the same parts (file, position, rule, message) so it is stable too.
std::string finding_id(const std::string& file, const Finding& f) {
  constexpr uint64_t kFnvOffset = 0xcbf29ce484222325ULL;
  constexpr uint64_t kSecondSeed = 0x9e3779b97f4a7c15ULL;  // any odd constant: a 2nd hash
  const std::string key = file + '\0' + std::to_string(f.loc.line) + '\0' +
                          std::to_string(f.loc.col) + '\0' + f.rule_id + '\0' + f.message;
  const uint64_t hi = fnv1a(key, kFnvOffset);
  const uint64_t lo = fnv1a(key, kFnvOffset ^ kSecondSeed);
  char buf[37];
  std::snprintf(buf, sizeof buf, "%08x-%04x-%04x-%04x-%012llx", static_cast<unsigned>(hi >> 32),
                static_cast<unsigned>((hi >> 16) & 0xffff), static_cast<unsigned>(hi & 0xffff),
                static_cast<unsigned>(lo >> 48),
                static_cast<unsigned long long>(lo & 0xffffffffffffULL));
  return buf;
}

nlohmann::json json_finding(const FileReport& r, const Finding& f) {
  const RuleInfo* info = find_rule(f.rule_id);
  // A finding without a position (an unreadable file) points at 1:1, as cfn-lint's do. The end
  // is one column past the start: cfn-lint's span when it knows no end, and we never do.
  const int line = f.loc.line > 0 ? f.loc.line : 1;
  const int col = f.loc.col > 0 ? f.loc.col : 1;
  return {
      {"Filename", r.path},
      {"Id", finding_id(r.path, f)},
      {"Level", json_level(f.severity)},
      {"Location",
       {{"Start", {{"ColumnNumber", col}, {"LineNumber", line}}},
        {"End", {{"ColumnNumber", col + 1}, {"LineNumber", line}}},
        {"Path", path_list(f.path)}}},
      {"Message", f.message},
      {"ParentId", nullptr},
      {"Rule",
       {{"Description", info ? std::string(info->description) : ""},
        {"Id", f.rule_id},
        {"ShortDescription", info ? std::string(info->shortdesc) : ""},
        {"Source", info ? std::string(info->source) : ""}}},
  };
}

std::string json_report(const std::vector<FileReport>& reports) {
  nlohmann::json out = nlohmann::json::array();
  for (const FileReport& r : reports) {
    for (const Finding& f : r.findings) out.push_back(json_finding(r, f));
  }
  // Messages quote template text, which need not be valid UTF-8: replace bad bytes, never throw.
  return out.dump(kJsonIndent, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace

const RuleInfo* find_rule(std::string_view id) {
  const std::vector<RuleInfo>& all = rules();  // sorted by id
  const auto it = std::lower_bound(all.begin(), all.end(), id,
                                   [](const RuleInfo& r, std::string_view v) { return r.id < v; });
  return it != all.end() && it->id == id ? &*it : nullptr;
}

bool is_web_url(std::string_view source) {
  return source.starts_with("https://") || source.starts_with("http://");
}

std::string render(Format format, const std::vector<FileReport>& reports, const RenderOptions& ro) {
  switch (format) {
    case Format::kText:
      return text_report(reports, ro);
    case Format::kJson:
      return json_report(reports);
    case Format::kSarif:
      return render_sarif(reports);
    case Format::kJunit:
      return render_junit(reports);
  }
  return {};
}

}  // namespace sls::validate
