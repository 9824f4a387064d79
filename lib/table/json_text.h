// JSON text in and out at the wire's speed, with nlohmann::json's exact results.
// Out: straight into an output string, byte for byte what nlohmann::json's
// dump(-1, ' ', false, error_handler_t::replace) writes (the wire's rendering), without building
// or walking a tree where the caller has the data in another form: AttributeValues and items
// (render_value/render_item's output) and strings with a fast path for plain text.
// In: parse_json, nlohmann::json::parse(text, nullptr, false) with a fast path for the plain
// requests SDKs send.
// Thread safety: pure functions.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include "table/value.h"

namespace sls::table {

// A JSON string literal, quotes included. Valid UTF-8 is copied as it is (only '"', '\\' and
// control characters are escaped); text that is not valid UTF-8 is written as nlohmann writes
// it, with U+FFFD for the bad bytes.
void write_json_string(std::string& out, std::string_view text);

// Any JSON value, as dump() writes it (object members in their map's name order).
void write_json(std::string& out, const nlohmann::json& value);

// render_value(v).dump() and render_item(item).dump(), without the intermediate tree.
void write_value(std::string& out, const AttributeValue& v);
void write_item(std::string& out, const Item& item);

// The tree nlohmann::json::parse(text, nullptr, false) gives (discarded when `text` is not
// JSON). Objects, arrays, literals, integers and strings without escapes are read here, with
// strings copied in runs; anything else (escapes, fractions, exponents, errors, deep nesting)
// goes to nlohmann's parser, so every result and every refusal is nlohmann's.
nlohmann::json parse_json(std::string_view text);

}  // namespace sls::table
