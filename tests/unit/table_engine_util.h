// Helpers for the engine's unit tests: an in-memory (or file) engine with a fixed clock, and
// calls that take and return JSON text.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "table/engine.h"

namespace engine_test {

// A fresh folder under the system temp directory for a file database, removed with everything in
// it when the test ends.
struct TempDir {
  TempDir() {
    path = std::filesystem::temp_directory_path() /
           ("sls-engine-test-" + std::to_string(reinterpret_cast<uintptr_t>(this)) + "-" +
            std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()));
    std::filesystem::create_directories(path);
  }
  ~TempDir() { std::filesystem::remove_all(path); }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  std::filesystem::path path;
};

inline constexpr double kNow = 1785585600.123;  // 2026-08-01T12:00:00.123Z

inline sls::table::EngineOptions options(std::string path = "") {
  sls::table::EngineOptions o;
  o.db_path = std::move(path);
  o.clock = [] { return kNow; };
  o.ttl_sweeper = false;
  return o;
}

inline sls::table::Reply call(sls::table::Engine& e, std::string_view op, const std::string& body) {
  return e.call(sls::table::Api::kDynamoDb, op, nlohmann::json::parse(body));
}

// The reply body when the call succeeded (fails the test otherwise).
inline nlohmann::json ok(sls::table::Engine& e, std::string_view op, const std::string& body) {
  const sls::table::Reply r = call(e, op, body);
  INFO(op, " ", body, " -> ", r.body.dump());
  CHECK(r.ok());
  return r.body;
}

// The error body of a call that must fail with 400 (the test fails otherwise).
inline nlohmann::json failure(sls::table::Engine& e, std::string_view op, const std::string& body) {
  const sls::table::Reply r = call(e, op, body);
  INFO(op, " ", body, " -> ", r.body.dump());
  CHECK(r.status == 400);
  return r.body;
}

// The error message (message or Message) of a failed call; "" if it succeeded.
inline std::string error(sls::table::Engine& e, std::string_view op, const std::string& body) {
  const sls::table::Reply r = call(e, op, body);
  if (r.ok()) return "";
  if (r.body.contains("message")) return r.body["message"].get<std::string>();
  if (r.body.contains("Message")) return r.body["Message"].get<std::string>();
  return r.error_type;
}

inline void create(sls::table::Engine& e, const std::string& name, const std::string& hash,
                   const std::string& hash_type, const std::string& range = "",
                   const std::string& range_type = "S") {
  nlohmann::json req = {{"TableName", name}, {"BillingMode", "PAY_PER_REQUEST"}};
  req["AttributeDefinitions"] = {{{"AttributeName", hash}, {"AttributeType", hash_type}}};
  req["KeySchema"] = {{{"AttributeName", hash}, {"KeyType", "HASH"}}};
  if (!range.empty()) {
    req["AttributeDefinitions"].push_back(
        {{"AttributeName", range}, {"AttributeType", range_type}});
    req["KeySchema"].push_back({{"AttributeName", range}, {"KeyType", "RANGE"}});
  }
  ok(e, "CreateTable", req.dump());
}

}  // namespace engine_test
