// The SQL of the query model on SQLite's own planner: an expression index on a field answers a
// condition that compares the field itself, and cannot answer the array-element rule.
#include "storage/sqlite/sqlite_query_sql.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <string>
#include <vector>

namespace nmshd::storage::sqlite {
namespace {

class QueryPlan : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(sqlite3_open(":memory:", &db_), SQLITE_OK);
    Exec(
        "CREATE TABLE documents (collection TEXT NOT NULL, id TEXT NOT NULL, body TEXT NOT NULL, "
        "PRIMARY KEY (collection, id)) STRICT");
    Exec("CREATE INDEX ix_messages_createdBy ON documents (" + IndexExpression(FieldPath::Parse("createdBy")) +
         ") WHERE collection = 'messages'");
  }
  void TearDown() override { sqlite3_close(db_); }

  void Exec(const std::string& sql) {
    char* error = nullptr;
    ASSERT_EQ(sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &error), SQLITE_OK) << (error ? error : "");
  }
  // The planner's details for a Find of the messages collection with this filter, joined.
  std::string PlanOf(const Filter& filter) {
    std::string sql = "EXPLAIN QUERY PLAN SELECT id, body FROM documents WHERE collection = 'messages'";
    std::vector<boost::json::value> params;
    AppendFilter(filter, sql, params);
    sqlite3_stmt* stmt = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db_, sql.c_str(), -1, &stmt, nullptr), SQLITE_OK) << sqlite3_errmsg(db_);
    std::string plan;
    while (sqlite3_step(stmt) == SQLITE_ROW) {
      plan += reinterpret_cast<const char*>(sqlite3_column_text(stmt, 3));
      plan += "; ";
    }
    sqlite3_finalize(stmt);
    return plan;
  }

  sqlite3* db_ = nullptr;
};

TEST_F(QueryPlan, AScalarOnlyConditionIsAnsweredFromTheFieldsIndex) {
  Filter scalar;
  scalar.Where(Condition::Equals("createdBy", "did:e:x").ScalarOnly());
  EXPECT_NE(PlanOf(scalar).find("USING INDEX ix_messages_createdBy"), std::string::npos) << PlanOf(scalar);
}

TEST_F(QueryPlan, TheArrayElementRuleCannotUseTheIndex) {
  Filter array_rule;
  array_rule.Where(Condition::Equals("createdBy", "did:e:x"));
  EXPECT_EQ(PlanOf(array_rule).find("ix_messages_createdBy"), std::string::npos) << PlanOf(array_rule);
}

}  // namespace
}  // namespace nmshd::storage::sqlite
