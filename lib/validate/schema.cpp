// Compiling JSON Schema text into SchemaNode trees, and the cache of embedded schema files.
// The checking walk is in schema_check.cpp.
#include "validate/schema.h"

#include <algorithm>
#include <map>
#include <mutex>

#include <nlohmann/json.hpp>

#include "core/embedded.h"
#include "core/error.h"
#include "core/runtimes.h"

namespace sls::validate::schema {

namespace {

using Json = nlohmann::json;

constexpr std::string_view kLocalRefPrefix = "#/definitions/";

struct TypeName {
  std::string_view name;
  uint8_t bit;
};
constexpr TypeName kTypeNames[] = {
    {"string", kString}, {"integer", kInteger}, {"number", kNumber}, {"boolean", kBoolean},
    {"object", kObject}, {"array", kArray},     {"null", kNull}};

// A JSON number as Python's repr would print it (ints without a dot).
std::string number_text(const Json& j) { return j.dump(); }

}  // namespace

// Turns one parsed schema file into nodes owned by a Document.
class Compiler {
 public:
  Compiler(Document& doc, const Json& root) : doc_(doc), root_(root) {}

  void run() {
    // Definitions get their node first, so a $ref can point at one before it is filled in
    // (definitions may refer to each other, or to themselves).
    if (const auto defs = root_.find("definitions"); defs != root_.end() && defs->is_object()) {
      std::vector<SchemaNode*> slots;
      for (const auto& [name, body] : defs->items()) {
        slots.push_back(&doc_.nodes_.emplace_back());
        doc_.definitions_.push_back({name, slots.back()});
      }
      for (size_t i = 0; i < slots.size(); ++i) {
        const std::string& name = doc_.definitions_[i].name;
        fill(*slots[i], (*defs)[name], "definitions/" + name);
      }
    }
    doc_.nodes_.emplace_back();
    SchemaNode& root = doc_.nodes_.back();
    fill(root, root_, "root");
    doc_.root_ = &root;
  }

 private:
  [[noreturn]] void fail(const std::string& what) const {
    throw Error(Errc::kInternal, "schema " + doc_.name_ + ": " + what);
  }

  const SchemaNode* node(const Json& j, const std::string& where) {
    if (j.is_boolean()) {
      // `true` is the schema that accepts everything; sls never writes `false` schemas.
      doc_.nodes_.emplace_back();
      return &doc_.nodes_.back();
    }
    if (!j.is_object()) fail(where + " is not a schema object");
    if (const auto r = j.find("$ref"); r != j.end()) return ref(r->get<std::string>(), where);
    doc_.nodes_.emplace_back();
    SchemaNode& n = doc_.nodes_.back();
    fill(n, j, where);
    return &n;
  }

  const SchemaNode* ref(const std::string& target, const std::string& where) {
    const size_t hash = target.find('#');
    if (hash == std::string::npos) fail(where + ": $ref without '#': " + target);
    const std::string file = target.substr(0, hash);
    const std::string_view local = std::string_view(target).substr(hash);
    if (!local.starts_with(kLocalRefPrefix)) fail(where + ": unsupported $ref " + target);
    const std::string_view def = local.substr(kLocalRefPrefix.size());
    const SchemaNode* found = nullptr;
    if (file.empty()) {
      found = doc_.definition(def);
    } else if (const Document* other = embedded_document(file)) {
      found = other->definition(def);
    }
    if (!found) fail(where + ": $ref to nothing: " + target);
    return found;
  }

  void fill(SchemaNode& n, const Json& j, const std::string& where) {
    if (j.is_boolean()) return;
    if (!j.is_object()) fail(where + " is not a schema object");
    if (j.contains("$ref")) fail(where + ": a definition may not be only a $ref");
    fill_type(n, j, where);
    fill_object(n, j, where);
    fill_scalar(n, j, where);
    if (const auto it = j.find("items"); it != j.end()) n.items = node(*it, where + "/items");
    if (const auto it = j.find("minItems"); it != j.end()) n.min_items = it->get<size_t>();
    if (const auto it = j.find("maxItems"); it != j.end()) n.max_items = it->get<size_t>();
    for (const char* kw : {"anyOf", "oneOf"}) {
      const auto it = j.find(kw);
      if (it == j.end()) continue;
      if (!it->is_array() || it->empty()) fail(where + ": " + kw + " must be a non-empty list");
      n.one_of = std::string_view(kw) == "oneOf";
      for (size_t i = 0; i < it->size(); ++i) {
        n.any_of.push_back(node((*it)[i], where + "/" + kw + "/" + std::to_string(i)));
      }
    }
    fill_discriminator(n, j, where);
    n.strict = j.value("x-sls-strict", false);
    if (const auto it = j.find("x-sls-intrinsics"); it != j.end()) {
      n.intrinsics = it->get<std::vector<std::string>>();
    }
  }

  void fill_type(SchemaNode& n, const Json& j, const std::string& where) {
    const auto it = j.find("type");
    if (it == j.end()) return;
    std::vector<std::string> names;
    if (it->is_string()) {
      names.push_back(it->get<std::string>());
    } else if (it->is_array()) {
      for (const Json& t : *it) names.push_back(t.get<std::string>());
    }
    for (const std::string& name : names) {
      bool known = false;
      for (const TypeName& t : kTypeNames) {
        if (t.name == name) {
          n.types |= t.bit;
          known = true;
        }
      }
      if (!known) fail(where + ": unknown type " + name);
    }
    n.type_names = std::move(names);
  }

  void fill_object(SchemaNode& n, const Json& j, const std::string& where) {
    if (const auto it = j.find("properties"); it != j.end()) {
      for (const auto& [name, body] : it->items()) {
        n.properties.push_back({name, node(body, where + "/properties/" + name)});
      }
    }
    if (const auto it = j.find("required"); it != j.end()) {
      n.required = it->get<std::vector<std::string>>();
    }
    for (const auto& [kw, into] : {std::pair{"dependentRequired", &n.dependent_required},
                                   std::pair{"dependentExcluded", &n.dependent_excluded}}) {
      const auto it = j.find(kw);
      if (it == j.end()) continue;
      for (const auto& [name, others] : it->items()) {
        into->emplace_back(name, others.get<std::vector<std::string>>());
      }
    }
    if (const auto it = j.find("requiredXor"); it != j.end()) {
      n.required_xor = it->get<std::vector<std::string>>();
    }
    if (const auto it = j.find("additionalProperties"); it != j.end()) {
      if (it->is_boolean()) {
        n.additional_allowed = it->get<bool>();
      } else {
        n.additional = node(*it, where + "/additionalProperties");
      }
    }
  }

  void fill_scalar(SchemaNode& n, const Json& j, const std::string& where) {
    if (j.value("x-sls-enum", "") == "runtimes") fill_runtimes(n);
    if (const auto it = j.find("enum"); it != j.end()) {
      std::string repr = "[";
      for (const Json& v : *it) {
        if (repr.size() > 1) repr += ", ";
        if (v.is_string()) {
          n.enum_text.push_back(v.get<std::string>());
          repr += py_repr(v.get<std::string>());
        } else if (v.is_number()) {
          n.enum_text.push_back(number_text(v));
          repr += number_text(v);
        } else {
          fail(where + ": enum values must be strings or numbers");
        }
      }
      n.enum_repr = repr + "]";
    }
    if (const auto it = j.find("minimum"); it != j.end()) {
      n.minimum = it->get<double>();
      n.minimum_text = number_text(*it);
    }
    if (const auto it = j.find("maximum"); it != j.end()) {
      n.maximum = it->get<double>();
      n.maximum_text = number_text(*it);
    }
    if (const auto it = j.find("minLength"); it != j.end()) n.min_length = it->get<size_t>();
    if (const auto it = j.find("maxLength"); it != j.end()) n.max_length = it->get<size_t>();
    if (const auto it = j.find("pattern"); it != j.end()) {
      n.pattern_text = it->get<std::string>();
      n.pattern = std::make_unique<LazyPattern>(n.pattern_text);
    }
  }

  // The runtime ids come from the one table in core/runtimes.h, sorted as cfn-lint lists them.
  static void fill_runtimes(SchemaNode& n) {
    for (const runtimes::Runtime& r : runtimes::all()) n.enum_text.emplace_back(r.id);
    std::sort(n.enum_text.begin(), n.enum_text.end());
    n.enum_repr = "[";
    for (const std::string& id : n.enum_text) {
      if (n.enum_repr.size() > 1) n.enum_repr += ", ";
      n.enum_repr += py_repr(id);
    }
    n.enum_repr += "]";
  }

  void fill_discriminator(SchemaNode& n, const Json& j, const std::string& where) {
    const auto it = j.find("x-sls-discriminator");
    if (it == j.end()) return;
    n.discriminator = it->at("property").get<std::string>();
    n.discriminated = it->value("target", "");
    for (const auto& [value, target] : it->at("mapping").items()) {
      n.mapping.push_back({value, ref(target.get<std::string>(), where + "/mapping")});
    }
  }

  Document& doc_;
  const Json& root_;
};

const SchemaNode* SchemaNode::property(std::string_view name) const {
  for (const NamedSchema& p : properties) {
    if (p.name == name) return p.schema;
  }
  return nullptr;
}

Document::~Document() = default;

std::unique_ptr<Document> Document::compile(std::string_view json_text, std::string name) {
  std::unique_ptr<Document> doc(new Document());
  doc->name_ = std::move(name);
  Json root;
  try {
    root = Json::parse(json_text);
  } catch (const Json::exception& e) {
    throw Error(Errc::kInternal, "schema " + doc->name_ + " is not JSON: " + e.what());
  }
  try {
    Compiler(*doc, root).run();
  } catch (const Json::exception& e) {
    throw Error(Errc::kInternal, "schema " + doc->name_ + " is malformed: " + e.what());
  }
  return doc;
}

const SchemaNode* Document::definition(std::string_view name) const {
  for (const NamedSchema& d : definitions_) {
    if (d.name == name) return d.schema;
  }
  return nullptr;
}

std::string resource_schema_path(std::string_view resource_type) {
  std::string out = "resources/";
  for (size_t i = 0; i < resource_type.size(); ++i) {
    if (resource_type.substr(i, 2) == "::") {
      out += '_';
      ++i;
    } else {
      out += resource_type[i];
    }
  }
  return out + ".json";
}

const Document* embedded_document(std::string_view path) {
  // Recursive: compiling one file may compile another that it $refs.
  static std::recursive_mutex mu;  // guards cache and nothing else
  static std::map<std::string, std::unique_ptr<Document>, std::less<>> cache;
  const std::lock_guard<std::recursive_mutex> lock(mu);
  if (const auto it = cache.find(path); it != cache.end()) return it->second.get();
  const std::string_view text = sls::embedded::find(path);
  std::unique_ptr<Document> doc;
  if (!text.empty()) doc = Document::compile(text, std::string(path));
  const Document* out = doc.get();
  cache.emplace(std::string(path), std::move(doc));
  return out;
}

const Document* resource_schema(std::string_view resource_type) {
  if (resource_type.empty()) return nullptr;
  return embedded_document(resource_schema_path(resource_type));
}

const std::regex& LazyPattern::get() const {
  std::call_once(once_,
                 [this] { re_.emplace(text_, std::regex::ECMAScript | std::regex::optimize); });
  return *re_;
}

void Document::check_patterns() const {
  for (const SchemaNode& n : nodes_) {
    if (!n.pattern) continue;
    try {
      (void)n.pattern->get();
    } catch (const std::regex_error& e) {
      throw Error(Errc::kInternal, name_ + ": bad pattern " + n.pattern_text + ": " + e.what());
    }
  }
}

}  // namespace sls::validate::schema
