// succeedOwnIdentityAttribute, getVersionsOfAttribute and deleteAttributeAndNotify.
#include "attribute_store_fixture.h"

namespace nmshd::consumption::testing {
namespace {

namespace js = boost::json;

class AttributeVersionsTest : public AttributeStoreTest {
 protected:
  js::object Succeed(const std::string& predecessor, const std::string& value_json, const std::string& tags = "") {
    js::object content{{"value", json::Parse(value_json)}};
    if (!tags.empty()) content["tags"] = json::Parse(tags);
    return use_cases_->SucceedOwnIdentityAttribute(js::object{{"predecessorId", predecessor}, {"successorContent", content}});
  }
  std::vector<std::string> VersionIds(const std::string& id) {
    std::vector<std::string> ids;
    for (const auto& v : use_cases_->GetVersionsOfAttribute(id)) ids.push_back(Id(v.as_object()));
    return ids;
  }
  // "<code> <reason>" of a CoreError message ("<code>: '<reason>' at <date>").
  template <class Fn>
  static std::string CoreReason(Fn&& fn) {
    const auto error = ErrorOf(fn);
    const auto start = error.find(": '");
    const auto end = error.rfind("' at ");
    if (start == std::string::npos || end == std::string::npos) return error;
    return error.substr(0, error.find(' ')) + " " + error.substr(start + 3, end - start - 3);
  }
};

TEST_F(AttributeVersionsTest, SuccessionLinksBothVersionsAndAnnouncesThem) {
  const auto first = Create(R"({"@type":"EMailAddress","value":"a@example.com"})");
  sink_.Clear();
  const auto result = Succeed(Id(first), R"({"@type":"EMailAddress","value":"b@example.com"})", R"(["x:work"])");
  const auto& predecessor = result.at("predecessor").as_object();
  const auto& successor = result.at("successor").as_object();
  EXPECT_EQ(Id(predecessor), Id(first));
  EXPECT_EQ(predecessor.at("succeededBy"), successor.at("id"));
  EXPECT_EQ(successor.at("succeeds"), predecessor.at("id"));
  EXPECT_EQ(json::Stringify(successor.at("content")),
            std::string(R"({"@type":"IdentityAttribute","owner":")") + kSelf +
                R"(","tags":["x:work"],"value":{"@type":"EMailAddress","value":"b@example.com"}})");
  std::vector<std::string> keys;
  for (const auto& [k, v] : successor) keys.emplace_back(k);
  EXPECT_EQ(keys, (std::vector<std::string>{"@type", "id", "content", "createdAt", "succeeds", "numberOfForwards"}));

  const auto events = sink_.Events();
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].name, "consumption.attributeSucceeded");
  EXPECT_EQ(json::Stringify(events[0].data), json::Stringify(result));
  EXPECT_EQ(VersionIds(Id(successor)), (std::vector<std::string>{Id(successor), Id(first)}));
  EXPECT_EQ(VersionIds(Id(first)), (std::vector<std::string>{Id(successor), Id(first)}));

  // GET /Attributes/Own/Identity shows the latest version unless asked for all.
  auto own = use_cases_->GetOwnIdentityAttributes(std::nullopt, {});
  ASSERT_EQ(own.size(), 1u);
  EXPECT_EQ(Id(own[0].as_object()), Id(successor));
  EXPECT_EQ(use_cases_->GetOwnIdentityAttributes(false, {}).size(), 2u);
}

TEST_F(AttributeVersionsTest, SuccessionRules) {
  const auto first = Create(R"({"@type":"GivenName","value":"Anna"})");
  const auto second = Succeed(Id(first), R"({"@type":"GivenName","value":"Anne"})").at("successor").as_object();
  const std::string c = "error.consumption.attributes.";
  EXPECT_EQ(CoreReason([&] { Succeed(Id(first), R"({"@type":"GivenName","value":"Anja"})"); }),
            c + "cannotSucceedAttributesWithASuccessor The Attribute you want to succeed has a successor (id: " +
                Id(second) + "). You cannot succeed Attributes with a successor. Instead, succeed the successor.");
  EXPECT_EQ(CoreReason([&] { Succeed(Id(second), R"({"@type":"GivenName","value":"Anne"})"); }),
            c + "successionMustChangeContent The content of the successor matches that of the predecessor. An Attribute "
                "succession must change the Attribute's content.");
  EXPECT_EQ(CoreReason([&] { Succeed(Id(second), R"({"@type":"Surname","value":"Anne"})"); }),
            c + "successionMustNotChangeValueType The successor Attribute's value type does not match that of the "
                "predecessor. An Attribute succession must not change the Attribute's value type.");
  EXPECT_EQ(CoreReason([&] { Succeed(Id(second), R"({"@type":"GivenName","value":"漢"})"); }),
            c + "forbiddenCharactersInAttribute The successor contains forbidden characters.");
  EXPECT_EQ(CoreReason([&] { Succeed("ATTxxxxxxxxxxxxxxxxx", R"({"@type":"GivenName","value":"X"})"); }),
            c + "predecessorDoesNotExist The predecessor does not exist.");
  const auto invalid = ErrorOf([&] { Succeed(Id(second), R"({"@type":"GivenName","value":")" + std::string(101, 'x') + "\"}"); });
  EXPECT_NE(invalid.find("successorIsNotAValidAttribute: 'Validation failed during creation of successor.' at "), std::string::npos);
  EXPECT_NE(invalid.find(R"( with data {"name":"ParsingError","type":"GivenName","property":"value","reason":"Value is longer than 100 characters"})"),
            std::string::npos)
      << invalid;
  EXPECT_EQ(ErrorOf([&] { Succeed(Id(second), R"({"@type":"GivenName","value":5})"); }),
            "error.runtime.validation.invalidPropertyValue successorContent/value must have required property 'organization'");
  // Nothing of the refused successions was stored.
  EXPECT_EQ(VersionIds(Id(second)).size(), 2u);
}

TEST_F(AttributeVersionsTest, OnlyOwnIdentityAttributesAreSucceededHere) {
  // A record of another kind, as later slices will store them.
  LocalAttribute peer_attribute;
  peer_attribute.type = LocalAttributeType::kPeerIdentity;
  peer_attribute.id = "ATTpeer00000000000001";
  peer_attribute.id.resize(20);
  peer_attribute.content = json::Parse(R"({"@type":"IdentityAttribute","owner":"did:e:localhost:dids:peer","value":{"@type":"GivenName","value":"P"}})").as_object();
  peer_attribute.created_at = "2025-01-01T00:00:00.000Z";
  peer_attribute.peer = "did:e:localhost:dids:peer";
  peer_attribute.source_reference = "REQxxxxxxxxxxxxxxxxx";
  db_->Insert(AttributesController::kCollection, peer_attribute.id, peer_attribute.ToDocument());
  EXPECT_EQ(ErrorOf([&] { Succeed(peer_attribute.id, R"({"@type":"GivenName","value":"Q"})"); }),
            "error.runtime.attributes.isNotOwnIdentityAttribute The Attribute '" + peer_attribute.id +
                "' is not an OwnIdentityAttribute.");
  // Its DTO carries peer and sourceReference, and no numberOfForwards.
  EXPECT_EQ(json::Stringify(use_cases_->GetAttribute(peer_attribute.id)),
            R"({"@type":"PeerIdentityAttribute","id":")" + peer_attribute.id +
                R"(","content":{"@type":"IdentityAttribute","owner":"did:e:localhost:dids:peer","value":{"@type":"GivenName","value":"P"}},"createdAt":"2025-01-01T00:00:00.000Z","peer":"did:e:localhost:dids:peer","sourceReference":"REQxxxxxxxxxxxxxxxxx"})");
}

TEST_F(AttributeVersionsTest, DeletingRemovesThePredecessorsAndDetachesTheSuccessor) {
  const auto v1 = Create(R"({"@type":"Surname","value":"A"})");
  const auto v2 = Succeed(Id(v1), R"({"@type":"Surname","value":"B"})").at("successor").as_object();
  const auto v3 = Succeed(Id(v2), R"({"@type":"Surname","value":"C"})").at("successor").as_object();
  sink_.Clear();
  EXPECT_EQ(json::Stringify(use_cases_->DeleteAttributeAndNotify(Id(v2))), R"({"notificationIds":[]})");
  const auto events = sink_.Events();
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].name, "consumption.attributeDeleted");
  EXPECT_EQ(events[0].data.at("id"), v1.at("id"));  // predecessors first
  EXPECT_EQ(events[1].data.at("id"), v2.at("id"));
  const std::string not_found = "error.runtime.recordNotFound LocalAttribute not found. Make sure the ID exists and the record is not expired.";
  EXPECT_EQ(ErrorOf([&] { use_cases_->GetAttribute(Id(v1)); }), not_found);
  EXPECT_EQ(ErrorOf([&] { use_cases_->GetAttribute(Id(v2)); }), not_found);
  const auto remaining = use_cases_->GetAttribute(Id(v3));
  EXPECT_FALSE(remaining.contains("succeeds"));
  EXPECT_EQ(VersionIds(Id(v3)), (std::vector<std::string>{Id(v3)}));
  EXPECT_EQ(ErrorOf([&] { use_cases_->DeleteAttributeAndNotify(Id(v2)); }), not_found);
  EXPECT_EQ(ErrorOf([&] { use_cases_->DeleteAttributeAndNotify("foo"); }),
            "error.runtime.validation.invalidPropertyValue attributeId must match pattern ATT[A-Za-z0-9]{17}");
}

TEST_F(AttributeVersionsTest, AttributesForwardedToPeersWithoutRelationshipAreDeletedWithoutNotification) {
  // As officially: a forwarding peer without a Pending/Active/Terminated relationship is not
  // notified (peer_attributes_test.cpp covers the peers that are).
  const auto attribute = Create(R"({"@type":"Pseudonym","value":"p"})");
  db_->Insert(AttributesController::kForwardingDetailsCollection, "ATTFDxxxxxxxxxxxxxxx",
              js::object{{"attributeId", Id(attribute)}, {"peer", "did:e:localhost:dids:peer"},
                         {"sourceReference", "REQxxxxxxxxxxxxxxxxx"}, {"sharedAt", "2025-01-01T00:00:00.000Z"}});
  EXPECT_EQ(use_cases_->GetAttribute(Id(attribute)).at("numberOfForwards"), 1);
  EXPECT_EQ(json::Stringify(use_cases_->DeleteAttributeAndNotify(Id(attribute))), R"({"notificationIds":[]})");
  EXPECT_NE(ErrorOf([&] { use_cases_->GetAttribute(Id(attribute)); }), "no error");
}

}  // namespace
}  // namespace nmshd::consumption::testing
