// ReadAttributeRequestItem details that existing_and_queries.js showed against the official runtime:
// an unknown existingAttributeId is answered with TransportCoreErrors.general.recordNotFound
// carrying the id as the CoreError's data (" with data \"ATT…\"" ends the message), by canAccept
// and by accept; and a ReadAttributeAcceptResponseItem with a thirdPartyAddress becomes the
// asker's ThirdPartyRelationshipAttribute under the answerer's id.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <string>

#include "request_item_sides.h"
#include "base/js_json.h"
#include "consumption/requests/items/read_attribute_request_item_processor.h"
#include "content/requests/request_content.h"

namespace nmshd::consumption::testing {
namespace {

namespace js = boost::json;

constexpr const char* kAsker = "did:e:localhost:dids:00000000000000000000c1";
constexpr const char* kAnswerer = "did:e:localhost:dids:00000000000000000000d2";
constexpr const char* kThirdParty = "did:e:localhost:dids:00000000000000000000e3";
constexpr const char* kRequestId = "REQAAAAAAAAAAAAAAAR1";
constexpr const char* kUnknownId = "ATTxxxxxxxxxxxxxxxxx";

LocalRequest RequestFrom(const std::string& peer, bool is_own) { return ItemRequest(kRequestId, is_own, peer); }

js::object IqlItem() {
  return content::NormalizeRequestItem(json::Parse(
      R"({"@type":"ReadAttributeRequestItem","mustBeAccepted":true,
          "query":{"@type":"IQLQuery","queryString":"GivenName"}})"));
}

// "<code>: ''LocalAttribute' not found.' at <ISO time> with data \"<id>\"", as the official CoreError.
void ExpectRecordNotFoundWithId(const std::string& code, const std::string& message) {
  EXPECT_EQ(code, "error.transport.recordNotFound");
  const std::string head = "error.transport.recordNotFound: ''LocalAttribute' not found.' at ";
  const std::string tail = std::string(" with data \"") + kUnknownId + "\"";
  EXPECT_TRUE(message.starts_with(head)) << message;
  EXPECT_TRUE(message.ends_with(tail)) << message;
  // Between them the time, e.g. 2025-01-01T00:00:00.000Z.
  EXPECT_EQ(message.size(), head.size() + 24 + tail.size()) << message;
}

TEST(RequestsReads, AnUnknownExistingAttributeIsRecordNotFoundWithItsIdAsData) {
  ItemSide answerer(kAnswerer);
  ReadAttributeRequestItemProcessor processor(*answerer.attributes);
  const js::object params{{"accept", true}, {"existingAttributeId", kUnknownId}};
  const auto incoming = RequestFrom(kAsker, false);

  const auto result = answerer.InTx([&](storage::Transaction& tx, transport::PendingEvents&) {
    return processor.CanAccept(tx, IqlItem(), params, incoming);
  });
  EXPECT_FALSE(result.success);
  ExpectRecordNotFoundWithId(result.code, result.message);

  try {
    answerer.InTx([&](storage::Transaction& tx, transport::PendingEvents& events) {
      return processor.Accept(tx, IqlItem(), params, incoming, events);
    });
    ADD_FAILURE() << "accept with an unknown attribute succeeded";
  } catch (const CodedError& e) {
    ExpectRecordNotFoundWithId(e.code(), e.what());
  }
}

TEST(RequestsReads, AThirdPartyAnswerBecomesAThirdPartyRelationshipAttributeUnderTheAnswerersId) {
  ItemSide asker(kAsker);
  ReadAttributeRequestItemProcessor processor(*asker.attributes);
  const auto item = content::NormalizeRequestItem(json::Parse(std::string(R"({"@type":"ReadAttributeRequestItem",
    "mustBeAccepted":true,"query":{"@type":"ThirdPartyRelationshipAttributeQuery","owner":"thirdParty",
    "key":"partnerNumber","thirdParty":[")") + kThirdParty + R"("]}})"));
  const auto response = content::NormalizeResponseItem(json::Parse(std::string(R"({
    "@type":"ReadAttributeAcceptResponseItem","result":"Accepted","attributeId":"ATTpartnerNumber0001",
    "thirdPartyAddress":")") + kThirdParty +
    R"(","attribute":{"@type":"RelationshipAttribute","owner":")" + kThirdParty + R"(","key":"partnerNumber",
    "confidentiality":"public","value":{"@type":"ProprietaryString","title":"Partner number","value":"P-7"}}})"));
  const auto outgoing = RequestFrom(kAnswerer, true);
  asker.InTx([&](storage::Transaction& tx, transport::PendingEvents& events) {
    processor.ApplyIncomingResponseItem(tx, response, item, outgoing, events);
    return 0;
  });

  const auto stored = asker.InTx([&](storage::Transaction& tx, transport::PendingEvents&) {
    return asker.attributes->Get(tx, "ATTpartnerNumber0001");
  });
  ASSERT_TRUE(stored.has_value());
  EXPECT_EQ(stored->type, LocalAttributeType::kThirdPartyRelationship);
  EXPECT_EQ(stored->peer.value_or(""), kAnswerer);
  EXPECT_EQ(stored->initial_attribute_peer.value_or(""), kThirdParty);
  EXPECT_EQ(stored->source_reference.value_or(""), kRequestId);
  EXPECT_EQ(js::value(stored->content), response.at("attribute"));
}

}  // namespace
}  // namespace nmshd::consumption::testing
