// The DynamoDB-compatible engine: every operation of spec/dynamodb-api.md 3 (and the Streams API
// of 3.19) over one SQLite database. A call takes the request body already parsed as JSON and
// gives back the reply DynamoDB would send: either the success object or the error body with its
// `__type`. The HTTP framing (X-Amz-Target, x-amz-crc32, request ids, CORS, 413) is wire.h's job;
// the engine never sees HTTP and the wire never sees items.
// Thread safety: Engine is safe to call from many threads at once; writes are serialized inside
// it, reads may run concurrently.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace sls::table {

// Which API an X-Amz-Target addresses: "DynamoDB_20120810.<Op>" or
// "DynamoDBStreams_20120810.<Op>" (spec 1.1; one listener serves both).
enum class Api : uint8_t { kDynamoDb, kStreams };

struct EngineOptions {
  std::string db_path;  // the SQLite file (created with its folder if missing); "" = in memory
  std::string region = "us-east-1";         // for ARNs
  std::string account_id = "000000000000";  // for ARNs
  // Seconds since the Unix epoch (fractional): creation times, TTL expiry, stream records.
  // Empty = the system clock. Tests pass a fake clock.
  std::function<double()> clock;
  // Run the background TTL sweeper (spec 3.17). Tests turn it off and call sweep_ttl().
  bool ttl_sweeper = true;
};

// One answer, already in DynamoDB's JSON 1.0 shape (spec 1.3, 1.4).
struct Reply {
  int status = 200;        // 200, 400 or 500
  std::string error_type;  // "" on success; else the full __type ("com.amazon.coral.validate#...")
  // Success: the response object; `null` means an empty body (TagResource, UntagResource).
  // Error: the whole error body, `__type` and `message` (or `Message`) included.
  nlohmann::json body;
  bool ok() const { return error_type.empty(); }
};

// The same answer rendered as the wire sends it, for servers: `body` is the JSON text (what
// Reply's body.dump() would be), "" for an empty body. Replies render items straight from their
// stored bytes, with no JSON tree in between.
struct RenderedReply {
  int status = 200;
  std::string error_type;  // as in Reply
  std::string body;
  bool ok() const { return error_type.empty(); }
};

class Engine {
 public:
  // Opens (or creates) the database and recovers its tables. Throws Error{kIo} with the path
  // and SQLite's message when the file cannot be opened or is not an sls database.
  explicit Engine(EngineOptions options);
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  // One API call. `operation` is the X-Amz-Target text after the dot ("PutItem"); `request` the
  // parsed body (any JSON value: the engine answers non-objects with SerializationException).
  // Never throws: every failure, including our own bugs, becomes an error Reply.
  Reply call(Api api, std::string_view operation, const nlohmann::json& request);
  // The same call, answered as text (what a server sends); call() is this, parsed back.
  RenderedReply call_rendered(Api api, std::string_view operation, const nlohmann::json& request);

  // For tables declared in a template: CreateTable unless a table of that name exists already
  // (then nothing changes, so data survives restarts). Throws Error{kValidation} with
  // DynamoDB's message when the request is invalid.
  void ensure_table(const nlohmann::json& create_table_request);

  // Deletes the items whose TTL attribute is in the past, as the service's sweeper does (with
  // REMOVE stream records by the service principal). Returns how many were deleted.
  size_t sweep_ttl();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace sls::table
