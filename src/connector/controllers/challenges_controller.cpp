#include "connector/controllers/challenges_controller.h"

#include "base/coded_error.h"
#include "base/js_json.h"
#include "connector/controllers/request_validation.h"
#include "connector/http/envelopes.h"
#include "core/core_date.h"
#include "crypto/signatures.h"
#include "transport/modules/relationships/relationship_channel.h"

namespace nmshd::connector {
namespace {

namespace js = boost::json;

std::span<const std::uint8_t> Utf8(const std::string& text) {
  return {reinterpret_cast<const std::uint8_t*>(text.data()), text.size()};
}

std::optional<std::string> OptionalString(const js::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  if (v == nullptr || !v->is_string()) return std::nullopt;
  return std::string(v->get_string());
}

js::object CreateChallenge(transport::TransportContext& ctx, transport::Relationships& relationships,
                           const js::object& body) {
  const auto type = RequireStringProperty(body, "challengeType");
  if (type != "Identity" && type != "Device" && type != "Relationship") {
    throw CodedError("error.runtime.validation.invalidPayload", "The given payload is not valid.");
  }
  std::optional<transport::RelationshipChannel> channel;
  if (type == "Relationship") {
    const auto relationship_id = RequireStringProperty(body, "relationship");
    const auto dto = relationships.Get(relationship_id);  // recordNotFound when unknown
    if (dto.at("status").as_string() != "Active") {
      throw CodedError("error.transport.challenges.challengeTypeRequiresActiveRelationship",
                       "The challenge type Relationship requires an active Relationship.");
    }
    auto tx = ctx.db.Begin(storage::TransactionMode::kReadOnly);
    channel = transport::LoadRelationshipChannel(*tx, ctx.box, relationship_id);
    if (!channel) {
      throw CodedError("error.transport.challenges.challengeTypeRequiresActiveRelationship",
                       "The challenge type Relationship requires an active Relationship.");
    }
  }
  const auto created = ctx.backbone.Post("/api/v2/Challenges", js::object{}).as_object();
  // Challenge.serialize(false): members alphabetically, undefined ones left out.
  js::object challenge;
  if (auto by = OptionalString(created, "createdBy")) challenge["createdBy"] = *by;
  if (auto by = OptionalString(created, "createdByDevice")) challenge["createdByDevice"] = *by;
  challenge["expiresAt"] = core::CoreDate::Parse(std::string(created.at("expiresAt").as_string())).ToString();
  challenge["id"] = created.at("id");
  challenge["type"] = type;
  const auto text = json::Stringify(challenge);
  crypto::Signature signature = type == "Identity" ? ctx.account.SignAsIdentity(Utf8(text))
                                : type == "Device" ? ctx.account.SignAsDevice(Utf8(text))
                                                   : channel->secrets.Sign(Utf8(text));
  js::object dto;
  dto["id"] = challenge.at("id");
  dto["expiresAt"] = challenge.at("expiresAt");
  if (challenge.contains("createdBy")) dto["createdBy"] = challenge.at("createdBy");
  if (challenge.contains("createdByDevice")) dto["createdByDevice"] = challenge.at("createdByDevice");
  dto["type"] = type;
  dto["signature"] = signature.ToBase64();
  dto["challengeString"] = text;
  return dto;
}

js::object ValidateChallenge(transport::TransportContext& ctx, transport::Relationships& relationships,
                             const js::object& body) {
  const auto challenge_string = RequireStringProperty(body, "challengeString");
  const auto signature_text = RequireStringProperty(body, "signature");
  crypto::Signature signature = [&] {
    try {
      return crypto::Signature::FromBase64(signature_text);
    } catch (const CodedError&) {
      throw InvalidProperty("/signature must be a base64 encoded CryptoSignature");
    }
  }();
  js::object challenge;
  try {
    challenge = js::parse(challenge_string).as_object();
  } catch (const std::exception&) {
    throw CodedError("error.runtime.requestDeserialization", "challengeString is not a serialized Challenge");
  }
  const auto invalid = js::object{{"isValid", false}};
  const auto type = OptionalString(challenge, "type").value_or("");
  const auto id = OptionalString(challenge, "id");
  const auto expires_at = OptionalString(challenge, "expiresAt");
  if (!id || !expires_at || (type != "Identity" && type != "Device" && type != "Relationship")) {
    throw CodedError("error.runtime.requestDeserialization", "challengeString is not a serialized Challenge");
  }
  if (core::CoreDate::Parse(*expires_at) < core::CoreDate::Now()) return invalid;
  js::object stored;
  try {
    stored = ctx.backbone.Get("/api/v2/Challenges/" + *id).as_object();
  } catch (const transport::BackboneError&) {
    return invalid;
  }
  if (stored.at("id").as_string() != *id) return invalid;
  const auto created_by = OptionalString(challenge, "createdBy");
  if (created_by && OptionalString(stored, "createdBy") != created_by) return invalid;
  if (!created_by) return invalid;
  if (type == "Device") {
    throw CodedError("error.runtime.notSupported", "Validating challenges of the type 'Device' is not yet supported.");
  }
  storage::QueryParameters query = {{"peer", *created_by}, {"status", "Active"}};
  const auto active = relationships.List(query);
  if (active.empty()) {
    throw CodedError("error.runtime.recordNotFound",
                     "Relationship not found. Make sure the ID exists and the record is not expired.");
  }
  const auto& relationship = active.front().as_object();
  bool valid = false;
  if (type == "Identity") {
    const auto& peer_identity = relationship.at("peerIdentity").as_object();
    const auto key = crypto::SignaturePublicKey::FromBase64(std::string(peer_identity.at("publicKey").as_string()));
    valid = crypto::Verify(Utf8(challenge_string), signature, key);
  } else {
    auto tx = ctx.db.Begin(storage::TransactionMode::kReadOnly);
    const auto channel =
        transport::LoadRelationshipChannel(*tx, ctx.box, std::string(relationship.at("id").as_string()));
    valid = channel && channel->secrets.VerifyPeer(Utf8(challenge_string), signature);
  }
  if (!valid) return invalid;
  return js::object{{"isValid", true}, {"correspondingRelationship", relationship}};
}

}  // namespace

void RegisterChallengeRoutes(ConnectorApi& api, transport::TransportContext& ctx,
                             transport::Relationships& relationships) {
  api.Add("POST", CoreRoute("/Challenges"), {"core:challenges"}, [&ctx, &relationships](ApiCall& call) {
    return Created(CreateChallenge(ctx, relationships, call.Body()));
  });
  api.Add("POST", CoreRoute("/Challenges/Validate"), {"core:challenges"}, [&ctx, &relationships](ApiCall& call) {
    return Ok(ValidateChallenge(ctx, relationships, call.Body()));
  });
}

}  // namespace nmshd::connector
