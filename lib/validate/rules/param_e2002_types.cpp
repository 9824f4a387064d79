// E2002: a parameter's Type is one CloudFormation knows (SSM parameter and List<> types of any
// element are accepted as they are).
#include <algorithm>

#include "validate/rules/fn_common.h"

namespace sls::validate::defs {

namespace {

constexpr RuleInfo kInfo{"E2002", Severity::kError, "Parameters have appropriate type",
                         "Parameters have a type CloudFormation supports.",
                         "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/"
                         "parameters-section-structure.html#parameters-section-structure-"
                         "properties-type"};

// The parameter types, sorted as cfn-lint prints them.
const std::vector<std::string>& valid_types() {
  static const std::vector<std::string> kTypes = [] {
    std::vector<std::string> v{
        "AWS::EC2::AvailabilityZone::Name",
        "AWS::EC2::Image::Id",
        "AWS::EC2::Instance::Id",
        "AWS::EC2::KeyPair::KeyName",
        "AWS::EC2::SecurityGroup::GroupName",
        "AWS::EC2::SecurityGroup::Id",
        "AWS::EC2::Subnet::Id",
        "AWS::EC2::VPC::Id",
        "AWS::EC2::Volume::Id",
        "AWS::Route53::HostedZone::Id",
        "AWS::SSM::Parameter::Name",
        "Number",
        "String",
        "AWS::SSM::Parameter::Value<AWS::EC2::AvailabilityZone::Name>",
        "AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>",
        "AWS::SSM::Parameter::Value<AWS::EC2::Instance::Id>",
        "AWS::SSM::Parameter::Value<AWS::EC2::KeyPair::KeyName>",
        "AWS::SSM::Parameter::Value<AWS::EC2::SecurityGroup::GroupName>",
        "AWS::SSM::Parameter::Value<AWS::EC2::SecurityGroup::Id>",
        "AWS::SSM::Parameter::Value<AWS::EC2::Subnet::Id>",
        "AWS::SSM::Parameter::Value<AWS::EC2::VPC::Id>",
        "AWS::SSM::Parameter::Value<AWS::EC2::Volume::Id>",
        "AWS::SSM::Parameter::Value<AWS::Route53::HostedZone::Id>",
        "AWS::SSM::Parameter::Value<AWS::SSM::Parameter::Name>",
        "AWS::SSM::Parameter::Value<Number>",
        "AWS::SSM::Parameter::Value<String>",
        "CommaDelimitedList",
        "List<AWS::EC2::AvailabilityZone::Name>",
        "List<AWS::EC2::Image::Id>",
        "List<AWS::EC2::Instance::Id>",
        "List<AWS::EC2::SecurityGroup::GroupName>",
        "List<AWS::EC2::SecurityGroup::Id>",
        "List<AWS::EC2::Subnet::Id>",
        "List<AWS::EC2::VPC::Id>",
        "List<AWS::EC2::Volume::Id>",
        "List<AWS::Route53::HostedZone::Id>",
        "List<Number>",
        "List<String>",
        "AWS::SSM::Parameter::Value<CommaDelimitedList>",
        "AWS::SSM::Parameter::Value<List<AWS::EC2::AvailabilityZone::Name>>",
        "AWS::SSM::Parameter::Value<List<AWS::EC2::Image::Id>>",
        "AWS::SSM::Parameter::Value<List<AWS::EC2::Instance::Id>>",
        "AWS::SSM::Parameter::Value<List<AWS::EC2::SecurityGroup::GroupName>>",
        "AWS::SSM::Parameter::Value<List<AWS::EC2::SecurityGroup::Id>>",
        "AWS::SSM::Parameter::Value<List<AWS::EC2::Subnet::Id>>",
        "AWS::SSM::Parameter::Value<List<AWS::EC2::VPC::Id>>",
        "AWS::SSM::Parameter::Value<List<AWS::EC2::Volume::Id>>",
        "AWS::SSM::Parameter::Value<List<AWS::Route53::HostedZone::Id>>",
        "AWS::SSM::Parameter::Value<List<Number>>",
        "AWS::SSM::Parameter::Value<List<String>>"};
    std::sort(v.begin(), v.end());
    return v;
  }();
  return kTypes;
}

bool known(const std::string& type) {
  if (type.starts_with("AWS::SSM::Parameter::Value<") || type.starts_with("List<")) return true;
  return std::binary_search(valid_types().begin(), valid_types().end(), type);
}

void check(const Context& ctx) {
  const tmpl::Node* params = ctx.tpl.section("Parameters");
  if (!params || !params->is_map()) return;
  for (const tmpl::MapEntry& p : params->entries) {
    const tmpl::Node* type = p.value.get("Type");
    if (!type || !type->is_scalar() || known(type->scalar)) continue;
    ctx.report(kInfo, not_one_of(type->scalar, valid_types()), type->pos,
               "Parameters/" + p.key + "/Type");
  }
}

}  // namespace

extern const Rule kE2002{kInfo, check};

}  // namespace sls::validate::defs
