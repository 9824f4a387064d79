// The DynamoDB tables a template declares, as the API requests that create them: what
// CloudFormation (and SAM's transform for SimpleTable) would send to DynamoDB. Properties that
// only matter to a deployed table (point-in-time recovery, Kinesis, contributor insights, import,
// resource policies, warm throughput) are not part of CreateTable and are left out.
#include <nlohmann/json.hpp>

#include "template/internal.h"
#include "template/template.h"

namespace sls::tmpl {

namespace {

using nlohmann::json;

constexpr std::string_view kSimpleTable = "AWS::Serverless::SimpleTable";
constexpr std::string_view kDynamoTable = "AWS::DynamoDB::Table";

// Reads resolved property values into JSON, throwing located errors for the shapes it cannot
// read (a wrong kind, or an intrinsic sls cannot resolve without a deployment).
class Reader : public detail::PropertyReader {
 public:
  Reader(const App& app, const Resource& r) : PropertyReader(app, r, "table") {}

  // A list of maps, each read field by field: {"Out": "In"} with In read as text.
  json list_of(const Node& n, std::string_view what,
               std::initializer_list<std::string_view> fields) const {
    expect(n, Kind::kSequence, what);
    json out = json::array();
    for (const Node& item : n.items) {
      expect(item, Kind::kMap, std::string(what) + " item");
      json o = json::object();
      for (const std::string_view f : fields) {
        if (const Node* v = item.get(f)) o[std::string(f)] = text(*v, f);
      }
      out.push_back(std::move(o));
    }
    return out;
  }

  json key_schema(const Node& n) const {
    return list_of(n, "KeySchema", {"AttributeName", "KeyType"});
  }

  json throughput(const Node& n) const {
    expect(n, Kind::kMap, "ProvisionedThroughput");
    json out = json::object();
    for (const std::string_view f : {"ReadCapacityUnits", "WriteCapacityUnits"}) {
      if (const Node* v = n.get(f)) out[std::string(f)] = integer(*v, f);
    }
    return out;
  }

  json projection(const Node& n) const {
    expect(n, Kind::kMap, "Projection");
    json out = json::object();
    if (const Node* t = n.get("ProjectionType")) out["ProjectionType"] = text(*t, "ProjectionType");
    if (const Node* a = n.get("NonKeyAttributes")) {
      expect(*a, Kind::kSequence, "NonKeyAttributes");
      json names = json::array();
      for (const Node& name : a->items) names.push_back(text(name, "NonKeyAttributes item"));
      out["NonKeyAttributes"] = std::move(names);
    }
    return out;
  }

  json indexes(const Node& n, std::string_view what, bool global) const {
    expect(n, Kind::kSequence, what);
    json out = json::array();
    for (const Node& item : n.items) {
      expect(item, Kind::kMap, std::string(what) + " item");
      json index = json::object();
      if (const Node* v = item.get("IndexName")) index["IndexName"] = text(*v, "IndexName");
      if (const Node* v = item.get("KeySchema")) index["KeySchema"] = key_schema(*v);
      if (const Node* v = item.get("Projection")) index["Projection"] = projection(*v);
      if (const Node* v = item.get("ProvisionedThroughput"); v && global) {
        index["ProvisionedThroughput"] = throughput(*v);
      }
      out.push_back(std::move(index));
    }
    return out;
  }

  // CloudFormation's SSESpecification {SSEEnabled, SSEType, KMSMasterKeyId} is the API's
  // {Enabled, SSEType, KMSMasterKeyId}.
  json sse(const Node& n) const {
    expect(n, Kind::kMap, "SSESpecification");
    json out = json::object();
    if (const Node* v = n.get("SSEEnabled")) out["Enabled"] = boolean(*v, "SSEEnabled");
    if (const Node* v = n.get("SSEType")) out["SSEType"] = text(*v, "SSEType");
    if (const Node* v = n.get("KMSMasterKeyId")) out["KMSMasterKeyId"] = text(*v, "KMSMasterKeyId");
    return out;
  }

  // SimpleTable's Tags are a map; AWS::DynamoDB::Table's a list of {Key, Value}.
  json tags(const Node& n) const {
    if (n.is_map() && !is_intrinsic(n)) {
      json out = json::array();
      for (const MapEntry& e : n.entries) {
        out.push_back({{"Key", e.key}, {"Value", text(e.value, "Tags value")}});
      }
      return out;
    }
    return list_of(n, "Tags", {"Key", "Value"});
  }
};

// SimpleTable's PrimaryKey Type is CloudFormation's word for the attribute type.
std::string attribute_type(const Reader& rd, const Node& n) {
  const std::string t = rd.text(n, "PrimaryKey Type");
  if (t == "String") return "S";
  if (t == "Number") return "N";
  if (t == "Binary") return "B";
  rd.fail(n, "PrimaryKey Type must be String, Number or Binary, not " + t);
}

json simple_table(const Reader& rd, const Node& props, const std::string& name) {
  std::string key = "id";
  std::string type = "S";
  if (const Node* pk = props.get("PrimaryKey")) {
    rd.expect(*pk, Kind::kMap, "PrimaryKey");
    if (const Node* n = pk->get("Name")) key = rd.text(*n, "PrimaryKey Name");
    if (const Node* t = pk->get("Type")) type = attribute_type(rd, *t);
  }
  json req = {{"TableName", name},
              {"AttributeDefinitions", {{{"AttributeName", key}, {"AttributeType", type}}}},
              {"KeySchema", {{{"AttributeName", key}, {"KeyType", "HASH"}}}}};
  if (const Node* pt = props.get("ProvisionedThroughput")) {
    req["BillingMode"] = "PROVISIONED";
    req["ProvisionedThroughput"] = rd.throughput(*pt);
  } else {
    req["BillingMode"] = "PAY_PER_REQUEST";
  }
  if (const Node* s = props.get("SSESpecification")) req["SSESpecification"] = rd.sse(*s);
  if (const Node* t = props.get("Tags")) req["Tags"] = rd.tags(*t);
  return req;
}

json dynamodb_table(const Reader& rd, const Node& props, const std::string& name) {
  json req = {{"TableName", name}};
  if (const Node* v = props.get("AttributeDefinitions")) {
    req["AttributeDefinitions"] =
        rd.list_of(*v, "AttributeDefinitions", {"AttributeName", "AttributeType"});
  }
  if (const Node* v = props.get("KeySchema")) req["KeySchema"] = rd.key_schema(*v);
  if (const Node* v = props.get("GlobalSecondaryIndexes")) {
    req["GlobalSecondaryIndexes"] = rd.indexes(*v, "GlobalSecondaryIndexes", true);
  }
  if (const Node* v = props.get("LocalSecondaryIndexes")) {
    req["LocalSecondaryIndexes"] = rd.indexes(*v, "LocalSecondaryIndexes", false);
  }
  const Node* throughput = props.get("ProvisionedThroughput");
  if (throughput) req["ProvisionedThroughput"] = rd.throughput(*throughput);
  if (const Node* v = props.get("BillingMode")) {
    req["BillingMode"] = rd.text(*v, "BillingMode");
  } else {
    // CloudFormation's default is PROVISIONED, which needs a throughput; without one the
    // table can only be on-demand.
    req["BillingMode"] = throughput ? "PROVISIONED" : "PAY_PER_REQUEST";
  }
  if (const Node* v = props.get("StreamSpecification")) {
    rd.expect(*v, Kind::kMap, "StreamSpecification");
    json stream = {{"StreamEnabled", true}};
    if (const Node* t = v->get("StreamViewType"))
      stream["StreamViewType"] = rd.text(*t, "StreamViewType");
    req["StreamSpecification"] = std::move(stream);
  }
  if (const Node* v = props.get("SSESpecification")) req["SSESpecification"] = rd.sse(*v);
  if (const Node* v = props.get("TableClass")) req["TableClass"] = rd.text(*v, "TableClass");
  if (const Node* v = props.get("DeletionProtectionEnabled")) {
    req["DeletionProtectionEnabled"] = rd.boolean(*v, "DeletionProtectionEnabled");
  }
  if (const Node* v = props.get("Tags")) req["Tags"] = rd.tags(*v);
  return req;
}

json time_to_live(const Reader& rd, const Node& spec, const std::string& name) {
  rd.expect(spec, Kind::kMap, "TimeToLiveSpecification");
  json ttl = json::object();
  if (const Node* a = spec.get("AttributeName"))
    ttl["AttributeName"] = rd.text(*a, "AttributeName");
  if (const Node* e = spec.get("Enabled")) ttl["Enabled"] = rd.boolean(*e, "Enabled");
  return {{"TableName", name}, {"TimeToLiveSpecification", std::move(ttl)}};
}

}  // namespace

namespace detail {

std::optional<std::string> table_name_of(const App& app, const Resource& r) {
  if (r.type != kSimpleTable && r.type != kDynamoTable) return std::nullopt;
  const Node props = app.resolve(r.properties);
  const Node* name = props.get("TableName");
  return name && name->is_scalar() ? name->scalar : r.id;
}

}  // namespace detail

json table_requests(const App& app) {
  json out = json::array();
  for (const Resource& r : app.resources()) {
    if (r.type != kSimpleTable && r.type != kDynamoTable) continue;
    if (r.condition && app.condition(*r.condition) == false) continue;
    const Reader rd(app, r);
    const Node props = app.resolve(r.properties);
    if (!props.is_null()) rd.expect(props, Kind::kMap, "Properties");
    const Node* name_node = props.get("TableName");
    const std::string name = name_node ? rd.text(*name_node, "TableName") : r.id;
    json entry = {{"LogicalId", r.id},
                  {"Line", r.pos.line},
                  {"Column", r.pos.col},
                  {"CreateTable", r.type == kSimpleTable ? simple_table(rd, props, name)
                                                         : dynamodb_table(rd, props, name)}};
    if (const Node* ttl = props.get("TimeToLiveSpecification"); ttl && r.type == kDynamoTable) {
      entry["UpdateTimeToLive"] = time_to_live(rd, *ttl, name);
    }
    out.push_back(std::move(entry));
  }
  return out;
}

}  // namespace sls::tmpl
