// E3017: a value fits none of the shapes an anyOf allows. Reported by the schema walk of E3002
// (e3002_properties.cpp), which checks every resource's Properties once and files each violation
// under its keyword's id.
#include "validate/rule.h"

namespace sls::validate::defs {

namespace {

constexpr RuleInfo kInfo{"E3017", Severity::kError, "A value fits one of the allowed shapes",
                         "A value that may take several shapes (anyOf) fits at least one of them.",
                         "https://github.com/aws-cloudformation/cfn-lint/blob/main/docs/"
                         "cfn-schema-specification.md"};

void reported_by_e3002(const Context&) {}

}  // namespace

extern const Rule kE3017{kInfo, reported_by_e3002};

}  // namespace sls::validate::defs
