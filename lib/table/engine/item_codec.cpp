// Binary item encoding (see item_codec.h for the layout).
#include "table/engine/item_codec.h"

#include <cstdint>

#include "core/error.h"
#include "table/base64.h"
#include "table/json_text.h"

namespace sls::table::engine {
namespace {

constexpr uint8_t kVarintMore = 0x80;
constexpr uint8_t kVarintBits = 0x7f;
constexpr int kVarintShift = 7;

void put_varint(std::string& out, uint64_t v) {
  while (v >= kVarintMore) {
    out.push_back(static_cast<char>((v & kVarintBits) | kVarintMore));
    v >>= kVarintShift;
  }
  out.push_back(static_cast<char>(v));
}

void put_bytes(std::string& out, std::string_view bytes) {
  put_varint(out, bytes.size());
  out.append(bytes);
}

void put_value(std::string& out, const AttributeValue& v);

void put_map(std::string& out, const AttributeMap& m) {
  put_varint(out, m.size());
  for (const auto& [name, value] : m) {
    put_bytes(out, name);
    put_value(out, value);
  }
}

void put_value(std::string& out, const AttributeValue& v) {
  out.push_back(static_cast<char>(v.type()));
  switch (v.type()) {
    case ValueType::kS:
      return put_bytes(out, v.as_string());
    case ValueType::kB:
      return put_bytes(out, v.as_binary());
    case ValueType::kN:
      return put_bytes(out, v.as_number().to_string());
    case ValueType::kBool:
      out.push_back(v.as_bool() ? 1 : 0);
      return;
    case ValueType::kNull:
      return;
    case ValueType::kM:
      return put_map(out, v.as_map());
    case ValueType::kL:
      put_varint(out, v.as_list().size());
      for (const AttributeValue& e : v.as_list()) put_value(out, e);
      return;
    case ValueType::kSS:
      put_varint(out, v.as_string_set().size());
      for (const std::string& s : v.as_string_set()) put_bytes(out, s);
      return;
    case ValueType::kBS:
      put_varint(out, v.as_binary_set().size());
      for (const std::string& s : v.as_binary_set()) put_bytes(out, s);
      return;
    case ValueType::kNS:
      put_varint(out, v.as_number_set().size());
      for (const Number& n : v.as_number_set()) put_bytes(out, n.to_string());
      return;
  }
}

class Reader {
 public:
  explicit Reader(std::string_view bytes) : in_(bytes) {}

  uint64_t varint() {
    uint64_t v = 0;
    for (int shift = 0;; shift += kVarintShift) {
      const uint8_t b = byte();
      v |= static_cast<uint64_t>(b & kVarintBits) << shift;
      if ((b & kVarintMore) == 0) return v;
    }
  }
  uint8_t byte() {
    if (pos_ >= in_.size()) corrupt();
    return static_cast<uint8_t>(in_[pos_++]);
  }
  std::string_view bytes() {
    const uint64_t n = varint();
    if (n > in_.size() - pos_) corrupt();
    const std::string_view out = in_.substr(pos_, n);
    pos_ += n;
    return out;
  }
  AttributeMap map() {
    AttributeMap m;
    for (uint64_t n = varint(); n > 0; --n) {
      std::string name(bytes());
      m.emplace_hint(m.end(), std::move(name), value());
    }
    return m;
  }
  AttributeValue value() {
    switch (static_cast<ValueType>(byte())) {
      case ValueType::kS:
        return AttributeValue::string(std::string(bytes()));
      case ValueType::kB:
        return AttributeValue::binary(std::string(bytes()));
      case ValueType::kN:
        return AttributeValue::number(Number::parse(bytes()));
      case ValueType::kBool:
        return AttributeValue::boolean(byte() != 0);
      case ValueType::kNull:
        return AttributeValue::null();
      case ValueType::kM:
        return AttributeValue::map(map());
      case ValueType::kL: {
        AttributeList l;
        for (uint64_t n = varint(); n > 0; --n) l.push_back(value());
        return AttributeValue::list(std::move(l));
      }
      case ValueType::kSS:
      case ValueType::kBS: {
        const bool binary = static_cast<ValueType>(in_[pos_ - 1]) == ValueType::kBS;
        std::set<std::string> s;
        for (uint64_t n = varint(); n > 0; --n) s.emplace_hint(s.end(), bytes());
        return binary ? AttributeValue::binary_set(std::move(s))
                      : AttributeValue::string_set(std::move(s));
      }
      case ValueType::kNS: {
        NumberSet s;
        for (uint64_t n = varint(); n > 0; --n) s.emplace_hint(s.end(), Number::parse(bytes()));
        return AttributeValue::number_set(std::move(s));
      }
    }
    corrupt();
  }

  // The JSON of a map (an item or an M), as write_item renders it.
  void write_map(std::string& out) {
    out.push_back('{');
    for (uint64_t n = varint(); n > 0; --n) {
      write_json_string(out, bytes());
      out.push_back(':');
      write_value(out);
      if (n > 1) out.push_back(',');
    }
    out.push_back('}');
  }

  // The JSON of one value, as write_value renders it. Numbers are stored as their canonical
  // text, which is what rendering them gives back.
  void write_value(std::string& out) {
    const auto type = static_cast<ValueType>(byte());
    out += "{\"";
    out += type_tag(type);
    out += "\":";
    switch (type) {
      case ValueType::kS:
      case ValueType::kN:
        write_json_string(out, bytes());
        break;
      case ValueType::kB:
        write_json_string(out, base64_encode(bytes()));
        break;
      case ValueType::kBool:
        out += byte() != 0 ? "true" : "false";
        break;
      case ValueType::kNull:
        out += "true";
        break;
      case ValueType::kM:
        write_map(out);
        break;
      case ValueType::kL:
        out.push_back('[');
        for (uint64_t n = varint(); n > 0; --n) {
          write_value(out);
          if (n > 1) out.push_back(',');
        }
        out.push_back(']');
        break;
      case ValueType::kSS:
      case ValueType::kNS:
      case ValueType::kBS:
        out.push_back('[');
        for (uint64_t n = varint(); n > 0; --n) {
          if (type == ValueType::kBS)
            write_json_string(out, base64_encode(bytes()));
          else
            write_json_string(out, bytes());
          if (n > 1) out.push_back(',');
        }
        out.push_back(']');
        break;
      default:  // a byte that names no type
        corrupt();
    }
    out.push_back('}');
  }

 private:
  [[noreturn]] static void corrupt() { throw Error(Errc::kInternal, "a stored item is corrupt"); }
  std::string_view in_;
  size_t pos_ = 0;
};

}  // namespace

std::string encode_item(const Item& item) {
  std::string out;
  put_map(out, item);
  return out;
}

Item decode_item(std::string_view bytes) { return Reader(bytes).map(); }

void write_item_json(std::string& out, std::string_view bytes) { Reader(bytes).write_map(out); }

}  // namespace sls::table::engine
