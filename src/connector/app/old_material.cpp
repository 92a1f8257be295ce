#include "connector/app/old_material.h"

#include "base/coded_error.h"
#include "transport/backbone/backbone_error.h"
#include "transport/modules/files/files.h"
#include "transport/modules/messages/messages.h"
#include "transport/modules/templates/relationship_templates.h"
#include "transport/modules/tokens/tokens.h"

namespace nmshd::connector {
namespace {

namespace js = boost::json;

std::string StringMember(const js::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v != nullptr && v->is_string() ? std::string(v->as_string()) : std::string();
}

// The records of `collection` whose expiresAt lies before `now`. The query narrows by text (stored
// dates are normalised ISO strings, which sort like the dates); the parse decides.
std::vector<ExpiredRecord> Expired(storage::Transaction& tx, std::string_view collection, const core::CoreDate& now) {
  std::vector<ExpiredRecord> out;
  const auto candidates = tx.Find(
      collection, storage::Query().Where(storage::Condition::Less("expiresAt", js::string(now.ToString()))).OrderBy("id"));
  for (const auto& document : candidates) {
    const auto expires_at = StringMember(document.body, "expiresAt");
    if (expires_at.empty()) continue;  // a template without expiry
    try {
      if (!(core::CoreDate::Parse(expires_at) < now)) continue;
    } catch (const CodedError&) {
      continue;
    }
    const auto* own = document.body.if_contains("isOwn");
    out.push_back(ExpiredRecord{std::string(collection), document.id, expires_at,
                                own != nullptr && own->is_bool() && own->as_bool()});
  }
  return out;
}

}  // namespace

OldMaterial FindOldMaterial(storage::Database& db, const core::CoreDate& now) {
  auto tx = db.Begin(storage::TransactionMode::kReadOnly);
  OldMaterial material;
  material.templates = Expired(*tx, transport::RelationshipTemplates::kCollection, now);
  material.tokens = Expired(*tx, transport::Tokens::kCollection, now);
  for (auto& file : Expired(*tx, transport::Files::kCollection, now)) {
    const auto referenced = tx->Count(transport::Messages::kCollection,
                                      storage::Filter{}.Where(storage::Condition::Equals("attachments", js::string(file.id))));
    if (referenced == 0) material.files.push_back(std::move(file));
  }
  return material;
}

CleanupResult CleanupOldMaterial(storage::Database& db, transport::BackboneClient* backbone,
                                 const OldMaterial& material) {
  CleanupResult result;
  auto remove = [&](const ExpiredRecord& record, const char* backbone_route) {
    if (record.own && backbone_route != nullptr) {
      if (backbone == nullptr) {
        result.failures.push_back(record.collection + "/" + record.id + ": the Backbone is not usable, kept");
        return;
      }
      try {
        backbone->Delete(std::string(backbone_route) + record.id);
      } catch (const transport::BackboneError& e) {
        if (e.status() != 404) {
          result.failures.push_back(record.collection + "/" + record.id + ": " + e.what());
          return;
        }
      }
    }
    if (db.Delete(record.collection, record.id)) ++result.deleted;
  };
  for (const auto& t : material.templates) remove(t, "/api/v2/RelationshipTemplates/");
  for (const auto& t : material.tokens) remove(t, "/api/v2/Tokens/");
  for (const auto& f : material.files) remove(f, nullptr);
  return result;
}

}  // namespace nmshd::connector
