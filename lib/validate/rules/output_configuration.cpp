// E6001/E6002/E6003: the Outputs section's shape (cfn-lint's outputs configuration schema).
// E6001: an output has a name of letters and digits and only Description, Value, Export and
// Condition; E6002: it has a Value, and an Export has a Name; E6003: each part has its type.
#include <regex>

#include "validate/rules/fn_common.h"

namespace sls::validate::defs {

namespace {

constexpr std::string_view kDoc =
    "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/"
    "outputs-section-structure.html";

constexpr RuleInfo kConfig{"E6001", Severity::kError, "Check the properties of Outputs",
                           "Outputs have valid names and only the keys an output may have.", kDoc};
constexpr RuleInfo kRequired{"E6002", Severity::kError, "Outputs have required properties",
                             "Each output has a Value, and each export a Name.", kDoc};
constexpr RuleInfo kType{"E6003", Severity::kError, "Check the type of Outputs",
                         "Each part of an output has the type CloudFormation expects.", kDoc};

constexpr std::string_view kNamePattern = "^[a-zA-Z0-9]+$";

bool known_key(std::string_view k) {
  return k == "Condition" || k == "Description" || k == "Export" || k == "Value";
}

std::string unexpected(std::string_view key) {
  return "Additional properties are not allowed (" + py_str(key) + " was unexpected)";
}

std::string required(std::string_view key) { return py_str(key) + " is a required property"; }

// Calls fn(name entry, output map) for every output.
template <typename Fn>
void for_each_output(const Context& ctx, Fn fn) {
  const tmpl::Node* outputs = ctx.tpl.section("Outputs");
  if (!outputs || !outputs->is_map()) return;
  for (const tmpl::MapEntry& e : outputs->entries) fn(e, "Outputs/" + e.key);
}

void check_config(const Context& ctx) {
  static const std::regex kName{std::string(kNamePattern)};
  for_each_output(ctx, [&](const tmpl::MapEntry& e, const std::string& path) {
    if (!std::regex_match(e.key, kName)) {
      ctx.report(kConfig,
                 py_str(e.key) +
                     " does not match any of the regexes: " + py_str(std::string(kNamePattern)),
                 e.key_pos, path, e.key);
    }
    for (const tmpl::MapEntry& k : e.value.entries) {
      if (!known_key(k.key)) ctx.report(kConfig, unexpected(k.key), k.key_pos, path, e.key);
    }
    const tmpl::Node* exp = e.value.get("Export");
    if (!exp || !exp->is_map() || tmpl::is_intrinsic(*exp)) return;
    for (const tmpl::MapEntry& k : exp->entries) {
      if (k.key != "Name") ctx.report(kConfig, unexpected(k.key), k.key_pos, path, e.key);
    }
  });
}

void check_required(const Context& ctx) {
  for_each_output(ctx, [&](const tmpl::MapEntry& e, const std::string& path) {
    if (!e.value.is_map()) return;
    if (!e.value.get("Value")) ctx.report(kRequired, required("Value"), e.key_pos, path, e.key);
    const tmpl::MapEntry* exp = e.value.entry("Export");
    if (exp && exp->value.is_map() && !tmpl::is_intrinsic(exp->value) && !exp->value.get("Name")) {
      ctx.report(kRequired, required("Name"), exp->key_pos, path + "/Export", e.key);
    }
  });
}

void check_type(const Context& ctx) {
  for_each_output(ctx, [&](const tmpl::MapEntry& e, const std::string& path) {
    if (!e.value.is_map()) {
      ctx.report(kType, not_of_type(e.value, "'object'"), value_pos(e), path, e.key);
      return;
    }
    for (std::string_view key : {"Condition", "Description"}) {
      const tmpl::Node* v = e.value.get(key);
      if (v && !v->is_scalar()) ctx.report(kType, not_of_type(*v, "'string'"), v->pos, path, e.key);
    }
    const tmpl::Node* exp = e.value.get("Export");
    if (exp && (!exp->is_map() || tmpl::is_intrinsic(*exp))) {
      ctx.report(kType, not_of_type(*exp, "'object'"), exp->pos, path, e.key);
    }
  });
}

}  // namespace

extern const Rule kE6001{kConfig, check_config};
extern const Rule kE6002{kRequired, check_required};
extern const Rule kE6003{kType, check_type};

}  // namespace sls::validate::defs
