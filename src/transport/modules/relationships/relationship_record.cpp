#include "transport/modules/relationships/relationship_record.h"

#include <algorithm>

#include "base/base64.h"
#include "base/js_json.h"
#include "core/core_date.h"
#include "transport/transmission/serval_json.h"

namespace nmshd::transport::relationship_record {
namespace {

namespace js = boost::json;

constexpr std::string_view kArbitraryCreationContent = "ArbitraryRelationshipCreationContent";
constexpr std::string_view kCreationContent = "RelationshipCreationContent";

std::string StringOr(const js::object& o, std::string_view key, std::string fallback = {}) {
  const auto* v = o.if_contains(key);
  return v != nullptr && v->is_string() ? std::string(v->as_string()) : fallback;
}

}  // namespace

std::string SecretsContext(std::string_view relationship_id) {
  return std::string(kCollection) + "/" + std::string(relationship_id) + "/secrets";
}

Secrets OpenSecrets(const SecretBox& box, const js::object& record) {
  Secrets secrets;
  const auto* sealed = record.if_contains("secrets");
  if (sealed == nullptr || !sealed->is_string()) return secrets;
  const auto opened = box.Open(sealed->as_string(), SecretsContext(StringOr(record, "id")));
  if (const auto* full = opened.if_contains("relationshipSecrets")) {
    secrets.full.emplace(crypto::RelationshipSecrets::FromJson(*full));
  }
  if (const auto* request = opened.if_contains("requestSecrets")) {
    secrets.request.emplace(crypto::RelationshipRequestSecrets::FromJson(*request));
  }
  return secrets;
}

std::string SealRequestSecrets(const SecretBox& box, std::string_view relationship_id,
                               const crypto::RelationshipRequestSecrets& secrets) {
  return box.Seal(js::object{{"requestSecrets", secrets.ToJson()}}, SecretsContext(relationship_id));
}

std::string SealFullSecrets(const SecretBox& box, std::string_view relationship_id,
                            const crypto::RelationshipSecrets& secrets) {
  return box.Seal(js::object{{"relationshipSecrets", secrets.ToJson()}}, SecretsContext(relationship_id));
}

js::array AuditLogFromBackbone(const js::value& backbone_log) {
  struct Entry {
    std::int64_t created_at;
    js::object json;
  };
  std::vector<Entry> entries;
  if (backbone_log.is_array()) {
    for (const auto& raw : backbone_log.as_array()) {
      const auto& e = json::AsObject(raw, "RelationshipAuditLogEntry");
      const auto created_at =
          core::CoreDate::Parse(std::string(json::RequireString(e, "createdAt", "RelationshipAuditLogEntry")));
      js::object entry;
      entry["createdAt"] = created_at.ToString();
      entry["createdBy"] = json::RequireString(e, "createdBy", "RelationshipAuditLogEntry");
      if (const auto* device = e.if_contains("createdByDevice"); device != nullptr && device->is_string()) {
        entry["createdByDevice"] = *device;
      }
      entry["reason"] = json::RequireString(e, "reason", "RelationshipAuditLogEntry");
      if (const auto* old_status = e.if_contains("oldStatus"); old_status != nullptr && old_status->is_string()) {
        entry["oldStatus"] = *old_status;
      }
      entry["newStatus"] = json::RequireString(e, "newStatus", "RelationshipAuditLogEntry");
      entries.push_back({created_at.millis(), std::move(entry)});
    }
  }
  std::stable_sort(entries.begin(), entries.end(),
                   [](const Entry& a, const Entry& b) { return a.created_at < b.created_at; });
  js::array log;
  for (auto& e : entries) log.push_back(std::move(e.json));
  return log;
}

js::object PeerIdentityJson(const PublicIdentity& identity) {
  return {{"address", identity.address.str()},
          {"publicKey", base64::EncodeUrlNoPad(json::Stringify(identity.public_key.ToJson(false)))}};
}

js::object NewRecord(const js::object& backbone_relationship, const PublicIdentity& peer,
                     const js::object& creation_content, std::string sealed_secrets) {
  const std::string id(json::RequireString(backbone_relationship, "id", "Relationship"));
  js::object record;
  record["id"] = id;
  record["templateId"] = json::RequireString(backbone_relationship, "relationshipTemplateId", "Relationship");
  record["status"] = json::RequireString(backbone_relationship, "status", "Relationship");
  record["peer"] = peer.address.str();
  record["peerIdentity"] = PeerIdentityJson(peer);
  record["auditLog"] = AuditLogFromBackbone(
      backbone_relationship.contains("auditLog") ? backbone_relationship.at("auditLog") : js::value());
  record["creationContent"] = creation_content;
  record["_createdAt"] = StringOr(backbone_relationship, "createdAt", core::CoreDate::Now().ToString());
  record["secrets"] = std::move(sealed_secrets);
  return record;
}

void ApplyBackboneState(js::object& record, const js::object& backbone_relationship) {
  record["status"] = json::RequireString(backbone_relationship, "status", "Relationship");
  record["auditLog"] = AuditLogFromBackbone(
      backbone_relationship.contains("auditLog") ? backbone_relationship.at("auditLog") : js::value());
}

js::object CreationContentForDto(const js::object& content) {
  const auto type = StringOr(content, "@type");
  if (type == kArbitraryCreationContent || type == kCreationContent) return ServalSorted(content);
  return js::object{{"@type", kArbitraryCreationContent}, {"value", content}};
}

js::object ToDto(const js::object& record) {
  js::object dto;
  dto["id"] = record.at("id");
  dto["templateId"] = record.at("templateId");
  dto["status"] = record.at("status");
  dto["peer"] = record.at("peer");
  if (const auto* info = record.if_contains("peerDeletionInfo"); info != nullptr && info->is_object()) {
    dto["peerDeletionInfo"] = *info;
  }
  dto["peerIdentity"] = record.at("peerIdentity");
  dto["auditLog"] = record.at("auditLog");
  const auto* content = record.if_contains("creationContent");
  dto["creationContent"] =
      content != nullptr && content->is_object() ? CreationContentForDto(content->as_object()) : js::object{};
  return dto;
}

const js::object* LastAuditLogEntry(const js::object& record) {
  const auto* log = record.if_contains("auditLog");
  if (log == nullptr || !log->is_array() || log->as_array().empty()) return nullptr;
  const auto& last = log->as_array().back();
  return last.is_object() ? &last.as_object() : nullptr;
}

std::size_t AuditLogSize(const js::object& record) {
  const auto* log = record.if_contains("auditLog");
  return log != nullptr && log->is_array() ? log->as_array().size() : 0;
}

}  // namespace nmshd::transport::relationship_record
