// Names the SAM transform adds: samtranslator's model/naming.py, plugins/api/implicit_*_plugin.py,
// model/api/api_generator.py and model/preferences/deployment_preference_collection.py.
#include "validate/rules/generated_names.h"

#include <array>

namespace sls::validate::defs {

namespace {

// Resources SAM creates under fixed names or fixed prefixes, not under a resource's own id:
// the implicit REST/HTTP APIs (ServerlessRestApi, ServerlessRestApiDeployment<hash>,
// ServerlessRestApiProdStage, ServerlessHttpApi...), the shared usage plan (ServerlessUsagePlan,
// ServerlessApiKey, ServerlessUsagePlanKey), CodeDeploy (ServerlessDeploymentApplication,
// CodeDeployServiceRole) and custom domains (ApiGatewayDomainName<hash>,
// ApiGatewayDomainNameV2<hash>, RecordSetGroup<hash>, DomainNameAccessAssociation<hash>).
constexpr std::array<std::string_view, 5> kSharedResourcePrefixes{
    "Serverless", "CodeDeployServiceRole", "ApiGatewayDomainName", "RecordSetGroup",
    "DomainNameAccessAssociation"};

// Conditions SAM adds: ServerlessRestApiCondition, ServerlessHttpApiCondition,
// ServerlessCodeDeployCondition, SharedUsagePlanCondition.
constexpr std::array<std::string_view, 2> kSharedConditionPrefixes{"Serverless",
                                                                   "SharedUsagePlanCondition"};

template <size_t N>
bool has_prefix(std::string_view name, const std::array<std::string_view, N>& prefixes) {
  for (std::string_view p : prefixes) {
    if (name.starts_with(p)) return true;
  }
  return false;
}

}  // namespace

bool is_sam_type(std::string_view type) { return type.starts_with("AWS::Serverless::"); }

GeneratedNames::GeneratedNames(const tmpl::App& app) {
  for (const tmpl::Resource& r : app.resources()) {
    const bool embedded_connectors = r.raw && r.raw->get("Connectors");
    if (is_sam_type(r.type) || embedded_connectors) expanded_.push_back(r.id);
  }
  sam_ = !expanded_.empty();
}

bool GeneratedNames::resource(std::string_view id) const {
  if (!sam_) return false;
  if (has_prefix(id, kSharedResourcePrefixes)) return true;
  for (const std::string& e : expanded_) {
    if (id.size() > e.size() && id.starts_with(e)) return true;
  }
  return false;
}

bool GeneratedNames::condition(std::string_view name) const {
  if (!sam_) return false;
  if (has_prefix(name, kSharedConditionPrefixes)) return true;
  for (const std::string& e : expanded_) {
    if (name.size() > e.size() && name.starts_with(e)) return true;
  }
  return false;
}

}  // namespace sls::validate::defs
