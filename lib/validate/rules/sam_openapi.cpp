// Structure checks of inline Swagger/OpenAPI definitions, as the SAM translator's editors make
// them while they add CORS, auth, models and extensions.
#include "validate/rules/sam_openapi.h"

#include <array>
#include <regex>

namespace sls::validate::sam {

namespace {

constexpr std::string_view kIntegration = "x-amazon-apigateway-integration";
constexpr std::string_view kEndpointConfig = "x-amazon-apigateway-endpoint-configuration";
// Path item fields that are not methods (SwaggerEditor._EXCLUDED_PATHS_FIELDS).
constexpr std::array<std::string_view, 3> kNotMethods{"summary", "description", "parameters"};

bool is_no_value(const tmpl::Node& n) {
  const auto in = tmpl::as_intrinsic(n);
  return in && in->name == "Ref" && in->arg.is_scalar() && in->arg.scalar == "AWS::NoValue";
}

std::string normalize_method(const std::string& m) {
  std::string out = m;
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out == "any" ? "x-amazon-apigateway-any-method" : out;
}

std::string path_item_message(const std::string& path) {
  return "Value of '" + path + "' path must be a dictionary according to Swagger spec.";
}

}  // namespace

bool is_openapi3_version(const tmpl::Node& v) {
  static const std::regex kVersion3(R"(3(\.\d)(\.\d)?$)");
  return std::regex_search(py_str(v), kVersion3, std::regex_constants::match_continuous);
}

bool is_included(const tmpl::Node& doc) {
  const auto in = tmpl::as_intrinsic(doc);
  return in && in->name == "Fn::Transform";
}

bool swagger_valid(const tmpl::Node& doc) {
  if (!doc.is_map() || doc.entries.empty()) return false;
  const tmpl::Node* paths = doc.get("paths");
  if (!paths || !paths->is_map()) return false;
  if (truthy(doc.get("swagger"))) return true;
  return truthy(doc.get("openapi")) && is_openapi3_version(*doc.get("openapi"));
}

bool openapi_valid(const tmpl::Node& doc) {
  if (!doc.is_map() || doc.entries.empty()) return false;
  const tmpl::Node* paths = doc.get("paths");
  return paths && paths->is_map() && truthy(doc.get("openapi")) &&
         is_openapi3_version(*doc.get("openapi"));
}

std::vector<const tmpl::Node*> conditional_contents(const tmpl::Node* item) {
  const auto in = item ? tmpl::as_intrinsic(*item) : std::nullopt;
  if (!in || in->name != "Fn::If" || !in->arg.is_seq()) return {item};
  std::vector<const tmpl::Node*> out;
  for (size_t i = 1; i < in->arg.items.size(); ++i) {
    if (!is_no_value(in->arg.items[i])) out.push_back(&in->arg.items[i]);
  }
  return out;
}

std::string check_path_items(const tmpl::Node& doc) {
  for (const tmpl::MapEntry& p : doc.get("paths")->entries) {
    for (const tmpl::Node* item : conditional_contents(&p.value)) {
      if (!item || !item->is_map()) return path_item_message(p.key);
    }
  }
  return "";
}

std::string for_each_method(const tmpl::Node& doc, const std::string& path, bool with_integration,
                            const MethodFn& fn) {
  for (const tmpl::Node* item : conditional_contents(doc.get("paths")->get(path))) {
    if (!item || !item->is_map()) return path_item_message(path);
    for (const tmpl::MapEntry& m : item->entries) {
      bool skip = false;
      for (std::string_view n : kNotMethods) skip = skip || n == m.key;
      if (skip) continue;
      for (const tmpl::Node* def : conditional_contents(&m.value)) {
        if (!def || !def->is_map()) {
          return "Definition of method '" + m.key + "' for path '" + path + "' should be a map.";
        }
        if (with_integration && !truthy(def->get(kIntegration))) continue;
        if (std::string e = fn(normalize_method(m.key), *def); !e.empty()) return e;
      }
    }
  }
  return "";
}

std::string check_method_security(const std::string& path, const std::string& method,
                                  const tmpl::Node& definition) {
  const tmpl::Node* security = definition.get("security");
  if (!security) return "";
  if (!security->is_seq()) {
    return "Type of security for path " + path + " method " + method + " must be a list";
  }
  for (const tmpl::Node& s : security->items) {
    if (s.is_map()) continue;
    return py_str(s) + " in Security for path " + path + " method " + method +
           " is not a valid dictionary.";
  }
  return "";
}

std::string check_openapi3_postprocess(const tmpl::Node& doc) {
  const tmpl::Node* paths = doc.get("paths");
  if (!truthy(paths)) return "";
  if (!paths->is_map()) return "Value of paths must be a dictionary according to Swagger spec.";
  for (const tmpl::MapEntry& p : paths->entries) {
    if (!p.value.is_map()) return path_item_message(p.key);
    const tmpl::Node* options = p.value.get("options");
    if (!truthy(options)) continue;
    if (!options->is_map()) {
      return "Value of options method for path " + p.key +
             " must be a dictionary according to Swagger spec.";
    }
    const tmpl::Node* responses = options->get("responses");
    if (!responses) continue;
    if (!responses->is_null() && !responses->is_map()) {
      return "Invalid responses in options method for path " + p.key + ": It should be a map.";
    }
    const tmpl::Node* ok = get(responses, "200");
    if (ok && !ok->is_null() && !ok->is_map()) {
      return "Invalid responses in options method for path " + p.key +
             ": The value of '200' should be a map.";
    }
    const tmpl::Node* headers = get(ok, "headers");
    if (!truthy(headers) || headers->is_map()) continue;
    return "Value of response's headers in options method for path " + p.key +
           " must be a dictionary according to Swagger spec.";
  }
  return "";
}

std::string check_endpoint_extension(const tmpl::Node& doc) {
  const std::string at = std::string(kEndpointConfig);
  auto check = [&](const tmpl::Node& holder) -> std::string {
    if (!holder.is_map()) return "It should be a map";
    const tmpl::Node* ext = holder.get(kEndpointConfig);
    if (ext && !ext->is_map()) return "The value of '" + at + "' should be a map";
    return "";
  };
  const tmpl::Node* version = doc.get("openapi");
  if (truthy(version) && is_openapi3_version(*version)) {
    const tmpl::Node* servers = doc.get("servers");
    if (!servers || !servers->is_seq()) return "";
    for (size_t i = 0; i < servers->items.size(); ++i) {
      if (std::string e = check(servers->items[i]); !e.empty()) {
        return "Invalid OpenAPI definition of 'servers[" + std::to_string(i) + "]': " + e + ".";
      }
    }
    return "";
  }
  if (std::string e = check(doc); !e.empty()) return "Invalid OpenAPI definition: " + e + ".";
  return "";
}

}  // namespace sls::validate::sam
