// Internal to lib/validate/: what the reporter files share. reporters.cpp renders text and
// json and dispatches on the format; reporters_ci.cpp renders SARIF and JUnit for CI tools.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "validate/validate.h"

namespace sls::validate {

// The metadata of the rule with this id, or nullptr for ids no registered rule owns (the
// engine's E0000 load failures, template diagnostics with ids of their own).
const RuleInfo* find_rule(std::string_view id);

// Whether `source` (RuleInfo::source) is a web address a tool can link to, rather than a
// spec section such as "limits.md#lambda".
bool is_web_url(std::string_view source);

std::string render_sarif(const std::vector<FileReport>& reports);
std::string render_junit(const std::vector<FileReport>& reports);

}  // namespace sls::validate
