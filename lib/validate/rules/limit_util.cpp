// Helpers of the limit family: known values, AWS's message, finding places, resource walks,
// and the table-driven generic bounds (E3031/E3033/E3034) the topic files fill with rows.
#include "validate/rules/limit_util.h"

#include <algorithm>
#include <vector>

namespace sls::validate::defs {

namespace {

constexpr std::string_view kDynamicRef = "{{resolve:";

bool has_unknown(const tmpl::Node& n) {
  if (tmpl::is_intrinsic(n)) return true;
  if (n.is_scalar()) return n.scalar.find(kDynamicRef) != std::string::npos;
  for (const tmpl::Node& i : n.items) {
    if (has_unknown(i)) return true;
  }
  for (const tmpl::MapEntry& e : n.entries) {
    if (has_unknown(e.value)) return true;
  }
  return false;
}

bool contains_pos(const tmpl::Node& n, tmpl::Pos p) {
  if (n.pos == p) return true;
  for (const tmpl::Node& i : n.items) {
    if (contains_pos(i, p)) return true;
  }
  for (const tmpl::MapEntry& e : n.entries) {
    if (e.key_pos == p || contains_pos(e.value, p)) return true;
  }
  return false;
}

// A value came from Globals when its node is one of the Globals section's nodes: merging
// copies nodes with their positions.
bool from_globals(const tmpl::Template& tpl, const tmpl::Resource& r, tmpl::Pos p) {
  const tmpl::Node* globals = tpl.section("Globals");
  const auto section = tmpl::globals_section_for(r.type);
  if (!globals || !section || p.line == 0) return false;
  const tmpl::Node* g = globals->get(*section);
  return g && contains_pos(*g, p);
}

bool in(std::string_view s, std::span<const std::string_view> list) {
  return std::find(list.begin(), list.end(), s) != list.end();
}

std::vector<std::string_view> split_path(std::string_view path) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    out.push_back(path.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

// The row's limit for this resource.
const limits::Limit& limit_of(const ValueRule& row, const tmpl::Node& props) {
  if (row.limit_for) {
    if (const limits::Limit* l = row.limit_for(props)) return *l;
  }
  return *row.limit;
}

// The message when `v` breaks the row, or "" when it keeps it (or is unknown).
std::string broken_number(const Context& ctx, const ValueRule& row, const tmpl::Node& v,
                          const tmpl::Node& props) {
  const std::optional<int64_t> n = known_int(ctx, v);
  if (!n) return {};
  const limits::Limit& l = limit_of(row, props);
  const std::string text = std::to_string(*n);
  if (row.bound == Bound::kMaxValue && *n > l.value) {
    return aws_constraint(text, row.field, max_value_rule(l.value));
  }
  if (row.bound == Bound::kMinValue && *n < l.value) {
    return aws_constraint(text, row.field, min_value_rule(l.value));
  }
  return {};
}

std::string broken_string(const ValueRule& row, std::string_view s, const tmpl::Node& props) {
  if (row.bound == Bound::kPattern) {
    return row.matches(s) ? std::string{} : aws_constraint(s, row.field, pattern_rule(row.pattern));
  }
  const limits::Limit& l = limit_of(row, props);
  const bool bytes = row.bound == Bound::kMaxBytes;
  const auto n = static_cast<int64_t>(bytes ? s.size() : char_count(s));
  if ((row.bound == Bound::kMaxLength || bytes) && n > l.value) {
    return aws_constraint(s, row.field, max_length_rule(l.value));
  }
  if (row.bound == Bound::kMinLength && n < l.value) {
    return aws_constraint(s, row.field, min_length_rule(l.value));
  }
  return {};
}

struct RowVisit {
  const Context& ctx;
  const RuleInfo& info;
  const ValueRule& row;
  const tmpl::Resource& r;
  const tmpl::Node& props;  // the Properties the row's path starts from

  void check(const tmpl::Node& v, const std::string& sub) const {
    const bool numeric = row.bound == Bound::kMinValue || row.bound == Bound::kMaxValue;
    std::string message;
    if (numeric) {
      message = broken_number(ctx, row, v, props);
    } else if (const std::optional<std::string> s = known_string(ctx, v)) {
      message = broken_string(row, *s, props);
    }
    if (!message.empty()) report_at(ctx, info, r, sub, v, std::move(message));
  }

  void check_keys(const tmpl::Node& map, const std::string& sub) const {
    if (!map.is_map() || tmpl::is_intrinsic(map)) return;
    for (const tmpl::MapEntry& e : map.entries) {
      std::string message = broken_string(row, e.key, props);
      if (message.empty()) continue;
      const tmpl::Node key = tmpl::Node::make_scalar(e.key, e.key_pos);
      report_at(ctx, info, r, path_join(sub, e.key), key, std::move(message));
    }
  }

  void walk(const tmpl::Node& n, std::span<const std::string_view> rest,
            const std::string& sub) const {
    if (rest.empty()) return check(n, sub);
    if (tmpl::is_intrinsic(n)) return;  // the shape below is unknown until deploy
    const std::string_view seg = rest.front();
    if (seg == "*" && rest.size() == 1 && row.keys) return check_keys(n, sub);
    if (seg != "*") {
      if (const tmpl::Node* child = n.get(seg)) walk(*child, rest.subspan(1), path_join(sub, seg));
      return;
    }
    for (size_t i = 0; i < n.items.size(); ++i) {
      walk(n.items[i], rest.subspan(1), path_join(sub, std::to_string(i)));
    }
    for (const tmpl::MapEntry& e : n.entries) walk(e.value, rest.subspan(1), path_join(sub, e.key));
  }
};

void run_row(const Context& ctx, const RuleInfo& info, const ValueRule& row) {
  const std::vector<std::string_view> segs = split_path(row.path);
  for_each_of(ctx, row.types, [&](const tmpl::Resource& r) {
    if (row.events.empty()) {
      RowVisit{ctx, info, row, r, r.properties}.walk(r.properties, segs, "");
      return;
    }
    for_each_event(r, row.events, [&](const SamEvent& ev) {
      RowVisit{ctx, info, row, r, r.properties}.walk(*ev.properties, segs, ev.sub);
    });
  });
}

}  // namespace

// --- values -----------------------------------------------------------------------------------

std::optional<tmpl::Node> known(const Context& ctx, const tmpl::Node& n) {
  if (n.is_scalar()) {
    if (n.scalar.find(kDynamicRef) != std::string::npos) return std::nullopt;
    return n;
  }
  tmpl::Node resolved = ctx.app.resolve(n);
  if (has_unknown(resolved)) return std::nullopt;
  return resolved;
}

std::optional<std::string> known_string(const Context& ctx, const tmpl::Node& n) {
  std::optional<tmpl::Node> v = known(ctx, n);
  if (!v || !v->is_scalar()) return std::nullopt;
  return std::move(v->scalar);
}

std::optional<int64_t> known_int(const Context& ctx, const tmpl::Node& n) {
  const std::optional<tmpl::Node> v = known(ctx, n);
  if (!v) return std::nullopt;
  return v->as_int();
}

size_t char_count(std::string_view utf8) {
  // Every character has exactly one byte that is not a continuation byte (10xxxxxx).
  return static_cast<size_t>(std::count_if(utf8.begin(), utf8.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

// --- messages ---------------------------------------------------------------------------------

std::string aws_constraint(std::string_view value, std::string_view field, std::string_view rule) {
  std::string out = "1 validation error detected: Value '";
  out += value;
  out += "' at '";
  out += field;
  out += "' failed to satisfy constraint: Member must ";
  out += rule;
  return out;
}

std::string max_value_rule(int64_t n) {
  return "have value less than or equal to " + std::to_string(n);
}
std::string min_value_rule(int64_t n) {
  return "have value greater than or equal to " + std::to_string(n);
}
std::string max_length_rule(int64_t n) {
  return "have length less than or equal to " + std::to_string(n);
}
std::string min_length_rule(int64_t n) {
  return "have length greater than or equal to " + std::to_string(n);
}
std::string pattern_rule(std::string_view re) {
  return "satisfy regular expression pattern: " + std::string(re);
}

// --- places -----------------------------------------------------------------------------------

Where where(const Context& ctx, const tmpl::Resource& r, std::string_view sub,
            const tmpl::Node& value) {
  if (from_globals(ctx.tpl, r, value.pos)) {
    const std::string section(*tmpl::globals_section_for(r.type));
    return {path_join("Globals/" + section, sub), ""};
  }
  return {path_join("Resources/" + r.id + "/Properties", sub), r.id};
}

void report_at(const Context& ctx, const RuleInfo& info, const tmpl::Resource& r,
               std::string_view sub, const tmpl::Node& value, std::string message) {
  Where w = where(ctx, r, sub, value);
  const tmpl::Pos pos = value.pos.line ? value.pos : r.pos;
  ctx.report(info, std::move(message), pos, std::move(w.path), std::move(w.resource));
}

// --- resources --------------------------------------------------------------------------------

void for_each_of(const Context& ctx, std::span<const std::string_view> types,
                 const std::function<void(const tmpl::Resource&)>& fn) {
  for (const tmpl::Resource& r : ctx.app.resources()) {
    if (in(r.type, types)) fn(r);
  }
}

void for_each_event(const tmpl::Resource& r, std::span<const std::string_view> types,
                    const std::function<void(const SamEvent&)>& fn) {
  static const tmpl::Node kEmpty = tmpl::Node::make_map();
  const tmpl::Node* events = r.properties.get("Events");
  if (!events || !events->is_map() || tmpl::is_intrinsic(*events)) return;
  for (const tmpl::MapEntry& e : events->entries) {
    const tmpl::Node* type = e.value.get("Type");
    const std::string_view t = type && type->is_scalar() ? std::string_view(type->scalar) : "";
    if (!types.empty() && !in(t, types)) continue;
    const tmpl::Node* props = e.value.get("Properties");
    const bool usable = props && props->is_map() && !tmpl::is_intrinsic(*props);
    fn(SamEvent{e.key, t, usable ? props : &kEmpty, "Events/" + e.key + "/Properties"});
  }
}

std::optional<std::string> referenced_id(const tmpl::Node& n) {
  const auto in = tmpl::as_intrinsic(n);
  if (!in) return std::nullopt;
  if (in->name == "Ref" && in->arg.is_scalar()) return in->arg.scalar;
  if (in->name != "Fn::GetAtt") return std::nullopt;
  if (in->arg.is_seq() && !in->arg.items.empty() && in->arg.items[0].is_scalar()) {
    return in->arg.items[0].scalar;
  }
  if (in->arg.is_scalar()) return in->arg.scalar.substr(0, in->arg.scalar.find('.'));
  return std::nullopt;
}

// --- generic bounds ---------------------------------------------------------------------------

void check_value_rules(const Context& ctx, const RuleInfo& info, std::span<const Bound> bounds) {
  const std::span<const ValueRule> tables[] = {lambda_value_rules(), dynamodb_value_rules(),
                                               apigw_value_rules(), schedule_value_rules(),
                                               sqs_value_rules()};
  for (const std::span<const ValueRule> table : tables) {
    for (const ValueRule& row : table) {
      if (std::find(bounds.begin(), bounds.end(), row.bound) != bounds.end()) {
        run_row(ctx, info, row);
      }
    }
  }
}

}  // namespace sls::validate::defs
