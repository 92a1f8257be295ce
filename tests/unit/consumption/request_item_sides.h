#pragma once
// What the request item processor tests share: two identities, each on its own SQLite database with
// its attribute store (the sender of a request and its recipient), the LocalRequest each side holds,
// and the processor calls made inside one transaction of the side that makes them.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <filesystem>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "attribute_store_fixture.h"
#include "base/js_json.h"
#include "consumption/requests/local_request.h"
#include "consumption/requests/validation_result.h"
#include "content/requests/request_content.h"

namespace nmshd::consumption::testing {

// One identity: its database, attribute store and event recorder.
struct ItemSide {
  explicit ItemSide(const std::string& address)
      : dir(std::filesystem::temp_directory_path() / ("nmshd-items-" + std::to_string(std::random_device{}()))) {
    std::filesystem::create_directories(dir);
    storage::DatabaseConfig config;
    config.driver = "sqlite";
    config.path = (dir / "db.sqlite").string();
    db = storage::OpenDatabase(config);
    ctx = std::make_unique<ConsumptionContext>(ConsumptionContext{*db, address, sink, nullptr});
    attributes = std::make_unique<AttributesController>(*ctx);
  }
  ~ItemSide() {
    attributes.reset();
    ctx.reset();
    db.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }
  template <class Fn>
  auto InTx(Fn&& fn) {
    transport::PendingEvents events;
    return db->WithTransaction([&](storage::Transaction& tx) { return fn(tx, events); });
  }
  LocalAttribute OwnIdentity(const std::string& value_json) {
    return InTx([&](storage::Transaction& tx, transport::PendingEvents& events) {
      const auto prepared = attributes->PrepareOwnIdentityAttribute(content::IdentityAttribute::FromJson(boost::json::object{
          {"@type", "IdentityAttribute"}, {"owner", ctx->self_address}, {"value", json::Parse(value_json)}}));
      return attributes->InsertOwnIdentityAttribute(tx, prepared, events);
    });
  }
  std::optional<LocalAttribute> Get(const std::string& id) {
    return InTx([&](storage::Transaction& tx, transport::PendingEvents&) { return attributes->Get(tx, id); });
  }
  std::vector<AttributeForwardingDetails> Forwards(const LocalAttribute& attribute) {
    return InTx([&](storage::Transaction& tx, transport::PendingEvents&) {
      return attributes->ForwardingDetailsOf(tx, attribute);
    });
  }

  std::filesystem::path dir;
  RecordingSink sink;
  std::unique_ptr<storage::Database> db;
  std::unique_ptr<ConsumptionContext> ctx;
  std::unique_ptr<AttributesController> attributes;
};

inline LocalRequest ItemRequest(const std::string& id, bool is_own, const std::string& peer) {
  LocalRequest r;
  r.id = id;
  r.is_own = is_own;
  r.peer = peer;
  return r;
}

inline std::string CodeOf(const ValidationResult& r) { return r.success ? "success" : r.code; }
inline boost::json::object Item(const std::string& json) { return content::NormalizeRequestItem(json::Parse(json)); }

// A request `request_id` from `sender` to `recipient`: the outgoing copy on the sender's side, the
// incoming one on the recipient's; each call runs the processor on the side that makes it.
class TwoSidesTest : public ::testing::Test {
 protected:
  TwoSidesTest(const std::string& sender, const std::string& recipient, const std::string& request_id)
      : sender_(sender),
        recipient_(recipient),
        outgoing_(ItemRequest(request_id, true, recipient)),
        incoming_(ItemRequest(request_id, false, sender)) {}

  template <class Processor>
  ValidationResult CanCreate(const boost::json::object& item) {
    return CanCreate<Processor>(item, recipient_.ctx->self_address);
  }
  template <class Processor>
  ValidationResult CanCreate(const boost::json::object& item, const std::optional<std::string>& recipient) {
    Processor p(*sender_.attributes);
    return sender_.InTx([&](storage::Transaction& tx, transport::PendingEvents&) {
      return p.CanCreateOutgoingRequestItem(tx, item, {}, recipient);
    });
  }
  template <class Processor>
  ValidationResult CanAccept(const boost::json::object& item,
                             const boost::json::object& params = {{"accept", true}}) {
    Processor p(*recipient_.attributes);
    return recipient_.InTx(
        [&](storage::Transaction& tx, transport::PendingEvents&) { return p.CanAccept(tx, item, params, incoming_); });
  }
  template <class Processor>
  boost::json::object Accept(const boost::json::object& item, const boost::json::object& params = {{"accept", true}}) {
    Processor p(*recipient_.attributes);
    return recipient_.InTx([&](storage::Transaction& tx, transport::PendingEvents& events) {
      return p.Accept(tx, item, params, incoming_, events);
    });
  }
  template <class Processor>
  void Apply(const boost::json::object& response_item, const boost::json::object& item) {
    Processor p(*sender_.attributes);
    sender_.InTx([&](storage::Transaction& tx, transport::PendingEvents& events) {
      p.ApplyIncomingResponseItem(tx, response_item, item, outgoing_, events);
      return 0;
    });
  }

  ItemSide sender_;
  ItemSide recipient_;
  LocalRequest outgoing_;
  LocalRequest incoming_;
};

}  // namespace nmshd::consumption::testing
