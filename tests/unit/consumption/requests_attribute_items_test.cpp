// The attribute request item processors (Share/Read/CreateAttributeRequestItem of consumption
// 7.0.0) on two identities' databases: the recipient's accept and the sender's apply create the
// matching records (same id on both sides, peer, sourceReference, forwarding details), and the
// refusals carry the official codes and messages.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <string>

#include "request_item_sides.h"
#include "base/js_json.h"
#include "consumption/requests/items/create_attribute_request_item_processor.h"
#include "consumption/requests/items/read_attribute_request_item_processor.h"
#include "consumption/requests/items/share_attribute_request_item_processor.h"
#include "content/requests/request_content.h"

namespace nmshd::consumption::testing {
namespace {

namespace js = boost::json;

constexpr const char* kSender = "did:e:localhost:dids:00000000000000000000a1";
constexpr const char* kRecipient = "did:e:localhost:dids:00000000000000000000b2";
constexpr const char* kRequestId = "REQAAAAAAAAAAAAAAAA1";

class AttributeItemsTest : public TwoSidesTest {
 protected:
  AttributeItemsTest() : TwoSidesTest(kSender, kRecipient, kRequestId) {}
};

TEST_F(AttributeItemsTest, ShareIdentityAttributeCreatesThePeerCopyAndForwardingDetails) {
  const auto own = sender_.OwnIdentity(R"({"@type":"GivenName","value":"Alice"})");
  js::object raw{{"@type", "ShareAttributeRequestItem"}, {"mustBeAccepted", true},
                 {"attribute", own.content}, {"attributeId", own.id}};
  const auto item = content::NormalizeRequestItem(raw);
  EXPECT_EQ(CodeOf(CanCreate<ShareAttributeRequestItemProcessor>(item)), "success");
  EXPECT_EQ(CodeOf(CanAccept<ShareAttributeRequestItemProcessor>(item)), "success");

  const auto response = Accept<ShareAttributeRequestItemProcessor>(item);
  EXPECT_EQ(response.at("@type"), "AcceptResponseItem");
  const auto copy = recipient_.Get(own.id);
  ASSERT_TRUE(copy);
  EXPECT_EQ(copy->type, LocalAttributeType::kPeerIdentity);
  EXPECT_EQ(copy->peer, kSender);
  EXPECT_EQ(copy->source_reference, kRequestId);
  EXPECT_EQ(copy->content.at("value"), own.content.at("value"));

  Apply<ShareAttributeRequestItemProcessor>(response, item);
  const auto forwards = sender_.Forwards(own);
  ASSERT_EQ(forwards.size(), 1u);
  EXPECT_EQ(forwards[0].peer, kRecipient);
  EXPECT_EQ(forwards[0].source_reference, kRequestId);

  // Sharing again: refused on the sender side; the recipient answers AttributeAlreadyShared.
  const auto again = CanCreate<ShareAttributeRequestItemProcessor>(item);
  EXPECT_EQ(again.code, "error.consumption.requests.invalidRequestItem");
  EXPECT_NE(again.message.find("The Attribute with the given attributeId '" + own.id +
                               "' is already shared with the peer."),
            std::string::npos)
      << again.message;
  const auto already = Accept<ShareAttributeRequestItemProcessor>(item);
  EXPECT_EQ(already.at("@type"), "AttributeAlreadySharedAcceptResponseItem");
  EXPECT_EQ(already.at("attributeId").as_string(), own.id);
}

TEST_F(AttributeItemsTest, ShareRefusesUnknownAndMismatchingAttributes) {
  const auto own = sender_.OwnIdentity(R"({"@type":"GivenName","value":"Alice"})");
  auto content = own.content;
  const auto unknown = Item(R"({"@type":"ShareAttributeRequestItem","mustBeAccepted":true,
    "attributeId":"ATTXXXXXXXXXXXXXXXXX","attribute":)" + json::Stringify(content) + "}");
  const auto r1 = CanCreate<ShareAttributeRequestItemProcessor>(unknown);
  EXPECT_EQ(r1.code, "error.consumption.requests.invalidRequestItem");
  EXPECT_NE(r1.message.find("The Attribute with the given attributeId 'ATTXXXXXXXXXXXXXXXXX' could not be found."),
            std::string::npos);
  content["value"].as_object()["value"] = "Bob";
  const auto mismatch = Item(R"({"@type":"ShareAttributeRequestItem","mustBeAccepted":true,"attributeId":")" + own.id +
                             R"(","attribute":)" + json::Stringify(content) + "}");
  const auto r2 = CanCreate<ShareAttributeRequestItemProcessor>(mismatch);
  EXPECT_NE(r2.message.find("does not match the given Attribute."), std::string::npos) << r2.message;
  // A RelationshipAttribute without thirdPartyAddress cannot be accepted.
  const auto rel = Item(R"({"@type":"ShareAttributeRequestItem","mustBeAccepted":true,"attributeId":")" + own.id +
                        R"(","attribute":{"@type":"RelationshipAttribute","owner":")" + std::string(kSender) +
                        R"(","key":"k","confidentiality":"public",
                        "value":{"@type":"ProprietaryString","title":"t","value":"v"}}})");
  const auto r3 = CanAccept<ShareAttributeRequestItemProcessor>(rel);
  EXPECT_EQ(r3.code, "error.consumption.requests.invalidRequestItem");
  EXPECT_NE(r3.message.find("it must contain an IdentityAttribute if thirdPartyAddress is undefined."),
            std::string::npos);
}

TEST_F(AttributeItemsTest, CreateRelationshipAttributeStoresBothSidesUnderOneId) {
  const auto item = Item(R"({"@type":"CreateAttributeRequestItem","mustBeAccepted":true,
    "attribute":{"@type":"RelationshipAttribute","owner":"","key":"customerNumber","confidentiality":"public",
    "value":{"@type":"ProprietaryString","title":"Customer number","value":"42"}}})");
  EXPECT_EQ(CodeOf(CanCreate<CreateAttributeRequestItemProcessor>(item)), "success");
  EXPECT_EQ(CodeOf(CanAccept<CreateAttributeRequestItemProcessor>(item)), "success");
  const auto response = Accept<CreateAttributeRequestItemProcessor>(item);
  ASSERT_EQ(response.at("@type"), "CreateAttributeAcceptResponseItem");
  const std::string id(response.at("attributeId").as_string());
  const auto mine = recipient_.Get(id);
  ASSERT_TRUE(mine);
  EXPECT_EQ(mine->type, LocalAttributeType::kOwnRelationship);
  EXPECT_EQ(mine->Owner(), kRecipient);
  EXPECT_EQ(mine->peer, kSender);
  EXPECT_EQ(mine->source_reference, kRequestId);

  Apply<CreateAttributeRequestItemProcessor>(response, item);
  const auto theirs = sender_.Get(id);
  ASSERT_TRUE(theirs);
  EXPECT_EQ(theirs->type, LocalAttributeType::kPeerRelationship);
  EXPECT_EQ(theirs->Owner(), kRecipient);
  EXPECT_EQ(theirs->peer, kRecipient);
  EXPECT_EQ(theirs->source_reference, kRequestId);

  // The key is taken now, on both sides.
  const auto again = CanCreate<CreateAttributeRequestItemProcessor>(item);
  EXPECT_EQ(again.code, "error.consumption.requests.invalidRequestItem");
  EXPECT_NE(again.message.find("same key 'customerNumber', owner and value type."), std::string::npos);
  EXPECT_THROW(
      {
        try {
          CanAccept<CreateAttributeRequestItemProcessor>(item);
        } catch (const CodedError& e) {
          EXPECT_EQ(e.code(), "error.consumption.requests.violatedKeyUniquenessOfRelationshipAttributes");
          throw;
        }
      },
      CodedError);
  auto optional_item = item;
  optional_item["mustBeAccepted"] = false;
  EXPECT_EQ(CanAccept<CreateAttributeRequestItemProcessor>(optional_item).code,
            "error.consumption.requests.invalidAcceptParameters");
}

TEST_F(AttributeItemsTest, CreateIdentityAttributeBecomesAnOwnIdentityAttributeOfTheRecipient) {
  const auto item = Item(R"({"@type":"CreateAttributeRequestItem","mustBeAccepted":true,
    "attribute":{"@type":"IdentityAttribute","owner":"","value":{"@type":"Surname","value":"Smith"}}})");
  EXPECT_EQ(CodeOf(CanCreate<CreateAttributeRequestItemProcessor>(item)), "success");
  const auto response = Accept<CreateAttributeRequestItemProcessor>(item);
  ASSERT_EQ(response.at("@type"), "CreateAttributeAcceptResponseItem");
  const std::string id(response.at("attributeId").as_string());
  const auto own = recipient_.Get(id);
  ASSERT_TRUE(own);
  EXPECT_EQ(own->type, LocalAttributeType::kOwnIdentity);
  EXPECT_EQ(own->Owner(), kRecipient);
  const auto forwards = recipient_.Forwards(*own);
  ASSERT_EQ(forwards.size(), 1u);
  EXPECT_EQ(forwards[0].peer, kSender);
  EXPECT_EQ(forwards[0].source_reference, kRequestId);

  Apply<CreateAttributeRequestItemProcessor>(response, item);
  const auto copy = sender_.Get(id);
  ASSERT_TRUE(copy);
  EXPECT_EQ(copy->type, LocalAttributeType::kPeerIdentity);
  EXPECT_EQ(copy->peer, kRecipient);
  EXPECT_EQ(copy->source_reference, kRequestId);

  // The same value again: the recipient already shared it.
  const auto again = Accept<CreateAttributeRequestItemProcessor>(item);
  EXPECT_EQ(again.at("@type"), "AttributeAlreadySharedAcceptResponseItem");
  EXPECT_EQ(again.at("attributeId").as_string(), id);

  const auto own_item = Item(R"({"@type":"CreateAttributeRequestItem","mustBeAccepted":true,
    "attribute":{"@type":"IdentityAttribute","owner":")" + std::string(kSender) +
                             R"(","value":{"@type":"Surname","value":"Smith"}}})");
  EXPECT_NE(CanCreate<CreateAttributeRequestItemProcessor>(own_item).message.find(
                "Cannot create OwnIdentityAttributes with a CreateAttributeRequestItem."),
            std::string::npos);
}

TEST_F(AttributeItemsTest, ReadIdentityAttributeWithNewAndExistingAttribute) {
  const auto item = Item(R"({"@type":"ReadAttributeRequestItem","mustBeAccepted":true,
    "query":{"@type":"IdentityAttributeQuery","valueType":"GivenName"}})");
  EXPECT_EQ(CodeOf(CanCreate<ReadAttributeRequestItemProcessor>(item)), "success");
  const js::object params{{"accept", true},
                          {"newAttribute", json::Parse(R"({"@type":"IdentityAttribute","owner":"",
                            "value":{"@type":"GivenName","value":"Carol"}})")}};
  EXPECT_EQ(CodeOf(CanAccept<ReadAttributeRequestItemProcessor>(item, params)), "success");
  const auto response = Accept<ReadAttributeRequestItemProcessor>(item, params);
  ASSERT_EQ(response.at("@type"), "ReadAttributeAcceptResponseItem");
  const std::string id(response.at("attributeId").as_string());
  EXPECT_EQ(response.at("attribute").at("owner"), kRecipient);
  const auto own = recipient_.Get(id);
  ASSERT_TRUE(own);
  EXPECT_EQ(own->type, LocalAttributeType::kOwnIdentity);
  EXPECT_EQ(recipient_.Forwards(*own).size(), 1u);

  Apply<ReadAttributeRequestItemProcessor>(response, item);
  const auto copy = sender_.Get(id);
  ASSERT_TRUE(copy);
  EXPECT_EQ(copy->type, LocalAttributeType::kPeerIdentity);
  EXPECT_EQ(copy->peer, kRecipient);
  EXPECT_EQ(copy->source_reference, kRequestId);

  // Answering with the same attribute again: already shared.
  const js::object existing{{"accept", true}, {"existingAttributeId", id}};
  EXPECT_EQ(CodeOf(CanAccept<ReadAttributeRequestItemProcessor>(item, existing)), "success");
  const auto already = Accept<ReadAttributeRequestItemProcessor>(item, existing);
  EXPECT_EQ(already.at("@type"), "AttributeAlreadySharedAcceptResponseItem");
  EXPECT_EQ(already.at("attributeId").as_string(), id);
}

TEST_F(AttributeItemsTest, ReadRefusesAttributesThatDoNotAnswerTheQuery) {
  const auto item = Item(R"({"@type":"ReadAttributeRequestItem","mustBeAccepted":true,
    "query":{"@type":"IdentityAttributeQuery","valueType":"GivenName"}})");
  const auto surname = recipient_.OwnIdentity(R"({"@type":"Surname","value":"Smith"})");
  const auto wrong_type = CanAccept<ReadAttributeRequestItemProcessor>(
      item, js::object{{"accept", true}, {"existingAttributeId", surname.id}});
  EXPECT_EQ(wrong_type.code, "error.consumption.requests.attributeQueryMismatch");
  EXPECT_NE(wrong_type.message.find("The provided IdentityAttribute is not of the queried IdentityAttribute value type."),
            std::string::npos);
  const auto missing = CanAccept<ReadAttributeRequestItemProcessor>(
      item, js::object{{"accept", true}, {"existingAttributeId", "ATTXXXXXXXXXXXXXXXXX"}});
  EXPECT_EQ(missing.code, "error.transport.recordNotFound");

  const auto rel_item = Item(R"({"@type":"ReadAttributeRequestItem","mustBeAccepted":true,
    "query":{"@type":"RelationshipAttributeQuery","owner":"","key":"k",
    "attributeCreationHints":{"valueType":"ProprietaryString","title":"T","confidentiality":"public"}}})");
  const auto existing_for_rel = CanAccept<ReadAttributeRequestItemProcessor>(
      rel_item, js::object{{"accept", true}, {"existingAttributeId", surname.id}});
  EXPECT_EQ(existing_for_rel.code, "error.consumption.requests.invalidAcceptParameters");
  EXPECT_EQ(existing_for_rel.message,
            "When responding to a RelationshipAttributeQuery, only new RelationshipAttributes may be provided.");
  const auto foreign_owner = Item(R"({"@type":"ReadAttributeRequestItem","mustBeAccepted":true,
    "query":{"@type":"RelationshipAttributeQuery","owner":")" + std::string(kRecipient) +
                                  R"(","key":"k",
    "attributeCreationHints":{"valueType":"ProprietaryString","title":"T","confidentiality":"public"}}})");
  EXPECT_EQ(CanCreate<ReadAttributeRequestItemProcessor>(foreign_owner).code,
            "error.consumption.requests.invalidRequestItem");
}

TEST_F(AttributeItemsTest, ReadRelationshipAttributeQueryCreatesTheRelationshipAttribute) {
  const auto item = Item(R"({"@type":"ReadAttributeRequestItem","mustBeAccepted":true,
    "query":{"@type":"RelationshipAttributeQuery","owner":"","key":"k",
    "attributeCreationHints":{"valueType":"ProprietaryString","title":"T","confidentiality":"public"}}})");
  EXPECT_EQ(CodeOf(CanCreate<ReadAttributeRequestItemProcessor>(item)), "success");
  const js::object params{{"accept", true},
                          {"newAttribute", json::Parse(R"({"@type":"RelationshipAttribute","owner":"","key":"k",
                            "confidentiality":"public","value":{"@type":"ProprietaryString","title":"T","value":"v"}})")}};
  EXPECT_EQ(CodeOf(CanAccept<ReadAttributeRequestItemProcessor>(item, params)), "success");
  auto wrong_title = params;
  wrong_title["newAttribute"].as_object()["value"].as_object()["title"] = "X";
  EXPECT_EQ(CanAccept<ReadAttributeRequestItemProcessor>(item, wrong_title).message.find(
                "does not have the queried title."),
            CanAccept<ReadAttributeRequestItemProcessor>(item, wrong_title).message.find("does not have the queried title."));
  EXPECT_EQ(CanAccept<ReadAttributeRequestItemProcessor>(item, wrong_title).code,
            "error.consumption.requests.attributeQueryMismatch");

  const auto response = Accept<ReadAttributeRequestItemProcessor>(item, params);
  ASSERT_EQ(response.at("@type"), "ReadAttributeAcceptResponseItem");
  const std::string id(response.at("attributeId").as_string());
  const auto mine = recipient_.Get(id);
  ASSERT_TRUE(mine);
  EXPECT_EQ(mine->type, LocalAttributeType::kOwnRelationship);
  Apply<ReadAttributeRequestItemProcessor>(response, item);
  const auto theirs = sender_.Get(id);
  ASSERT_TRUE(theirs);
  EXPECT_EQ(theirs->type, LocalAttributeType::kPeerRelationship);
  EXPECT_EQ(theirs->peer, kRecipient);
  EXPECT_EQ(theirs->source_reference, kRequestId);
}

}  // namespace
}  // namespace nmshd::consumption::testing
