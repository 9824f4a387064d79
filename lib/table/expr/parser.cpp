// Recursive-descent syntax stage for the five expression parameters (spec/dynamodb-api.md
// 4.2-4.4 grammars, 4.8 syntax error format).
#include "table/expr/parser.h"

#include <array>
#include <limits>
#include <span>
#include <utility>

#include <fmt/format.h>

#include "core/error.h"
#include "core/limits.h"
#include "table/expr/lexer.h"
#include "table/messages.h"

namespace sls::table::expr {
namespace {

// Nesting (parentheses, NOT, function arguments) deeper than this is a syntax error. AWS caps
// an expression at 4 KB; the cap here keeps hostile input from exhausting the stack of the
// parser, the checks and the evaluator, which all recurse over the tree.
constexpr int kMaxNesting = 256;

constexpr std::array<std::string_view, 5> kConditionKeywords = {"AND", "OR", "NOT", "BETWEEN",
                                                                "IN"};
constexpr std::array<std::string_view, 4> kUpdateKeywords = {"SET", "REMOVE", "ADD", "DELETE"};
constexpr std::array<std::string_view, 6> kComparators = {"=", "<>", "<", "<=", ">", ">="};

RawNode make_node(RawNode::Kind kind, std::string_view text = {}) {
  RawNode node;
  node.kind = kind;
  node.text = text;
  return node;
}

RawSegment make_segment(RawSegment::Kind kind, std::string_view text) {
  RawSegment s;
  s.kind = kind;
  s.text = text;
  return s;
}

class Parser {
 public:
  Parser(std::string_view text, ExpressionKind kind, std::span<const std::string_view> keywords)
      : text_(text), kind_(kind), keywords_(keywords), tokens_(tokenize(text)) {
    if (text.empty()) throw_invalid(kind_, std::string(msg::kExprEmpty));
  }

  RawCondition condition() {
    RawCondition out;
    out.root = parse_or(false);
    expect_end();
    out.redundant_parens = redundant_parens_;
    return out;
  }

  std::vector<RawNode> projection() {
    std::vector<RawNode> paths;
    do {
      paths.push_back(parse_path());
    } while (accept(","));
    expect_end();
    return paths;
  }

  RawUpdate update() {
    RawUpdate out;
    do {
      const UpdateAction::Kind clause = clause_keyword();
      take();
      out.clauses.push_back(clause);
      do {
        out.actions.push_back(parse_action(clause));
      } while (accept(","));
    } while (peek().kind != TokenKind::kEof);
    return out;
  }

 private:
  // --- token access ------------------------------------------------------------------------
  const Token& peek(size_t ahead = 0) const {
    return tokens_[std::min(pos_ + ahead, tokens_.size() - 1)];
  }
  const Token& take() {
    const Token& t = tokens_[pos_];
    if (t.kind != TokenKind::kEof) ++pos_;
    return t;
  }
  bool accept(std::string_view punct) {
    if (!peek().is(punct)) return false;
    take();
    return true;
  }
  void expect(std::string_view punct) {
    if (!accept(punct)) syntax_error();
  }
  void expect_end() {
    if (peek().kind != TokenKind::kEof) syntax_error();
  }
  bool is_keyword(const Token& t) const {
    for (const std::string_view k : keywords_) {
      if (t.is_keyword(k)) return true;
    }
    return false;
  }
  bool is_comparator(const Token& t) const {
    for (const std::string_view c : kComparators) {
      if (t.is(c)) return true;
    }
    return false;
  }

  // The token at which the parse cannot continue, and the text from the start of the token
  // before it to the end of the token after it (spec 4.8; reproduces AWS's captured examples).
  [[noreturn]] void syntax_error() const {
    const Token& bad = peek();
    const size_t begin = pos_ > 0 ? tokens_[pos_ - 1].begin : bad.begin;
    const bool last = bad.kind == TokenKind::kEof || peek(1).kind == TokenKind::kEof;
    const size_t end = last ? bad.end : peek(1).end;
    const std::string_view token = bad.kind == TokenKind::kEof ? "<EOF>" : bad.text;
    throw_invalid(kind_, fmt::format(msg::kExprSyntax, token, text_.substr(begin, end - begin)));
  }

  // Bounds the recursion; see kMaxNesting.
  class Nested {
   public:
    explicit Nested(Parser& p) : p_(p) {
      if (++p_.depth_ > kMaxNesting) p_.syntax_error();
    }
    ~Nested() { --p_.depth_; }
    Nested(const Nested&) = delete;
    Nested& operator=(const Nested&) = delete;

   private:
    Parser& p_;
  };

  void add_paren(RawNode& node) {
    if (++node.parens >= 2) redundant_parens_ = true;
  }

  // --- conditions --------------------------------------------------------------------------
  // `in_paren`: the node being parsed is the whole content of a pair of parentheses, so a bare
  // operand may end here ("(a) = :v"); the caller decides what the parentheses held.
  RawNode parse_or(bool in_paren) {
    RawNode first = parse_and(in_paren);
    if (!peek().is_keyword("OR")) return first;
    RawNode node = make_node(RawNode::Kind::kOr);
    node.children.push_back(std::move(first));
    while (peek().is_keyword("OR")) {
      take();
      node.children.push_back(parse_and(false));
    }
    return node;
  }

  RawNode parse_and(bool in_paren) {
    RawNode first = parse_not(in_paren);
    if (!peek().is_keyword("AND")) return first;
    RawNode node = make_node(RawNode::Kind::kAnd);
    node.children.push_back(std::move(first));
    while (peek().is_keyword("AND")) {
      take();
      node.children.push_back(parse_not(false));
    }
    return node;
  }

  RawNode parse_not(bool in_paren) {
    if (!peek().is_keyword("NOT")) return parse_comparison(in_paren);
    const Nested nested(*this);
    take();
    RawNode node = make_node(RawNode::Kind::kNot);
    node.children.push_back(parse_not(false));
    return node;
  }

  RawNode parse_comparison(bool in_paren) {
    RawNode left = parse_term();
    const Token& t = peek();
    const bool between = t.is_keyword("BETWEEN");
    const bool in = t.is_keyword("IN");
    if (is_comparator(t) || between || in) {
      if (is_condition_node(left)) syntax_error();  // "(a = b) = c"
      take();
      RawNode node = make_node(between ? RawNode::Kind::kBetween
                               : in    ? RawNode::Kind::kIn
                                       : RawNode::Kind::kCompare,
                               t.text);
      node.children.push_back(std::move(left));
      if (in) {
        parse_in_list(node);
      } else {
        node.children.push_back(parse_operand());
        if (between) {
          if (!peek().is_keyword("AND")) syntax_error();
          take();
          node.children.push_back(parse_operand());
        }
      }
      return node;
    }
    if (is_condition_node(left) || left.kind == RawNode::Kind::kCall) return left;
    if (in_paren && t.is(")")) return left;
    syntax_error();  // an operand where a condition must be complete
  }

  void parse_in_list(RawNode& node) {
    expect("(");
    do {
      node.children.push_back(parse_operand());
    } while (accept(","));
    expect(")");
  }

  // A condition in parentheses, or an operand.
  RawNode parse_term() {
    if (!peek().is("(")) return parse_operand();
    const Nested nested(*this);
    take();
    RawNode inner = parse_or(true);
    expect(")");
    add_paren(inner);
    return inner;
  }

  RawNode parse_operand() {
    const Token& t = peek();
    if (t.is("(")) {
      const Nested nested(*this);
      take();
      RawNode inner = parse_operand();
      expect(")");
      add_paren(inner);
      return inner;
    }
    if (t.kind == TokenKind::kValueRef) {
      take();
      return make_node(RawNode::Kind::kValueRef, t.text);
    }
    if (t.kind == TokenKind::kName && !is_keyword(t) && peek(1).is("(")) return parse_call();
    return parse_path();
  }

  RawNode parse_call() {
    const Nested nested(*this);
    RawNode node = make_node(RawNode::Kind::kCall, take().text);
    take();  // "("
    do {
      node.children.push_back(parse_operand());
    } while (accept(","));
    expect(")");
    return node;
  }

  // --- paths -------------------------------------------------------------------------------
  RawSegment name_segment() {
    const Token& t = peek();
    if (t.kind == TokenKind::kNameRef) {
      take();
      return make_segment(RawSegment::Kind::kNameRef, t.text);
    }
    if (t.kind != TokenKind::kName || is_keyword(t)) syntax_error();
    take();
    return make_segment(RawSegment::Kind::kName, t.text);
  }

  RawNode parse_path() {
    RawNode node = make_node(RawNode::Kind::kPath);
    node.path.push_back(name_segment());
    while (true) {
      if (accept(".")) {
        node.path.push_back(name_segment());
      } else if (accept("[")) {
        const Token& t = peek();
        if (t.kind != TokenKind::kNumber) syntax_error();
        take();
        RawSegment index = make_segment(RawSegment::Kind::kIndex, t.text);
        index.index = parse_index(t.text);
        node.path.push_back(index);
        expect("]");
      } else {
        return node;
      }
    }
  }

  // --- updates -----------------------------------------------------------------------------
  UpdateAction::Kind clause_keyword() const {
    const Token& t = peek();
    if (t.is_keyword("SET")) return UpdateAction::Kind::kSet;
    if (t.is_keyword("REMOVE")) return UpdateAction::Kind::kRemove;
    if (t.is_keyword("ADD")) return UpdateAction::Kind::kAdd;
    if (t.is_keyword("DELETE")) return UpdateAction::Kind::kDelete;
    syntax_error();
  }

  RawAction parse_action(UpdateAction::Kind clause) {
    RawAction action;
    action.kind = clause;
    action.path = parse_path();
    switch (clause) {
      case UpdateAction::Kind::kSet:
        expect("=");
        action.value = parse_set_value();
        break;
      case UpdateAction::Kind::kRemove:
        break;
      case UpdateAction::Kind::kAdd:
      case UpdateAction::Kind::kDelete: {
        const Token& t = peek();
        if (t.kind != TokenKind::kValueRef) syntax_error();
        take();
        action.value = make_node(RawNode::Kind::kValueRef, t.text);
        break;
      }
    }
    return action;
  }

  // operand | operand '+' operand | operand '-' operand, the whole optionally in parentheses.
  RawNode parse_set_value() {
    RawNode first;
    if (peek().is("(")) {
      const Nested nested(*this);
      take();
      first = parse_operand();
      if (peek().is("+") || peek().is("-")) {
        RawNode sum = parse_arithmetic(std::move(first));
        expect(")");
        return sum;
      }
      expect(")");
      add_paren(first);
    } else {
      first = parse_operand();
    }
    if (peek().is("+") || peek().is("-")) return parse_arithmetic(std::move(first));
    return first;
  }

  RawNode parse_arithmetic(RawNode left) {
    const bool plus = take().text == "+";
    RawNode node = make_node(plus ? RawNode::Kind::kPlus : RawNode::Kind::kMinus);
    node.children.push_back(std::move(left));
    node.children.push_back(parse_operand());
    return node;
  }

  std::string_view text_;
  ExpressionKind kind_;
  std::span<const std::string_view> keywords_;
  std::vector<Token> tokens_;
  size_t pos_ = 0;
  int depth_ = 0;
  bool redundant_parens_ = false;
};

}  // namespace

bool is_condition_node(const RawNode& node) {
  switch (node.kind) {
    case RawNode::Kind::kOr:
    case RawNode::Kind::kAnd:
    case RawNode::Kind::kNot:
    case RawNode::Kind::kCompare:
    case RawNode::Kind::kBetween:
    case RawNode::Kind::kIn:
      return true;
    case RawNode::Kind::kCall:
    case RawNode::Kind::kPath:
    case RawNode::Kind::kValueRef:
    case RawNode::Kind::kPlus:
    case RawNode::Kind::kMinus:
      return false;
  }
  return false;
}

namespace {

// Expressions are measured as sent, before any placeholder is substituted (spec 4.5, limits.md
// §5); checked before the text is even tokenized.
void check_size(std::string_view text, ExpressionKind kind) {
  if (text.size() <= static_cast<size_t>(limits::kDynamoExpressionBytes.value)) return;
  if (kind == ExpressionKind::kUpdate) throw_invalid(kind, std::string(msg::kExprTooLargeUpdate));
  throw_invalid(kind, fmt::format(msg::kExprTooLarge, text.size()));
}

}  // namespace

void throw_invalid(ExpressionKind kind, std::string detail) {
  throw Error(Errc::kValidation, fmt::format(msg::kExprInvalid, parameter_name(kind), detail));
}

RawCondition parse_condition_syntax(std::string_view text, ExpressionKind kind) {
  check_size(text, kind);
  return Parser(text, kind, kConditionKeywords).condition();
}

std::vector<RawNode> parse_projection_syntax(std::string_view text) {
  check_size(text, ExpressionKind::kProjection);
  return Parser(text, ExpressionKind::kProjection, {}).projection();
}

RawUpdate parse_update_syntax(std::string_view text) {
  check_size(text, ExpressionKind::kUpdate);
  return Parser(text, ExpressionKind::kUpdate, kUpdateKeywords).update();
}

}  // namespace sls::table::expr
