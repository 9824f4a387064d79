// E3020: a property is given together with one it excludes (schema 'dependentExcluded').
// Reported by the schema walk of E3002 (e3002_properties.cpp).
#include "validate/rule.h"

namespace sls::validate::defs {

namespace {

constexpr RuleInfo kInfo{"E3020", Severity::kError, "Properties that exclude each other",
                         "A property is not given together with one it rules out.",
                         "https://github.com/aws-cloudformation/cfn-lint/blob/main/docs/"
                         "cfn-schema-specification.md#dependentexcluded"};

void reported_by_e3002(const Context&) {}

}  // namespace

extern const Rule kE3020{kInfo, reported_by_e3002};

}  // namespace sls::validate::defs
