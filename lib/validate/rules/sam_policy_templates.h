// SAM's policy templates (the Policies shorthand {TemplateName: {Param: value}}).
#pragma once

#include <array>
#include <string_view>

namespace sls::validate::sam {

// The most parameters any policy template takes.
inline constexpr size_t kMaxPolicyTemplateParams = 2;

struct PolicyTemplate {
  std::string_view name;
  std::array<std::string_view, kMaxPolicyTemplateParams> params;  // unused slots are ""
};

// The template called `name`, or nullptr.
const PolicyTemplate* find_policy_template(std::string_view name);

}  // namespace sls::validate::sam
