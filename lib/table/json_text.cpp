// The JSON writer (see json_text.h). Every output is checked against nlohmann's dump in
// tests/unit/table_value_test.cpp.
#include "table/json_text.h"

#include <array>
#include <charconv>
#include <cstdint>
#include <cstring>

#include <nlohmann/json.hpp>

#include "table/base64.h"

namespace sls::table {
namespace {

constexpr unsigned char kFirstPrintable = 0x20;  // below: control characters, always escaped
constexpr unsigned char kFirstNonAscii = 0x80;
constexpr std::string_view kHexDigits = "0123456789abcdef";  // nlohmann writes \u001f

// The length of the well-formed UTF-8 sequence at `s[i]` (RFC 3629: no overlong forms, no
// surrogates, nothing above U+10FFFF), or 0 when it is not one. Requires: s[i] >= 0x80.
size_t utf8_sequence(std::string_view s, size_t i) {
  const auto at = [&](size_t k) { return static_cast<unsigned char>(s[i + k]); };
  const auto cont = [&](size_t k, unsigned char lo = 0x80, unsigned char hi = 0xbf) {
    return i + k < s.size() && at(k) >= lo && at(k) <= hi;
  };
  const unsigned char b = at(0);
  if (b >= 0xc2 && b <= 0xdf) return cont(1) ? 2 : 0;
  if (b == 0xe0) return cont(1, 0xa0) && cont(2) ? 3 : 0;
  if (b == 0xed) return cont(1, 0x80, 0x9f) && cont(2) ? 3 : 0;
  if (b >= 0xe1 && b <= 0xef) return cont(1) && cont(2) ? 3 : 0;
  if (b == 0xf0) return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0;
  if (b >= 0xf1 && b <= 0xf3) return cont(1) && cont(2) && cont(3) ? 4 : 0;
  if (b == 0xf4) return cont(1, 0x80, 0x8f) && cont(2) && cont(3) ? 4 : 0;
  return 0;
}

// Eight bytes at a time: whether any of them is a control character, '"', '\\' or not ASCII,
// i.e. needs a closer look (the classic SWAR tests, exact for these constants).
constexpr uint64_t kOnes = 0x0101010101010101;
constexpr uint64_t kHighBits = 0x8080808080808080;
bool needs_look(uint64_t w) {
  const auto has_zero = [](uint64_t v) { return (v - kOnes) & ~v & kHighBits; };
  const uint64_t below_space = (w - kOnes * kFirstPrintable) & ~w & kHighBits;
  return ((w & kHighBits) | below_space | has_zero(w ^ (kOnes * '"')) |
          has_zero(w ^ (kOnes * '\\'))) != 0;
}

// Appends `text` escaped, or returns false (having appended nothing) when it is not valid UTF-8.
bool write_escaped(std::string& out, std::string_view text) {
  const size_t start = out.size();
  size_t run = 0;  // start of the bytes not yet copied
  for (size_t i = 0; i < text.size();) {
    // Plain text (most of a typical item) is skipped a word at a time.
    while (i + sizeof(uint64_t) <= text.size()) {
      uint64_t w = 0;
      std::memcpy(&w, text.data() + i, sizeof w);
      if (needs_look(w)) break;
      i += sizeof w;
    }
    if (i >= text.size()) break;
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= kFirstNonAscii) {
      const size_t n = utf8_sequence(text, i);
      if (n == 0) {
        out.resize(start);
        return false;
      }
      i += n;
      continue;
    }
    if (c >= kFirstPrintable && c != '"' && c != '\\') {
      ++i;
      continue;
    }
    out.append(text.data() + run, i - run);
    out.push_back('\\');
    switch (c) {
      case '"':
      case '\\':
        out.push_back(static_cast<char>(c));
        break;
      case '\b':
        out.push_back('b');
        break;
      case '\f':
        out.push_back('f');
        break;
      case '\n':
        out.push_back('n');
        break;
      case '\r':
        out.push_back('r');
        break;
      case '\t':
        out.push_back('t');
        break;
      default:
        out.append("u00");
        out.push_back(kHexDigits[c >> 4]);
        out.push_back(kHexDigits[c & 0xf]);
    }
    run = ++i;
  }
  out.append(text.data() + run, text.size() - run);
  return true;
}

template <typename Int>
void write_integer(std::string& out, Int v) {
  std::array<char, 24> buf{};
  const auto [end, ec] = std::to_chars(buf.data(), buf.data() + buf.size(), v);
  out.append(buf.data(), ec == std::errc() ? end : buf.data());
}

// The fast path of parse_json: a recursive descent over the subset it reads, which returns
// false ("let nlohmann decide") at the first thing outside it.
class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}

  bool document(nlohmann::json& out) {
    if (!value(out, 0)) return false;
    blanks();
    return pos_ == in_.size();
  }

 private:
  static constexpr int kMaxDepth = 64;      // deeper documents are nlohmann's
  static constexpr size_t kMaxDigits = 18;  // any 18-digit integer fits an int64_t
  static constexpr int kBase = 10;

  void blanks() {
    while (pos_ < in_.size() &&
           (in_[pos_] == ' ' || in_[pos_] == '\t' || in_[pos_] == '\n' || in_[pos_] == '\r'))
      ++pos_;
  }
  bool take(char c) {
    blanks();
    if (pos_ >= in_.size() || in_[pos_] != c) return false;
    ++pos_;
    return true;
  }
  bool literal(std::string_view word) {
    if (in_.substr(pos_, word.size()) != word) return false;
    pos_ += word.size();
    return true;
  }

  bool value(nlohmann::json& out, int depth) {
    blanks();
    if (pos_ >= in_.size() || depth > kMaxDepth) return false;
    switch (in_[pos_]) {
      case '{':
        ++pos_;
        return object(out, depth);
      case '[':
        ++pos_;
        return array(out, depth);
      case '"': {
        ++pos_;
        std::string s;
        if (!string(s)) return false;
        out = std::move(s);
        return true;
      }
      case 't':
        out = true;
        return literal("true");
      case 'f':
        out = false;
        return literal("false");
      case 'n':
        out = nullptr;
        return literal("null");
      default:
        return integer(out);
    }
  }

  bool object(nlohmann::json& out, int depth) {
    out = nlohmann::json::object();
    if (take('}')) return true;
    do {
      std::string name;
      if (!take('"') || !string(name) || !take(':')) return false;
      // A repeated name keeps its last value, as nlohmann's parser does.
      nlohmann::json& member = out[name];
      member = nullptr;
      if (!value(member, depth + 1)) return false;
    } while (take(','));
    return take('}');
  }

  bool array(nlohmann::json& out, int depth) {
    out = nlohmann::json::array();
    if (take(']')) return true;
    do {
      out.push_back(nullptr);
      if (!value(out.back(), depth + 1)) return false;
    } while (take(','));
    return take(']');
  }

  // -?(0|[1-9][0-9]*) of at most 18 digits, with no fraction or exponent: nlohmann stores it
  // as number_integer when negative and number_unsigned otherwise.
  bool integer(nlohmann::json& out) {
    const bool negative = in_[pos_] == '-';
    size_t i = pos_ + (negative ? 1 : 0);
    const size_t first = i;
    while (i < in_.size() && in_[i] >= '0' && in_[i] <= '9') ++i;
    const size_t digits = i - first;
    if (digits == 0 || digits > kMaxDigits || (in_[first] == '0' && digits > 1)) return false;
    int64_t v = 0;
    for (size_t k = first; k < i; ++k) v = v * kBase + (in_[k] - '0');
    if (i < in_.size() && (in_[i] == '.' || in_[i] == 'e' || in_[i] == 'E')) return false;
    pos_ = i;
    if (negative)
      out = -v;
    else
      out = static_cast<uint64_t>(v);
    return true;
  }

  // After the opening quote: plain characters and well-formed UTF-8 up to the closing quote.
  bool string(std::string& out) {
    const size_t start = pos_;
    while (pos_ < in_.size()) {
      while (pos_ + sizeof(uint64_t) <= in_.size()) {
        uint64_t w = 0;
        std::memcpy(&w, in_.data() + pos_, sizeof w);
        if (needs_look(w)) break;
        pos_ += sizeof w;
      }
      if (pos_ >= in_.size()) break;
      const auto c = static_cast<unsigned char>(in_[pos_]);
      if (c == '"') {
        out.assign(in_.data() + start, pos_ - start);
        ++pos_;
        return true;
      }
      if (c == '\\' || c < kFirstPrintable) return false;  // escapes; control characters
      if (c >= kFirstNonAscii) {
        const size_t n = utf8_sequence(in_, pos_);
        if (n == 0) return false;
        pos_ += n;
      } else {
        ++pos_;
      }
    }
    return false;
  }

  std::string_view in_;
  size_t pos_ = 0;
};

// {"<tag>":
void open_value(std::string& out, ValueType type) {
  out += "{\"";
  out += type_tag(type);
  out += "\":";
}

}  // namespace

void write_json_string(std::string& out, std::string_view text) {
  out.push_back('"');
  if (!write_escaped(out, text)) {
    // Not UTF-8: nlohmann's own replacement rules, exactly (a rare path).
    const std::string s =
        nlohmann::json(text).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    out.append(s, 1, s.size() - 2);
  }
  out.push_back('"');
}

void write_json(std::string& out, const nlohmann::json& value) {
  using Type = nlohmann::json::value_t;
  switch (value.type()) {
    case Type::object: {
      out.push_back('{');
      bool first = true;
      for (const auto& [name, member] : value.items()) {
        if (!first) out.push_back(',');
        first = false;
        write_json_string(out, name);
        out.push_back(':');
        write_json(out, member);
      }
      out.push_back('}');
      return;
    }
    case Type::array: {
      out.push_back('[');
      bool first = true;
      for (const nlohmann::json& element : value) {
        if (!first) out.push_back(',');
        first = false;
        write_json(out, element);
      }
      out.push_back(']');
      return;
    }
    case Type::string:
      return write_json_string(out, value.get_ref<const std::string&>());
    case Type::boolean:
      out += value.get<bool>() ? "true" : "false";
      return;
    case Type::null:
      out += "null";
      return;
    case Type::number_integer:
      return write_integer(out, value.get<int64_t>());
    case Type::number_unsigned:
      return write_integer(out, value.get<uint64_t>());
    case Type::number_float:  // nlohmann's shortest round-trip form ("1.0", "0.5", "1e+300")
    case Type::binary:
    case Type::discarded:
      out += value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
      return;
  }
}

void write_value(std::string& out, const AttributeValue& v) {
  open_value(out, v.type());
  switch (v.type()) {
    case ValueType::kS:
      write_json_string(out, v.as_string());
      break;
    case ValueType::kN:
      write_json_string(out, v.as_number().to_string());
      break;
    case ValueType::kB:
      write_json_string(out, base64_encode(v.as_binary()));
      break;
    case ValueType::kBool:
      out += v.as_bool() ? "true" : "false";
      break;
    case ValueType::kNull:
      out += "true";
      break;
    case ValueType::kM:
      write_item(out, v.as_map());
      break;
    case ValueType::kL: {
      out.push_back('[');
      bool first = true;
      for (const AttributeValue& e : v.as_list()) {
        if (!first) out.push_back(',');
        first = false;
        write_value(out, e);
      }
      out.push_back(']');
      break;
    }
    case ValueType::kSS:
    case ValueType::kBS:
    case ValueType::kNS: {
      out.push_back('[');
      bool first = true;
      const auto element = [&](std::string_view text) {
        if (!first) out.push_back(',');
        first = false;
        write_json_string(out, text);
      };
      if (v.is(ValueType::kSS))
        for (const std::string& s : v.as_string_set()) element(s);
      else if (v.is(ValueType::kBS))
        for (const std::string& s : v.as_binary_set()) element(base64_encode(s));
      else
        for (const Number& n : v.as_number_set()) element(n.to_string());
      out.push_back(']');
      break;
    }
  }
  out.push_back('}');
}

void write_item(std::string& out, const Item& item) {
  out.push_back('{');
  bool first = true;
  for (const auto& [name, value] : item) {
    if (!first) out.push_back(',');
    first = false;
    write_json_string(out, name);
    out.push_back(':');
    write_value(out, value);
  }
  out.push_back('}');
}

nlohmann::json parse_json(std::string_view text) {
  nlohmann::json out;
  if (Reader(text).document(out)) return out;
  return nlohmann::json::parse(text, nullptr, false);
}

}  // namespace sls::table
