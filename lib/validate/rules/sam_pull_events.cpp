// The pull event sources' transforms (event source mappings) as the SAM translator checks them:
// Kinesis, DynamoDB, SQS, MSK, MQ, SelfManagedKafka and DocumentDB
// (model/eventsources/pull.py).
#include <array>

#include "validate/rules/sam_events.h"

namespace sls::validate::sam {

namespace {

constexpr std::array<std::string_view, 4> kKafkaAuthMechanisms{
    "SASL_SCRAM_256_AUTH", "SASL_SCRAM_512_AUTH", "BASIC_AUTH", "CLIENT_CERTIFICATE_TLS_AUTH"};

struct Pull {
  const Reporter& rep;
  std::string_view id;    // the event's id
  std::string_view type;  // Kinesis, SQS, ...
  const tmpl::Node& props;

  std::string logical_id() const { return rep.resource().id + std::string(id); }
  const tmpl::Node* get(std::string_view key) const { return props.get(key); }
  bool fail(const tmpl::Node* at, std::string_view text) const {
    rep.event_error(id, rep.at(at ? at : &props), text);
    return false;
  }
  bool fail_logical(const tmpl::Node* at, std::string_view text) const {
    rep.event_error(logical_id(), rep.at(at ? at : &props), text);
    return false;
  }
};

bool check_filter_criteria(const Pull& p) {
  const tmpl::Node* fc = p.get("FilterCriteria");
  if (!truthy(fc) || is_intrinsic(*fc) || !fc->is_map()) return true;
  if (fc->entries.empty() || (fc->entries.size() == 1 && fc->entries[0].key == "Filters")) {
    return true;
  }
  return p.fail(fc, "FilterCriteria field has a wrong format");
}

bool check_consumer_group(const Pull& p) {
  const tmpl::Node* cg = p.get("ConsumerGroupId");
  if (!truthy(cg) || p.type == "MSK" || p.type == "SelfManagedKafka") return true;
  return p.fail_logical(
      cg, "Property ConsumerGroupId not defined for resource of type " + std::string(p.type) + ".");
}

bool check_destination_config(const Pull& p) {
  const tmpl::Node* dc = p.get("DestinationConfig");
  if (!truthy(dc) || !dc->is_map()) return true;
  const tmpl::Node* on_failure = dc->get("OnFailure");
  if (!on_failure || !on_failure->is_map()) {
    return p.fail_logical(on_failure ? on_failure : dc,
                          "Property 'DestinationConfig.OnFailure' should be a map.");
  }
  const tmpl::Node* type = on_failure->get("Type");
  if (!truthy(type)) return true;
  if (is_str(*type) && (type->scalar == "SQS" || type->scalar == "SNS" || type->scalar == "S3" ||
                        type->scalar == "Kafka")) {
    return true;
  }
  return p.fail_logical(type,
                        "The only valid values for 'Type' are 'SQS', 'SNS', 'S3', and "
                        "'Kafka'");
}

bool check_kms_key(const Pull& p) {
  const tmpl::Node* kms = p.get("SecretsManagerKmsKeyId");
  if (!truthy(kms) || is_str(*kms)) return true;
  return p.fail(kms, "Property 'SecretsManagerKmsKeyId' should be a string.");
}

// validate_schema_registry_config.
bool check_schema_registry(const Pull& p) {
  const tmpl::Node* src = p.get("SchemaRegistryConfig");
  if (!truthy(src)) return true;
  if (!src->is_map()) return p.fail(src, "Property 'SchemaRegistryConfig' should be a map.");
  for (std::string_view field :
       {"SchemaRegistryURI", "EventRecordFormat", "SchemaValidationConfigs"}) {
    if (!src->get(field)) {
      return p.fail(src,
                    "Missing required field " + std::string(field) + " in SchemaRegistryConfig");
    }
  }
  const tmpl::Node* format = src->get("EventRecordFormat");
  if (!(is_str(*format) && (format->scalar == "JSON" || format->scalar == "SOURCE"))) {
    return p.fail(format,
                  "EventRecordFormat in SchemaRegistryConfig must be either 'JSON' or 'SOURCE'");
  }
  if (!is_list(*src->get("SchemaValidationConfigs"))) {
    return p.fail(src->get("SchemaValidationConfigs"), "SchemaValidationConfigs must be a list");
  }
  const tmpl::Node* access = src->get("AccessConfigs");
  if (!truthy(access)) return true;
  if (!access->is_seq())
    return p.fail(access, "AccessConfigs in SchemaRegistryConfig must be a list");
  for (const tmpl::Node& c : access->items) {
    if (c.is_map() && c.get("Type") && c.get("URI")) continue;
    return p.fail(&c, "Each AccessConfig must be a dict with 'Type' and 'URI' fields");
  }
  return true;
}

// _validate_source_access_configurations for MQ and DocumentDB.
bool check_required_access(const Pull& p, std::span<const std::string_view> supported,
                           std::string_view required) {
  const tmpl::Node* sac = p.get("SourceAccessConfigurations");
  if (!truthy(sac)) {
    return p.fail(sac, "No SourceAccessConfigurations for Amazon " + std::string(p.type) +
                           " event provided.");
  }
  if (!sac->is_seq()) {
    return p.fail(sac, "Provided SourceAccessConfigurations cannot be parsed into a list.");
  }
  const tmpl::Node* uri = nullptr;
  for (size_t i = 0; i < sac->items.size(); ++i) {
    const tmpl::Node& conf = sac->items[i];
    const std::string at = "SourceAccessConfigurations[" + std::to_string(i) + "]";
    if (!conf.is_map()) return p.fail(&conf, "Property '" + at + "' should be a map.");
    const tmpl::Node* type = conf.get("Type");
    if (!type || !is_str(*type)) {
      return p.fail(type ? type : &conf, "Property '" + at + ".Type' should be a string.");
    }
    bool known = false;
    for (std::string_view s : supported) known = known || s == type->scalar;
    if (!known) {
      return p.fail(type,
                    "Invalid property Type specified in SourceAccessConfigurations. The "
                    "supported values are: " +
                        py_list_repr(supported) + ".");
    }
    if (type->scalar != required) continue;
    if (uri) {
      return p.fail(&conf, "Multiple " + std::string(required) +
                               " properties specified in SourceAccessConfigurations.");
    }
    uri = conf.get("URI");
    if (!truthy(uri)) {
      return p.fail(&conf, "No " + std::string(required) +
                               " URI property specified in SourceAccessConfigurations.");
    }
  }
  if (uri) return true;
  return p.fail(
      sac, "No " + std::string(required) + " property specified in SourceAccessConfigurations.");
}

bool check_kafka_uri(const Pull& p, const tmpl::Node& conf, std::string_view what) {
  const tmpl::Node* uri = conf.get("URI");
  if (!truthy(uri)) {
    return p.fail(&conf, "No " + std::string(what) +
                             " URI property specified in SourceAccessConfigurations for self "
                             "managed kafka event.");
  }
  if (is_str(*uri) || is_intrinsic(*uri)) return true;
  return p.fail(uri, "Wrong Type for " + std::string(what) +
                         " URI property specified in SourceAccessConfigurations for self managed "
                         "kafka event.");
}

// SelfManagedKafka.get_secret_key.
bool check_kafka_access(const Pull& p, const tmpl::Node& sac) {
  if (!sac.is_seq()) {
    return p.fail(&sac,
                  "SourceAccessConfigurations for self managed kafka event should be a list.");
  }
  bool subnet = false, group = false, auth = false;
  for (const tmpl::Node& conf : sac.items) {
    if (!conf.is_map())
      return p.fail(&conf, "Property 'SourceAccessConfigurations' should be a map.");
    const tmpl::Node* type = conf.get("Type");
    const std::string t = type && is_str(*type) ? type->scalar : "";
    bool mechanism = false;
    for (std::string_view m : kKafkaAuthMechanisms) mechanism = mechanism || m == t;
    if (t == "VPC_SUBNET" || t == "VPC_SECURITY_GROUP" || t == "SERVER_ROOT_CA_CERTIFICATE") {
      if (!check_kafka_uri(p, conf, t)) return false;
      subnet = subnet || t == "VPC_SUBNET";
      group = group || t == "VPC_SECURITY_GROUP";
    } else if (mechanism) {
      if (auth) {
        return p.fail(&conf,
                      "Multiple auth mechanism properties specified in "
                      "SourceAccessConfigurations for self managed kafka event.");
      }
      if (!check_kafka_uri(p, conf, "auth mechanism")) return false;
      auth = true;
    } else {
      return p.fail(type ? type : &conf,
                    "Invalid SourceAccessConfigurations Type provided for "
                    "self managed kafka event.");
    }
  }
  if (subnet == group) return true;
  return p.fail(&sac,
                "VPC_SUBNET and VPC_SECURITY_GROUP in SourceAccessConfigurations for "
                "SelfManagedKafka must be both provided.");
}

bool check_self_managed_kafka(const Pull& p) {
  if (!truthy(p.get("KafkaBootstrapServers"))) {
    return p.fail(p.get("KafkaBootstrapServers"),
                  "No KafkaBootstrapServers provided for self managed kafka as an event source");
  }
  const tmpl::Node* topics = p.get("Topics");
  if (!truthy(topics)) {
    return p.fail(topics, "No Topics provided for self managed kafka as an event source");
  }
  if (topics->is_seq() && topics->items.size() != 1) {
    return p.fail(topics,
                  "Topics for self managed kafka only supports single configuration entry.");
  }
  const tmpl::Node* sac = p.get("SourceAccessConfigurations");
  if (!truthy(sac)) {
    return p.fail(sac, "No SourceAccessConfigurations for self managed kafka event provided.");
  }
  return check_kafka_access(p, *sac) && check_kms_key(p) && check_schema_registry(p);
}

// get_policy_statements of each type.
bool check_policy_inputs(const Pull& p) {
  if (p.type == "MQ") {
    constexpr std::array<std::string_view, 2> kMq{"BASIC_AUTH", "VIRTUAL_HOST"};
    return check_required_access(p, kMq, "BASIC_AUTH") && check_kms_key(p);
  }
  if (p.type == "DocumentDB") {
    constexpr std::array<std::string_view, 1> kDocDb{"BASIC_AUTH"};
    return check_required_access(p, kDocDb, "BASIC_AUTH") && check_kms_key(p);
  }
  if (p.type == "SelfManagedKafka") return check_self_managed_kafka(p);
  if (p.type == "MSK") return check_schema_registry(p);
  return true;
}

}  // namespace

bool check_pull_event(const Reporter& rep, std::string_view id, std::string_view type,
                      const tmpl::Node& props) {
  const Pull p{rep, id, type, props};
  return check_filter_criteria(p) && check_consumer_group(p) && check_destination_config(p) &&
         check_policy_inputs(p);
}

}  // namespace sls::validate::sam
