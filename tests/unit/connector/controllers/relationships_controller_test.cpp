// The Relationships routes through the whole REST pipeline, and the two relationship automation
// modules on the event bus, against our Backbone.
#include "connector/controllers/relationships_controller.h"

#include <gtest/gtest.h>

#include <strings.h>

#include <chrono>
#include <functional>
#include <thread>

#include "connector/events/event_bus.h"
#include "connector/modules/auto_accept_pending_relationships.h"
#include "connector/modules/auto_decompose_deletion_proposed_relationships.h"
#include "transport/modules/relationships_test_support.h"

namespace nmshd::connector {
namespace {

namespace js = boost::json;
using transport::testing::RelationshipNode;
using transport::testing::TestBackbone;

const std::string kKey = "This_is_a_test_APIKEY_with_30_chars+";
const std::string kFilesKey = "Another-Strong-Key_for_scoped_tests_42";

ConnectorApiOptions Options() {
  ConnectorApiOptions o;
  o.authentication = js::parse(R"({"apiKey": {"headerName": "X-API-KEY", "keys": {
      "full": {"key": ")" + kKey + R"("},
      "files": {"key": ")" + kFilesKey + R"(", "scopes": ["core:files"]}}}})")
                         .as_object();
  o.unauthorized_delay = std::chrono::milliseconds(1);
  return o;
}

http::Request MakeRequest(std::string method, const std::string& path, const std::string& body = "",
                          storage::QueryParameters query = {}) {
  http::Request r;
  r.method = std::move(method);
  r.path = CoreRoute(path);
  r.target = r.path;
  for (const auto& [k, v] : query) {
    r.target += (r.target == r.path ? "?" : "&") + k + "=" + v;
  }
  r.query = std::move(query);
  r.body = body;
  if (!body.empty()) r.headers["Content-Type"] = "application/json";
  return r;
}

std::string HeaderOf(const http::Response& r, const std::string& name) {
  for (const auto& [k, v] : r.headers) {
    if (strcasecmp(k.c_str(), name.c_str()) == 0) return v;
  }
  return "<absent>";
}

js::value ResultOf(const http::Response& r) { return js::parse(r.body).as_object().at("result"); }
std::string CodeOf(const http::Response& r) {
  return std::string(js::parse(r.body).as_object().at("error").as_object().at("code").as_string());
}
std::string Str(const js::value& v, std::string_view key) { return std::string(v.as_object().at(key).as_string()); }

bool WaitFor(const std::function<bool()>& condition) {
  for (int i = 0; i < 200; ++i) {
    if (condition()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return condition();
}

class RelationshipsControllerTest : public ::testing::Test {
 protected:
  RelationshipsControllerTest() {
    RegisterRelationshipRoutes(api_a, a.relationships);
    RegisterRelationshipRoutes(api_b, b.relationships);
  }

  static http::Response Call(ConnectorApi& api, http::Request r, const std::string& key = kKey) {
    r.headers["X-API-KEY"] = key;
    return api.Handle(r);
  }

  TestBackbone backbone;
  RelationshipNode a{backbone, "a"};
  RelationshipNode b{backbone, "b"};
  ConnectorApi api_a{Options()};
  ConnectorApi api_b{Options()};
};

TEST_F(RelationshipsControllerTest, LifeCycleWithTheOfficialStatuses) {
  const auto template_id = transport::testing::ShareTemplate(a, b);
  const auto body = js::serialize(js::object{
      {"templateId", template_id}, {"creationContent", transport::testing::ArbitraryCreationContent()}});

  auto can = Call(api_b, MakeRequest("PUT", "/Relationships/CanCreate", body));
  EXPECT_EQ(can.status, 200);
  EXPECT_EQ(js::serialize(ResultOf(can)), R"({"isSuccess":true})");

  auto created = Call(api_b, MakeRequest("POST", "/Relationships", body));
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(HeaderOf(created, "Location"), "_");
  const auto id = Str(ResultOf(created), "id");
  EXPECT_EQ(Str(ResultOf(created), "status"), "Pending");

  auto again = Call(api_b, MakeRequest("PUT", "/Relationships/CanCreate", body));
  EXPECT_EQ(again.status, 200);
  EXPECT_EQ(Str(ResultOf(again), "code"), "error.transport.relationships.relationshipCurrentlyExists");
  auto refused = Call(api_b, MakeRequest("POST", "/Relationships", body));
  EXPECT_EQ(refused.status, 400);
  EXPECT_EQ(CodeOf(refused), "error.transport.relationships.relationshipCurrentlyExists");

  a.sync.SyncEverything();
  auto wrong_side = Call(api_b, MakeRequest("PUT", "/Relationships/" + id + "/Accept"));
  EXPECT_EQ(wrong_side.status, 400);
  EXPECT_EQ(CodeOf(wrong_side), "error.transport.relationships.operationOnlyAllowedForPeer");
  auto accepted = Call(api_a, MakeRequest("PUT", "/Relationships/" + id + "/Accept"));
  ASSERT_EQ(accepted.status, 200) << accepted.body;
  EXPECT_EQ(Str(ResultOf(accepted), "status"), "Active");
  auto twice = Call(api_a, MakeRequest("PUT", "/Relationships/" + id + "/Accept"));
  EXPECT_EQ(twice.status, 400);
  EXPECT_EQ(CodeOf(twice), "error.transport.relationships.wrongRelationshipStatus");

  auto got = Call(api_a, MakeRequest("GET", "/Relationships/" + id));
  EXPECT_EQ(got.status, 200);
  EXPECT_EQ(js::serialize(ResultOf(got)), js::serialize(ResultOf(accepted)));
  auto active = Call(api_a, MakeRequest("GET", "/Relationships", "", {{"status", "Active"}}));
  EXPECT_EQ(active.status, 200);
  EXPECT_EQ(ResultOf(active).as_array().size(), 1u);
  auto none = Call(api_a, MakeRequest("GET", "/Relationships", "", {{"status", "Pending"}, {"peer", b.address()}}));
  EXPECT_EQ(ResultOf(none).as_array().size(), 0u);
  auto unknown_key = Call(api_a, MakeRequest("GET", "/Relationships", "", {{"createdAt", "x"}}));
  EXPECT_EQ(unknown_key.status, 400);
  EXPECT_EQ(CodeOf(unknown_key), "error.runtime.validation.invalidPropertyValue");

  EXPECT_EQ(Call(api_a, MakeRequest("PUT", "/Relationships/" + id + "/Terminate")).status, 200);
  b.sync.SyncEverything();
  EXPECT_EQ(Call(api_b, MakeRequest("PUT", "/Relationships/" + id + "/Reactivate")).status, 200);
  EXPECT_EQ(Call(api_b, MakeRequest("PUT", "/Relationships/" + id + "/Reactivate/Revoke")).status, 200);
  EXPECT_EQ(Call(api_b, MakeRequest("PUT", "/Relationships/" + id + "/Reactivate")).status, 200);
  a.sync.SyncEverything();
  auto rejected = Call(api_a, MakeRequest("PUT", "/Relationships/" + id + "/Reactivate/Reject"));
  EXPECT_EQ(rejected.status, 200);
  EXPECT_EQ(Str(ResultOf(rejected), "status"), "Terminated");
  auto not_requested = Call(api_a, MakeRequest("PUT", "/Relationships/" + id + "/Reactivate/Accept"));
  EXPECT_EQ(not_requested.status, 400);
  EXPECT_EQ(CodeOf(not_requested), "error.transport.relationships.reactivationNotRequested");

  auto decomposed = Call(api_a, MakeRequest("DELETE", "/Relationships/" + id));
  EXPECT_EQ(decomposed.status, 204);
  EXPECT_TRUE(decomposed.body.empty());
  auto gone = Call(api_a, MakeRequest("GET", "/Relationships/" + id));
  EXPECT_EQ(gone.status, 404);
  EXPECT_EQ(CodeOf(gone), "error.runtime.recordNotFound");
}

TEST_F(RelationshipsControllerTest, ErrorsAndRoles) {
  auto unknown = Call(api_a, MakeRequest("PUT", "/Relationships/RELaaaaaaaaaaaaaaaaa/Accept"));
  EXPECT_EQ(unknown.status, 404);
  EXPECT_EQ(CodeOf(unknown), "error.runtime.recordNotFound");
  auto unknown_delete = Call(api_a, MakeRequest("DELETE", "/Relationships/RELaaaaaaaaaaaaaaaaa"));
  EXPECT_EQ(unknown_delete.status, 404);
  auto bad_id = Call(api_a, MakeRequest("GET", "/Relationships/nope"));
  EXPECT_EQ(bad_id.status, 400);
  EXPECT_EQ(CodeOf(bad_id), "error.runtime.validation.invalidPropertyValue");
  auto no_template = Call(api_a, MakeRequest("POST", "/Relationships", R"({"templateId":"RLTaaaaaaaaaaaaaaaaa",
      "creationContent":{"@type":"ArbitraryRelationshipCreationContent","value":1}})"));
  EXPECT_EQ(no_template.status, 404);
  auto no_body = Call(api_a, MakeRequest("POST", "/Relationships"));
  EXPECT_EQ(no_body.status, 400);
  EXPECT_EQ(CodeOf(no_body), "error.runtime.validation.invalidPropertyValue");
  auto forbidden = Call(api_a, MakeRequest("GET", "/Relationships"), kFilesKey);
  EXPECT_EQ(forbidden.status, 403);
  EXPECT_EQ(CodeOf(forbidden), "error.connector.forbidden");
  auto empty = Call(api_a, MakeRequest("GET", "/Relationships"));
  EXPECT_EQ(empty.status, 200);
  EXPECT_EQ(js::serialize(js::parse(empty.body)), R"({"result":[]})");
}

// Transport events go to the recorder and to the event bus, as the connector app wires them.
class BusSink final : public transport::TransportEventSink {
 public:
  explicit BusSink(EventBus& bus) : bus_(bus) {}
  void Publish(transport::TransportEvent event) override {
    bus_.Publish(Event{event.name, event.data, ""});
  }

 private:
  EventBus& bus_;
};

// A node whose transport events reach an event bus.
struct BusNode {
  BusNode(transport::testing::TestIdentity& identity, EventBus& bus)
      : sink(bus),
        ctx{identity.db(), identity.backbone(), identity.account(), identity.box(), sink,
            identity.ctx().base_url, identity.ctx().tags},
        templates(ctx), relationships(ctx, templates), sync(ctx) {
    templates.RegisterProcessors(sync);
    relationships.RegisterProcessors(sync);
  }
  BusSink sink;
  transport::TransportContext ctx;
  transport::RelationshipTemplates templates;
  transport::Relationships relationships;
  transport::SyncEngine sync;
};

std::string StatusOf(transport::Relationships& relationships, const std::string& id) {
  try {
    return Str(relationships.Get(id), "status");
  } catch (const CodedError& e) {
    return e.code();
  }
}

TEST(AutoAcceptPendingRelationships, RecognizesIncomingRequestsOnly) {
  const std::string me = "did:e:localhost:dids:me";
  auto dto = [](std::string status, std::vector<std::string> creators) {
    js::array log;
    for (auto& c : creators) log.push_back(js::object{{"createdBy", c}});
    return js::value(js::object{{"id", "REL1"}, {"status", status}, {"auditLog", log}});
  };
  EXPECT_TRUE(AutoAcceptPendingRelationships::IsIncomingRequest(dto("Pending", {"peer"}), me));
  EXPECT_FALSE(AutoAcceptPendingRelationships::IsIncomingRequest(dto("Pending", {me}), me));
  EXPECT_FALSE(AutoAcceptPendingRelationships::IsIncomingRequest(dto("Active", {"peer"}), me));
  EXPECT_FALSE(AutoAcceptPendingRelationships::IsIncomingRequest(dto("Pending", {"peer", "peer"}), me));
  EXPECT_FALSE(AutoAcceptPendingRelationships::IsIncomingRequest(js::value(nullptr), me));
}

TEST_F(RelationshipsControllerTest, AutoAcceptAcceptsIncomingRequests) {
  EventBus bus;
  BusNode bus_a(a.identity, bus);
  AutoAcceptPendingRelationships module(bus, bus_a.relationships);
  module.Start();
  const auto id = transport::testing::RequestRelationship(a, b);
  bus_a.sync.SyncEverything();
  EXPECT_TRUE(WaitFor([&] { return StatusOf(bus_a.relationships, id) == "Active"; }));
  b.sync.SyncEverything();
  EXPECT_EQ(StatusOf(b.relationships, id), "Active");
  module.Stop();
  bus.Stop();
}

TEST_F(RelationshipsControllerTest, AutoDecomposeDecomposesAtStartAndAfterwards) {
  // One relationship already DeletionProposed before the module starts.
  const auto first = transport::testing::EstablishRelationship(a, b);
  a.relationships.Terminate(first);
  b.sync.SyncEverything();
  b.relationships.Decompose(first);
  a.sync.SyncEverything();
  ASSERT_EQ(StatusOf(a.relationships, first), "DeletionProposed");

  EventBus bus;
  BusNode bus_a(a.identity, bus);
  AutoDecomposeDeletionProposedRelationships module(bus, bus_a.relationships);
  module.Start();
  EXPECT_EQ(StatusOf(a.relationships, first), "error.runtime.recordNotFound");

  // A later one is decomposed after the peer's decomposition arrives.
  RelationshipNode c{backbone, "c"};
  const auto second = transport::testing::EstablishRelationship(a, c);
  a.relationships.Terminate(second);
  c.sync.SyncEverything();
  c.relationships.Decompose(second);
  bus_a.sync.SyncEverything();
  // Not at once: the module waits 500 ms first.
  EXPECT_EQ(StatusOf(a.relationships, second), "DeletionProposed");
  EXPECT_TRUE(WaitFor([&] { return StatusOf(a.relationships, second) == "error.runtime.recordNotFound"; }));
  module.Stop();
  bus.Stop();
}

}  // namespace
}  // namespace nmshd::connector
