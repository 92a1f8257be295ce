#pragma once
// Two identities on one Backbone with templates, relationships and sync wired as the connector wires
// them; shared by the relationships module and controller tests.
#include <gtest/gtest.h>

#include <string>

#include "core/core_date.h"
#include "transport/modules/relationships/relationships.h"
#include "transport/modules/sync/sync_engine.h"
#include "transport/modules/templates/relationship_templates.h"
#include "transport/support/transport_harness.h"

namespace nmshd::transport::testing {

struct RelationshipNode {
  RelationshipNode(TestBackbone& backbone, const std::string& name)
      : identity(backbone, name), templates(identity.ctx()), relationships(identity.ctx(), templates),
        sync(identity.ctx()) {
    templates.RegisterProcessors(sync);
    relationships.RegisterProcessors(sync);
  }

  const std::string& address() const { return identity.address(); }
  RecordingEventSink& events() { return identity.events(); }

  TestIdentity identity;
  RelationshipTemplates templates;
  Relationships relationships;
  SyncEngine sync;
};

inline std::string InOneDay() { return core::CoreDate::FromMillis(core::CoreDate::Now().millis() + 86400000).ToString(); }

inline boost::json::object ArbitraryTemplateContent() {
  return {{"@type", "ArbitraryRelationshipTemplateContent"}, {"value", {{"greeting", "hello"}}}};
}

inline boost::json::object ArbitraryCreationContent(int answer = 42) {
  return {{"@type", "ArbitraryRelationshipCreationContent"}, {"value", {{"answer", answer}}}};
}

// `templator` creates a template, `requestor` loads it by its truncated reference; returns its id.
inline std::string ShareTemplate(RelationshipNode& templator, RelationshipNode& requestor) {
  const auto own = templator.templates.CreateOwn(
      boost::json::object{{"expiresAt", InOneDay()}, {"content", ArbitraryTemplateContent()}});
  const auto truncated = own.at("reference").at("truncated").as_string();
  const auto peer = requestor.templates.LoadPeer(boost::json::object{{"reference", truncated}});
  return std::string(peer.at("id").as_string());
}

// The requestor asks for a relationship on a fresh template of the templator; returns its id.
inline std::string RequestRelationship(RelationshipNode& templator, RelationshipNode& requestor, int answer = 42) {
  const auto template_id = ShareTemplate(templator, requestor);
  const auto dto = requestor.relationships.Create(
      boost::json::object{{"templateId", template_id}, {"creationContent", ArbitraryCreationContent(answer)}});
  return std::string(dto.at("id").as_string());
}

// Request, sync, accept, sync: an Active relationship on both sides.
inline std::string EstablishRelationship(RelationshipNode& templator, RelationshipNode& requestor) {
  const auto id = RequestRelationship(templator, requestor);
  templator.sync.SyncEverything();
  templator.relationships.Accept(id);
  requestor.sync.SyncEverything();
  return id;
}

}  // namespace nmshd::transport::testing
