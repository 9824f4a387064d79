// Bounded regular-expression matching for parameter AllowedPattern checks. libstdc++'s default
// (backtracking) executor recurses once per input character and can take exponential time, so
// patterns run on its polynomial (Thompson NFA) executor, and patterns whose compiled size or
// nesting could exhaust time or stack are not run at all.
#include "core/limits.h"
#include "template/internal.h"

namespace sls::tmpl::detail {

namespace {

// Longest pattern we compile: real AllowedPatterns are well under 200 characters.
constexpr size_t kMaxPatternChars = 512;
// Group nesting we accept; the regex compiler recurses once per level.
constexpr int kMaxGroupDepth = 32;
// Upper bound on NFA states after {n,m} repeats are expanded; the matcher's work is states x
// input length, and its epsilon-closure walk recurses up to this deep.
constexpr size_t kMaxExpandedAtoms = 2000;

// Index just past the bracket expression opening at p[i] == '[', or npos if unterminated.
size_t skip_class(std::string_view p, size_t i) {
  size_t j = i + 1;
  if (j < p.size() && p[j] == '^') ++j;
  if (j < p.size() && p[j] == ']') ++j;  // a leading ']' is a literal
  for (; j < p.size(); ++j) {
    if (p[j] == '\\') {
      ++j;
    } else if (p[j] == ']') {
      return j + 1;
    }
  }
  return std::string_view::npos;
}

// Parses "{n}", "{n,}" or "{n,m}" at p[i]; returns the largest count and sets `end`, or
// nullopt when it is not a repeat (ECMAScript then reads '{' literally or rejects it).
std::optional<size_t> parse_repeat(std::string_view p, size_t i, size_t& end) {
  size_t j = i + 1;
  size_t n = 0, m = 0;
  bool digits = false, comma = false, m_digits = false;
  for (; j < p.size() && p[j] != '}'; ++j) {
    const char c = p[j];
    if (c >= '0' && c <= '9') {
      size_t& v = comma ? m : n;
      v = std::min<size_t>(v * 10 + static_cast<size_t>(c - '0'), kMaxExpandedAtoms + 1);
      (comma ? m_digits : digits) = true;
    } else if (c == ',' && !comma) {
      comma = true;
    } else {
      return std::nullopt;
    }
  }
  if (j >= p.size() || !digits) return std::nullopt;
  end = j + 1;
  if (!comma) return n;
  return m_digits ? std::max(n, m) : n + 1;
}

// True when the pattern is small enough to compile and run within our bounds.
bool bounded(std::string_view p) {
  if (p.size() > kMaxPatternChars) return false;
  std::vector<size_t> sizes{0};  // expanded atoms of each open group
  size_t last = 0;               // expanded atoms of the most recent atom or group
  for (size_t i = 0; i < p.size();) {
    const char c = p[i];
    if (c == '(') {
      if (static_cast<int>(sizes.size()) > kMaxGroupDepth) return false;
      sizes.push_back(0);
      ++i;
      continue;
    }
    size_t end = i + 1;
    if (c == ')') {
      if (sizes.size() < 2) return false;
      last = sizes.back() + 1;
      sizes.pop_back();
    } else if (c == '{') {
      const std::optional<size_t> rep = parse_repeat(p, i, end);
      if (!rep) return false;
      sizes.back() += last * (*rep > 0 ? *rep - 1 : 0);
      last = 0;
    } else if (c == '[') {
      end = skip_class(p, i);
      if (end == std::string_view::npos) return false;
      last = 1;
    } else {
      if (c == '\\') end = i + 2;
      last = 1;
    }
    if (c != '{') sizes.back() += last;
    if (sizes.back() > kMaxExpandedAtoms) return false;
    i = end;
  }
  return true;
}

// Java syntax that ECMAScript reads differently (class intersection, possessive and atomic
// forms, inline flags); a check would then be a guess.
bool java_only(std::string_view p) {
  return p.find("&&") != std::string_view::npos || p.find("++") != std::string_view::npos ||
         p.find("*+") != std::string_view::npos || p.find("?+") != std::string_view::npos ||
         p.find("(?") != std::string_view::npos || p.find("\\p") != std::string_view::npos ||
         p.find("\\P") != std::string_view::npos || p.find("\\A") != std::string_view::npos ||
         p.find("\\z") != std::string_view::npos || p.find("\\Z") != std::string_view::npos;
}

}  // namespace

std::optional<Pattern> Pattern::compile(std::string_view pattern) {
  if (java_only(pattern) || !bounded(pattern)) return std::nullopt;
  try {
    return Pattern(std::regex(pattern.begin(), pattern.end(),
                              std::regex::ECMAScript | std::regex_constants::__polynomial));
  } catch (const std::regex_error&) {
    return std::nullopt;  // not a pattern we can read: no verdict rather than a wrong one
  }
}

std::optional<bool> Pattern::matches(std::string_view value, MatchMode mode) const {
  if (value.size() > static_cast<size_t>(limits::kCfnParameterValueBytes.value))
    return std::nullopt;
  if (mode == MatchMode::kFull) return std::regex_match(value.begin(), value.end(), re_);
  return std::regex_search(value.begin(), value.end(), re_, std::regex_constants::match_continuous);
}

std::string py_list(std::span<const std::string_view> items) {
  std::string out = "[";
  for (size_t i = 0; i < items.size(); ++i) {
    if (i) out += ", ";
    out += '\'';
    out += items[i];
    out += '\'';
  }
  return out + "]";
}

std::string py_str(const Node& n) {
  if (n.plain_is_bool()) return *n.as_bool() ? "True" : "False";
  return n.scalar;
}

}  // namespace sls::tmpl::detail
