// The ProposeAttribute and DeleteAttribute request item processors (consumption 7.0.0) on two
// identities' databases: the recipient's accept and the sender's apply create or mark the matching
// records (same id on both sides, owner, peer, sourceReference, forwarding and deletion infos), and
// the refusals carry the official codes and messages.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <string>

#include "request_item_sides.h"
#include "base/js_json.h"
#include "consumption/attributes/attribute_deletion_status.h"
#include "consumption/requests/items/delete_attribute_request_item_processor.h"
#include "consumption/requests/items/propose_attribute_request_item_processor.h"
#include "consumption/requests/items/share_attribute_request_item_processor.h"
#include "content/requests/request_content.h"
#include "content/serval_error.h"
#include "core/core_date.h"

namespace nmshd::consumption::testing {
namespace {

namespace js = boost::json;

constexpr const char* kSender = "did:e:localhost:dids:00000000000000000000c3";
constexpr const char* kRecipient = "did:e:localhost:dids:00000000000000000000d4";
constexpr const char* kRequestId = "REQAAAAAAAAAAAAAAAA2";

class ProposeDeleteItemsTest : public TwoSidesTest {
 protected:
  ProposeDeleteItemsTest() : TwoSidesTest(kSender, kRecipient, kRequestId) {}

  // The sender shares one of its OwnIdentityAttributes with the recipient (ShareAttribute, accepted
  // and applied): the recipient holds a PeerIdentityAttribute under the same id.
  LocalAttribute ShareOwnIdentity(const std::string& value_json) {
    const auto own = sender_.OwnIdentity(value_json);
    const auto item = content::NormalizeRequestItem(js::object{
        {"@type", "ShareAttributeRequestItem"}, {"mustBeAccepted", true}, {"attribute", own.content}, {"attributeId", own.id}});
    const auto response = Accept<ShareAttributeRequestItemProcessor>(item, {{"accept", true}});
    Apply<ShareAttributeRequestItemProcessor>(response, item);
    return own;
  }
};

const char* kProposeGivenName = R"({"@type":"ProposeAttributeRequestItem","mustBeAccepted":true,
  "query":{"@type":"IdentityAttributeQuery","valueType":"GivenName"},
  "attribute":{"@type":"IdentityAttribute","owner":"","value":{"@type":"GivenName","value":"Alice"}}})";

// ---- ProposeAttribute --------------------------------------------------------------------------

TEST_F(ProposeDeleteItemsTest, ProposeAcceptedWithANewIdentityAttributeCreatesOwnAndPeerCopy) {
  const auto item = Item(kProposeGivenName);
  EXPECT_EQ(CodeOf(CanCreate<ProposeAttributeRequestItemProcessor>(item)), "success");
  // The recipient edits the proposed value before accepting.
  const js::object params{{"accept", true},
                          {"attribute", json::Parse(R"({"@type":"IdentityAttribute","owner":"",
                            "value":{"@type":"GivenName","value":"Alicia"}})")}};
  EXPECT_EQ(CodeOf(CanAccept<ProposeAttributeRequestItemProcessor>(item, params)), "success");
  const auto response = Accept<ProposeAttributeRequestItemProcessor>(item, params);
  ASSERT_EQ(response.at("@type"), "ProposeAttributeAcceptResponseItem");
  EXPECT_EQ(response.at("result"), "Accepted");
  EXPECT_EQ(response.at("attribute").at("owner"), kRecipient);
  EXPECT_EQ(response.at("attribute").at("value").at("value"), "Alicia");
  const std::string id(response.at("attributeId").as_string());

  const auto own = recipient_.Get(id);
  ASSERT_TRUE(own);
  EXPECT_EQ(own->type, LocalAttributeType::kOwnIdentity);
  EXPECT_EQ(own->Owner(), kRecipient);
  const auto forwards = recipient_.Forwards(*own);
  ASSERT_EQ(forwards.size(), 1u);
  EXPECT_EQ(forwards[0].peer, kSender);
  EXPECT_EQ(forwards[0].source_reference, kRequestId);

  Apply<ProposeAttributeRequestItemProcessor>(response, item);
  const auto copy = sender_.Get(id);
  ASSERT_TRUE(copy);
  EXPECT_EQ(copy->type, LocalAttributeType::kPeerIdentity);
  EXPECT_EQ(copy->Owner(), kRecipient);
  EXPECT_EQ(copy->peer, kRecipient);
  EXPECT_EQ(copy->source_reference, kRequestId);
  EXPECT_EQ(copy->content.at("value"), own->content.at("value"));

  // The same value proposed again: the recipient reuses its attribute, already shared.
  const auto again = Accept<ProposeAttributeRequestItemProcessor>(item, params);
  EXPECT_EQ(again.at("@type"), "AttributeAlreadySharedAcceptResponseItem");
  EXPECT_EQ(again.at("attributeId").as_string(), id);
  Apply<ProposeAttributeRequestItemProcessor>(again, item);
  EXPECT_TRUE(sender_.Get(id));
}

TEST_F(ProposeDeleteItemsTest, ProposeAcceptedWithAnExistingAttributeAndTagsSharesTheSuccessor) {
  const auto item = Item(kProposeGivenName);
  const auto existing = recipient_.OwnIdentity(R"({"@type":"GivenName","value":"Bea"})");
  const js::object params{{"accept", true}, {"attributeId", existing.id}};
  EXPECT_EQ(CodeOf(CanAccept<ProposeAttributeRequestItemProcessor>(item, params)), "success");
  const auto first = Accept<ProposeAttributeRequestItemProcessor>(item, params);
  ASSERT_EQ(first.at("@type"), "ProposeAttributeAcceptResponseItem");
  EXPECT_EQ(first.at("attributeId").as_string(), existing.id);
  Apply<ProposeAttributeRequestItemProcessor>(first, item);
  ASSERT_TRUE(sender_.Get(existing.id));

  // With tags the attribute is succeeded first; the peer gets the successor as a succession.
  const js::object tagged{{"accept", true}, {"attributeId", existing.id}, {"tags", js::array{"x:private"}}};
  EXPECT_EQ(CodeOf(CanAccept<ProposeAttributeRequestItemProcessor>(item, tagged)), "success");
  const auto succession = Accept<ProposeAttributeRequestItemProcessor>(item, tagged);
  ASSERT_EQ(succession.at("@type"), "AttributeSuccessionAcceptResponseItem");
  EXPECT_EQ(succession.at("predecessorId").as_string(), existing.id);
  const std::string successor_id(succession.at("successorId").as_string());
  EXPECT_NE(successor_id, existing.id);
  EXPECT_EQ(succession.at("successorContent").at("tags"), (js::array{"x:private"}));
  const auto own_successor = recipient_.Get(successor_id);
  ASSERT_TRUE(own_successor);
  EXPECT_EQ(own_successor->succeeds, existing.id);

  Apply<ProposeAttributeRequestItemProcessor>(succession, item);
  const auto peer_successor = sender_.Get(successor_id);
  ASSERT_TRUE(peer_successor);
  EXPECT_EQ(peer_successor->type, LocalAttributeType::kPeerIdentity);
  EXPECT_EQ(peer_successor->succeeds, existing.id);
  EXPECT_EQ(sender_.Get(existing.id)->succeeded_by, successor_id);

  // The outdated predecessor cannot be chosen any more.
  const auto outdated = CanAccept<ProposeAttributeRequestItemProcessor>(item, params);
  EXPECT_EQ(outdated.code, "error.consumption.requests.attributeQueryMismatch");
  EXPECT_NE(outdated.message.find("The provided IdentityAttribute is outdated. You have already shared the successor '" +
                                  successor_id + "' of it."),
            std::string::npos)
      << outdated.message;
}

TEST_F(ProposeDeleteItemsTest, ProposeRelationshipAttributeStoresOwnAndPeerRelationshipAttribute) {
  const auto item = Item(R"({"@type":"ProposeAttributeRequestItem","mustBeAccepted":false,
    "query":{"@type":"RelationshipAttributeQuery","owner":"","key":"membership",
      "attributeCreationHints":{"valueType":"ProprietaryString","title":"Membership","confidentiality":"public"}},
    "attribute":{"@type":"RelationshipAttribute","owner":"","key":"membership","confidentiality":"public",
      "value":{"@type":"ProprietaryString","title":"Membership","value":"gold"}}})");
  EXPECT_EQ(CodeOf(CanCreate<ProposeAttributeRequestItemProcessor>(item)), "success");
  const js::object params{{"accept", true}, {"attribute", item.at("attribute")}};
  EXPECT_EQ(CodeOf(CanAccept<ProposeAttributeRequestItemProcessor>(item, params)), "success");
  const auto response = Accept<ProposeAttributeRequestItemProcessor>(item, params);
  ASSERT_EQ(response.at("@type"), "ProposeAttributeAcceptResponseItem");
  const std::string id(response.at("attributeId").as_string());
  const auto mine = recipient_.Get(id);
  ASSERT_TRUE(mine);
  EXPECT_EQ(mine->type, LocalAttributeType::kOwnRelationship);
  EXPECT_EQ(mine->Owner(), kRecipient);
  EXPECT_EQ(mine->peer, kSender);

  Apply<ProposeAttributeRequestItemProcessor>(response, item);
  const auto theirs = sender_.Get(id);
  ASSERT_TRUE(theirs);
  EXPECT_EQ(theirs->type, LocalAttributeType::kPeerRelationship);
  EXPECT_EQ(theirs->Owner(), kRecipient);
  EXPECT_EQ(theirs->peer, kRecipient);
  EXPECT_EQ(theirs->source_reference, kRequestId);

  // The key is taken now: the sender cannot propose it again, the recipient cannot accept it again.
  const auto again = CanCreate<ProposeAttributeRequestItemProcessor>(item);
  EXPECT_EQ(again.code, "error.consumption.requests.invalidRequestItem");
  EXPECT_NE(again.message.find("The creation of the proposed RelationshipAttribute cannot be requested because there "
                               "is already a RelationshipAttribute in the context of this Relationship with the same "
                               "key 'membership', owner and value type."),
            std::string::npos)
      << again.message;
  const auto refused = CanAccept<ProposeAttributeRequestItemProcessor>(item, params);
  EXPECT_EQ(refused.code, "error.consumption.requests.invalidAcceptParameters");
  EXPECT_NE(refused.message.find("This ProposeAttributeRequestItem cannot be accepted"), std::string::npos);
  // An existing attribute never answers a RelationshipAttributeQuery.
  const auto existing = CanAccept<ProposeAttributeRequestItemProcessor>(item, {{"accept", true}, {"attributeId", id}});
  EXPECT_EQ(existing.message,
            "When responding to a RelationshipAttributeQuery, only new RelationshipAttributes may be provided.");
}

TEST_F(ProposeDeleteItemsTest, ProposeRefusesForeignOwnersWrongKindsAndBadParameters) {
  // The sender may not name an owner, neither in the attribute nor in a relationship query.
  const auto owned = Item(R"({"@type":"ProposeAttributeRequestItem","mustBeAccepted":true,
    "query":{"@type":"IdentityAttributeQuery","valueType":"GivenName"},
    "attribute":{"@type":"IdentityAttribute","owner":")" + std::string(kRecipient) +
                          R"(","value":{"@type":"GivenName","value":"Alice"}}})");
  const auto r1 = CanCreate<ProposeAttributeRequestItemProcessor>(owned);
  EXPECT_EQ(r1.code, "error.consumption.requests.invalidRequestItem");
  EXPECT_NE(r1.message.find("The owner of the given `attribute` can only be an empty string."), std::string::npos);

  const auto item = Item(kProposeGivenName);
  // A PeerIdentityAttribute of the recipient is not its own.
  const auto shared = ShareOwnIdentity(R"({"@type":"GivenName","value":"Sam"})");
  const auto foreign = CanAccept<ProposeAttributeRequestItemProcessor>(item, {{"accept", true}, {"attributeId", shared.id}});
  EXPECT_EQ(foreign.code, "error.consumption.requests.invalidAcceptParameters");
  EXPECT_EQ(foreign.message,
            "The selected Attribute is not an OwnIdentityAttribute. When accepting a ProposeAttributeRequestItem with "
            "an existing Attribute it may only be an OwnIdentityAttribute.");
  const auto missing =
      CanAccept<ProposeAttributeRequestItemProcessor>(item, {{"accept", true}, {"attributeId", "ATTXXXXXXXXXXXXXXXXX"}});
  EXPECT_EQ(missing.code, "error.transport.recordNotFound");
  // The answer must fit the query.
  const auto surname = recipient_.OwnIdentity(R"({"@type":"Surname","value":"Smith"})");
  const auto mismatch = CanAccept<ProposeAttributeRequestItemProcessor>(item, {{"accept", true}, {"attributeId", surname.id}});
  EXPECT_EQ(mismatch.code, "error.consumption.requests.attributeQueryMismatch");

  // The parameters' own rules are ts-serval ValidationErrors.
  auto expect_serval = [&](const js::object& params, const std::string& message) {
    try {
      CanAccept<ProposeAttributeRequestItemProcessor>(item, params);
      ADD_FAILURE() << "no error for " << json::Stringify(params);
    } catch (const content::ServalError& e) {
      EXPECT_EQ(std::string(e.what()), "AcceptProposeAttributeRequestItemParameters.attribute :: " + message);
    }
  };
  expect_serval({{"accept", true}, {"attributeId", surname.id}, {"attribute", item.at("attribute")}},
                "You cannot specify both attribute and attributeId.");
  expect_serval({{"accept", true}, {"attribute", item.at("attribute")}, {"tags", js::array{}}},
                "You cannot specify both attribute and tags.");
  expect_serval({{"accept", true}}, "You have to specify either attribute or attributeId.");
  // Nothing was stored by the refusals: the recipient holds only Surname and the shared copy.
  const auto all = recipient_.InTx([&](storage::Transaction& tx, transport::PendingEvents&) {
    return recipient_.attributes->Find(tx, storage::Filter{});
  });
  EXPECT_EQ(all.size(), 2u);
}

// ---- DeleteAttribute ---------------------------------------------------------------------------

js::object DeleteItem(const std::string& attribute_id) {
  return Item(R"({"@type":"DeleteAttributeRequestItem","mustBeAccepted":true,"attributeId":")" + attribute_id + R"("})");
}

std::string InOneDay() { return core::CoreDate(NowMs() + std::chrono::hours(24)).ToString(); }

TEST_F(ProposeDeleteItemsTest, DeleteAcceptedMarksThePeerCopyAndTheForwardingDetails) {
  const auto own = ShareOwnIdentity(R"({"@type":"GivenName","value":"Dora"})");
  const auto item = DeleteItem(own.id);
  EXPECT_EQ(CodeOf(CanCreate<DeleteAttributeRequestItemProcessor>(item)), "success");

  // Sending marks the forwarding details DeletionRequestSent.
  sender_.InTx([&](storage::Transaction& tx, transport::PendingEvents&) {
    MarkDeletionRequestsSent(tx, *sender_.attributes, js::object{{"items", js::array{item}}}, kRecipient);
    return 0;
  });
  auto forwards = sender_.Forwards(own);
  ASSERT_EQ(forwards.size(), 1u);
  ASSERT_TRUE(forwards[0].deletion_info);
  EXPECT_EQ(forwards[0].deletion_info->deletion_status, deletion_status::kDeletionRequestSent);

  const auto date = InOneDay();
  const js::object params{{"accept", true}, {"deletionDate", date}};
  EXPECT_EQ(CodeOf(CanAccept<DeleteAttributeRequestItemProcessor>(item, params)), "success");
  const auto response = Accept<DeleteAttributeRequestItemProcessor>(item, params);
  ASSERT_EQ(response.at("@type"), "DeleteAttributeAcceptResponseItem");
  EXPECT_EQ(response.at("deletionDate").as_string(), date);
  EXPECT_EQ(response.at("result"), "Accepted");
  const auto copy = recipient_.Get(own.id);
  ASSERT_TRUE(copy);
  ASSERT_TRUE(copy->deletion_info);
  EXPECT_EQ(copy->deletion_info->deletion_status, deletion_status::kToBeDeleted);
  EXPECT_EQ(copy->deletion_info->deletion_date, date);

  Apply<DeleteAttributeRequestItemProcessor>(response, item);
  forwards = sender_.Forwards(own);
  ASSERT_EQ(forwards.size(), 1u);
  ASSERT_TRUE(forwards[0].deletion_info);
  EXPECT_EQ(forwards[0].deletion_info->deletion_status, deletion_status::kToBeDeletedByRecipient);
  EXPECT_EQ(forwards[0].deletion_info->deletion_date, date);

  // The peer agreed already: asking again is refused.
  const auto again = CanCreate<DeleteAttributeRequestItemProcessor>(item);
  EXPECT_EQ(again.code, "error.consumption.requests.invalidRequestItem");
  EXPECT_NE(again.message.find("The deletion of an own Attribute can only be requested from a peer it is shared with "
                               "and who hasn't deleted it or agreed to its deletion already."),
            std::string::npos)
      << again.message;
}

TEST_F(ProposeDeleteItemsTest, DeleteRejectedMarksTheForwardingDetailsRejected) {
  const auto own = ShareOwnIdentity(R"({"@type":"GivenName","value":"Eve"})");
  const auto item = DeleteItem(own.id);
  DeleteAttributeRequestItemProcessor processor(*recipient_.attributes);
  const auto response = recipient_.InTx([&](storage::Transaction& tx, transport::PendingEvents& events) {
    return processor.Reject(tx, item, {{"accept", false}, {"code", "error.app.no"}, {"message", "keep it"}}, incoming_,
                            events);
  });
  ASSERT_EQ(response.at("@type"), "RejectResponseItem");
  EXPECT_FALSE(recipient_.Get(own.id)->deletion_info);  // the rejecting side changes nothing

  const auto before = NowMs();
  Apply<DeleteAttributeRequestItemProcessor>(response, item);
  const auto forwards = sender_.Forwards(own);
  ASSERT_EQ(forwards.size(), 1u);
  ASSERT_TRUE(forwards[0].deletion_info);
  EXPECT_EQ(forwards[0].deletion_info->deletion_status, deletion_status::kDeletionRequestRejected);
  EXPECT_GE(core::CoreDate::Parse(forwards[0].deletion_info->deletion_date).time(), before);
  // A rejected request may be sent again.
  EXPECT_EQ(CodeOf(CanCreate<DeleteAttributeRequestItemProcessor>(item)), "success");
}

TEST_F(ProposeDeleteItemsTest, DeleteRefusalsCarryTheOfficialErrors) {
  // Sender side.
  const auto unknown = CanCreate<DeleteAttributeRequestItemProcessor>(DeleteItem("ATTXXXXXXXXXXXXXXXXX"));
  EXPECT_EQ(unknown.code, "error.consumption.requests.invalidRequestItem");
  EXPECT_NE(unknown.message.find("The Attribute 'ATTXXXXXXXXXXXXXXXXX' could not be found."), std::string::npos);
  const auto own = ShareOwnIdentity(R"({"@type":"GivenName","value":"Finn"})");
  const auto no_recipient = CanCreate<DeleteAttributeRequestItemProcessor>(DeleteItem(own.id), std::nullopt);
  EXPECT_NE(no_recipient.message.find("The recipient must be specified when sending a DeleteAttributeRequestItem."),
            std::string::npos);
  const auto not_shared = sender_.OwnIdentity(R"({"@type":"Surname","value":"Never shared"})");
  EXPECT_NE(CanCreate<DeleteAttributeRequestItemProcessor>(DeleteItem(not_shared.id))
                .message.find("The deletion of an own Attribute can only be requested from a peer it is shared with"),
            std::string::npos);

  // Recipient side: the attribute must be the requesting peer's copy, the date valid and ahead.
  const auto item = DeleteItem(own.id);
  const auto past = CanAccept<DeleteAttributeRequestItemProcessor>(
      item, {{"accept", true}, {"deletionDate", "2020-01-01T00:00:00.000Z"}});
  EXPECT_EQ(past.code, "error.consumption.requests.invalidAcceptParameters");
  EXPECT_EQ(past.message, "The deletionDate must be in the future.");
  try {
    CanAccept<DeleteAttributeRequestItemProcessor>(item, {{"accept", true}});
    ADD_FAILURE() << "missing deletionDate accepted";
  } catch (const content::ServalError& e) {
    EXPECT_EQ(std::string(e.what()), "AcceptDeleteAttributeRequestItemParameters.deletionDate :: Value is not defined");
  }
  const auto recipients_own = recipient_.OwnIdentity(R"({"@type":"GivenName","value":"Mine"})");
  const auto not_peer = CanAccept<DeleteAttributeRequestItemProcessor>(DeleteItem(recipients_own.id),
                                                                        {{"accept", true}, {"deletionDate", InOneDay()}});
  EXPECT_EQ(not_peer.code, "error.consumption.requests.invalidRequestItem");
  EXPECT_NE(not_peer.message.find("The recipient isn't the peer of the Attribute and therefore isn't allowed to request "
                                  "the deletion of the Attribute."),
            std::string::npos);
  EXPECT_FALSE(recipient_.Get(own.id)->deletion_info);

  // Nothing to delete: accepted with a plain AcceptResponseItem, which the sender ignores.
  const auto gone = DeleteItem("ATTYYYYYYYYYYYYYYYYY");
  const js::object params{{"accept", true}, {"deletionDate", InOneDay()}};
  EXPECT_EQ(CodeOf(CanAccept<DeleteAttributeRequestItemProcessor>(gone, params)), "success");
  EXPECT_EQ(Accept<DeleteAttributeRequestItemProcessor>(gone, params).at("@type"), "AcceptResponseItem");
}

}  // namespace
}  // namespace nmshd::consumption::testing
