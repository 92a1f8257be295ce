// IQL against the official packages, in-process (iql_oracle.js): for about 500 query strings —
// the listed examples and error cases plus random strings of grammar tokens — @nmshd/iql 1.0.4's
// validate() result (message and location, byte for byte) and execute() indices must equal ours;
// for a list of request bodies the runtime 7.0.0's ExecuteIQLQuery / ValidateIQLQuery checks
// (JSON schema, IQLQuery.from) and results must equal our use cases' over a store that holds the
// oracle's attribute contents as OwnIdentityAttributes.
#include <gtest/gtest.h>

#include <filesystem>
#include <random>

#include "base/coded_error.h"
#include "base/js_json.h"
#include "consumption/attributes/attributes_controller.h"
#include "consumption/iql/iql.h"
#include "consumption/iql/iql_use_cases.h"
#include "interop/transport/node_runner.h"
#include "storage/open_database.h"

namespace nmshd::consumption {
namespace {

namespace js = boost::json;

const js::object& Oracle() {
  static const js::object oracle = [] {
    const auto run = transport::testing::RunNode("../consumption/iql_oracle.js", {}, "", std::chrono::seconds(120));
    if (run.exit_code != 0) throw std::runtime_error("iql_oracle.js failed: " + run.err);
    return json::Parse(run.out, "iql_oracle.js output").as_object();
  }();
  return oracle;
}

std::vector<const js::object*> Attributes() {
  std::vector<const js::object*> out;
  for (const auto& a : Oracle().at("attributes").as_array()) out.push_back(&a.as_object());
  return out;
}

js::value OurExecute(const std::string& query) {
  try {
    js::array out;
    for (auto i : iql::ExecuteIql(query, Attributes())) out.emplace_back(i);
    return out;
  } catch (const CodedError& e) {
    if (e.code() == "error.consumption.iql.syntaxError") return "SyntaxError";
    return js::string(e.code() + ": " + e.what());
  }
}

TEST(IqlInterop, ValidateAndExecuteEqualTheOfficialPackage) {
  std::size_t compared = 0;
  std::size_t invalid = 0;
  for (const auto& c : Oracle().at("queries").as_array()) {
    const std::string query(c.at("query").as_string());
    EXPECT_EQ(json::Stringify(iql::ValidateIql(query)), json::Stringify(c.at("validate"))) << json::Stringify(js::string(query));
    EXPECT_EQ(json::Stringify(OurExecute(query)), json::Stringify(c.at("execute"))) << json::Stringify(js::string(query));
    ++compared;
    if (!c.at("validate").at("isValid").as_bool()) ++invalid;
  }
  EXPECT_GE(compared, 450u);
  EXPECT_GE(invalid, 100u);  // the random strings must exercise the error paths
  std::cout << compared << " queries compared, " << invalid << " of them invalid\n";
}

class IqlUseCasesInterop : public ::testing::Test {
 protected:
  IqlUseCasesInterop()
      : dir_(std::filesystem::temp_directory_path() / ("nmshd-iql-" + std::to_string(std::random_device{}()))) {
    std::filesystem::create_directories(dir_);
    storage::DatabaseConfig config;
    config.driver = "sqlite";
    config.path = (dir_ / "db.sqlite").string();
    db_ = storage::OpenDatabase(config);
    ctx_ = std::make_unique<ConsumptionContext>(ConsumptionContext{*db_, "did:e:localhost:dids:0000000000000000000001", sink_, nullptr});
    controller_ = std::make_unique<AttributesController>(*ctx_);
    // The oracle's contents as OwnIdentityAttributes, in its order.
    db_->WithTransaction([&](storage::Transaction& tx) {
      std::int64_t order = 0;
      for (const auto* content : Attributes()) {
        LocalAttribute a;
        a.id = AttributesController::GenerateId();
        a.content = *content;
        a.created_at = "2025-01-01T00:00:00.000Z";
        a.order = order++;
        tx.Insert(AttributesController::kCollection, a.id, a.ToDocument());
        ids_.push_back(a.id);
      }
    });
  }
  ~IqlUseCasesInterop() override {
    controller_.reset();
    ctx_.reset();
    db_.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }

  struct NullSink final : transport::TransportEventSink {
    void Publish(transport::TransportEvent) override {}
  };
  std::filesystem::path dir_;
  std::unique_ptr<storage::Database> db_;
  NullSink sink_;
  std::unique_ptr<ConsumptionContext> ctx_;
  std::unique_ptr<AttributesController> controller_;
  std::vector<std::string> ids_;
};

TEST_F(IqlUseCasesInterop, RequestChecksAndResultsEqualTheRuntime) {
  IqlUseCases use_cases(*controller_);
  std::size_t compared = 0;
  for (const auto& r : Oracle().at("requests").as_array()) {
    const auto& body = r.at("body");
    js::object ours;
    try {
      if (r.at("kind") == "execute") {
        js::array indices;
        for (const auto& dto : use_cases.ExecuteIQLQuery(body)) {
          const auto id = std::string(dto.at("id").as_string());
          indices.emplace_back(std::find(ids_.begin(), ids_.end(), id) - ids_.begin());
        }
        ours = js::object{{"ok", true}, {"value", indices}};
      } else {
        ours = js::object{{"ok", true}, {"value", use_cases.ValidateIQLQuery(body)}};
      }
    } catch (const CodedError& e) {
      ours = js::object{{"ok", false}, {"code", e.code()}, {"message", e.what()}};
    }
    EXPECT_EQ(json::Stringify(ours), json::Stringify(r.at("result"))) << r.at("kind") << " " << json::Stringify(body);
    ++compared;
  }
  EXPECT_GE(compared, 25u);
}

}  // namespace
}  // namespace nmshd::consumption
