#include "consumption/identity_metadata/identity_metadata_use_cases.h"

#include <algorithm>
#include <string>
#include <string_view>

#include "base/coded_error.h"
#include "consumption/identity_metadata/identity_metadata_store.h"
#include "transport/modules/files/use_case_support.h"
#include "transport/modules/relationships/relationships.h"

namespace nmshd::consumption {
namespace {

namespace js = boost::json;

constexpr std::string_view kAddressPattern =
    "did:e:((([A-Za-z0-9]+(-[A-Za-z0-9]+)*)\\.)+[a-z]{2,}|localhost):dids:[0-9a-f]{22}";

CodedError Invalid(const std::string& message) {
  return CodedError("error.runtime.validation.invalidPropertyValue", message);
}

CodedError NotFound() {
  return CodedError("error.runtime.identityMetadata.notFound",
                    "There is no stored IdentityMetadata for the specified combination of reference and key.");
}

// {reference: AddressString, key?: string, value?} with `value` required when `with_value`; ajv's
// order: type, required (in the schema's order), additionalProperties, then each property.
void CheckRequest(const js::value& request, bool with_value) {
  if (!request.is_object()) throw Invalid("must be object");
  const auto& o = request.get_object();
  if (!o.contains("reference")) throw Invalid("must have required property 'reference'");
  if (with_value && !o.contains("value")) throw Invalid("must have required property 'value'");
  for (const auto& [name, v] : o) {
    if (name != "reference" && name != "key" && !(with_value && name == "value")) {
      throw Invalid("must NOT have additional properties");
    }
  }
  const auto& reference = o.at("reference");
  if (!reference.is_string()) throw Invalid("reference must be string");
  if (!transport::use_case::IsAddressString(reference.get_string())) {
    throw Invalid("reference must match pattern " + std::string(kAddressPattern));
  }
  if (const auto* key = o.if_contains("key"); key != nullptr && !key->is_string()) throw Invalid("key must be string");
}

std::string ReferenceOf(const js::value& request) { return std::string(request.at("reference").as_string()); }

std::optional<std::string> KeyOf(const js::value& request) {
  const auto* key = request.as_object().if_contains("key");
  if (key == nullptr) return std::nullopt;
  return std::string(key->as_string());
}

// JSONWrapper.fromAny(value).toJSON().
js::value JsonWrapperValue(const js::value& value) {
  if (value.is_null()) {
    throw CodedError("error.runtime.unknown",
                     "An error was thrown in a UseCase: Cannot convert undefined or null to object");
  }
  if (!value.is_object()) return value;
  js::object out;
  for (const auto& [name, v] : value.get_object()) {
    if (name != "@type" && name != "@version") out[name] = v;
  }
  return out;
}

}  // namespace

IdentityMetadataUseCases::IdentityMetadataUseCases(ConsumptionContext& ctx) : ctx_(ctx) {
  IdentityMetadataStore::EnsureIndexes(ctx_.db);
}

js::object IdentityMetadataUseCases::Upsert(const js::value& request) {
  CheckRequest(request, true);
  const std::string reference = ReferenceOf(request);
  return ctx_.db.WithTransaction([&](storage::Transaction& tx) {
    // getRelationships({}): a relationship of any status makes the peer familiar.
    const bool familiar =
        reference == ctx_.self_address ||
        tx.Count(transport::Relationships::kCollection,
                 storage::Filter{}.Where(storage::Condition::Equals("peer", js::string(reference)))) > 0;
    if (!familiar) {
      throw CodedError("error.runtime.identityMetadata.unfamiliarReferencedIdentity",
                       "The reference of the IdentityMetadata resolves neither to the address of a peer of a "
                       "Relationship nor the address of the own Identity.");
    }
    auto value = JsonWrapperValue(request.at("value"));
    return IdentityMetadataStore::Upsert(tx, reference, KeyOf(request), std::move(value)).ToDto();
  });
}

js::object IdentityMetadataUseCases::Get(const js::value& request) {
  CheckRequest(request, false);
  auto tx = ctx_.db.Begin(storage::TransactionMode::kReadOnly);
  auto found = IdentityMetadataStore::Find(*tx, ReferenceOf(request), KeyOf(request));
  if (!found) throw NotFound();
  return found->ToDto();
}

void IdentityMetadataUseCases::Delete(const js::value& request) {
  CheckRequest(request, false);
  ctx_.db.WithTransaction([&](storage::Transaction& tx) {
    auto found = IdentityMetadataStore::Find(tx, ReferenceOf(request), KeyOf(request));
    if (!found) throw NotFound();
    IdentityMetadataStore::Delete(tx, *found);
  });
}

}  // namespace nmshd::consumption
