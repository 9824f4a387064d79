// E1011: Fn::FindInMap takes [map, top-level key, second-level key] (and, with the language
// extensions, a DefaultValue), and literal names exist in Mappings.
#include "validate/rules/fn_common.h"

namespace sls::validate::defs {

namespace {

constexpr RuleInfo kInfo{"E1011", Severity::kError, "FindInMap validation of configuration",
                         "Fn::FindInMap names a mapping and keys the Mappings section defines.",
                         "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/"
                         "intrinsic-function-reference-findinmap.html"};

std::vector<std::string> keys_of(const tmpl::Node& map) {
  std::vector<std::string> out;
  for (const tmpl::MapEntry& e : map.entries) out.push_back(e.key);
  return out;
}

bool literal(const tmpl::Node& n) { return n.is_scalar(); }

// Mappings built by a macro (Fn::Transform) cannot be looked into.
bool opaque(const tmpl::Node& n) { return !n.is_map() || n.get("Fn::Transform"); }

void check_names(const Context& ctx, const Call& c, const tmpl::Node& mappings) {
  const tmpl::Node& map_name = c.arg.items[0];
  const tmpl::Node& top = c.arg.items[1];
  const tmpl::Node& second = c.arg.items[2];
  if (!literal(map_name) || opaque(mappings)) return;
  const tmpl::Node* map = mappings.get(map_name.scalar);
  if (!map) {
    report_at(ctx, kInfo, c, map_name, not_one_of(map_name.scalar, keys_of(mappings)));
    return;
  }
  if (!literal(top) || opaque(*map)) return;
  const tmpl::Node* level = map->get(top.scalar);
  if (!level) {
    report_at(ctx, kInfo, c, top,
              not_one_of(top.scalar, keys_of(*map)) + " for mapping " + py_str(map_name.scalar));
    return;
  }
  if (!literal(second) || opaque(*level) || level->get(second.scalar)) return;
  report_at(ctx, kInfo, c, second,
            not_one_of(second.scalar, keys_of(*level)) + " for mapping " + py_str(map_name.scalar) +
                " and key " + py_str(top.scalar));
}

void check(const Context& ctx) {
  if (!plain_functions(ctx)) return;
  const tmpl::Node* mappings = ctx.tpl.section("Mappings");
  for_each_call(ctx, [&](const Call& c) {
    if (c.fn != "Fn::FindInMap" || !list_arg(ctx, kInfo, c, 3, 4)) return;
    if (c.arg.items.size() == 4) return;  // a DefaultValue: any key may be missing
    bool shaped = true;
    for (size_t i = 0; i < 3; ++i) {
      shaped &= string_or_call(ctx, kInfo, c, c.arg.items[i], {"Fn::FindInMap", "Ref"});
    }
    if (!shaped) return;
    if (!mappings) {
      if (literal(c.arg.items[0])) {
        report_at(ctx, kInfo, c, c.arg.items[0], not_one_of(c.arg.items[0].scalar, {}));
      }
      return;
    }
    check_names(ctx, c, *mappings);
  });
}

}  // namespace

extern const Rule kE1011{kInfo, check};

}  // namespace sls::validate::defs
