// SARIF 2.1.0 and JUnit XML renderings of findings, for code-scanning services and CI test
// dashboards. Both are deterministic (no times, no absolute paths we did not get) so they
// can be compared byte for byte.
#include <cstdint>
#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "validate/reporters.h"

namespace sls::validate {

namespace {

// --- SARIF ------------------------------------------------------------------------------------

// The OASIS standard's schema (2.1.0 with Errata 01); "version" must be exactly "2.1.0".
constexpr const char* kSarifSchema =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
constexpr const char* kSarifVersion = "2.1.0";
// Where a person reads about the tool and its rules. TODO(lead): the project's home page once
// it has one; until then the manual page, which is a valid absolute URI (RFC 3986).
constexpr const char* kToolInformationUri = "man:sls-validate(1)";
// Relative paths are relative to the directory sls ran in; SARIF consumers (GitHub code
// scanning among them) resolve %SRCROOT% to the checkout's root.
constexpr const char* kSrcRootBase = "%SRCROOT%";
constexpr int kSarifIndent = 2;  // keys keep the order of the spec's tables (ordered_json)

// SARIF's "level" (SARIF 2.1.0 §3.27.10: error, warning, note, none).
const char* sarif_level(Severity s) {
  switch (s) {
    case Severity::kError:
      return "error";
    case Severity::kWarning:
      return "warning";
    case Severity::kInfo:
      return "note";
  }
  return "error";
}

// Percent-encodes what may not appear in a URI path (RFC 3986 §3.3). ':' is encoded too, so
// "a:b.yaml" cannot read as a URI with scheme "a".
std::string uri_path(std::string_view path) {
  static constexpr std::string_view kKeep = "-._~/!$&'()*+,;=@";
  std::string out;
  for (const char c : path) {
    const auto u = static_cast<unsigned char>(c);
    const bool alnum = (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9');
    if (alnum || kKeep.find(c) != std::string_view::npos) {
      out += c;
    } else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", u);
      out += buf;
    }
  }
  return out;
}

nlohmann::ordered_json artifact_location(const std::string& path) {
  if (!path.empty() && path[0] == '/') return {{"uri", "file://" + uri_path(path)}};
  return {{"uri", uri_path(path)}, {"uriBaseId", kSrcRootBase}};
}

nlohmann::ordered_json sarif_location(const FileReport& r, const Finding& f) {
  const std::string& file = f.loc.file.empty() ? r.path : f.loc.file;
  nlohmann::ordered_json physical = {{"artifactLocation", artifact_location(file)}};
  if (f.loc.line > 0) {  // an unreadable file has no region, and SARIF lines start at 1
    nlohmann::ordered_json region = {{"startLine", f.loc.line}};
    if (f.loc.col > 0) region["startColumn"] = f.loc.col;
    physical["region"] = std::move(region);
  }
  return {{"physicalLocation", std::move(physical)}};
}

// A reportingDescriptor (§3.49). Ids no registered rule owns (E0000) carry only what the
// finding tells: the id and its level.
nlohmann::ordered_json sarif_rule(const std::string& id, Severity severity) {
  nlohmann::ordered_json rule = {{"id", id}};
  if (const RuleInfo* info = find_rule(id)) {
    rule["shortDescription"] = {{"text", info->shortdesc}};
    rule["fullDescription"] = {{"text", info->description}};
    if (is_web_url(info->source)) rule["helpUri"] = info->source;
    severity = info->severity;
  }
  rule["defaultConfiguration"] = {{"level", sarif_level(severity)}};
  return rule;
}

// The run's rules are only those with results, sorted by id: a clean run lists none, and the
// log does not change each time a rule is added (cfn-lint does the same).
std::map<std::string, Severity> rules_with_results(const std::vector<FileReport>& reports) {
  std::map<std::string, Severity> out;
  for (const FileReport& r : reports) {
    for (const Finding& f : r.findings) out.emplace(f.rule_id, f.severity);
  }
  return out;
}

// --- JUnit XML --------------------------------------------------------------------------------

constexpr const char* kReplacementChar = "\xEF\xBF\xBD";  // U+FFFD in UTF-8
// The test case a file with no findings gets, so every file shows up as a passing test.
constexpr const char* kCleanTestName = "validate";

// Length of the valid UTF-8 sequence starting at s[i] (RFC 3629: no overlong forms, no
// surrogates, nothing past U+10FFFF) with its code point in `cp`; 0 when the bytes are invalid.
size_t utf8_sequence(std::string_view s, size_t i, uint32_t& cp) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) {
    cp = b0;
    return 1;
  }
  size_t len = 0;
  uint32_t min = 0;  // the smallest code point of this length: smaller ones are overlong
  if ((b0 & 0xE0) == 0xC0) {
    len = 2;
    cp = b0 & 0x1F;
    min = 0x80;
  } else if ((b0 & 0xF0) == 0xE0) {
    len = 3;
    cp = b0 & 0x0F;
    min = 0x800;
  } else if ((b0 & 0xF8) == 0xF0) {
    len = 4;
    cp = b0 & 0x07;
    min = 0x10000;
  } else {
    return 0;
  }
  if (i + len > s.size()) return 0;
  for (size_t k = 1; k < len; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (b & 0x3F);
  }
  const bool surrogate = cp >= 0xD800 && cp <= 0xDFFF;
  return cp < min || cp > 0x10FFFF || surrogate ? 0 : len;
}

// Whether XML 1.0 allows the character at all (§2.2 Char): even as &#N; it may not appear.
bool xml_char(uint32_t cp) {
  if (cp < 0x20) return cp == '\t' || cp == '\n' || cp == '\r';
  return cp != 0xFFFE && cp != 0xFFFF;
}

// The characters written as references: markup in content, and in attributes also the quote
// and the whitespace that attribute-value normalization (XML 1.0 §3.3.3) would turn into
// spaces. A raw CR is read back as LF (§2.11), so it is a reference everywhere.
struct XmlReference {
  uint32_t cp;
  const char* content;    // nullptr: written as is
  const char* attribute;  // in a double-quoted attribute value
};
constexpr XmlReference kXmlReferences[] = {{'&', "&amp;", "&amp;"}, {'<', "&lt;", "&lt;"},
                                           {'>', "&gt;", "&gt;"},   {'"', nullptr, "&quot;"},
                                           {'\t', nullptr, "&#9;"}, {'\n', nullptr, "&#10;"},
                                           {'\r', "&#13;", "&#13;"}};

const char* xml_reference(uint32_t cp, bool attribute) {
  for (const XmlReference& r : kXmlReferences) {
    if (r.cp == cp) return attribute ? r.attribute : r.content;
  }
  return nullptr;
}

// Escapes text for XML 1.0 content or a double-quoted attribute. Bytes that are not UTF-8 and
// characters XML forbids become U+FFFD.
std::string xml_escape(std::string_view s, bool attribute) {
  std::string out;
  for (size_t i = 0; i < s.size();) {
    uint32_t cp = 0;
    const size_t len = utf8_sequence(s, i, cp);
    if (len == 0 || !xml_char(cp)) {
      out += kReplacementChar;
      i += len == 0 ? 1 : len;
      continue;
    }
    const char* ref = xml_reference(cp, attribute);
    if (ref) {
      out += ref;
    } else {
      out.append(s.substr(i, len));
    }
    i += len;
  }
  return out;
}

std::string attr(std::string_view name, std::string_view value) {
  return " " + std::string(name) + "=\"" + xml_escape(value, true) + "\"";
}

// The findings of one rule in one file: one test case.
struct RuleCase {
  std::string id;
  std::vector<const Finding*> findings;
  bool failed = false;  // any finding is an error
};

std::vector<RuleCase> rule_cases(const FileReport& r) {
  std::map<std::string, RuleCase> by_id;
  for (const Finding& f : r.findings) {
    RuleCase& c = by_id[f.rule_id];
    c.id = f.rule_id;
    c.findings.push_back(&f);
    c.failed = c.failed || f.severity == Severity::kError;
  }
  std::vector<RuleCase> out;
  for (auto& [id, c] : by_id) out.push_back(std::move(c));
  return out;
}

// The gcc-form line of a finding, as the text report prints it.
std::string finding_line(const FileReport& r, const Finding& f) {
  std::string loc = format_loc(f.loc);
  if (loc.empty()) loc = r.path;
  return loc + ": " + severity_name(f.severity) + " " + f.rule_id + " " + f.message + "\n";
}

// Errors fail the test case; warnings and info pass it (as they leave the exit status 0
// without --strict) and are listed in <system-out>, which dashboards show beside the test.
std::string junit_case(const FileReport& r, const RuleCase& c) {
  const RuleInfo* info = find_rule(c.id);
  const std::string name = info ? c.id + " " + std::string(info->shortdesc) : c.id;
  std::string body;
  for (const Finding* f : c.findings) body += finding_line(r, *f);
  std::string out = "    <testcase" + attr("name", name) + attr("classname", r.path) + ">\n";
  if (c.failed) {
    std::string message = c.findings.front()->message;
    if (c.findings.size() > 1) {
      message += " (and " + std::to_string(c.findings.size() - 1) + " more)";
    }
    out += "      <failure" + attr("type", c.id) + attr("message", message) + ">" +
           xml_escape(body, false) + "</failure>\n";
  } else {
    out += "      <system-out>" + xml_escape(body, false) + "</system-out>\n";
  }
  return out + "    </testcase>\n";
}

struct SuiteCounts {
  size_t tests = 0;
  size_t failures = 0;
};

std::string junit_suite(const FileReport& r, SuiteCounts& total) {
  const std::vector<RuleCase> cases = rule_cases(r);
  SuiteCounts counts{.tests = cases.empty() ? 1 : cases.size()};
  std::string body;
  for (const RuleCase& c : cases) {
    counts.failures += c.failed ? 1 : 0;
    body += junit_case(r, c);
  }
  if (cases.empty()) {
    body = "    <testcase" + attr("name", kCleanTestName) + attr("classname", r.path) + "/>\n";
  }
  total.tests += counts.tests;
  total.failures += counts.failures;
  return "  <testsuite" + attr("name", r.path) + attr("tests", std::to_string(counts.tests)) +
         attr("failures", std::to_string(counts.failures)) + attr("errors", "0") +
         attr("skipped", "0") + ">\n" + body + "  </testsuite>\n";
}

}  // namespace

std::string render_sarif(const std::vector<FileReport>& reports) {
  const std::map<std::string, Severity> used = rules_with_results(reports);
  nlohmann::ordered_json rules = nlohmann::ordered_json::array();
  std::map<std::string, int> index;
  for (const auto& [id, severity] : used) {
    index[id] = static_cast<int>(rules.size());
    rules.push_back(sarif_rule(id, severity));
  }
  nlohmann::ordered_json results = nlohmann::ordered_json::array();
  for (const FileReport& r : reports) {
    for (const Finding& f : r.findings) {
      results.push_back({{"ruleId", f.rule_id},
                         {"ruleIndex", index.at(f.rule_id)},
                         {"level", sarif_level(f.severity)},
                         {"message", {{"text", f.message}}},
                         {"locations", nlohmann::ordered_json::array({sarif_location(r, f)})}});
    }
  }
  const nlohmann::ordered_json driver = {{"name", "sls"},
                                         {"version", SLS_VERSION},
                                         {"informationUri", kToolInformationUri},
                                         {"rules", std::move(rules)}};
  const nlohmann::ordered_json run = {
      {"tool", {{"driver", driver}}},
      {"originalUriBaseIds",
       {{kSrcRootBase, {{"description", {{"text", "The directory sls ran in."}}}}}}},
      {"results", std::move(results)}};
  const nlohmann::ordered_json log = {{"$schema", kSarifSchema},
                                      {"version", kSarifVersion},
                                      {"runs", nlohmann::ordered_json::array({run})}};
  return log.dump(kSarifIndent, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

// One <testsuite> per file and one <testcase> per rule that fired in it.
std::string render_junit(const std::vector<FileReport>& reports) {
  SuiteCounts total;
  std::string suites;
  for (const FileReport& r : reports) suites += junit_suite(r, total);
  return std::string("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n") + "<testsuites" +
         attr("name", "sls validate") + attr("tests", std::to_string(total.tests)) +
         attr("failures", std::to_string(total.failures)) + attr("errors", "0") + ">\n" + suites +
         "</testsuites>\n";
}

}  // namespace sls::validate
