#pragma once
// Test bed for the transport layer: our real Backbone in-process on an ephemeral port (SQLite in a
// temp dir) and any number of identities, each with its own database, Backbone client, account and
// event recorder, exactly as the connector wires them.
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "app/backbone_app.h"
#include "storage/document_store.h"
#include "transport/account/account.h"
#include "transport/account/secret_box.h"
#include "transport/backbone/backbone_client.h"
#include "transport/modules/transport_context.h"

namespace nmshd::transport::testing {

inline constexpr const char* kClientId = "test";
inline constexpr const char* kClientSecret = "test-secret-of-the-platform-client";

class TestBackbone {
 public:
  TestBackbone();
  ~TestBackbone();
  std::string base_url() const;  // http://localhost:<port>
  backbone::BackboneApp& app() { return *app_; }
  // A process restart: the server stops (open streams end), `down_for` passes, and a new one starts
  // on the same port and database. Everything in memory (access tokens, SSE listeners) is lost.
  void Restart(std::chrono::milliseconds down_for = std::chrono::milliseconds(0));
  const std::filesystem::path& dir() const { return dir_; }

 private:
  void StartApp(unsigned short port);
  std::filesystem::path dir_;
  std::unique_ptr<backbone::BackboneApp> app_;
};

class RecordingEventSink final : public TransportEventSink {
 public:
  void Publish(TransportEvent event) override;
  std::vector<TransportEvent> Events() const;
  std::vector<std::string> Names() const;
  // Number of recorded events with this name.
  std::size_t Count(const std::string& name) const;
  void Clear();

 private:
  mutable std::mutex mutex_;
  std::vector<TransportEvent> events_;
};

class TestIdentity {
 public:
  TestIdentity(TestBackbone& backbone, const std::string& name);
  ~TestIdentity();

  storage::Database& db() { return *db_; }
  BackboneClient& backbone() { return *client_; }
  const Account& account() const { return *account_; }
  const std::string& address() const { return account_->address(); }
  SecretBox& box() { return *box_; }
  RecordingEventSink& events() { return events_; }
  TransportContext& ctx() { return *ctx_; }
  const std::filesystem::path& dir() const { return dir_; }

 private:
  std::filesystem::path dir_;
  std::unique_ptr<storage::Database> db_;
  std::unique_ptr<BackboneClient> client_;
  std::unique_ptr<SecretBox> box_;
  std::unique_ptr<TagCollectionCache> tags_;
  std::unique_ptr<Account> account_;
  RecordingEventSink events_;
  std::unique_ptr<TransportContext> ctx_;
};

}  // namespace nmshd::transport::testing
