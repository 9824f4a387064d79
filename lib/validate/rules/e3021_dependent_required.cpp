// E3021: a property that needs another one is there without it (schema 'dependentRequired').
// Reported by the schema walk of E3002 (e3002_properties.cpp).
#include "validate/rule.h"

namespace sls::validate::defs {

namespace {

constexpr RuleInfo kInfo{"E3021", Severity::kError, "Properties that need each other",
                         "A property that needs another one is not given without it.",
                         "https://github.com/aws-cloudformation/cfn-lint/blob/main/docs/"
                         "cfn-schema-specification.md#dependentrequired"};

void reported_by_e3002(const Context&) {}

}  // namespace

extern const Rule kE3021{kInfo, reported_by_e3002};

}  // namespace sls::validate::defs
