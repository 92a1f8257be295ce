#pragma once
// A /connect/token handler for FakeBackbone that issues "tok-1", "tok-2", … and counts the grants.
#include <atomic>
#include <memory>
#include <string>

#include "fake_backbone.h"

namespace nmshd::transport::testing {

struct TokenEndpoint {
  std::shared_ptr<std::atomic<int>> issued = std::make_shared<std::atomic<int>>(0);
  std::shared_ptr<std::atomic<int>> expires_in = std::make_shared<std::atomic<int>>(300);

  void Install(FakeBackbone& fake) const {
    fake.On("POST", "/connect/token", [issued = issued, expires_in = expires_in](const httplib::Request&,
                                                                               httplib::Response& res) {
      const int n = ++*issued;
      res.set_content(R"({"access_token":"tok-)" + std::to_string(n) + R"(","token_type":"Bearer","expires_in":)" +
                          std::to_string(expires_in->load()) + "}",
                      "application/json");
    });
  }
  int count() const { return issued->load(); }
};

inline void SetJson(httplib::Response& res, int status, const std::string& body) {
  res.status = status;
  res.set_content(body, "application/json; charset=utf-8");
}

}  // namespace nmshd::transport::testing
