#include "transport/transmission/template_public_key.h"

#include "base/coded_error.h"
#include "base/js_json.h"
#include "core/core_id.h"

namespace nmshd::transport {

namespace {
constexpr std::string_view kType = "RelationshipTemplatePublicKey";
}

std::string TemplatePublicKey::GenerateId() { return core::CoreIdFormat(kIdPrefix).Generate(); }

boost::json::object TemplatePublicKey::ToJson(bool verbose) const {
  boost::json::object o{
      {"id", id}, {"pub", key.ToJson(false).at("pub")}, {"alg", static_cast<int>(key.algorithm())}};
  if (verbose) o["@type"] = kType;
  return o;
}

TemplatePublicKey TemplatePublicKey::FromJson(const boost::json::value& json) {
  const auto& o = json::AsObject(json, kType);
  if (const auto* type = json::Find(o, "@type");
      type != nullptr && !(type->is_string() && type->as_string() == kType)) {
    throw CodedError("error.base.invalidProperty", std::string(kType) + ".@type is wrong");
  }
  std::string id(json::RequireString(o, "id", kType));
  if (id.empty())
    throw CodedError("error.base.invalidProperty", std::string(kType) + ".id is empty");
  // The key part is a CryptoExchangePublicKey without the id.
  boost::json::object key_json;
  for (const auto* name : {"pub", "alg"}) {
    if (const auto* v = json::Find(o, name)) key_json[name] = *v;
  }
  return {std::move(id), crypto::ExchangePublicKey::FromJson(key_json)};
}

TemplateKey TemplateKey::Generate() {
  auto keypair = crypto::ExchangeKeypair::Generate();
  return {{TemplatePublicKey::GenerateId(), keypair.publicKey()}, std::move(keypair)};
}

}  // namespace nmshd::transport
