// E1010: Fn::GetAtt takes [resource, attribute] (or "resource.attribute"), the resource exists
// (declared, or added by the SAM transform) and, for the types listed here, has that attribute.
#include <array>

#include "validate/rules/fn_common.h"

namespace sls::validate::defs {

namespace {

constexpr RuleInfo kInfo{"E1010", Severity::kError, "GetAtt validation of parameters",
                         "GetAtt names a resource of the template and an attribute that "
                         "resource type returns.",
                         "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/"
                         "intrinsic-function-reference-getatt.html"};

// cfn-lint checks attributes per region and names the regions it used; its default is one.
constexpr std::string_view kRegions = "['us-east-1']";

struct TypeAttributes {
  std::string_view type;
  std::vector<std::string> attributes;  // the type's "Return values" (Fn::GetAtt) section
};

// Only types whose attribute list is small and settled; any other type is not checked.
// SAM types list what their generated resource returns (a Function is an AWS::Lambda::Function).
const std::array<TypeAttributes, 11>& attribute_table() {
  static const std::array<TypeAttributes, 11> kTable{{
      {"AWS::DynamoDB::Table", {"Arn", "StreamArn"}},
      {"AWS::Serverless::SimpleTable", {"Arn", "StreamArn"}},
      {"AWS::Lambda::Function",
       {"Arn", "SnapStartResponse", "SnapStartResponse.ApplyOn",
        "SnapStartResponse.OptimizationStatus"}},
      {"AWS::Serverless::Function",
       {"Arn", "SnapStartResponse", "SnapStartResponse.ApplyOn",
        "SnapStartResponse.OptimizationStatus"}},
      {"AWS::SQS::Queue", {"Arn", "QueueName", "QueueUrl"}},
      {"AWS::SNS::Topic", {"TopicArn", "TopicName"}},
      {"AWS::IAM::Role", {"Arn", "RoleId"}},
      {"AWS::Kinesis::Stream", {"Arn"}},
      {"AWS::Logs::LogGroup", {"Arn"}},
      {"AWS::StepFunctions::StateMachine", {"Arn", "Name", "StateMachineRevisionId"}},
      {"AWS::Serverless::StateMachine", {"Arn", "Name", "StateMachineRevisionId"}},
  }};
  return kTable;
}

const std::vector<std::string>* attributes_of(std::string_view type) {
  for (const TypeAttributes& t : attribute_table()) {
    if (t.type == type) return &t.attributes;
  }
  return nullptr;
}

// SAM resolves "Fn.Alias", "Api.Stage"... (referable properties) before CloudFormation sees them.
bool sam_referable(std::string_view attribute) {
  static constexpr std::array<std::string_view, 10> kReferable{
      "Alias",      "Version",    "DestinationTopic", "DestinationQueue", "Stage",
      "Deployment", "DomainName", "UsagePlan",        "ApiKey",           "Name"};
  for (std::string_view r : kReferable) {
    if (attribute.starts_with(r)) return true;
  }
  return false;
}

std::string attribute_problem(const Names& names, std::string_view resource,
                              const tmpl::Node& attribute) {
  if (!attribute.is_scalar()) return "";
  const tmpl::Resource* r = names.resource(resource);
  if (!r) return "";
  const std::vector<std::string>* attrs = attributes_of(r->type);
  if (!attrs) return "";
  for (const std::string& a : *attrs) {
    if (a == attribute.scalar) return "";
  }
  if (is_sam_type(r->type) && sam_referable(attribute.scalar)) return "";
  return not_one_of(attribute.scalar, *attrs) + " in " + std::string(kRegions);
}

// The [resource, attribute] pair of a GetAtt argument, after the shape checks passed.
struct Target {
  const tmpl::Node* resource = nullptr;
  const tmpl::Node* attribute = nullptr;
  std::string resource_name;
  tmpl::Node split_attribute;  // the attribute of the "resource.attribute" string form
};

// Reports a shape problem and returns false, or fills `t`.
bool shape(const Context& ctx, const Names& names, const Call& c, Target& t) {
  const tmpl::Node& arg = c.arg;
  const std::string owner(c.owner);
  const tmpl::Pos pos = arg.pos.line ? arg.pos : c.node.pos;
  if (arg.is_scalar() && !arg.plain_is_bool() && !arg.plain_is_number()) {
    const size_t dot = arg.scalar.find('.');
    if (dot == std::string::npos) {
      ctx.report(kInfo, too_few_items(2, 1), pos, c.path, owner);
      return false;
    }
    t.resource = &arg;
    t.resource_name = arg.scalar.substr(0, dot);
    t.split_attribute = tmpl::Node::make_scalar(arg.scalar.substr(dot + 1), arg.pos);
    t.attribute = &t.split_attribute;
    return true;
  }
  if (!arg.is_seq()) {
    if (tmpl::is_intrinsic(arg) && !names.closed()) return false;
    ctx.report(kInfo, not_of_type(arg, "'string', 'array'"), pos, c.path, owner);
    return false;
  }
  if (arg.items.size() != 2) {
    ctx.report(kInfo,
               arg.items.size() < 2 ? too_few_items(2, arg.items.size())
                                    : too_many_items(2, arg.items.size()),
               pos, c.path, owner);
    return false;
  }
  const tmpl::Node& res = arg.items[0];
  const tmpl::Node& att = arg.items[1];
  if (!names.closed() && (tmpl::is_intrinsic(res) || tmpl::is_intrinsic(att))) return false;
  if (!res.is_scalar()) {
    ctx.report(kInfo, not_of_type(res, "'string'"), res.pos, c.path, owner);
    return false;
  }
  const auto fn = tmpl::as_intrinsic(att);
  if (att.is_seq() || (att.is_map() && (!fn || fn->name != "Ref"))) {
    ctx.report(kInfo, not_of_type(att, "'string'"), att.pos, c.path, owner);
    return false;
  }
  t.resource = &res;
  t.attribute = &att;
  t.resource_name = res.scalar;
  return true;
}

void check_getatt(const Context& ctx, const Names& names, const Call& c) {
  Target t;
  if (!shape(ctx, names, c, t)) return;
  const std::string message = getatt_problem(names, t.resource_name, t.attribute);
  if (message.empty()) return;
  const bool on_resource = !names.is_resource(t.resource_name);
  const tmpl::Node* at = on_resource || !t.attribute ? t.resource : t.attribute;
  ctx.report(kInfo, message, at->pos.line ? at->pos : c.node.pos, c.path, std::string(c.owner));
}

void check(const Context& ctx) {
  const Names names(ctx);
  for_each_call(ctx, [&](const Call& c) {
    if (c.fn == "Fn::GetAtt") check_getatt(ctx, names, c);
  });
}

}  // namespace

std::string getatt_problem(const Names& names, std::string_view resource,
                           const tmpl::Node* attribute) {
  if (!names.closed()) return "";
  if (!names.is_resource(resource)) return not_one_of(resource, names.resource_ids());
  return attribute ? attribute_problem(names, resource, *attribute) : "";
}

extern const Rule kE1010{kInfo, check};

}  // namespace sls::validate::defs
