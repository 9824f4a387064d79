// Intrinsic function resolution and condition evaluation over the bound parameters, pseudo
// parameters, Mappings and Conditions. Anything whose inputs are not all known stays as written:
// a value is never guessed. Malformed intrinsics are left for validate to report.
#include <set>

#include "template/internal.h"

namespace sls::tmpl {

namespace {

// Conditions that name conditions that name conditions...: past this chain length the result is
// "unknown" rather than a deeper recursion (a hostile template may chain thousands).
constexpr int kMaxConditionChain = 200;
// Nesting the evaluator follows: values inside values, and conditions inside an Fn::If inside a
// condition. One tree nests at most LoadOptions::max_depth levels, but conditions and Mappings
// chain several trees; past this depth values stay as written instead of exhausting the stack.
constexpr int kMaxEvalDepth = 1000;
// What one resolve() may copy out of parameters, Mappings and string functions, in values (a
// node, or 64 bytes of text): a template can ask for one large mapping entry or parameter value
// many times, an alias bomb by other means. Past it further results stay as written.
constexpr size_t kMaxCopiedValues = 1'000'000;
constexpr size_t kBytesPerValue = 64;

constexpr std::string_view kNoValue = "AWS::NoValue";

using ConditionMap = std::map<std::string, std::optional<bool>, std::less<>>;

bool is_no_value(const Node& n) {
  const std::optional<Intrinsic> in = as_intrinsic(n);
  return in && in->name == "Ref" && in->arg.is_scalar() && in->arg.scalar == kNoValue;
}

Node text_node(std::string s, Pos p) {
  Node n = Node::make_scalar(std::move(s), p);
  n.quoted = true;
  return n;
}

Node bool_node(bool b, Pos p) { return Node::make_scalar(b ? "true" : "false", p); }

// The text CloudFormation compares in Fn::Equals: YAML booleans read as true/false.
std::string equals_text(const Node& n) {
  if (n.plain_is_bool()) return *n.as_bool() ? "true" : "false";
  return n.scalar;
}

std::string base64(std::string_view in) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((in.size() + 2) / 3 * 4);
  for (size_t i = 0; i < in.size(); i += 3) {
    const size_t n = std::min<size_t>(3, in.size() - i);
    uint32_t v = 0;
    for (size_t j = 0; j < 3; ++j) {
      v = (v << 8) | (j < n ? static_cast<unsigned char>(in[i + j]) : 0U);
    }
    for (size_t j = 0; j < 4; ++j) {
      out += j <= n ? kAlphabet[(v >> (18 - 6 * j)) & 0x3F] : '=';
    }
  }
  return out;
}

// The copying cost of a value: its nodes plus its text in kBytesPerValue units.
size_t cost(const Node& n) {
  size_t c = 1 + n.scalar.size() / kBytesPerValue;
  for (const Node& i : n.items) c += cost(i);
  for (const MapEntry& e : n.entries) c += cost(e.value);
  return c;
}

// Counts nesting for the evaluator's recursion; the depth check sits beside each use.
class DepthGuard {
 public:
  explicit DepthGuard(int& depth) : depth_(depth) { ++depth_; }
  ~DepthGuard() { --depth_; }
  DepthGuard(const DepthGuard&) = delete;
  DepthGuard& operator=(const DepthGuard&) = delete;

 private:
  int& depth_;
};

// One evaluation over an App's inputs. During build() it also fills the condition table;
// afterwards it only reads it.
class Evaluator {
 public:
  Evaluator(const Template& tpl, const std::map<std::string, ParameterValue>& params,
            const Pseudo& pseudo, const ConditionMap& known, ConditionMap* filling)
      : tpl_(tpl), params_(params), pseudo_(pseudo), known_(known), filling_(filling) {}

  // A resolved copy of n. A value that resolves to AWS::NoValue comes back as the
  // {"Ref": "AWS::NoValue"} node; maps and lists drop such entries and items.
  Node value(const Node& n) {
    if (depth_ >= kMaxEvalDepth) return n;
    const DepthGuard guard(depth_);
    if (n.is_seq()) {
      Node out = Node::make_seq(n.pos);
      out.items.reserve(n.items.size());
      for (const Node& item : n.items) {
        Node r = value(item);
        if (!is_no_value(r)) out.items.push_back(std::move(r));
      }
      return out;
    }
    if (!n.is_map()) return n;
    if (const std::optional<Intrinsic> in = as_intrinsic(n)) {
      std::optional<Node> r = intrinsic(*in, n.pos);
      if (!r || !spend(cost(*r))) return n;
      r->pos = n.pos;
      return std::move(*r);
    }
    Node out = Node::make_map(n.pos);
    out.entries.reserve(n.entries.size());
    for (const MapEntry& e : n.entries) {
      Node r = value(e.value);
      if (!is_no_value(r)) out.entries.push_back(MapEntry{e.key, e.key_pos, std::move(r)});
    }
    return out;
  }

  std::optional<bool> named_condition(std::string_view name) {
    if (const auto it = known_.find(name); it != known_.end()) return it->second;
    if (!filling_ || in_progress_.count(name) ||
        static_cast<int>(in_progress_.size()) >= kMaxConditionChain) {
      return std::nullopt;  // not declared, after build(), a cycle, or too deep a chain
    }
    const Node* conditions = tpl_.section("Conditions");
    const Node* expr = conditions ? conditions->get(name) : nullptr;
    if (!expr) return std::nullopt;
    const std::string key(name);
    in_progress_.insert(key);
    const std::optional<bool> r = condition_expr(*expr);
    in_progress_.erase(key);
    filling_->insert_or_assign(key, r);
    return r;
  }

 private:
  std::optional<Node> intrinsic(const Intrinsic& in, Pos at) {
    if (copied_ >= kMaxCopiedValues) return std::nullopt;
    const std::string_view f = in.name;
    if (f == "Ref") return ref(in.arg, at);
    if (f == "Fn::Sub") return sub(in.arg, at);
    if (f == "Fn::Join") return join(in.arg, at);
    if (f == "Fn::Select") return select(in.arg);
    if (f == "Fn::Split") return split(in.arg, at);
    if (f == "Fn::FindInMap") return find_in_map(in.arg);
    if (f == "Fn::If") return if_(in.arg, at);
    if (f == "Fn::Base64") return base64_of(in.arg, at);
    if (f == "Fn::Length") return length(in.arg, at);
    if (f == "Fn::Equals" || f == "Fn::And" || f == "Fn::Or" || f == "Fn::Not") {
      return boolean(in, at);
    }
    return std::nullopt;  // Fn::GetAtt, Fn::GetAZs, Fn::ImportValue, Fn::Cidr, Condition...
  }

  std::optional<Node> boolean(const Intrinsic& in, Pos at) {
    const std::optional<bool> b = condition_call(in);
    if (!b) return std::nullopt;
    return bool_node(*b, at);
  }

  // The text a Ref or ${Name} stands for, when it is a known string.
  // (A pointer into the App's inputs, or null: Fn::Sub may name a long value many times.)
  const std::string* ref_text(std::string_view name) const {
    if (name == "AWS::Region") return &pseudo_.region;
    if (name == "AWS::AccountId") return &pseudo_.account_id;
    if (name == "AWS::Partition") return &pseudo_.partition;
    if (name == "AWS::StackName") return &pseudo_.stack_name;
    if (name == "AWS::StackId") return &pseudo_.stack_id;
    if (name == "AWS::URLSuffix") return &pseudo_.url_suffix;
    const ParameterValue* p = parameter(name);
    if (!p || is_list_parameter_type(p->type)) return nullptr;
    return &*p->value;
  }

  // A declared parameter whose value is known and is the value itself (an SSM parameter type's
  // value names the SSM parameter; its Ref is resolved at deploy time).
  const ParameterValue* parameter(std::string_view name) const {
    const auto it = params_.find(std::string(name));
    if (it == params_.end() || !it->second.value) return nullptr;
    if (it->second.type.starts_with("AWS::SSM::Parameter::Value<")) return nullptr;
    return &it->second;
  }

  std::optional<Node> ref(const Node& arg, Pos at) const {
    if (!arg.is_scalar()) return std::nullopt;
    const ParameterValue* p = parameter(arg.scalar);
    if (p && is_list_parameter_type(p->type)) {
      Node list = Node::make_seq(at);
      for (std::string& item : detail::split_list_value(*p->value)) {
        list.items.push_back(text_node(std::move(item), at));
      }
      return list;
    }
    const std::string* text = ref_text(arg.scalar);
    if (!text) return std::nullopt;  // a resource, NoValue, NotificationARNs, unknown
    Node r = text_node(*text, at);
    if (p && p->type == "Number" && Node::make_scalar(r.scalar).plain_is_number()) {
      r.quoted = false;
    }
    return r;
  }

  std::optional<Node> sub(const Node& arg, Pos at) {
    std::map<std::string, std::optional<std::string>, std::less<>> vars;
    const Node* text = &arg;
    Node resolved_text;
    if (arg.is_seq()) {
      if (arg.items.size() != 2 || !arg.items[1].is_map() || is_intrinsic(arg.items[1])) {
        return std::nullopt;
      }
      resolved_text = value(arg.items[0]);
      text = &resolved_text;
      for (const MapEntry& e : arg.items[1].entries) {
        const Node v = value(e.value);
        vars[e.key] = v.is_scalar() ? std::optional<std::string>(v.scalar) : std::nullopt;
      }
    }
    if (!text->is_scalar()) return std::nullopt;
    std::optional<std::string> out = substitute(text->scalar, vars);
    if (!out) return std::nullopt;
    return text_node(std::move(*out), at);
  }

  // Fills ${Name} placeholders; nullopt when one of them is not a known string.
  std::optional<std::string> substitute(
      std::string_view s,
      const std::map<std::string, std::optional<std::string>, std::less<>>& vars) const {
    std::string out;
    out.reserve(s.size());
    size_t i = 0;
    while (i < s.size()) {
      if (s[i] != '$' || i + 1 >= s.size() || s[i + 1] != '{') {
        out += s[i++];
        continue;
      }
      if (i + 2 < s.size() && s[i + 2] == '!') {  // ${!Literal} writes ${Literal}
        out += "${";
        i += 3;
        continue;
      }
      const size_t close = s.find('}', i + 2);
      if (close == std::string_view::npos) {  // no closing brace: the rest is literal text
        out.append(s.substr(i));
        break;
      }
      const std::string_view name = s.substr(i + 2, close - i - 2);
      const std::string* v = nullptr;
      if (const auto it = vars.find(name); it != vars.end()) {
        v = it->second ? &*it->second : nullptr;
      } else if (name.find('.') == std::string_view::npos) {
        v = ref_text(name);  // ${Res.Attr} is a GetAtt: never known here
      }
      if (!v || out.size() + v->size() > bytes_left()) return std::nullopt;
      out += *v;
      i = close + 1;
    }
    return out;
  }

  std::optional<Node> join(const Node& arg, Pos at) {
    if (!arg.is_seq() || arg.items.size() != 2) return std::nullopt;
    const Node delim = value(arg.items[0]);
    const Node list = value(arg.items[1]);
    if (!delim.is_scalar() || !list.is_seq()) return std::nullopt;
    std::string out;
    for (size_t i = 0; i < list.items.size(); ++i) {
      if (!list.items[i].is_scalar()) return std::nullopt;
      if (i) out += delim.scalar;
      out += list.items[i].scalar;
      if (out.size() > bytes_left()) return std::nullopt;
    }
    return text_node(std::move(out), at);
  }

  std::optional<Node> select(const Node& arg) {
    if (!arg.is_seq() || arg.items.size() != 2) return std::nullopt;
    const std::optional<int64_t> index = value(arg.items[0]).as_int();
    Node list = value(arg.items[1]);
    if (!index || !list.is_seq() || *index < 0 ||
        *index >= static_cast<int64_t>(list.items.size())) {
      return std::nullopt;
    }
    return std::move(list.items[static_cast<size_t>(*index)]);
  }

  std::optional<Node> split(const Node& arg, Pos at) {
    if (!arg.is_seq() || arg.items.size() != 2) return std::nullopt;
    const Node delim = value(arg.items[0]);
    const Node source = value(arg.items[1]);
    if (!delim.is_scalar() || delim.scalar.empty() || !source.is_scalar()) return std::nullopt;
    Node list = Node::make_seq(at);
    const std::string& s = source.scalar;
    size_t start = 0;
    for (size_t hit = s.find(delim.scalar); hit != std::string::npos;
         hit = s.find(delim.scalar, start)) {
      list.items.push_back(text_node(s.substr(start, hit - start), at));
      start = hit + delim.scalar.size();
    }
    list.items.push_back(text_node(s.substr(start), at));
    return list;
  }

  // Fn::FindInMap [Map, TopKey, SecondKey] with LanguageExtensions' optional
  // {DefaultValue: v}, used only when every key is known and the lookup misses.
  std::optional<Node> find_in_map(const Node& arg) {
    if (!arg.is_seq() || arg.items.size() < 3 || arg.items.size() > 4) return std::nullopt;
    std::string keys[3];
    for (size_t i = 0; i < 3; ++i) {
      const Node k = value(arg.items[i]);
      if (!k.is_scalar()) return std::nullopt;
      keys[i] = k.scalar;
    }
    const Node* mappings = tpl_.section("Mappings");
    const Node* m = mappings ? mappings->get(keys[0]) : nullptr;
    const Node* top = m ? m->get(keys[1]) : nullptr;
    if (const Node* hit = top ? top->get(keys[2]) : nullptr) {
      return fits(cost(*hit)) ? std::optional<Node>(value(*hit)) : std::nullopt;
    }
    if (arg.items.size() == 4) {
      if (const Node* d = arg.items[3].get("DefaultValue")) return value(*d);
    }
    return std::nullopt;
  }

  // A known condition picks its branch; an unknown one keeps the Fn::If with both branches
  // resolved (AWS::NoValue stays in place there: dropping it would change the Fn::If's shape).
  std::optional<Node> if_(const Node& arg, Pos at) {
    if (!arg.is_seq() || arg.items.size() != 3 || !arg.items[0].is_scalar()) return std::nullopt;
    if (const std::optional<bool> c = named_condition(arg.items[0].scalar)) {
      return value(arg.items[*c ? 1 : 2]);
    }
    Node branches = Node::make_seq(arg.pos);
    branches.items.push_back(arg.items[0]);
    branches.items.push_back(value(arg.items[1]));
    branches.items.push_back(value(arg.items[2]));
    Node call = Node::make_map(at);
    call.entries.push_back(MapEntry{"Fn::If", at, std::move(branches)});
    return call;
  }

  std::optional<Node> base64_of(const Node& arg, Pos at) {
    const Node v = value(arg);
    if (!v.is_scalar()) return std::nullopt;
    return text_node(base64(v.scalar), at);
  }

  std::optional<Node> length(const Node& arg, Pos at) {
    const Node v = value(arg);
    if (!v.is_seq()) return std::nullopt;
    return Node::make_scalar(std::to_string(v.items.size()), at);
  }

  // A condition expression: Fn::Equals/And/Or/Not or {Condition: Name}.
  std::optional<bool> condition_expr(const Node& n) {
    if (depth_ >= kMaxEvalDepth) return std::nullopt;
    const DepthGuard guard(depth_);
    const std::optional<Intrinsic> in = as_intrinsic(n);
    if (!in) return std::nullopt;
    return condition_call(*in);
  }

  std::optional<bool> condition_call(const Intrinsic& in) {
    const Node& a = in.arg;
    if (in.name == "Condition") {
      return a.is_scalar() ? named_condition(a.scalar) : std::nullopt;
    }
    if (!a.is_seq()) return std::nullopt;
    if (in.name == "Fn::Equals") return equals(a);
    if (in.name == "Fn::Not") {
      if (a.items.size() != 1) return std::nullopt;
      const std::optional<bool> v = condition_expr(a.items[0]);
      return v ? std::optional<bool>(!*v) : std::nullopt;
    }
    if (in.name != "Fn::And" && in.name != "Fn::Or") return std::nullopt;
    // Three-valued logic: one false decides an And, one true decides an Or, whatever the others.
    const bool decisive = in.name == "Fn::Or";
    bool unknown = a.items.empty();
    for (const Node& item : a.items) {
      const std::optional<bool> v = condition_expr(item);
      if (v == decisive) return decisive;
      if (!v) unknown = true;
    }
    return unknown ? std::nullopt : std::optional<bool>(!decisive);
  }

  std::optional<bool> equals(const Node& a) {
    if (a.items.size() != 2) return std::nullopt;
    const Node x = value(a.items[0]);
    const Node y = value(a.items[1]);
    if (!x.is_scalar() || !y.is_scalar()) return std::nullopt;
    return equals_text(x) == equals_text(y);
  }

  const Template& tpl_;
  const std::map<std::string, ParameterValue>& params_;
  const Pseudo& pseudo_;
  const ConditionMap& known_;
  bool fits(size_t c) const { return c <= kMaxCopiedValues - copied_; }

  // Takes `c` from the copy budget; false (and nothing taken) when it would run out.
  bool spend(size_t c) {
    if (!fits(c)) return false;
    copied_ += c;
    return true;
  }

  size_t bytes_left() const { return (kMaxCopiedValues - copied_) * kBytesPerValue; }

  ConditionMap* filling_;  // build() only
  std::set<std::string, std::less<>> in_progress_;
  int depth_ = 0;
  size_t copied_ = 0;  // <= kMaxCopiedValues
};

}  // namespace

void Resolver::evaluate_conditions(App& app) {
  const Node* conditions = app.tpl_.section("Conditions");
  if (!conditions || !conditions->is_map()) return;
  ConditionMap filled;
  Evaluator ev(app.tpl_, app.parameters_, app.pseudo_, filled, &filled);
  for (const MapEntry& e : conditions->entries) ev.named_condition(e.key);
  // A name left out (chain too deep) stays unknown; every declared name gets an entry.
  for (const MapEntry& e : conditions->entries) filled.try_emplace(e.key, std::nullopt);
  app.condition_cache_ = std::move(filled);
}

Node Resolver::resolve(const App& app, const Node& v) {
  Evaluator ev(app.tpl_, app.parameters_, app.pseudo_, app.condition_cache_, nullptr);
  return ev.value(v);
}

Node App::resolve(const Node& v) const { return Resolver::resolve(*this, v); }

std::optional<bool> App::condition(std::string_view name) const {
  const auto it = condition_cache_.find(name);
  return it == condition_cache_.end() ? std::nullopt : it->second;
}

}  // namespace sls::tmpl
