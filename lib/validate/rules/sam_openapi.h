// What the SAM translator's Swagger and OpenAPI editors (swagger/swagger.py, open_api/*.py)
// require of an inline DefinitionBody. Functions return the translator's message for the first
// problem (without the "Structure of the SAM template is invalid. " prefix), or "" when none.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "validate/rules/sam_util.h"

namespace sls::validate::sam {

// A definition given as Fn::Transform (AWS::Include): CloudFormation inlines it before the SAM
// transform runs, so its content is unknown here.
bool is_included(const tmpl::Node& doc);

// SwaggerEditor.is_valid: a map with a paths map and a swagger version or an OpenAPI 3 one.
bool swagger_valid(const tmpl::Node& doc);
// OpenApiEditor.is_valid: a map with a paths map and an OpenAPI 3 version.
bool openapi_valid(const tmpl::Node& doc);
// A version string of the form the translator accepts as OpenAPI 3 ("3.0", "3.0.1").
bool is_openapi3_version(const tmpl::Node& v);

// get_conditional_contents: both branches of a Fn::If (less AWS::NoValue), else the item.
std::vector<const tmpl::Node*> conditional_contents(const tmpl::Node* item);

// SwaggerEditor's constructor: every path item is a map.
std::string check_path_items(const tmpl::Node& doc);

// iter_on_all_methods_for_path: calls `fn(normalized method name, definition)` for each method
// of `path` (only those with an integration when `with_integration`), after checking each
// definition is a map.
using MethodFn = std::function<std::string(const std::string&, const tmpl::Node&)>;
std::string for_each_method(const tmpl::Node& doc, const std::string& path, bool with_integration,
                            const MethodFn& fn);

// The security entries of one method must be a list of maps (set_path_default_authorizer,
// set_path_default_apikey_required).
std::string check_method_security(const std::string& path, const std::string& method,
                                  const tmpl::Node& definition);

// _openapi_postprocess for an OpenAPI 3 document: path items and the OPTIONS responses'
// headers are maps.
std::string check_openapi3_postprocess(const tmpl::Node& doc);

// add_disable_execute_api_endpoint_extension: the endpoint configuration extension is a map.
std::string check_endpoint_extension(const tmpl::Node& doc);

}  // namespace sls::validate::sam
