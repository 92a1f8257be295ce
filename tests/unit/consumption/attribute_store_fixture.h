#pragma once
// A fresh SQLite database, an identity address and an event recorder wired into the attribute
// store and use cases, as the connector wires them (without a Backbone: "bkb:" tags are refused).
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <filesystem>
#include <memory>
#include <mutex>
#include <random>
#include <string>
#include <vector>

#include "base/coded_error.h"
#include "base/js_json.h"
#include "consumption/attributes/attribute_use_cases.h"
#include "consumption/attributes/attributes_controller.h"
#include "storage/open_database.h"

namespace nmshd::consumption::testing {

class RecordingSink final : public transport::TransportEventSink {
 public:
  void Publish(transport::TransportEvent event) override {
    std::lock_guard lock(mutex_);
    events_.push_back(std::move(event));
  }
  std::vector<transport::TransportEvent> Events() const {
    std::lock_guard lock(mutex_);
    return events_;
  }
  void Clear() {
    std::lock_guard lock(mutex_);
    events_.clear();
  }

 private:
  mutable std::mutex mutex_;
  std::vector<transport::TransportEvent> events_;
};

inline constexpr const char* kSelf = "did:e:localhost:dids:0000000000000000000001";

class AttributeStoreTest : public ::testing::Test {
 protected:
  AttributeStoreTest()
      : dir_(std::filesystem::temp_directory_path() / ("nmshd-attributes-" + std::to_string(std::random_device{}()))) {
    std::filesystem::create_directories(dir_);
    storage::DatabaseConfig config;
    config.driver = "sqlite";
    config.path = (dir_ / "db.sqlite").string();
    db_ = storage::OpenDatabase(config);
    ctx_ = std::make_unique<ConsumptionContext>(ConsumptionContext{*db_, kSelf, sink_, nullptr});
    controller_ = std::make_unique<AttributesController>(*ctx_);
    use_cases_ = std::make_unique<AttributeUseCases>(*controller_);
  }
  ~AttributeStoreTest() override {
    use_cases_.reset();
    controller_.reset();
    ctx_.reset();
    db_.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }

  // POST /Attributes with {content:{value, tags?}}.
  boost::json::object Create(const std::string& value_json, const std::string& tags_json = "") {
    return use_cases_->CreateOwnIdentityAttribute(Body(value_json, tags_json));
  }
  static boost::json::value Body(const std::string& value_json, const std::string& tags_json = "") {
    boost::json::object content{{"value", json::Parse(value_json)}};
    if (!tags_json.empty()) content["tags"] = json::Parse(tags_json);
    return boost::json::object{{"content", content}};
  }
  // The error a call throws: "<code> <message>", or "no error".
  template <class Fn>
  static std::string ErrorOf(Fn&& fn) {
    try {
      fn();
    } catch (const CodedError& e) {
      return e.code() + " " + e.what();
    }
    return "no error";
  }
  static std::string Id(const boost::json::object& dto) { return std::string(dto.at("id").as_string()); }

  std::filesystem::path dir_;
  std::unique_ptr<storage::Database> db_;
  RecordingSink sink_;
  std::unique_ptr<ConsumptionContext> ctx_;
  std::unique_ptr<AttributesController> controller_;
  std::unique_ptr<AttributeUseCases> use_cases_;
};

}  // namespace nmshd::consumption::testing
