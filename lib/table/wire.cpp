// DynamoDB's JSON 1.0 wire: the checks AWS makes before an operation runs, in dynalite's order
// (spec 1.1, 1.2, 1.4), the dispatch to the engine, and the fields every answer carries (1.3).
#include "table/wire.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <exception>
#include <limits>
#include <random>
#include <string>

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <zlib.h>

#include "core/limits.h"
#include "core/log.h"
#include "table/json_text.h"
#include "table/messages.h"

namespace sls::table {

namespace {

constexpr std::string_view kJsonContentType = "application/x-amz-json-1.0";
constexpr std::string_view kPlainContentType = "text/plain";
constexpr std::string_view kDynamoDbPrefix = "DynamoDB_20120810";
constexpr std::string_view kStreamsPrefix = "DynamoDBStreams_20120810";
// The headers DynamoDB lets a browser read (spec 1.1, CORS, as Alternator lists them).
constexpr std::string_view kExposeHeaders =
    "x-amzn-RequestId,x-amzn-ErrorType,x-amzn-ErrorMessage,Date";
// How long a browser may cache a preflight answer (dynalite's value, spec 1.1).
constexpr std::string_view kPreflightMaxAgeS = "172800";
constexpr size_t kRequestIdChars = 52;  // AWS's ids: 52 characters of [0-9A-Z] (spec 1.3)

// The operations of the two service models (botocore dynamodb and dynamodbstreams 2012-08-10),
// sorted. A target outside them is UnknownOperationException at the wire, before the body is
// looked at (AWS's order); the engine answers those it does not implement itself.
constexpr std::array<std::string_view, 57> kDynamoDbOperations = {
    "BatchExecuteStatement",
    "BatchGetItem",
    "BatchWriteItem",
    "CreateBackup",
    "CreateGlobalTable",
    "CreateTable",
    "DeleteBackup",
    "DeleteItem",
    "DeleteResourcePolicy",
    "DeleteTable",
    "DescribeBackup",
    "DescribeContinuousBackups",
    "DescribeContributorInsights",
    "DescribeEndpoints",
    "DescribeExport",
    "DescribeGlobalTable",
    "DescribeGlobalTableSettings",
    "DescribeImport",
    "DescribeKinesisStreamingDestination",
    "DescribeLimits",
    "DescribeTable",
    "DescribeTableReplicaAutoScaling",
    "DescribeTimeToLive",
    "DisableKinesisStreamingDestination",
    "EnableKinesisStreamingDestination",
    "ExecuteStatement",
    "ExecuteTransaction",
    "ExportTableToPointInTime",
    "GetItem",
    "GetResourcePolicy",
    "ImportTable",
    "ListBackups",
    "ListContributorInsights",
    "ListExports",
    "ListGlobalTables",
    "ListImports",
    "ListTables",
    "ListTagsOfResource",
    "PutItem",
    "PutResourcePolicy",
    "Query",
    "RestoreTableFromBackup",
    "RestoreTableToPointInTime",
    "Scan",
    "TagResource",
    "TransactGetItems",
    "TransactWriteItems",
    "UntagResource",
    "UpdateContinuousBackups",
    "UpdateContributorInsights",
    "UpdateGlobalTable",
    "UpdateGlobalTableSettings",
    "UpdateItem",
    "UpdateKinesisStreamingDestination",
    "UpdateTable",
    "UpdateTableReplicaAutoScaling",
    "UpdateTimeToLive"};
constexpr std::array<std::string_view, 4> kStreamsOperations = {"DescribeStream", "GetRecords",
                                                                "GetShardIterator", "ListStreams"};
static_assert(std::is_sorted(kDynamoDbOperations.begin(), kDynamoDbOperations.end()) &&
              !kDynamoDbOperations.front().empty());
static_assert(std::is_sorted(kStreamsOperations.begin(), kStreamsOperations.end()));

struct Target {
  Api api;
  std::string_view operation;
};

std::optional<Target> parse_target(std::string_view target) {
  const size_t dot = target.find('.');
  if (dot == std::string_view::npos) return std::nullopt;
  const std::string_view prefix = target.substr(0, dot);
  const std::string_view op = target.substr(dot + 1);
  if (prefix == kDynamoDbPrefix &&
      std::binary_search(kDynamoDbOperations.begin(), kDynamoDbOperations.end(), op)) {
    return Target{Api::kDynamoDb, op};
  }
  if (prefix == kStreamsPrefix &&
      std::binary_search(kStreamsOperations.begin(), kStreamsOperations.end(), op)) {
    return Target{Api::kStreams, op};
  }
  return std::nullopt;
}

// The media type of a Content-Type value: before any ';', without surrounding blanks.
std::string_view media_type(std::string_view content_type) {
  content_type = content_type.substr(0, content_type.find(';'));
  const size_t first = content_type.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  const size_t last = content_type.find_last_not_of(" \t");
  return content_type.substr(first, last - first + 1);
}

std::string request_id() {
  static constexpr std::string_view kAlphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  // Ids need to be unique-looking, not secret: a per-thread generator seeded once.
  thread_local std::mt19937_64 rng{std::random_device{}()};
  std::string id(kRequestIdChars, '0');
  uint64_t bits = 0;
  for (size_t i = 0; i < id.size(); ++i) {
    if (i % 12 == 0) bits = rng();  // 36^12 < 2^64: twelve digits per draw
    id[i] = kAlphabet[bits % kAlphabet.size()];
    bits /= kAlphabet.size();
  }
  return id;
}

uint32_t crc32(std::string_view bytes) {
  // zlib's CRC-32 is the one the spec names, and several times faster than a byte-wise table
  // on the 10 KB bodies of a Query page.
  uLong crc = ::crc32(0L, Z_NULL, 0);
  const auto* data = reinterpret_cast<const Bytef*>(bytes.data());
  for (size_t left = bytes.size(); left > 0;) {  // zlib takes a uInt length
    const uInt n = static_cast<uInt>(std::min<size_t>(left, std::numeric_limits<uInt>::max()));
    crc = ::crc32(crc, data, n);
    data += n;
    left -= n;
  }
  return static_cast<uint32_t>(crc);
}

std::string error_body(std::string_view type) { return fmt::format(R"({{"__type":"{}"}})", type); }

std::string error_body(std::string_view type, std::string_view message) {
  return nlohmann::json{{"__type", type}, {"message", message}}.dump();
}

struct Answer {
  int status = 200;
  std::string body;
  std::string_view content_type = kJsonContentType;
};

Answer client_error(std::string body) { return Answer{.status = 400, .body = std::move(body)}; }

// The query parameter names of a request target ("/?X-Amz-Algorithm=...&..."), with whether
// each value is non-empty.
bool query_has(std::string_view target, std::string_view name, bool require_value) {
  const size_t q = target.find('?');
  if (q == std::string_view::npos) return false;
  std::string_view rest = target.substr(q + 1);
  while (!rest.empty()) {
    const size_t amp = rest.find('&');
    const std::string_view pair = rest.substr(0, amp);
    const size_t eq = pair.find('=');
    if (pair.substr(0, eq) == name) {
      return !require_value || (eq != std::string_view::npos && eq + 1 < pair.size());
    }
    if (amp == std::string_view::npos) break;
    rest.remove_prefix(amp + 1);
  }
  return false;
}

// The `key=value` parameters of an Authorization header after its algorithm word, split on
// commas and blanks as AWS's front end does (dynalite's reading).
std::optional<std::string_view> auth_param(std::string_view header, std::string_view key) {
  size_t i = header.find_first_of(", ");  // skip the algorithm
  while (i != std::string_view::npos && i < header.size()) {
    const size_t start = header.find_first_not_of(", ", i);
    if (start == std::string_view::npos) break;
    const size_t end = header.find_first_of(", ", start);
    const std::string_view word = header.substr(start, end - start);
    const size_t eq = word.find('=');
    if (word.substr(0, eq) == key) {
      if (eq == std::string_view::npos) return std::string_view();
      const std::string_view value = word.substr(eq + 1);
      return value.substr(0, value.find('='));
    }
    i = end;
  }
  return std::nullopt;
}

// The presence checks of spec 1.2 (signatures are never verified); nullopt when they pass.
std::optional<Answer> check_auth(const http::Request& req) {
  const std::string* header = req.headers.find("Authorization");
  const bool query_auth = query_has(req.target, "X-Amz-Algorithm", false);
  if (header && query_auth) {
    return client_error(error_body(msg::kInvalidSignatureType, msg::kAuthBothWays));
  }
  const auto trimmed = [](std::string_view s) {
    const size_t first = s.find_first_not_of(" \t");
    return first == std::string_view::npos ? std::string_view() : s.substr(first);
  };
  if ((!header && !query_auth) || (header && !trimmed(*header).starts_with("AWS4-"))) {
    return client_error(error_body(msg::kMissingTokenType, msg::kMissingToken));
  }
  std::string message;
  if (header) {
    for (const std::string_view param : {"Credential", "Signature", "SignedHeaders"}) {
      const auto value = auth_param(*header, param);
      if (!value || value->empty()) message += fmt::format(msg::kAuthHeaderRequires, param);
    }
    if (!req.headers.contains("X-Amz-Date") && !req.headers.contains("Date")) {
      message += msg::kAuthHeaderRequiresDate;
    }
    if (!message.empty()) message += fmt::format(msg::kAuthHeaderEcho, *header);
  } else {
    for (const std::string_view param : {"X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Signature",
                                         "X-Amz-SignedHeaders", "X-Amz-Date"}) {
      if (!query_has(req.target, param, true))
        message += fmt::format(msg::kAuthQueryRequires, param);
    }
    if (!message.empty()) message += msg::kAuthQueryEnd;
  }
  if (message.empty()) return std::nullopt;
  return client_error(error_body(msg::kIncompleteSignatureType, message));
}

// A POST's answer: the protocol checks in AWS's order (dynalite's), then the engine.
Answer answer_post(Engine& engine, const http::Request& req, const WireOptions& options) {
  nlohmann::json body;
  if (!req.body.empty()) {
    body = parse_json(req.body);
    if (body.is_discarded()) return client_error(error_body(msg::kSerializationType));
  }
  const std::optional<Target> target = parse_target(req.headers.get("X-Amz-Target"));
  if (!target) return client_error(error_body(msg::kUnknownOperationType));
  if (options.strict_auth) {
    if (std::optional<Answer> refused = check_auth(req)) return *refused;
  }
  if (req.body.empty()) return client_error(error_body(msg::kSerializationType));
  if (target->operation == "TransactWriteItems" &&
      req.body.size() > static_cast<size_t>(limits::kDynamoTransactWriteMaxBytes.value)) {
    return client_error(error_body(msg::kValidationType, msg::kTransactRequestTooLarge));
  }
  // TagResource and UntagResource answer with an empty body (spec 1.3): "" here.
  RenderedReply reply = engine.call_rendered(target->api, target->operation, body);
  return Answer{.status = reply.status, .body = std::move(reply.body)};
}

Answer answer(Engine& engine, const http::Request& req, const WireOptions& options) {
  if (req.method == "GET") {
    return Answer{.status = 200,
                  .body = fmt::format(msg::kHealthLine, options.region),
                  .content_type = kPlainContentType};
  }
  const std::string_view media = media_type(req.headers.get("Content-Type"));
  const bool json =
      http::iequals(media, kJsonContentType) || http::iequals(media, "application/json");
  if (req.method != "POST" || (!req.body.empty() && !json)) {
    return Answer{.status = 404, .body = std::string(msg::kNotJsonBody)};
  }
  return answer_post(engine, req, options);
}

// The CORS preflight (spec 1.1): an OPTIONS request from a browser, which carries Origin.
Answer preflight(const http::Request& req, http::Response& out) {
  if (const std::string* h = req.headers.find("Access-Control-Request-Headers")) {
    out.headers.add("Access-Control-Allow-Headers", *h);
  }
  if (const std::string* m = req.headers.find("Access-Control-Request-Method")) {
    out.headers.add("Access-Control-Allow-Methods", *m);
  }
  out.headers.add("Access-Control-Max-Age", std::string(kPreflightMaxAgeS));
  return Answer{.status = 200, .body = {}};
}

void log_request(const http::Request& req, int status) {
  if (!sls::log::enabled(sls::log::Severity::kDebug)) return;
  const std::optional<CredentialScope> scope =
      parse_credential_scope(req.headers.get("Authorization"));
  sls::log::debug("{} {} {} -> {} ({} bytes in; key {}, region {})", req.method, req.target,
                  req.headers.get("X-Amz-Target"), status, req.body.size(),
                  scope ? scope->access_key_id : "-", scope ? scope->region : "-");
}

}  // namespace

size_t max_request_bytes() { return static_cast<size_t>(limits::kDynamoRequestMaxBytes.value); }

std::optional<CredentialScope> parse_credential_scope(std::string_view authorization) {
  const std::optional<std::string_view> credential = auth_param(authorization, "Credential");
  if (!credential) return std::nullopt;
  // AKID/date/region/service/aws4_request
  std::array<std::string_view, 5> parts{};
  std::string_view rest = *credential;
  for (size_t i = 0; i < parts.size(); ++i) {
    const size_t slash = rest.find('/');
    parts[i] = rest.substr(0, slash);
    if (slash == std::string_view::npos) {
      if (i < 2) return std::nullopt;
      break;
    }
    rest.remove_prefix(slash + 1);
  }
  if (parts[0].empty() || parts[2].empty()) return std::nullopt;
  return CredentialScope{std::string(parts[0]), std::string(parts[2])};
}

http::Response serve(Engine& engine, const http::Request& req, const WireOptions& options) {
  http::Response out;
  Answer a;
  const bool cors = req.headers.contains("Origin");
  try {
    a = cors && req.method == "OPTIONS" ? preflight(req, out) : answer(engine, req, options);
  } catch (const std::exception& e) {
    sls::log::error("internal error answering {}: {}", req.headers.get("X-Amz-Target"), e.what());
    out.headers = {};
    a = Answer{.status = 500, .body = error_body(msg::kInternalErrorType, msg::kInternalError)};
  }
  out.status = a.status;
  out.headers.add("Content-Type", std::string(a.content_type));
  out.headers.add("x-amzn-RequestId", request_id());
  out.headers.add("x-amz-crc32", std::to_string(crc32(a.body)));
  out.headers.add("Date", http::http_date_now());
  if (cors) {
    out.headers.add("Access-Control-Allow-Origin", "*");
    out.headers.add("Access-Control-Expose-Headers", std::string(kExposeHeaders));
  }
  out.body = std::move(a.body);
  log_request(req, out.status);
  return out;
}

}  // namespace sls::table
