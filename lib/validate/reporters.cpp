// Renders findings: text (gcc form), json (cfn-lint's shape), sarif 2.1.0, junit.
#include <nlohmann/json.hpp>

#include "validate/validate.h"

namespace sls::validate {

namespace {

const RuleInfo* find_rule(std::string_view id) {
  for (const RuleInfo& r : rules()) {
    if (r.id == id) return &r;
  }
  return nullptr;
}

std::string text_report(const std::vector<FileReport>& reports, const RenderOptions& ro) {
  std::string out;
  for (const FileReport& r : reports) {
    for (const Finding& f : r.findings) {
      std::string loc = format_loc(f.loc);
      if (loc.empty()) loc = r.path;
      const char* sev = severity_name(f.severity);
      if (ro.color) {
        const char* c = f.severity == Severity::kError     ? "\x1b[1;31m"
                        : f.severity == Severity::kWarning ? "\x1b[1;35m"
                                                           : "\x1b[1;36m";
        out += "\x1b[1m" + loc + ":\x1b[0m " + c + sev + "\x1b[0m " + f.rule_id + " " + f.message;
      } else {
        out += loc + ": " + sev + " " + f.rule_id + " " + f.message;
      }
      out += '\n';
    }
  }
  return out;
}

nlohmann::ordered_json path_list(const std::string& path) {
  nlohmann::ordered_json a = nlohmann::ordered_json::array();
  size_t start = 0;
  while (!path.empty() && start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string::npos) end = path.size();
    const std::string part = path.substr(start, end - start);
    const bool index = !part.empty() && part.find_first_not_of("0123456789") == std::string::npos;
    if (index) {
      a.push_back(std::stoll(part));
    } else {
      a.push_back(part);
    }
    start = end + 1;
  }
  return a;
}

std::string json_report(const std::vector<FileReport>& reports) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const FileReport& r : reports) {
    for (const Finding& f : r.findings) {
      const RuleInfo* info = find_rule(f.rule_id);
      const nlohmann::ordered_json pos = {{"ColumnNumber", f.loc.col}, {"LineNumber", f.loc.line}};
      std::string level = severity_name(f.severity);
      level[0] = static_cast<char>(std::toupper(level[0]));
      out.push_back({
          {"Filename", r.path},
          {"Level", level},
          {"Location", {{"Start", pos}, {"End", pos}, {"Path", path_list(f.path)}}},
          {"Message", f.message},
          {"Rule",
           {{"Description", info ? std::string(info->description) : ""},
            {"Id", f.rule_id},
            {"ShortDescription", info ? std::string(info->shortdesc) : ""},
            {"Source", info ? std::string(info->source) : ""}}},
      });
    }
  }
  return out.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

}  // namespace

std::string render_sarif(const std::vector<FileReport>& reports);
std::string render_junit(const std::vector<FileReport>& reports);

std::string render(Format format, const std::vector<FileReport>& reports,
                   const RenderOptions& ro) {
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
