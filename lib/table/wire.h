// DynamoDB's JSON 1.0 wire (spec/dynamodb-api.md 1.1-1.4): from an HTTP request to the engine's
// call and back, with the protocol's own answers (health line, content types, unknown targets,
// unreadable bodies, optional SigV4 presence checks), request ids, CRC-32, Date and CORS.
// Thread safety: serve() is reentrant; it may run on many io threads at once (Engine allows it).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "http/http.h"
#include "table/engine.h"

namespace sls::table {

struct WireOptions {
  std::string region = "us-east-1";  // named by the health line
  // Answer requests without SigV4 credentials with MissingAuthenticationTokenException (and
  // the other presence checks of spec 1.2). Signatures are never verified either way.
  bool strict_auth = false;
};

// The largest request body; the server answers 413 above it (spec 1.1).
size_t max_request_bytes();

// One HTTP exchange. Never throws: a failure of ours is a 500 InternalServerError body.
http::Response serve(Engine& engine, const http::Request& request, const WireOptions& options = {});

// The access key id and region of a SigV4 Authorization header's credential scope
// ("AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/dynamodb/aws4_request, ..."), for logs.
struct CredentialScope {
  std::string access_key_id;
  std::string region;
};
std::optional<CredentialScope> parse_credential_scope(std::string_view authorization);

}  // namespace sls::table
