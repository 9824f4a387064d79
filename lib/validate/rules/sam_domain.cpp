// Custom domains of SAM APIs as the translator checks them: REST APIs (api_generator.py
// _construct_api_domain, _construct_api_domain_v2 for PRIVATE endpoints) and HTTP/WebSocket
// APIs (apiv2_generator.py _construct_api_domain).
#include <regex>

#include "validate/rules/sam_api.h"

namespace sls::validate::sam {

namespace {

constexpr std::string_view kTrustStoreFields = "['TruststoreUri', 'TruststoreVersion']";

bool fail(const Reporter& rep, const tmpl::Node* at, const std::string& text) {
  rep.resource_error(rep.at(at), text);
  return false;
}

bool check_route53(const Reporter& rep, const tmpl::Node& domain, bool rest) {
  const tmpl::Node* route53 = domain.get("Route53");
  if (is_none(route53)) return true;
  if (!route53->is_map()) return fail(rep, route53, "Property 'Domain.Route53' should be a map.");
  if (is_none(route53->get("HostedZoneId")) && is_none(route53->get("HostedZoneName"))) {
    return fail(rep, route53,
                "HostedZoneId or HostedZoneName is required to enable Route53 "
                "support on Custom Domains.");
  }
  const tmpl::Node* separate = route53->get("SeparateRecordSetGroup");
  if (rest && truthy(separate) && !is_bool(*separate)) {
    return fail(rep, separate,
                "Property 'Domain.Route53.SeparateRecordSetGroup' should be a boolean.");
  }
  return true;
}

bool check_rest_base_paths(const Reporter& rep, const tmpl::Node& domain) {
  const tmpl::Node* paths = domain.get("BasePath");
  if (!truthy(paths) || !paths->is_seq()) return true;
  for (size_t i = 0; i < paths->items.size(); ++i) {
    if (is_str(paths->items[i])) continue;
    return fail(rep, &paths->items[i],
                "Property 'Domain.BasePath[" + std::to_string(i) + "]' should be a string.");
  }
  return true;
}

bool check_mtls(const Reporter& rep, const tmpl::Node& domain, bool rest) {
  const tmpl::Node* mtls = domain.get("MutualTlsAuthentication");
  if (!truthy(mtls)) return true;
  if (!mtls->is_map()) {
    if (rest) return fail(rep, mtls, "Property 'Domain.MutualTlsAuthentication' should be a map.");
    return fail(rep, mtls,
                "MutualTlsAuthentication must be a map with at least one of the "
                "following fields " +
                    std::string(kTrustStoreFields) + ".");
  }
  std::vector<std::string> invalid;
  for (const tmpl::MapEntry& e : mtls->entries) {
    if (e.key != "TruststoreUri" && e.key != "TruststoreVersion") invalid.push_back(e.key);
  }
  if (invalid.empty()) return true;
  if (rest) {
    return fail(rep, mtls,
                "Available Domain.MutualTlsAuthentication fields are " +
                    std::string(kTrustStoreFields) + ".");
  }
  // The v2 generator names the offending fields where the resource id belongs.
  std::sort(invalid.begin(), invalid.end());
  std::string ids;
  for (const std::string& k : invalid) ids += (ids.empty() ? "" : ",") + k;
  rep.generated_error(
      ids, rep.at(mtls),
      "Available MutualTlsAuthentication fields are " + std::string(kTrustStoreFields) + ".");
  return false;
}

}  // namespace

bool check_rest_domain(const Reporter& rep, const tmpl::Node& domain) {
  if (is_none(&domain)) return true;
  if (!domain.is_map()) return fail(rep, &domain, "Property 'Domain' should be a map.");
  if (is_intrinsic(domain)) return true;
  for (std::string_view key : {"DomainName", "CertificateArn"}) {
    if (!is_none(domain.get(key))) continue;
    return fail(rep, &domain, "Property 'Domain." + std::string(key) + "' is required.");
  }
  const tmpl::Node* endpoint = domain.get("EndpointConfiguration");
  const bool is_private = endpoint && is_str(*endpoint) && endpoint->scalar == "PRIVATE";
  const bool known = (!is_private && is_none(endpoint)) ||
                     (endpoint && is_str(*endpoint) &&
                      (endpoint->scalar == "EDGE" || endpoint->scalar == "REGIONAL" || is_private));
  if (!known && !(endpoint && is_intrinsic(*endpoint) && !is_private)) {
    return fail(rep, endpoint ? endpoint : &domain,
                "EndpointConfiguration for Custom Domains must be one of ['EDGE', 'REGIONAL', "
                "'PRIVATE'].");
  }
  if (!is_private && !check_mtls(rep, domain, true)) return false;
  if (!check_rest_base_paths(rep, domain)) return false;
  const tmpl::Node* access = domain.get("AccessAssociation");
  if (is_private && !is_none(access) && !access->is_map()) {
    return fail(rep, access, "Property 'Domain.AccessAssociation' should be a map.");
  }
  return check_route53(rep, domain, true);
}

bool check_v2_domain(const Reporter& rep, const tmpl::Node& domain) {
  if (is_none(&domain) || !domain.is_map() || is_intrinsic(domain)) return true;
  if (is_none(domain.get("DomainName")) || is_none(domain.get("CertificateArn"))) {
    return fail(rep, &domain,
                "Custom Domains only works if both DomainName and CertificateArn are "
                "provided.");
  }
  const tmpl::Node* endpoint = domain.get("EndpointConfiguration");
  if (!is_none(endpoint) && !(is_str(*endpoint) && endpoint->scalar == "REGIONAL")) {
    return fail(rep, endpoint,
                "EndpointConfiguration for Custom Domains must be one of "
                "['REGIONAL'].");
  }
  if (!check_mtls(rep, domain, false)) return false;
  const tmpl::Node* paths = domain.get("BasePath");
  if (truthy(paths) && paths->is_seq()) {
    static const std::regex kInvalid(R"([^0-9a-zA-Z\/\-\_]+)");
    for (const tmpl::Node& p : paths->items) {
      if (!is_str(p)) return fail(rep, &p, "Basepath must be a string.");
      if (std::regex_search(p.scalar, kInvalid))
        return fail(rep, &p, "Invalid Basepath name provided.");
    }
  } else if (truthy(paths) && is_str(*paths)) {
    static const std::regex kInvalid(R"([^0-9a-zA-Z\/\-\_]+)");
    if (std::regex_search(paths->scalar, kInvalid)) {
      return fail(rep, paths, "Invalid Basepath name provided.");
    }
  }
  return check_route53(rep, domain, false);
}

}  // namespace sls::validate::sam
