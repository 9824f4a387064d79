// E3012: a property value is not of the type its schema says (schema 'type'). Reported by the
// schema walk of E3002 (e3002_properties.cpp), which checks every resource's Properties once and
// files each violation under its keyword's id.
#include "validate/rule.h"

namespace sls::validate::defs {

namespace {

constexpr RuleInfo kInfo{"E3012", Severity::kError, "Property values have the right type",
                         "Values are of the JSON type the schema names, read as leniently as "
                         "CloudFormation reads YAML scalars.",
                         "https://github.com/aws-cloudformation/cfn-lint/blob/main/docs/"
                         "cfn-schema-specification.md"};

void reported_by_e3002(const Context&) {}

}  // namespace

extern const Rule kE3012{kInfo, reported_by_e3002};

}  // namespace sls::validate::defs
