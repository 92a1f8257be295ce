#include "core/error_envelope.h"

#include <gtest/gtest.h>

#include "base/js_json.h"
#include "core/error_id.h"
#include "unit/core/expect_code.h"

namespace nmshd::core {
namespace {

using nmshd::testing::CodeOf;

TEST(ConnectorHttpError, ProductionFormHasTheOfficialKeysInOrder) {
  auto e = ConnectorHttpError::Create("error.runtime.recordNotFound", "File not found.");
  EXPECT_TRUE(IsConnectorErrorId(e.id));
  EXPECT_EQ(e.docs, "https://enmeshed.eu/integrate/error-codes#error.runtime.recordNotFound");
  e.id = "ERR7KQ2M9XH4PZ3TRW8A";
  e.time = CoreDate::Parse("2026-08-20T10:00:00.000Z");
  EXPECT_EQ(json::Stringify(e.ToEnvelope(false)),
            R"({"error":{"code":"error.runtime.recordNotFound","message":"File not found.","id":"ERR7KQ2M9XH4PZ3TRW8A","time":"2026-08-20T10:00:00.000Z","docs":"https://enmeshed.eu/integrate/error-codes#error.runtime.recordNotFound"}})");
}

TEST(ConnectorHttpError, DebugFormAddsStacktraceAndDetailsOnlyWhenVerbose) {
  auto e = ConnectorHttpError::Create("error.connector.unexpected", "An unexpected error occurred.",
                                      std::vector<std::string>{"at a", "at b"}, "boom");
  auto verbose = e.ToJson(true);
  ASSERT_EQ(verbose.size(), 7u);
  auto it = verbose.begin();
  for (std::string_view key : {"code", "message", "id", "time", "docs", "stacktrace", "details"}) {
    EXPECT_EQ(it->key(), key);
    ++it;
  }
  EXPECT_EQ(json::Stringify(verbose.at("stacktrace")), R"(["at a","at b"])");
  EXPECT_EQ(verbose.at("details").as_string(), "boom");
  EXPECT_EQ(e.ToJson(false).size(), 5u);
  // Without stacktrace/details, verbose mode drops them as JSON.stringify drops undefined.
  EXPECT_EQ(ConnectorHttpError::Create("c", "m").ToJson(true).size(), 5u);
}

TEST(BackboneHttpError, HasTheBackboneKeyOrderAndNullData) {
  auto e = BackboneHttpError::Create("error.platform.recordNotFound", "Token not found.");
  EXPECT_TRUE(IsBackboneErrorId(e.id));
  EXPECT_EQ(e.docs, "");
  e.id = "ERR1KQ2M9XH4PZ3TRW8A";
  e.time = CoreDate::Parse("2025-01-01T00:00:00.000Z");
  const std::string text = json::Stringify(e.ToEnvelope());
  EXPECT_EQ(text,
            R"({"error":{"id":"ERR1KQ2M9XH4PZ3TRW8A","code":"error.platform.recordNotFound","message":"Token not found.","docs":"","time":"2025-01-01T00:00:00.000Z","data":null}})");
  auto back = BackboneHttpError::FromJson(json::Parse(text));
  EXPECT_EQ(back.id, e.id);
  EXPECT_EQ(back.code, e.code);
  EXPECT_EQ(back.message, e.message);
  EXPECT_EQ(back.time, e.time);
  EXPECT_TRUE(back.data.is_null());
}

TEST(BackboneHttpError, CarriesData) {
  boost::json::value data = boost::json::array{boost::json::object{{"metricKey", "NumberOfSentMessages"}}};
  auto e = BackboneHttpError::Create("error.platform.quotaExhausted", "Quota exhausted.", data);
  auto json = e.ToJson();
  EXPECT_EQ(json::Stringify(json.at("data")), R"([{"metricKey":"NumberOfSentMessages"}])");
  EXPECT_EQ(std::prev(json.end())->key(), "data");
}

TEST(BackboneHttpError, FromJsonRequiresCodeAndMessage) {
  EXPECT_EQ(CodeOf([] { BackboneHttpError::FromJson(json::Parse(R"({"error":{"message":"m"}})")); }),
            "error.base.invalidProperty");
  EXPECT_EQ(CodeOf([] { BackboneHttpError::FromJson(json::Parse(R"({"error":{"code":1,"message":"m"}})")); }),
            "error.base.invalidProperty");
  EXPECT_EQ(CodeOf([] { BackboneHttpError::FromJson(json::Parse(R"([1])")); }), "error.base.invalidProperty");
  EXPECT_EQ(CodeOf([] {
              BackboneHttpError::FromJson(json::Parse(R"({"error":{"code":"c","message":"m","time":"yesterday"}})"));
            }),
            "error.core.date.invalid");
  auto minimal = BackboneHttpError::FromJson(json::Parse(R"({"code":"c","message":"m"})"));
  EXPECT_EQ(minimal.code, "c");
  EXPECT_EQ(minimal.id, "");
}

}  // namespace
}  // namespace nmshd::core
