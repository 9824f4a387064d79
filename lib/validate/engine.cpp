// Runs every rule over a loaded template and applies the rule selection: --ignore-checks,
// --include-checks, info rules off unless included, and cfn-lint's Metadata ignore_checks
// (template-wide and per resource).
#include <algorithm>
#include <cstdio>
#include <tuple>

#include "validate/rule.h"

namespace sls::validate {

namespace {

// A rule id matches a selector when the selector is a prefix of it ("W" matches "W2531").
bool matches(std::string_view id, const std::vector<std::string>& selectors) {
  return std::any_of(selectors.begin(), selectors.end(),
                     [&](const std::string& s) { return !s.empty() && id.starts_with(s); });
}

// Splits "E1,E2" items and trims spaces.
std::vector<std::string> split_ids(const std::vector<std::string>& in) {
  std::vector<std::string> out;
  for (const std::string& item : in) {
    size_t start = 0;
    while (start <= item.size()) {
      size_t end = item.find(',', start);
      if (end == std::string::npos) end = item.size();
      std::string id = item.substr(start, end - start);
      id.erase(0, id.find_first_not_of(" \t"));
      id.erase(id.find_last_not_of(" \t") + 1);
      if (!id.empty()) out.push_back(id);
      start = end + 1;
    }
  }
  return out;
}

// Metadata: {cfn-lint: {config: {ignore_checks: [..]}}} under `meta`.
std::vector<std::string> metadata_ignores(const tmpl::Node* meta) {
  std::vector<std::string> out;
  if (!meta) return out;
  const tmpl::Node* lint = meta->get("cfn-lint");
  const tmpl::Node* config = lint ? lint->get("config") : nullptr;
  const tmpl::Node* ignore = config ? config->get("ignore_checks") : nullptr;
  if (!ignore) return out;
  if (ignore->is_scalar()) out.push_back(ignore->scalar);
  for (const tmpl::Node& n : ignore->items) {
    if (n.is_scalar()) out.push_back(n.scalar);
  }
  return split_ids(out);
}

void sort_findings(std::vector<Finding>& fs) {
  std::stable_sort(fs.begin(), fs.end(), [](const Finding& a, const Finding& b) {
    return std::tie(a.loc.line, a.loc.col, a.rule_id) < std::tie(b.loc.line, b.loc.col, b.rule_id);
  });
  fs.erase(std::unique(fs.begin(), fs.end()), fs.end());
}

// The finding for a template that could not be loaded at all.
Finding load_failure(const Error& e, const std::string& path) {
  Finding f;
  f.rule_id = "E0000";
  f.severity = Severity::kError;
  f.message = e.message();
  f.loc = e.where();
  if (f.loc.file.empty()) f.loc.file = path;
  return f;
}

std::vector<Finding> select(std::vector<Finding> in, const tmpl::App& app, const Options& opts) {
  const std::vector<std::string> ignore = split_ids(opts.ignore_checks);
  const std::vector<std::string> include = split_ids(opts.include_checks);
  const std::vector<std::string> template_ignore = metadata_ignores(app.tpl().section("Metadata"));
  std::vector<Finding> out;
  for (Finding& f : in) {
    const bool included = matches(f.rule_id, include);
    if (!included && (matches(f.rule_id, ignore) || matches(f.rule_id, template_ignore))) continue;
    if (!included && f.severity == Severity::kInfo) continue;
    if (!f.resource.empty() && !included) {
      const tmpl::Resource* r = app.resource(f.resource);
      if (r && r->raw && matches(f.rule_id, metadata_ignores(r->raw->get("Metadata")))) continue;
    }
    out.push_back(std::move(f));
  }
  return out;
}

}  // namespace

const char* severity_name(Severity s) {
  switch (s) {
    case Severity::kError:
      return "error";
    case Severity::kWarning:
      return "warning";
    case Severity::kInfo:
      return "info";
  }
  return "error";
}

void Sink::report(const RuleInfo& rule, std::string message, tmpl::Pos pos, std::string path,
                  std::string resource) {
  Finding f;
  f.rule_id = std::string(rule.id);
  f.severity = rule.severity;
  f.message = std::move(message);
  f.loc = tpl_.loc(pos);
  f.path = std::move(path);
  f.resource = std::move(resource);
  findings_.push_back(std::move(f));
}

const std::vector<RuleInfo>& rules() {
  static const std::vector<RuleInfo> kInfos = [] {
    std::vector<RuleInfo> v;
    for (const Rule* r : registry()) v.push_back(r->info);
    std::sort(v.begin(), v.end(), [](const RuleInfo& a, const RuleInfo& b) { return a.id < b.id; });
    return v;
  }();
  return kInfos;
}

FileReport validate_text(std::string_view text, const std::string& path, const Options& opts) {
  FileReport report{path, {}};
  tmpl::Template tpl;
  try {
    tpl = tmpl::load_string(text, path, opts.load);
  } catch (const Error& e) {
    report.findings.push_back(load_failure(e, path));
    return report;
  }
  const tmpl::App app = tmpl::App::build(std::move(tpl), opts.bindings);
  Sink sink(app.tpl());
  for (const tmpl::Diagnostic& d : app.tpl().diagnostics) {
    static constexpr RuleInfo kLoad{"E0000", Severity::kError, "Template could not be parsed",
                                    "The template text is not well-formed.", ""};
    sink.report(RuleInfo{d.id, kLoad.severity, kLoad.shortdesc, kLoad.description, ""}, d.message,
                d.pos);
  }
  for (const tmpl::Diagnostic& d : app.diagnostics()) {
    const bool warn = !d.id.empty() && d.id[0] == 'W';
    sink.report(RuleInfo{d.id, warn ? Severity::kWarning : Severity::kError, "", "", ""}, d.message,
                d.pos);
  }
  // A template the YAML reading already found broken (duplicate or non-string keys) is not
  // checked further, as cfn-lint does: later findings would describe a guessed document.
  if (app.tpl().diagnostics.empty()) {
    const Context ctx{app, app.tpl(), sink};
    for (const Rule* rule : registry()) rule->check(ctx);
  }
  report.findings = select(std::move(sink.findings()), app, opts);
  sort_findings(report.findings);
  return report;
}

FileReport validate_file(const std::string& path, const Options& opts) {
  std::string text;
  try {
    std::FILE* f = std::fopen(path.c_str(), "rb");
    if (!f) throw Error(Errc::kIo, "cannot read template: " + path, {path, 0, 0});
    char buf[1 << 16];
    size_t n = 0;
    while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) text.append(buf, n);
    const bool bad = std::ferror(f) != 0;
    std::fclose(f);
    if (bad) throw Error(Errc::kIo, "cannot read template: " + path, {path, 0, 0});
  } catch (const Error& e) {
    return FileReport{path, {load_failure(e, path)}};
  }
  return validate_text(text, path, opts);
}

int exit_status(const std::vector<FileReport>& reports, bool strict) {
  bool warning = false;
  for (const FileReport& r : reports) {
    for (const Finding& f : r.findings) {
      if (f.severity == Severity::kError) return 2;
      if (f.severity == Severity::kWarning) warning = true;
    }
  }
  return strict && warning ? 4 : 0;
}

}  // namespace sls::validate
