// Attributes routes through the whole pipeline (ConnectorApi::Handle): statuses, envelopes, route
// precedence of the literal segments, the controller's own rules (predecessor lookup, query
// parameters), with the identity's Backbone for the tag collection.
#include "connector/controllers/attributes_controller.h"

#include <gtest/gtest.h>

#include "base/js_json.h"
#include "controller_test_support.h"
#include "transport/support/transport_harness.h"

namespace nmshd::connector {
namespace {

namespace js = boost::json;
using namespace nmshd::connector::controller_test;
using transport::testing::TestBackbone;
using transport::testing::TestIdentity;

class AttributesControllerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    backbone_ = new TestBackbone();
    identity_ = new TestIdentity(*backbone_, "attrc");
  }
  static void TearDownTestSuite() {
    delete identity_;
    delete backbone_;
  }

  AttributesControllerTest() { RegisterAttributeRoutes(api_, use_cases_); }

  http::Response Call(const std::string& method, const std::string& target, const js::value* body = nullptr) {
    auto r = MakeRequest(method, target, body);
    return api_.Handle(r);
  }
  http::Response Call(const std::string& method, const std::string& target, const std::string& body_json) {
    const auto body = json::Parse(body_json);
    return Call(method, target, &body);
  }
  std::string CreateId(const std::string& value_json) {
    auto r = Call("POST", "/api/core/v1/Attributes", R"({"content":{"value":)" + value_json + "}}");
    EXPECT_EQ(r.status, 201) << r.body;
    return std::string(ResultOf(r).at("id").as_string());
  }

  static TestBackbone* backbone_;
  static TestIdentity* identity_;
  consumption::ConsumptionContext ctx_{identity_->db(), identity_->address(), identity_->events(), &identity_->ctx().tags};
  consumption::AttributesController controller_{ctx_};
  consumption::AttributeUseCases use_cases_{controller_};
  ConnectorApi api_{OpenDebugApi()};
};

TestBackbone* AttributesControllerTest::backbone_ = nullptr;
TestIdentity* AttributesControllerTest::identity_ = nullptr;

TEST_F(AttributesControllerTest, CreateCanCreateAndGet) {
  auto can = Call("PUT", "/api/core/v1/Attributes/CanCreate", R"({"content":{"value":{"@type":"JobTitle","value":"CTO"}}})");
  EXPECT_EQ(can.status, 200);
  EXPECT_EQ(json::Stringify(ResultOf(can)), R"({"isSuccess":true})");
  auto created = Call("POST", "/api/core/v1/Attributes", R"({"content":{"value":{"@type":"JobTitle","value":"CTO"}}})");
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(HeaderOf(created, "Location"), "_");
  const auto dto = ResultOf(created).as_object();
  EXPECT_EQ(dto.at("content").at("owner").as_string(), identity_->address());
  auto got = Call("GET", "/api/core/v1/Attributes/" + std::string(dto.at("id").as_string()));
  EXPECT_EQ(got.status, 200);
  EXPECT_EQ(json::Stringify(ResultOf(got)), json::Stringify(dto));
  // An invalid value: 400 with the runtime's code.
  auto invalid = Call("POST", "/api/core/v1/Attributes", R"({"content":{"value":{"@type":"Sex","value":"x"}}})");
  EXPECT_EQ(invalid.status, 400);
  EXPECT_EQ(ErrorOf(invalid).at("code"), "error.runtime.requestDeserialization");
  // A missing body is an empty one.
  auto empty = Call("POST", "/api/core/v1/Attributes");
  EXPECT_EQ(empty.status, 400);
  EXPECT_EQ(ErrorOf(empty).at("message"), "must have required property 'content'");
}

TEST_F(AttributesControllerTest, IdsNotFoundAndMalformed) {
  auto unknown = Call("GET", "/api/core/v1/Attributes/ATTxxxxxxxxxxxxxxxxx");
  EXPECT_EQ(unknown.status, 404);
  EXPECT_EQ(ErrorOf(unknown).at("code"), "error.runtime.recordNotFound");
  auto malformed = Call("GET", "/api/core/v1/Attributes/foo");
  EXPECT_EQ(malformed.status, 400);
  EXPECT_EQ(ErrorOf(malformed).at("message"), "id must match pattern ATT[A-Za-z0-9]{17}");
  // A peer that is not an address is bad input, not an unknown route.
  auto bad_peer = Call("GET", "/api/core/v1/Attributes/Peer/did:e:x");
  EXPECT_EQ(bad_peer.status, 400);
  EXPECT_EQ(ErrorOf(bad_peer).at("code"), "error.runtime.validation.invalidPropertyValue");
}

TEST_F(AttributesControllerTest, SucceedVersionsAndDelete) {
  const auto id = CreateId(R"({"@type":"Pseudonym","value":"first"})");
  auto missing = Call("POST", "/api/core/v1/Attributes/ATTxxxxxxxxxxxxxxxxx/Succeed",
                      R"({"successorContent":{"value":{"@type":"Pseudonym","value":"x"}}})");
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(ErrorOf(missing).at("message"), "Predecessor attribute 'ATTxxxxxxxxxxxxxxxxx' not found.");
  auto malformed = Call("POST", "/api/core/v1/Attributes/foo/Succeed", R"({})");
  EXPECT_EQ(malformed.status, 404);
  EXPECT_EQ(ErrorOf(malformed).at("message"), "Predecessor attribute 'foo' not found.");

  auto succeeded = Call("POST", "/api/core/v1/Attributes/" + id + "/Succeed",
                        R"({"successorContent":{"value":{"@type":"Pseudonym","value":"second"}}})");
  ASSERT_EQ(succeeded.status, 201) << succeeded.body;
  const std::string successor(ResultOf(succeeded).at("successor").at("id").as_string());
  EXPECT_EQ(ResultOf(succeeded).at("predecessor").at("succeededBy").as_string(), successor);

  auto versions = Call("GET", "/api/core/v1/Attributes/" + id + "/Versions");
  EXPECT_EQ(versions.status, 200);
  ASSERT_EQ(ResultOf(versions).as_array().size(), 2u);
  EXPECT_EQ(ResultOf(versions).as_array()[0].at("id").as_string(), successor);

  auto own = Call("GET", "/api/core/v1/Attributes/Own/Identity?content.value.@type=Pseudonym");
  ASSERT_EQ(ResultOf(own).as_array().size(), 1u);
  auto all = Call("GET", "/api/core/v1/Attributes/Own/Identity?onlyLatestVersions=false&content.value.@type=Pseudonym");
  EXPECT_EQ(ResultOf(all).as_array().size(), 2u);
  auto bad = Call("GET", "/api/core/v1/Attributes/Own/Identity?peer=x");
  EXPECT_EQ(bad.status, 400);

  auto deleted = Call("DELETE", "/api/core/v1/Attributes/" + successor);
  EXPECT_EQ(deleted.status, 200);
  EXPECT_EQ(json::Stringify(ResultOf(deleted)), R"({"notificationIds":[]})");
  EXPECT_EQ(Call("GET", "/api/core/v1/Attributes/" + id).status, 404);
}

TEST_F(AttributesControllerTest, QueryAndTagCollectionAnswer200) {
  const auto id = CreateId(R"({"@type":"HonorificSuffix","value":"PhD"})");
  auto query = Call("POST", "/api/core/v1/Attributes/ExecuteIdentityAttributeQuery",
                    R"({"query":{"@type":"IdentityAttributeQuery","valueType":"HonorificSuffix"}})");
  EXPECT_EQ(query.status, 200);
  ASSERT_EQ(ResultOf(query).as_array().size(), 1u);
  EXPECT_EQ(ResultOf(query).as_array()[0].at("id").as_string(), id);
  auto tags = Call("GET", "/api/core/v1/Attributes/TagCollection");
  EXPECT_EQ(tags.status, 200) << tags.body;
  EXPECT_TRUE(ResultOf(tags).as_object().contains("supportedLanguages"));
  EXPECT_TRUE(ResultOf(tags).as_object().contains("tagsForAttributeValueTypes"));
}

TEST_F(AttributesControllerTest, ListWithFilters) {
  CreateId(R"({"@type":"HonorificPrefix","value":"Dr."})");
  auto list = Call("GET", "/api/core/v1/Attributes?content.value.@type=HonorificPrefix");
  EXPECT_EQ(list.status, 200);
  ASSERT_EQ(ResultOf(list).as_array().size(), 1u);
  EXPECT_EQ(ResultOf(list).as_array()[0].at("content").at("value").at("value"), "Dr.");
}

}  // namespace
}  // namespace nmshd::connector
