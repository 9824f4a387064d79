// E2001: each parameter has a name of letters and digits, a Type, only the keys its type
// allows, and values of the right kinds (cfn-lint's parameters configuration schema).
#include <array>
#include <regex>

#include "validate/rules/fn_common.h"

namespace sls::validate::defs {

namespace {

constexpr RuleInfo kInfo{"E2001", Severity::kError, "Parameters have appropriate properties",
                         "Parameters have valid names, a Type and only the keys their type "
                         "allows.",
                         "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/"
                         "parameters-section-structure.html"};

constexpr std::string_view kNamePattern = "^[a-zA-Z0-9]+$";

// The kind each parameter key must have; "number"/"integer"/"boolean" read loosely (a quoted
// "5" is a number to CloudFormation).
struct KeyKind {
  std::string_view key;
  std::string_view kind;  // "string", "array", "integer", "number", "boolean"
};
constexpr std::array<KeyKind, 11> kKeys{{{"AllowedPattern", "string"},
                                         {"AllowedValues", "array"},
                                         {"ConstraintDescription", "string"},
                                         {"Default", "string"},
                                         {"Description", "string"},
                                         {"MaxLength", "integer"},
                                         {"MaxValue", "number"},
                                         {"MinLength", "integer"},
                                         {"MinValue", "number"},
                                         {"NoEcho", "boolean"},
                                         {"Type", "string"}}};

// The keys a Number parameter may have, and the keys any other type may have.
const std::vector<std::string> kNumberKeys{"AllowedValues", "ConstraintDescription",
                                           "Default",       "Description",
                                           "MaxValue",      "MinValue",
                                           "NoEcho",        "Type"};
const std::vector<std::string> kStringKeys{
    "AllowedPattern", "AllowedValues", "ConstraintDescription",
    "Default",        "Description",   "MaxLength",
    "MinLength",      "NoEcho",        "Type"};

const KeyKind* key_kind(std::string_view key) {
  for (const KeyKind& k : kKeys) {
    if (k.key == key) return &k;
  }
  return nullptr;
}

bool has_kind(const tmpl::Node& v, std::string_view kind) {
  if (kind == "array") return v.is_seq();
  if (kind == "string") return v.is_scalar();
  if (kind == "integer") return v.as_int().has_value();
  if (kind == "number") return v.as_number().has_value();
  return v.as_bool().has_value();
}

void check_parameter(const Context& ctx, const tmpl::MapEntry& p) {
  const std::string path = "Parameters/" + p.key;
  if (!p.value.is_map()) {
    ctx.report(kInfo, not_of_type(p.value, "'object'"), value_pos(p), path);
    return;
  }
  const tmpl::Node* type = p.value.get("Type");
  if (!type) ctx.report(kInfo, "'Type' is a required property", p.key_pos, path);
  const bool number = type && type->is_scalar() && type->scalar == "Number";
  const std::vector<std::string>& allowed = number ? kNumberKeys : kStringKeys;
  for (const tmpl::MapEntry& k : p.value.entries) {
    const KeyKind* kind = key_kind(k.key);
    if (!kind) {
      ctx.report(kInfo,
                 "Additional properties are not allowed (" + py_str(k.key) + " was unexpected)",
                 k.key_pos, path);
      continue;
    }
    if (std::find(allowed.begin(), allowed.end(), k.key) == allowed.end()) {
      ctx.report(kInfo, not_one_of(k.key, allowed), k.key_pos, path);
    }
    if (!has_kind(k.value, kind->kind)) {
      ctx.report(kInfo, not_of_type(k.value, py_str(kind->kind)), value_pos(k), path + "/" + k.key);
    }
  }
}

void check(const Context& ctx) {
  const tmpl::Node* params = ctx.tpl.section("Parameters");
  if (!params || !params->is_map()) return;
  static const std::regex kName{std::string(kNamePattern)};
  for (const tmpl::MapEntry& p : params->entries) {
    if (!std::regex_match(p.key, kName)) {
      ctx.report(kInfo,
                 py_str(p.key) +
                     " does not match any of the regexes: " + py_str(std::string(kNamePattern)),
                 p.key_pos, "Parameters/" + p.key);
    }
    check_parameter(ctx, p);
  }
}

}  // namespace

extern const Rule kE2001{kInfo, check};

}  // namespace sls::validate::defs
