// E3003: a property the resource type requires is missing (schema 'required'). Reported by the
// schema walk of E3002 (e3002_properties.cpp), which checks every resource's Properties once and
// files each violation under its keyword's id.
#include "validate/rule.h"

namespace sls::validate::defs {

namespace {

constexpr RuleInfo kInfo{"E3003", Severity::kError, "Required properties are present",
                         "Properties the resource type cannot do without are given, and not null.",
                         "https://github.com/aws-cloudformation/cfn-lint/blob/main/docs/"
                         "cfn-schema-specification.md"};

void reported_by_e3002(const Context&) {}

}  // namespace

extern const Rule kE3003{kInfo, reported_by_e3002};

}  // namespace sls::validate::defs
