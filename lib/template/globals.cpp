// SAM's Globals: which section applies to which resource type, and how values merge
// (SAM's globals.py semantics: the resource's scalars win, maps merge, lists concatenate).
#include "template/template.h"

namespace sls::tmpl {

std::optional<std::string_view> globals_section_for(std::string_view type) {
  if (type == "AWS::Serverless::Function") return "Function";
  if (type == "AWS::Serverless::Api") return "Api";
  if (type == "AWS::Serverless::HttpApi") return "HttpApi";
  if (type == "AWS::Serverless::SimpleTable") return "SimpleTable";
  if (type == "AWS::Serverless::StateMachine") return "StateMachine";
  if (type == "AWS::Serverless::LayerVersion") return "LayerVersion";
  if (type == "AWS::Serverless::CapacityProvider") return "CapacityProvider";
  return std::nullopt;
}

Node merge_globals(const Node& globals, const Node& local) {
  if (globals.is_map() && local.is_map() && !is_intrinsic(globals) && !is_intrinsic(local)) {
    Node out = globals;
    for (const MapEntry& e : local.entries) {
      if (Node* g = out.get(e.key)) {
        *g = merge_globals(*g, e.value);
      } else {
        out.entries.push_back(e);
      }
    }
    out.pos = local.pos;
    return out;
  }
  if (globals.is_seq() && local.is_seq()) {
    Node out = globals;
    out.items.insert(out.items.end(), local.items.begin(), local.items.end());
    out.pos = local.pos;
    return out;
  }
  return local;
}

}  // namespace sls::tmpl
