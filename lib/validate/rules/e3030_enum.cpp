// E3030: a property value is not one of its allowed values (schema 'enum'). Reported by the schema
// walk of E3002 (e3002_properties.cpp), which checks every resource's Properties once and files
// each violation under its keyword's id.
#include "validate/rule.h"

namespace sls::validate::defs {

namespace {

constexpr RuleInfo kInfo{"E3030", Severity::kError, "Values are among the allowed ones",
                         "Values of enumerated properties are one of the values AWS accepts.",
                         "https://github.com/aws-cloudformation/cfn-lint/blob/main/docs/"
                         "cfn-schema-specification.md"};

void reported_by_e3002(const Context&) {}

}  // namespace

extern const Rule kE3030{kInfo, reported_by_e3002};

}  // namespace sls::validate::defs
