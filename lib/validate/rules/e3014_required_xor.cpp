// E3014: exactly one of a set of properties must be given (schema 'requiredXor').
// Reported by the schema walk of E3002 (e3002_properties.cpp).
#include "validate/rule.h"

namespace sls::validate::defs {

namespace {

constexpr RuleInfo kInfo{"E3014", Severity::kError, "Exactly one of a set of properties",
                         "Of properties that exclude each other, one and only one is given.",
                         "https://github.com/aws-cloudformation/cfn-lint/blob/main/docs/"
                         "cfn-schema-specification.md#requiredxor"};

void reported_by_e3002(const Context&) {}

}  // namespace

extern const Rule kE3014{kInfo, reported_by_e3002};

}  // namespace sls::validate::defs
