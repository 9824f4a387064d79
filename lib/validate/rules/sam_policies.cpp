// Policies as the SAM translator classifies and expands them (resource_policies.py,
// policy_templates_plugin.py, role_constructor.py).
#include "validate/rules/sam_policies.h"

#include <optional>

#include "validate/rules/sam_policy_templates.h"

namespace sls::validate::sam {

namespace {

enum class PolicyKind : uint8_t { kManaged, kStatement, kTemplate, kUnknown };

constexpr size_t kIfArguments = 3;  // Fn::If: [condition, then, else]

bool is_if(const tmpl::Node& n) {
  const auto in = tmpl::as_intrinsic(n);
  return in && in->name == "Fn::If";
}

bool is_no_value(const tmpl::Node& n) {
  const auto in = tmpl::as_intrinsic(n);
  return in && in->name == "Ref" && in->arg.is_scalar() && in->arg.scalar == "AWS::NoValue";
}

bool valid_if(const tmpl::Node& n) {
  const tmpl::Node& args = n.entries.front().value;
  return args.is_seq() && args.items.size() == kIfArguments;
}

// ResourcePolicies._get_type. A malformed Fn::If is a structure error: `error` gets its text.
PolicyKind kind_of(const tmpl::Node& p, std::string& error) {
  if (is_str(p)) return PolicyKind::kManaged;
  if (is_if(p)) {
    if (!valid_if(p)) {
      error = "Fn::If requires 3 arguments";
      return PolicyKind::kUnknown;
    }
    const tmpl::Node& then = p.entries.front().value.items[1];
    const tmpl::Node& other = p.entries.front().value.items[2];
    const PolicyKind a = kind_of(then, error);
    if (!error.empty()) return a;
    const PolicyKind b = kind_of(other, error);
    if (!error.empty()) return b;
    if (a == b) return a;
    if (is_no_value(then)) return b;
    if (is_no_value(other)) return a;
    error =
        "Different policy types within the same Fn::If statement is unsupported. Separate "
        "different policy types into different Fn::If statements";
    return PolicyKind::kUnknown;
  }
  if (is_intrinsic(p)) return PolicyKind::kManaged;
  if (p.is_map() && p.get("Statement")) return PolicyKind::kStatement;
  if (is_one_key_map(p) && find_policy_template(p.entries.front().key)) {
    return PolicyKind::kTemplate;
  }
  return PolicyKind::kUnknown;
}

// The entries of a Policies value: a single value counts as a list of one.
std::vector<const tmpl::Node*> entries(const tmpl::Node* policies) {
  std::vector<const tmpl::Node*> out;
  if (!truthy(policies)) return out;
  if (!policies->is_seq()) {
    out.push_back(policies);
    return out;
  }
  for (const tmpl::Node& p : policies->items) out.push_back(&p);
  return out;
}

// PolicyTemplatesProcessor.convert for one {TemplateName: {params}} entry.
bool check_template(const Reporter& rep, const tmpl::Node& entry) {
  const tmpl::MapEntry& e = entry.entries.front();
  const PolicyTemplate* t = find_policy_template(e.key);
  if (!e.value.is_map()) {
    rep.resource_error(rep.at(&e.value),
                       "Must specify valid parameter values for policy "
                       "template '" +
                           e.key + "'");
    return false;
  }
  std::string missing;
  for (std::string_view p : t->params) {
    if (p.empty() || e.value.get(p)) continue;
    missing += (missing.empty() ? "'" : ", '") + std::string(p) + "'";
  }
  if (missing.empty()) return true;
  rep.resource_error(e.key_pos, "Following required parameters of template '" + e.key +
                                    "' don't have values: [" + missing + "]");
  return false;
}

}  // namespace

bool check_policies(const Reporter& rep, std::string_view property) {
  for (const tmpl::Node* p : entries(rep.props().get(property))) {
    std::string error;
    const PolicyKind kind = kind_of(*p, error);
    if (!error.empty()) {
      rep.structure_error(rep.at(p), error);
      return false;
    }
    if (kind != PolicyKind::kTemplate) continue;
    if (!is_if(*p)) {
      if (!check_template(rep, *p)) return false;
      continue;
    }
    for (size_t branch = 1; branch < kIfArguments; ++branch) {
      const tmpl::Node& b = p->entries.front().value.items[branch];
      if (is_no_value(b)) continue;
      if (!is_one_key_map(b) || !find_policy_template(b.entries.front().key)) continue;
      if (!check_template(rep, b)) return false;
    }
  }
  return true;
}

bool check_policy_entries(const Reporter& rep, std::string_view property) {
  size_t index = 0;
  for (const tmpl::Node* p : entries(rep.props().get(property))) {
    std::string error;
    if (kind_of(*p, error) == PolicyKind::kUnknown && error.empty()) {
      rep.resource_error(rep.at(p), "Policy at index " + std::to_string(index) + " in the '" +
                                        std::string(property) + "' property is not valid");
      return false;
    }
    ++index;
  }
  return true;
}

}  // namespace sls::validate::sam
