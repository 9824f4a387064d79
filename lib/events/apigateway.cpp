// API Gateway events: the REST proxy event (payload 1.0), the HTTP API event (payload 2.0) and
// the REST Lambda authorizer events (TOKEN and REQUEST), as spec/apigateway-events.md §3, §4,
// §7.1 and §7.2 describe them. Fixed example values: one request at 2015-04-09T12:34:56Z.
#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "events/checks.h"
#include "events/encode.h"
#include "events/sample.h"

namespace sls::events::detail {

namespace {

constexpr size_t kStageNameMax = 128;  // API Gateway's limit on stage names
constexpr std::string_view kExampleApiId = "a1b2c3d4e5";
constexpr std::string_view kDefaultStage = "$default";  // HTTP APIs' default stage

// spec §3 (payload 1.0): null, not {}, for absent query strings, path parameters and stage
// variables; body null when empty.
constexpr std::string_view kAwsProxy = R"json({
  "resource": "{{resource}}",
  "path": "{{path}}",
  "httpMethod": "{{method}}",
  "headers": {
    "Accept": "*/*",
    "Content-Type": "{{content-type}}",
    "Host": "{{host}}",
    "User-Agent": "curl/8.5.0",
    "X-Amzn-Trace-Id": "Root=1-552671f0-3d8e9c4b7a6f5e4d3c2b1a09",
    "X-Forwarded-For": "203.0.113.7",
    "X-Forwarded-Port": "443",
    "X-Forwarded-Proto": "https"
  },
  "multiValueHeaders": {
    "Accept": ["*/*"],
    "Content-Type": "{{content-type-values}}",
    "Host": ["{{host}}"],
    "User-Agent": ["curl/8.5.0"],
    "X-Amzn-Trace-Id": ["Root=1-552671f0-3d8e9c4b7a6f5e4d3c2b1a09"],
    "X-Forwarded-For": ["203.0.113.7"],
    "X-Forwarded-Port": ["443"],
    "X-Forwarded-Proto": ["https"]
  },
  "queryStringParameters": "{{query}}",
  "multiValueQueryStringParameters": "{{multi-query}}",
  "pathParameters": "{{path-parameters}}",
  "stageVariables": null,
  "requestContext": {
    "resourceId": "k7m2q9",
    "resourcePath": "{{resource}}",
    "httpMethod": "{{method}}",
    "extendedRequestId": "Dm4xWhrAIAMEb7A=",
    "requestTime": "09/Apr/2015:12:34:56 +0000",
    "path": "/{{stage}}{{path}}",
    "accountId": "{{account-id}}",
    "protocol": "HTTP/1.1",
    "stage": "{{stage}}",
    "domainPrefix": "{{api-id}}",
    "requestTimeEpoch": 1428582896000,
    "requestId": "5f0c1e7a-9b3d-4c2e-8a61-0d2f4b6e8c13",
    "identity": {
      "cognitoIdentityPoolId": null,
      "accountId": null,
      "cognitoIdentityId": null,
      "caller": null,
      "sourceIp": "203.0.113.7",
      "principalOrgId": null,
      "accessKey": null,
      "cognitoAuthenticationType": null,
      "cognitoAuthenticationProvider": null,
      "userArn": null,
      "userAgent": "curl/8.5.0",
      "user": null
    },
    "domainName": "{{host}}",
    "apiId": "{{api-id}}"
  },
  "body": "{{body}}",
  "isBase64Encoded": false
})json";

// spec §4 (payload 2.0): header names in lower case; absent things are omitted, never null.
constexpr std::string_view kHttpApiProxy = R"json({
  "version": "2.0",
  "routeKey": "$default",
  "rawPath": "{{raw-path}}",
  "rawQueryString": "{{raw-query}}",
  "headers": {
    "accept": "*/*",
    "content-length": "{{content-length}}",
    "content-type": "{{content-type}}",
    "host": "{{host}}",
    "user-agent": "curl/8.5.0",
    "x-amzn-trace-id": "Root=1-552671f0-3d8e9c4b7a6f5e4d3c2b1a09",
    "x-forwarded-for": "203.0.113.7",
    "x-forwarded-port": "443",
    "x-forwarded-proto": "https"
  },
  "queryStringParameters": "{{query}}",
  "requestContext": {
    "accountId": "{{account-id}}",
    "apiId": "{{api-id}}",
    "domainName": "{{host}}",
    "domainPrefix": "{{api-id}}",
    "http": {
      "method": "{{method}}",
      "path": "{{raw-path}}",
      "protocol": "HTTP/1.1",
      "sourceIp": "203.0.113.7",
      "userAgent": "curl/8.5.0"
    },
    "requestId": "Dm4xWhrAIAMEb7A=",
    "routeKey": "$default",
    "stage": "{{stage}}",
    "time": "09/Apr/2015:12:34:56 +0000",
    "timeEpoch": 1428582896000
  },
  "body": "{{body}}",
  "isBase64Encoded": false
})json";

// spec §7.1: methodArn holds the actual path without its leading "/".
constexpr std::string_view kTokenAuthorizer = R"json({
  "type": "TOKEN",
  "authorizationToken": "{{token}}",
  "methodArn": "arn:{{partition}}:execute-api:{{region}}:{{account-id}}:{{restApiId}}/{{stage}}/{{method}}/{{arn-path}}"
})json";

// spec §7.2: the REST request without its body.
constexpr std::string_view kRequestAuthorizer = R"json({
  "type": "REQUEST",
  "methodArn": "arn:{{partition}}:execute-api:{{region}}:{{account-id}}:{{restApiId}}/{{stage}}/{{method}}/{{arn-path}}",
  "resource": "{{resource}}",
  "path": "{{resource}}",
  "httpMethod": "{{method}}",
  "headers": {
    "Accept": "*/*",
    "Authorization": "{{token}}",
    "Host": "{{host}}",
    "User-Agent": "curl/8.5.0",
    "X-Amzn-Trace-Id": "Root=1-552671f0-3d8e9c4b7a6f5e4d3c2b1a09",
    "X-Forwarded-For": "203.0.113.7",
    "X-Forwarded-Port": "443",
    "X-Forwarded-Proto": "https"
  },
  "multiValueHeaders": {
    "Accept": ["*/*"],
    "Authorization": ["{{token}}"],
    "Host": ["{{host}}"],
    "User-Agent": ["curl/8.5.0"],
    "X-Amzn-Trace-Id": ["Root=1-552671f0-3d8e9c4b7a6f5e4d3c2b1a09"],
    "X-Forwarded-For": ["203.0.113.7"],
    "X-Forwarded-Port": ["443"],
    "X-Forwarded-Proto": ["https"]
  },
  "queryStringParameters": {"tenant": "example"},
  "multiValueQueryStringParameters": {"tenant": ["example"]},
  "pathParameters": null,
  "stageVariables": null,
  "requestContext": {
    "path": "/{{stage}}{{resource}}",
    "accountId": "{{account-id}}",
    "resourceId": "k7m2q9",
    "stage": "{{stage}}",
    "requestId": "5f0c1e7a-9b3d-4c2e-8a61-0d2f4b6e8c13",
    "identity": {
      "sourceIp": "203.0.113.7"
    },
    "resourcePath": "{{resource}}",
    "httpMethod": "{{method}}",
    "apiId": "{{restApiId}}"
  }
})json";

using Query = std::vector<std::pair<std::string, std::vector<std::string>>>;

// --querystringparameters: a JSON object whose values are strings or lists of strings (a
// repeated name).
Query parse_query(const Values& v) {
  constexpr std::string_view kName = "querystringparameters";
  constexpr std::string_view kExpected = "a JSON object of strings or non-empty lists of strings";
  const Json object = json_object_flag(v, kName);
  Query query;
  for (const auto& [name, value] : object.items()) {
    std::vector<std::string> values;
    if (value.is_string()) values.push_back(value.get<std::string>());
    if (value.is_array()) {
      for (const Json& item : value) {
        if (!item.is_string()) refuse(kName, flag(v, kName), kExpected);
        values.push_back(item.get<std::string>());
      }
    }
    if (values.empty()) refuse(kName, flag(v, kName), kExpected);
    query.emplace_back(name, std::move(values));
  }
  return query;
}

std::vector<std::string> split_path(std::string_view path) {
  std::vector<std::string> parts;
  size_t start = 1;  // after the leading "/"
  while (start <= path.size()) {
    const size_t end = std::min(path.find('/', start), path.size());
    if (end > start) parts.emplace_back(path.substr(start, end - start));
    start = end + 1;
  }
  return parts;
}

// The path parameters API Gateway extracts when `resource` (e.g. "/items/{id}", "/{proxy+}")
// matches `path`; null when the resource has none. A greedy value has no leading or trailing
// "/" (spec §3). Throws Error(kUsage) when the path does not match.
Json path_parameters(const std::string& resource, const std::string& path) {
  const std::vector<std::string> want = split_path(resource);
  const std::vector<std::string> got = split_path(path);
  const auto mismatch = [&] {
    refuse("path", path, "a path that --resource " + Json(resource).dump() + " matches");
  };
  Json params = Json::object();
  size_t i = 0;
  for (size_t r = 0; r < want.size(); ++r) {
    const std::string& seg = want[r];
    const bool variable = seg.size() > 2 && seg.front() == '{' && seg.back() == '}';
    const bool greedy = variable && seg[seg.size() - 2] == '+';
    if (greedy) {
      if (i >= got.size() || r + 1 != want.size()) mismatch();
      std::string rest;
      for (; i < got.size(); ++i) rest += (rest.empty() ? "" : "/") + got[i];
      params[seg.substr(1, seg.size() - 3)] = rest;
      break;
    }
    if (i >= got.size() || (!variable && seg != got[i])) mismatch();
    if (variable) params[seg.substr(1, seg.size() - 2)] = got[i];
    ++i;
  }
  if (i != got.size()) mismatch();
  return params.empty() ? Json(nullptr) : params;
}

void check_stage(const Values& v, bool allow_default) {
  if (allow_default && flag(v, "stage") == kDefaultStage) return;
  check_name(v, "stage", kStageNameMax, "-_",
             allow_default ? "$default or letters, digits, - and _" : "letters, digits, - and _");
}

// Content-Type, Content-Length and body of a request carrying --body ("" = no body).
void add_body(Values& v, bool omit_when_empty) {
  const std::string body = flag(v, "body");
  if (body.empty()) {
    v["body"] = omit_when_empty ? omit() : Json(nullptr);
    v["content-type"] = v["content-type-values"] = v["content-length"] = omit();
    return;
  }
  const bool is_json = !Json::parse(body, nullptr, false).is_discarded();
  const std::string type = is_json ? "application/json" : "text/plain";
  v["content-type"] = type;
  v["content-type-values"] = Json::array({type});
  v["content-length"] = std::to_string(body.size());
}

void derive_aws_proxy(Values& v) {
  check_account_id(v);
  check_stage(v, false);
  v["method"] = http_method(v);
  const std::string resource = with_leading_slash(flag(v, "resource"));
  const std::string path = with_leading_slash(flag(v, "path"));
  v["path-parameters"] = path_parameters(resource, path);
  v["resource"] = resource;
  v["path"] = path;
  Json single = Json::object();
  Json multi = Json::object();
  for (const auto& [name, values] : parse_query(v)) {
    single[name] = values.back();  // a repeated name keeps its last value (spec §3)
    multi[name] = values;
  }
  v["query"] = single.empty() ? Json(nullptr) : single;
  v["multi-query"] = multi.empty() ? Json(nullptr) : multi;
  add_body(v, false);
  v["api-id"] = kExampleApiId;
  v["host"] = std::string(kExampleApiId) + ".execute-api." + flag(v, "dns-suffix");
}

void derive_http_api_proxy(Values& v) {
  check_account_id(v);
  check_stage(v, true);
  v["method"] = http_method(v);
  const std::string path = with_leading_slash(flag(v, "path"));
  const std::string& stage = flag(v, "stage");
  // rawPath keeps a named stage's prefix (spec §4).
  v["raw-path"] = stage == kDefaultStage ? path : "/" + stage + path;
  std::string raw;
  Json joined = Json::object();
  for (const auto& [name, values] : parse_query(v)) {
    std::string all;
    for (const std::string& value : values) {
      raw += (raw.empty() ? "" : "&") + query_encode(name) + "=" + query_encode(value);
      all += (all.empty() ? "" : ",") + value;  // repeated names are comma-joined (spec §4)
    }
    joined[name] = all;
  }
  v["raw-query"] = raw;
  v["query"] = joined.empty() ? omit() : joined;
  add_body(v, true);
  v["api-id"] = kExampleApiId;
  v["host"] = std::string(kExampleApiId) + ".execute-api." + flag(v, "dns-suffix");
}

void derive_authorizer(Values& v) {
  check_account_id(v);
  check_stage(v, false);
  v["method"] = http_method(v);
  const std::string resource = with_leading_slash(flag(v, "resource"));
  v["resource"] = resource;
  v["arn-path"] = resource.substr(1);
  v["host"] = flag(v, "restApiId") + ".execute-api." + flag(v, "region") + "." +
              dns_suffix(flag(v, "partition"));
}

constexpr FlagDef kAccountId{"account-id", "AWS account id", "123456789012"};
constexpr FlagDef kPartition{"partition", "AWS partition (aws, aws-cn, aws-us-gov)", "aws"};
constexpr FlagDef kRegion{"region", "AWS region", "us-east-1"};
constexpr FlagDef kDnsSuffix{"dns-suffix", "Endpoint DNS suffix (region.amazonaws.com)",
                             "us-east-1.amazonaws.com"};
constexpr FlagDef kBody{"body", "Request body, as text (empty: no body)", R"({"test":"body"})"};
constexpr FlagDef kQuery{"querystringparameters",
                         "Query string as a JSON object (a list value repeats the name)",
                         R"({"foo": "bar"})"};
constexpr FlagDef kPath{"path", "Request path", "/path/to/resource"};
constexpr FlagDef kToken{"token", "Authorization header value", "Bearer example-token"};
constexpr FlagDef kRestApiId{"restApiId", "REST API id", "a1b2c3d4e5"};

}  // namespace

ServiceDef apigateway_service() {
  return {
      "apigateway",
      "Amazon API Gateway (REST and HTTP APIs, Lambda authorizers)",
      {
          {"aws-proxy",
           "REST API proxy integration event (payload 1.0)",
           {kBody,
            {"stage", "Stage name", "prod"},
            {"method", "HTTP method", "POST"},
            {"resource", "Resource path template", "/{proxy+}"},
            kPath,
            kQuery,
            kAccountId,
            kDnsSuffix},
           kAwsProxy,
           derive_aws_proxy},
          {"http-api-proxy",
           "HTTP API event (payload 2.0)",
           {kBody,
            {"stage", "Stage name", "$default"},
            {"method", "HTTP method", "POST"},
            kPath,
            kQuery,
            kAccountId,
            kDnsSuffix},
           kHttpApiProxy,
           derive_http_api_proxy},
          {"authorizer",
           "REST API Lambda TOKEN authorizer event",
           {kAccountId,
            kPartition,
            kRegion,
            {"stage", "Stage name", "prod"},
            {"method", "HTTP method", "POST"},
            {"resource", "Request path in methodArn", "/path/to/resource"},
            kRestApiId,
            kToken},
           kTokenAuthorizer,
           derive_authorizer},
          {"request-authorizer",
           "REST API Lambda REQUEST authorizer event",
           {kAccountId,
            kPartition,
            kRegion,
            {"stage", "Stage name", "test"},
            {"method", "HTTP method", "GET"},
            {"resource", "Request path", "/request"},
            kRestApiId,
            kToken},
           kRequestAuthorizer,
           derive_authorizer},
      },
  };
}

}  // namespace sls::events::detail
