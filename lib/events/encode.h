// Internal to lib/events: the encodings services apply to values inside their events.
#pragma once

#include <string>
#include <string_view>

namespace sls::events::detail {

// S3's encoding of object keys in event notifications: form encoding (a space becomes "+",
// other bytes outside A-Z a-z 0-9 - _ . * become %XX) that keeps "/" as it is.
std::string s3_key_encode(std::string_view key);

// RFC 3986 percent-encoding of a query string name or value: unreserved bytes stay, the rest
// (a space too) become %XX with upper-case hex.
std::string query_encode(std::string_view text);

// Standard base64 with padding.
std::string base64_encode(std::string_view bytes);

// The MD5 digest as 32 lower-case hex digits (SQS's md5OfBody is this over the UTF-8 body).
std::string md5_hex(std::string_view bytes);

// A gzip member (RFC 1952) holding `bytes`, with modification time 0 so output is stable.
std::string gzip(std::string_view bytes);

}  // namespace sls::events::detail
