// E1002 / W3930: the template's size (spec/limits.md §7). CloudFormation reads at most
// 1,000,000 bytes from S3 and 51,200 bytes sent inline (--template-body). The SAM transform
// only grows a template, so the file's own size is a lower bound of what CloudFormation gets.
#include "validate/rules/limit_util.h"

namespace sls::validate::defs {

namespace {

constexpr std::string_view kSource =
    "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html";

constexpr RuleInfo kE1002Info{"E1002", Severity::kError,
                              "Template within the size CloudFormation reads",
                              "CloudFormation reads templates of at most 1,000,000 bytes (from "
                              "S3; inline bodies are smaller still).",
                              kSource};
constexpr RuleInfo kW3930Info{
    "W3930", Severity::kWarning, "Template fits an inline --template-body",
    "A template body sent inline in the API call may be at most 51,200 bytes; larger ones "
    "must be uploaded to S3 first (sam deploy does that; aws cloudformation deploy needs "
    "--s3-bucket).",
    kSource};

constexpr tmpl::Pos kTop{1, 1};

void check_s3(const Context& ctx) {
  const auto size = static_cast<int64_t>(ctx.tpl.size_bytes);
  if (size <= limits::kCfnTemplateS3Bytes.value) return;
  ctx.report(kE1002Info,
             "The template file size (" + std::to_string(size) + " bytes) exceeds the limit (" +
                 std::to_string(limits::kCfnTemplateS3Bytes.value) + " bytes)",
             kTop);
}

void check_inline(const Context& ctx) {
  const auto size = static_cast<int64_t>(ctx.tpl.size_bytes);
  if (size <= limits::kCfnTemplateBodyBytes.value || size > limits::kCfnTemplateS3Bytes.value) {
    return;
  }
  ctx.report(kW3930Info,
             "1 validation error detected: Value '...' at 'templateBody' failed to satisfy "
             "constraint: Member must have length less than or equal to " +
                 std::to_string(limits::kCfnTemplateBodyBytes.value) + " (the template is " +
                 std::to_string(size) + " bytes: upload it to S3 instead of sending it inline)",
             kTop);
}

}  // namespace

extern const Rule kE1002{kE1002Info, check_s3};
extern const Rule kW3930{kW3930Info, check_inline};

}  // namespace sls::validate::defs
