// The compact binary form of a stored item: reading an item back costs one pass over bytes, no
// JSON parsing and no number validation beyond rebuilding canonical numbers.
// Layout (all counts and lengths are LEB128 varints):
//   item   = count, then count × (name length, name bytes, value)
//   value  = type byte (ValueType), then
//            S, B, N   : length, bytes (N as its canonical text)
//            BOOL      : one byte 0/1;  NULL: nothing
//            M         : like item;     L: count, values
//            SS, BS, NS: count, then count × (length, bytes)
// Thread safety: pure functions.
#pragma once

#include <string>
#include <string_view>

#include "table/value.h"

namespace sls::table::engine {

std::string encode_item(const Item& item);
// Requires: `bytes` came from encode_item (Error{kInternal} otherwise).
Item decode_item(std::string_view bytes);

// Appends the item's wire JSON straight from its bytes: what
// write_item(out, decode_item(bytes)) appends, without building the Item. Requires: as
// decode_item (on Error{kInternal} `out` holds a partial item).
void write_item_json(std::string& out, std::string_view bytes);

}  // namespace sls::table::engine
