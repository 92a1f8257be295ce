#include "http/router.h"

#include <gtest/gtest.h>

namespace nmshd::http {
namespace {

Response Tag(const std::string& t) { return Response{200, {}, t}; }

class RouterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    router.Add("GET", "/api/v2/Relationships/{id}", [](Request&) { return Tag("get"); });
    router.Add("GET", "/api/v2/Relationships/CanCreate", [](Request&) { return Tag("cancreate"); });
    router.Add("PUT", "/api/v2/Relationships/{id}/Accept", [](Request&) { return Tag("accept"); });
    router.Add("GET", "/api/v2/Files/{fileId}/Metadata", [](Request&) { return Tag("meta"); });
    router.Add("DELETE", "/api/v2/Relationships/{id}", [](Request&) { return Tag("del"); });
  }
  std::string Run(const std::string& method, const std::string& path) {
    Request r;
    r.method = method;
    r.path = path;
    auto m = router.Find(r);
    if (m.outcome == Router::Outcome::kNotFound) return "404";
    if (m.outcome == Router::Outcome::kMethodNotAllowed) return "405 " + m.allowed_methods;
    last_params = r.path_params;
    return (*m.handler)(r).body;
  }
  Router router;
  decltype(Request::path_params) last_params;
};

TEST_F(RouterTest, LiteralSegmentBeatsParameter) {
  EXPECT_EQ(Run("GET", "/api/v2/Relationships/CanCreate"), "cancreate");
  EXPECT_EQ(Run("GET", "/api/v2/Relationships/RELabc"), "get");
  EXPECT_EQ(last_params.at("id"), "RELabc");
}

TEST_F(RouterTest, LiteralsMatchCaseInsensitivelyAsTransportNeeds) {
  EXPECT_EQ(Run("GET", "/api/v2/files/FIL1/metadata"), "meta");
  EXPECT_EQ(last_params.at("FILEID"), "FIL1");  // parameter names are case-insensitive too
  EXPECT_EQ(Run("GET", "/API/V2/RELATIONSHIPS/cancreate/"), "cancreate");
}

TEST_F(RouterTest, WrongMethodIs405WithAllowedMethods) {
  EXPECT_EQ(Run("POST", "/api/v2/Relationships/REL1"), "405 GET, DELETE");
  EXPECT_EQ(Run("GET", "/api/v2/Relationships/REL1/Accept"), "405 PUT");
  EXPECT_EQ(Run("GET", "/api/v2/Nothing"), "404");
  EXPECT_EQ(Run("GET", "/api/v2/Relationships/REL1/Accept/More"), "404");
}

}  // namespace
}  // namespace nmshd::http
