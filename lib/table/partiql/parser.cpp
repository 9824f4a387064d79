// Recursive-descent syntax stage of PartiQL (spec/dynamodb-api.md 3.20): the statement forms
// SELECT, INSERT, UPDATE (and the FROM-first UPDATE), DELETE, and the expression grammar
//   expr     ::= and ( OR and )*
//   and      ::= not ( AND not )*
//   not      ::= NOT not | predicate
//   predicate::= additive [ comparator additive | [NOT] BETWEEN additive AND additive
//                          | [NOT] IN ( '(' list ')' | '[' list ']' ) | IS [NOT] type ]
//   additive ::= unary ( ('+' | '-') unary )*
//   unary    ::= '-' unary | primary
//   primary  ::= 'string' | number | ? | TRUE | FALSE | NULL | path | name '(' list ')'
//              | '[' list ']' | '{' 'key' : additive, ... '}' | '<<' list '>>' | '(' expr ')'
// Errors carry the details DynamoDB's parser gives in the same situations.
#include <algorithm>
#include <array>
#include <limits>
#include <utility>

#include <fmt/format.h>

#include "core/error.h"
#include "table/expr/lexer.h"
#include "table/messages.h"
#include "table/partiql/lexer.h"
#include "table/partiql/syntax.h"

namespace sls::table::partiql {
namespace {

// Nesting (parentheses, NOT, calls, literals) deeper than this is refused: the statement is at
// most 8 KB, and the cap keeps hostile input from exhausting the stack of the parser, binding
// and evaluation, which all recurse over the tree.
constexpr int kMaxDepth = 200;

// Words that cannot be a bare name. The grammar's own words, plus the PartiQL/SQL words
// DynamoDB also refuses as names (it rejects `m.inner` with "Invalid path dot component").
constexpr std::array<std::string_view, 51> kReserved = {
    "ALL",    "AND",     "AS",       "ASC",     "BETWEEN",   "BY",     "CASE",   "CAST", "CROSS",
    "DELETE", "DESC",    "DISTINCT", "ELSE",    "END",       "EXISTS", "FALSE",  "FROM", "FULL",
    "GROUP",  "HAVING",  "IN",       "INNER",   "INSERT",    "INTO",   "IS",     "JOIN", "LEFT",
    "LET",    "LIKE",    "LIMIT",    "MISSING", "NOT",       "NULL",   "OFFSET", "ON",   "OR",
    "ORDER",  "OUTER",   "PIVOT",    "REMOVE",  "RETURNING", "RIGHT",  "SELECT", "SET",  "TRUE",
    "UNION",  "UNPIVOT", "UPDATE",   "VALUE",   "VALUES",    "WHERE"};
// Reserved words that are infix operators: where a term should start they are "Unexpected
// operator", the other reserved words "Unexpected keyword".
constexpr std::array<std::string_view, 6> kOperatorWords = {"AND",  "OR",      "IS",
                                                            "LIKE", "BETWEEN", "IN"};
constexpr std::array<std::string_view, 7> kComparators = {"=", "<>", "!=", "<", "<=", ">", ">="};

// The type names IS accepts (PartiQL's), two-word names joined by one space.
constexpr std::array<std::string_view, 32> kTypeNames = {"MISSING",
                                                         "NULL",
                                                         "BOOL",
                                                         "BOOLEAN",
                                                         "SMALLINT",
                                                         "INT",
                                                         "INT2",
                                                         "INT4",
                                                         "INT8",
                                                         "INTEGER",
                                                         "INTEGER2",
                                                         "INTEGER4",
                                                         "INTEGER8",
                                                         "BIGINT",
                                                         "REAL",
                                                         "FLOAT",
                                                         "DOUBLE PRECISION",
                                                         "DECIMAL",
                                                         "DEC",
                                                         "NUMERIC",
                                                         "TIMESTAMP",
                                                         "CHAR",
                                                         "CHARACTER",
                                                         "CHARACTER VARYING",
                                                         "VARCHAR",
                                                         "STRING",
                                                         "SYMBOL",
                                                         "CLOB",
                                                         "BLOB",
                                                         "STRUCT",
                                                         "TUPLE",
                                                         "LIST"};

template <size_t N>
bool is_one_of(const Token& t, const std::array<std::string_view, N>& words) {
  for (const std::string_view w : words) {
    if (t.is_keyword(w)) return true;
  }
  return false;
}

bool is_reserved(const Token& t) { return is_one_of(t, kReserved); }

std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

class Parser {
 public:
  explicit Parser(std::string_view text) : text_(text), tokens_(tokenize(text)) {}

  SyntaxStatement statement() {
    SyntaxStatement s;
    if (peek().is_keyword("SELECT")) {
      select(s);
    } else if (peek().is_keyword("INSERT")) {
      insert(s);
    } else if (peek().is_keyword("UPDATE")) {
      update(s);
    } else if (peek().is_keyword("DELETE")) {
      delete_statement(s);
    } else if (peek().is_keyword("FROM")) {
      from_update(s);
    } else if (peek().is_keyword("EXISTS")) {
      throw Error(Errc::kValidation, fmt::format(msg::kNotSupported, "EXISTS"));
    } else {
      syntax(msg::kPartiqlNotDml);
    }
    if (peek().is(";")) take();
    if (peek().kind != TokenKind::kEof) syntax(msg::kPartiqlLeftover);
    s.parameters = parameters_;
    return s;
  }

 private:
  // --- tokens ------------------------------------------------------------------------------
  const Token& peek(size_t ahead = 0) const {
    return tokens_[std::min(pos_ + ahead, tokens_.size() - 1)];
  }
  const Token& take() {
    const Token& t = peek();
    if (pos_ + 1 < tokens_.size()) ++pos_;
    return t;
  }
  [[noreturn]] static void syntax(std::string_view detail) {
    throw Error(Errc::kValidation, fmt::format(msg::kPartiqlNotWellFormed, detail));
  }
  void expect_keyword(std::string_view word) {
    if (!peek().is_keyword(word)) syntax(fmt::format(msg::kPartiqlExpectedKeyword, word));
    take();
  }
  void expect(std::string_view punct) {
    if (!peek().is(punct)) syntax(fmt::format(msg::kPartiqlExpected, punct));
    take();
  }
  static Span span_of(const Token& t) { return {t.begin, t.end}; }

  // The error for a token where a term should start.
  [[noreturn]] void unexpected_term(const Token& t) const {
    if (t.kind == TokenKind::kName && is_one_of(t, kOperatorWords))
      syntax(msg::kPartiqlUnexpectedOperator);
    if (t.kind == TokenKind::kName && is_reserved(t)) syntax(msg::kPartiqlUnexpectedKeyword);
    const bool operator_punct =
        t.kind == TokenKind::kPunct &&
        (t.text == "*" || t.text == "+" ||
         std::find(kComparators.begin(), kComparators.end(), t.text) != kComparators.end());
    if (operator_punct) syntax(msg::kPartiqlUnexpectedOperator);
    syntax(msg::kPartiqlUnexpectedTerm);
  }

  // After an infix operator: the end of the statement is a missing operand.
  void require_operand() const {
    if (peek().kind == TokenKind::kEof || peek().is(";")) syntax(msg::kPartiqlMissingOperand);
  }

  class Deeper {
   public:
    explicit Deeper(int& depth) : depth_(depth) {
      if (++depth_ > kMaxDepth) syntax(msg::kPartiqlTooDeep);
    }
    ~Deeper() { --depth_; }
    Deeper(const Deeper&) = delete;
    Deeper& operator=(const Deeper&) = delete;

   private:
    int& depth_;
  };

  // --- statements --------------------------------------------------------------------------
  void select(SyntaxStatement& s) {
    s.kind = StatementKind::kSelect;
    take();
    if (peek().is("*")) {
      take();
      s.star = true;
    } else {
      s.outputs.push_back(output());
      while (peek().is(",")) {
        take();
        s.outputs.push_back(output());
      }
    }
    expect_keyword("FROM");
    if (!is_name(peek())) unexpected_term(peek());
    target(s);
    refuse_alias();
    if (peek().is_keyword("WHERE")) {
      take();
      s.where = expr();
    }
    if (peek().is_keyword("ORDER")) {
      take();
      expect_keyword("BY");
      if (!is_name(peek())) unexpected_term(peek());
      s.order_by = path();
      if (peek().is_keyword("ASC") || peek().is_keyword("DESC"))
        s.descending = take().is_keyword("DESC");
    }
  }

  // One SELECT list item: a path. A function call is DynamoDB's "Unexpected path component".
  Node output() {
    const Token& t = peek();
    if (t.kind == TokenKind::kName && peek(1).is("(")) {
      throw Error(Errc::kValidation,
                  fmt::format(msg::kPartiqlPathComponent, position(text_, t.begin, t.end)));
    }
    if (!is_name(t)) unexpected_term(t);
    return path();
  }

  void insert(SyntaxStatement& s) {
    s.kind = StatementKind::kInsert;
    take();
    expect_keyword("INTO");
    simple_target(s);
    if (s.index) {
      throw Error(Errc::kValidation,
                  fmt::format(msg::kPartiqlInsertIndex,
                              position(text_, s.table_span.begin, s.table_span.end)));
    }
    // An alias (`INSERT INTO "t" t VALUE ...`) is a token DynamoDB does not expect here.
    if (!peek().is_keyword("VALUE") && peek().kind != TokenKind::kEof)
      syntax(msg::kPartiqlLeftover);
    expect_keyword("VALUE");
    s.value = additive();
  }

  void update(SyntaxStatement& s) {
    s.kind = StatementKind::kUpdate;
    take();
    simple_target(s);
    refuse_alias();
    actions(s);
    if (peek().is_keyword("WHERE")) {
      take();
      s.where = expr();
    }
    returning(s);
  }

  // FROM "t" [WHERE ...] SET ... | REMOVE ...: the FROM-first form of UPDATE.
  void from_update(SyntaxStatement& s) {
    s.kind = StatementKind::kUpdate;
    take();
    simple_target(s);
    refuse_alias();
    if (peek().is_keyword("WHERE")) {
      take();
      s.where = expr();
    }
    actions(s);
    returning(s);
  }

  void delete_statement(SyntaxStatement& s) {
    s.kind = StatementKind::kDelete;
    take();
    expect_keyword("FROM");
    simple_target(s);
    refuse_alias();
    if (peek().is_keyword("WHERE")) {
      take();
      s.where = expr();
    }
    returning(s);
  }

  // SET path = value, ... and REMOVE path, ..., in any number and order (at least one).
  void actions(SyntaxStatement& s) {
    if (!peek().is_keyword("SET") && !peek().is_keyword("REMOVE")) expect_keyword("SET");
    while (peek().is_keyword("SET") || peek().is_keyword("REMOVE")) {
      const bool set = take().is_keyword("SET");
      for (;;) {
        SyntaxAction a;
        a.kind = set ? expr::UpdateAction::Kind::kSet : expr::UpdateAction::Kind::kRemove;
        if (!is_name(peek())) unexpected_term(peek());
        a.target = path();
        if (set) {
          expect("=");
          require_operand();
          a.value = additive();
        }
        s.actions.push_back(std::move(a));
        if (!peek().is(",")) break;
        take();
      }
    }
  }

  void returning(SyntaxStatement& s) {
    if (!peek().is_keyword("RETURNING")) return;
    take();
    const Token& which = take();
    const Token& image = take();
    if (!(which.is_keyword("ALL") || which.is_keyword("MODIFIED")) ||
        !(image.is_keyword("OLD") || image.is_keyword("NEW")))
      syntax(fmt::format(msg::kPartiqlExpected, "ALL or MODIFIED, then OLD or NEW"));
    expect("*");
    const bool all = which.is_keyword("ALL");
    const bool old = image.is_keyword("OLD");
    s.returning = all ? (old ? Returning::kAllOld : Returning::kAllNew)
                      : (old ? Returning::kModifiedOld : Returning::kModifiedNew);
    s.returning_text = upper(which.text) + " " + upper(image.text);
  }

  // --- tables --------------------------------------------------------------------------------
  static bool is_name(const Token& t) {
    return t.kind == TokenKind::kQuoted || (t.kind == TokenKind::kName && !is_reserved(t));
  }

  // "table" or "table"."index".
  void target(SyntaxStatement& s) {
    const Token& table = take();
    s.table = table.text;
    s.table_span = span_of(table);
    if (!peek().is(".")) return;
    take();
    if (!is_name(peek())) syntax(msg::kPartiqlExpectedSimplePath);
    s.index = take().text;
  }

  // The table of INSERT, UPDATE and DELETE.
  void simple_target(SyntaxStatement& s) {
    if (!is_name(peek())) syntax(msg::kPartiqlExpectedSimplePath);
    target(s);
  }

  void refuse_alias() const {
    const Token& t = peek();
    if (t.is_keyword("AS") || t.kind == TokenKind::kQuoted ||
        (t.kind == TokenKind::kName && !is_reserved(t)))
      throw Error(Errc::kValidation, std::string(msg::kPartiqlAliasing));
  }

  // --- expressions -----------------------------------------------------------------------------
  Node expr() {
    const Deeper d(depth_);
    Node left = and_expr();
    if (!peek().is_keyword("OR")) return left;
    Node node = make(Node::Kind::kOr, left.span);
    node.children.push_back(std::move(left));
    while (peek().is_keyword("OR")) {
      take();
      require_operand();
      node.children.push_back(and_expr());
    }
    return node;
  }

  Node and_expr() {
    Node left = not_expr();
    if (!peek().is_keyword("AND")) return left;
    Node node = make(Node::Kind::kAnd, left.span);
    node.children.push_back(std::move(left));
    while (peek().is_keyword("AND")) {
      take();
      require_operand();
      node.children.push_back(not_expr());
    }
    return node;
  }

  Node not_expr() {
    if (!peek().is_keyword("NOT")) return predicate();
    const Deeper d(depth_);
    Node node = make(Node::Kind::kNot, span_of(take()));
    node.children.push_back(not_expr());
    return node;
  }

  Node predicate() {
    Node left = additive();
    const Token& t = peek();
    if (t.kind == TokenKind::kPunct &&
        std::find(kComparators.begin(), kComparators.end(), t.text) != kComparators.end()) {
      Node node = make(Node::Kind::kCompare, left.span);
      node.text = t.text == "!=" ? "<>" : t.text;
      take();
      require_operand();
      node.children.push_back(std::move(left));
      node.children.push_back(additive());
      return node;
    }
    const bool negated =
        t.is_keyword("NOT") &&
        (peek(1).is_keyword("BETWEEN") || peek(1).is_keyword("IN") || peek(1).is_keyword("LIKE"));
    if (negated) take();
    if (peek().is_keyword("BETWEEN")) return between(std::move(left), negated);
    if (peek().is_keyword("IN")) return in(std::move(left), negated);
    if (peek().is_keyword("LIKE"))
      throw Error(Errc::kValidation, fmt::format(msg::kNotSupported, "LIKE"));
    if (peek().is_keyword("IS")) return is(std::move(left));
    return left;
  }

  Node between(Node left, bool negated) {
    Node node = make(Node::Kind::kBetween, left.span);
    node.negated = negated;
    take();
    require_operand();
    node.children.push_back(std::move(left));
    node.children.push_back(additive());
    expect_keyword("AND");
    require_operand();
    node.children.push_back(additive());
    return node;
  }

  Node in(Node left, bool negated) {
    Node node = make(Node::Kind::kIn, left.span);
    node.negated = negated;
    take();
    require_operand();
    node.children.push_back(std::move(left));
    const bool bracket = peek().is("[");
    if (!bracket && !peek().is("(")) syntax(fmt::format(msg::kPartiqlExpected, "( or ["));
    take();
    list(node.children, bracket ? "]" : ")");
    return node;
  }

  Node is(Node left) {
    Node node = make(Node::Kind::kIs, left.span);
    take();
    if (peek().is_keyword("NOT")) {
      take();
      node.negated = true;
    }
    std::string type = upper(peek().kind == TokenKind::kName ? peek().text : "");
    const bool two_words = (type == "DOUBLE" && peek(1).is_keyword("PRECISION")) ||
                           (type == "CHARACTER" && peek(1).is_keyword("VARYING"));
    if (two_words) type += " " + upper(peek(1).text);
    if (std::find(kTypeNames.begin(), kTypeNames.end(), type) == kTypeNames.end())
      syntax(msg::kPartiqlExpectedTypeName);
    take();
    if (two_words) take();
    node.text = type;
    node.children.push_back(std::move(left));
    return node;
  }

  // A chain `a + b - c` nests one level per operator, so its length counts against the depth.
  Node additive() {
    Node left = unary();
    int chain = 0;
    while (peek().is("+") || peek().is("-")) {
      if (++chain + depth_ > kMaxDepth) syntax(msg::kPartiqlTooDeep);
      Node node = make(peek().is("+") ? Node::Kind::kPlus : Node::Kind::kMinus, left.span);
      take();
      require_operand();
      node.children.push_back(std::move(left));
      node.children.push_back(unary());
      left = std::move(node);
    }
    return left;
  }

  Node unary() {
    if (!peek().is("-")) return primary();
    const Deeper d(depth_);
    Node node = make(Node::Kind::kNegate, span_of(take()));
    node.children.push_back(unary());
    return node;
  }

  Node primary() {
    const Token& t = peek();
    switch (t.kind) {
      case TokenKind::kString:
        return literal(Node::Kind::kString);
      case TokenKind::kNumber:
        return literal(Node::Kind::kNumber);
      case TokenKind::kParameter: {
        Node node = make(Node::Kind::kParameter, span_of(take()));
        node.parameter = parameters_++;
        return node;
      }
      case TokenKind::kQuoted:
        return path();
      case TokenKind::kName:
        return name_term();
      case TokenKind::kPunct:
        return punct_term();
      case TokenKind::kEof:
        break;
    }
    unexpected_term(t);
  }

  Node literal(Node::Kind kind) {
    Node node = make(kind, span_of(peek()));
    node.text = take().text;
    return node;
  }

  Node name_term() {
    const Token& t = peek();
    if (t.is_keyword("TRUE")) return make(Node::Kind::kTrue, span_of(take()));
    if (t.is_keyword("FALSE")) return make(Node::Kind::kFalse, span_of(take()));
    if (t.is_keyword("NULL")) return make(Node::Kind::kNull, span_of(take()));
    const bool call = peek(1).is("(") && (!is_reserved(t) || t.is_keyword("EXISTS"));
    if (call) return function_call();
    if (is_reserved(t)) unexpected_term(t);
    return path();
  }

  Node function_call() {
    const Deeper d(depth_);
    Node node = make(Node::Kind::kCall, span_of(peek()));
    node.text = take().text;
    take();  // (
    list(node.children, ")");
    return node;
  }

  Node punct_term() {
    const Token& t = peek();
    if (t.is("(")) {
      const Deeper d(depth_);
      take();
      Node inner = expr();
      expect(")");
      return inner;
    }
    if (t.is("[") || t.is("<<")) {
      const Deeper d(depth_);
      Node node = make(t.is("[") ? Node::Kind::kList : Node::Kind::kBag, span_of(t));
      const std::string_view close = t.is("[") ? "]" : ">>";
      take();
      list(node.children, close);
      return node;
    }
    if (t.is("{")) return tuple();
    unexpected_term(t);
  }

  // Values separated by ',' up to `close` (which may come at once).
  void list(std::vector<Node>& into, std::string_view close) {
    if (peek().is(close)) {
      take();
      return;
    }
    for (;;) {
      into.push_back(expr());
      if (peek().is(close)) break;
      expect(",");
    }
    take();
  }

  Node tuple() {
    const Deeper d(depth_);
    Node node = make(Node::Kind::kTuple, span_of(take()));
    if (peek().is("}")) {
      take();
      return node;
    }
    for (;;) {
      if (peek().kind != TokenKind::kString) syntax(msg::kPartiqlTupleKey);
      node.keys.push_back(take().text);
      expect(":");
      node.children.push_back(additive());
      if (peek().is("}")) break;
      expect(",");
    }
    take();
    return node;
  }

  // name ( . name | [ index ] | [ 'name' ] )*
  Node path() {
    Node node = make(Node::Kind::kPath, span_of(peek()));
    node.path.elements.emplace_back(take().text);
    for (;;) {
      if (peek().is(".")) {
        take();
        if (!is_name(peek())) syntax(msg::kPartiqlInvalidPathDot);
        node.path.elements.emplace_back(take().text);
      } else if (peek().is("[")) {
        take();
        const Token& step = take();
        if (step.kind == TokenKind::kNumber &&
            step.text.find_first_not_of("0123456789") == std::string::npos) {
          node.path.elements.emplace_back(expr::parse_index(step.text));
        } else if (step.kind == TokenKind::kString) {
          node.path.elements.emplace_back(step.text);
        } else {
          syntax(msg::kPartiqlInvalidPathDot);
        }
        expect("]");
      } else {
        return node;
      }
    }
  }

  static Node make(Node::Kind kind, Span span) {
    Node n;
    n.kind = kind;
    n.span = span;
    return n;
  }

  std::string_view text_;
  std::vector<Token> tokens_;
  size_t pos_ = 0;
  size_t parameters_ = 0;
  int depth_ = 0;
};

}  // namespace

SyntaxStatement parse_syntax(std::string_view text) { return Parser(text).statement(); }

}  // namespace sls::table::partiql
