// The internal shape of a rule and the context it checks: included only from lib/validate/.
// A rule is metadata plus a check function from the model to findings (cfn-lint's layout: one
// rule per file under rules/, listed once in rules/registry.cpp).
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "template/template.h"
#include "validate/validate.h"

namespace sls::validate {

// Collects findings for one template. Rules call report(); the engine filters and sorts.
class Sink {
 public:
  explicit Sink(const tmpl::Template& tpl) : tpl_(tpl) {}

  // `resource` names the logical id the finding belongs to (for Metadata ignore_checks).
  void report(const RuleInfo& rule, std::string message, tmpl::Pos pos, std::string path = {},
              std::string resource = {});

  std::vector<Finding>& findings() { return findings_; }

 private:
  const tmpl::Template& tpl_;
  std::vector<Finding> findings_;
};

struct Context {
  const tmpl::App& app;
  const tmpl::Template& tpl;  // app.tpl()
  Sink& out;

  void report(const RuleInfo& rule, std::string message, tmpl::Pos pos, std::string path = {},
              std::string resource = {}) const {
    out.report(rule, std::move(message), pos, std::move(path), std::move(resource));
  }
};

struct Rule {
  RuleInfo info;
  void (*check)(const Context& ctx);
};

// Every registered rule (rules/registry.cpp).
const std::vector<const Rule*>& registry();

// --- helpers rules share (rule_util.cpp) ----------------------------------------------------

// Calls fn for every resource whose type is `type` (exact match), with its merged properties.
void for_each_resource(const Context& ctx, std::string_view type,
                       const std::function<void(const tmpl::Resource&)>& fn);

// "Resources/<id>/Properties/<prop>" style path joining.
std::string path_join(std::string_view a, std::string_view b);

}  // namespace sls::validate
