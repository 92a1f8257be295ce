#include "connector/app/key_material_check.h"

#include "base/coded_error.h"
#include "transport/account/account.h"
#include "transport/modules/files/files.h"
#include "transport/modules/messages/messages.h"
#include "transport/modules/relationships/relationships.h"
#include "transport/modules/templates/relationship_templates.h"
#include "transport/modules/tokens/tokens.h"

namespace nmshd::connector {
namespace {

namespace js = boost::json;

std::string SealedPlace(std::string_view collection, std::string_view id) {
  return std::string(collection) + "/" + std::string(id) + "/secrets";
}

void OpenSealed(const transport::SecretBox& box, std::string_view collection, std::string_view id,
                const js::object& document) {
  const auto* sealed = document.if_contains("secrets");
  if (sealed == nullptr || !sealed->is_string()) return;
  box.Open(sealed->as_string(), SealedPlace(collection, id));
}

}  // namespace

KeyMaterialReport CheckKeyMaterial(storage::Database& db, const transport::SecretBox& box, bool every_record) {
  constexpr auto kAccount = transport::Account::kCollection;
  auto tx = db.Begin(storage::TransactionMode::kReadOnly);
  const auto self = tx->Get(kAccount, "self");
  if (!self) throw CodedError("error.transport.general.noIdentityFound", "the database holds no identity");
  const auto key_check = tx->Get(kAccount, "keyCheck");
  const auto* check_value = key_check ? key_check->if_contains("value") : nullptr;
  if (check_value == nullptr || !check_value->is_string() || !box.MatchesKeyCheck(check_value->as_string())) {
    throw CodedError("error.connector.keyMaterial.wrongKey",
                     "the key material (" + box.key().source() +
                         ") does not open this database's key check: it is another key, or it is damaged");
  }
  KeyMaterialReport report;
  const auto* address = self->if_contains("address");
  if (address != nullptr && address->is_string()) report.address = std::string(address->as_string());
  OpenSealed(box, kAccount, "self", *self);
  ++report.opened_records;
  if (!every_record) return report;
  for (auto collection : {transport::RelationshipTemplates::kCollection, transport::Tokens::kCollection,
                          transport::Relationships::kCollection, transport::Files::kCollection,
                          transport::Messages::kCollection}) {
    constexpr std::size_t kPage = 200;
    for (std::size_t offset = 0;; offset += kPage) {
      const auto page = tx->Find(collection, storage::Query().OrderBy("id").Limit(kPage).Offset(offset));
      for (const auto& document : page) {
        if (!document.body.contains("secrets")) continue;
        OpenSealed(box, collection, document.id, document.body);
        ++report.opened_records;
      }
      if (page.size() < kPage) break;
    }
  }
  return report;
}

}  // namespace nmshd::connector
