// JSON calls, envelopes, status mapping, paging, upload and download against a scripted server.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <cstdlib>

#include "fake_backbone.h"
#include "json_compare.h"
#include "logging/correlation_id.h"
#include "token_endpoint.h"
#include "transport/backbone/backbone_client.h"

namespace nmshd::transport {
namespace {

using testing::FakeBackbone;
using testing::SetJson;
using testing::TokenEndpoint;

template <typename Fn>
BackboneError CatchError(Fn&& fn) {
  try {
    fn();
  } catch (const BackboneError& e) {
    return e;
  }
  ADD_FAILURE() << "no BackboneError thrown";
  return BackboneError("none", "", "", "", -1);
}

TEST(BackboneClientCalls, GetReturnsEnvelopeResultAndSendsQueryAndHeaders) {
  FakeBackbone fake;
  fake.On("GET", "/api/v2/Version", [](const httplib::Request&, httplib::Response& res) {
    SetJson(res, 200, R"({"result":{"majorVersion":6}})");
  });
  fake.Start();
  auto options = fake.Options();
  options.base_url += "/";  // trailing slash must not double
  options.additional_headers = {{"x-runtime-version", "7.0.0"}, {"x-override", "from-config"}};
  BackboneClient client(options);

  const auto result = client.Get("/api/v2/Version", {{"ids", "a b"}, {"ids", "c&d=é"}}, Auth::kAnonymous,
                                 {{"X-Override", "from-call"}});
  EXPECT_EQ(boost::json::serialize(result), R"({"majorVersion":6})");

  const auto requests = fake.RequestsTo("/api/v2/Version");
  ASSERT_EQ(requests.size(), 1u);
  const auto& r = requests[0];
  EXPECT_EQ(r.params.count("ids"), 2u);
  auto range = r.params.equal_range("ids");
  std::vector<std::string> ids;
  for (auto it = range.first; it != range.second; ++it) ids.push_back(it->second);
  EXPECT_EQ(ids, (std::vector<std::string>{"a b", "c&d=é"}));
  EXPECT_EQ(r.Header("x-runtime-version"), "7.0.0");
  EXPECT_EQ(r.headers.count("x-override"), 1u);
  EXPECT_EQ(r.Header("x-override"), "from-call");
  EXPECT_EQ(r.Header("Authorization"), "");  // anonymous
  EXPECT_EQ(r.Header("Accept"), "application/json, text/plain, */*");
}

TEST(BackboneClientCalls, PostPutPatchSendJsonBodies) {
  FakeBackbone fake;
  auto echo = [](const httplib::Request& req, httplib::Response& res) {
    boost::json::object o{{"method", req.method},
                          {"contentType", req.get_header_value("Content-Type")},
                          {"body", boost::json::parse(req.body)}};
    SetJson(res, 201, boost::json::serialize(boost::json::object{{"result", o}}));
  };
  fake.On("POST", "/api/v2/Challenges", echo);
  fake.On("PUT", "/api/v2/Challenges", echo);
  fake.On("PATCH", "/api/v2/Challenges", echo);
  fake.Start();
  BackboneClient client(fake.Options());

  for (const std::string method : {"POST", "PUT", "PATCH"}) {
    const boost::json::value body = {{"n", 1.5}, {"s", "x\"y"}, {"list", {1, 2}}};
    boost::json::value result;
    if (method == "POST") result = client.Post("/api/v2/Challenges", body, Auth::kAnonymous);
    if (method == "PUT") result = client.Put("/api/v2/Challenges", body, Auth::kAnonymous);
    if (method == "PATCH") result = client.Patch("/api/v2/Challenges", body, Auth::kAnonymous);
    EXPECT_EQ(result.at("method"), method);
    EXPECT_EQ(result.at("contentType"), "application/json");
    EXPECT_EQ(result.at("body"), body);
  }
}

TEST(BackboneClientCalls, ErrorEnvelopeBecomesBackboneErrorWithCodeAndStatus) {
  FakeBackbone fake;
  fake.On("POST", "/api/v2/Relationships", [](const httplib::Request&, httplib::Response& res) {
    SetJson(res, 400,
            R"({"error":{"id":"ERRabcdefghijklmnopq","code":"error.platform.validation.relationship.peerIsToBeDeleted",)"
            R"("message":"The peer is to be deleted.","docs":"","time":"2025-01-01T00:00:00.000Z","data":null}})");
  });
  fake.On("GET", "/api/v2/Messages/MSG1", [](const httplib::Request&, httplib::Response& res) {
    SetJson(res, 404, R"({"error":{"id":"ERR2","code":"error.platform.recordNotFound","message":"Message not found.",)"
                      R"("docs":"","time":"2025-01-01T00:00:00.000Z","data":{"x":1}}})");
  });
  fake.Start();
  BackboneClient client(fake.Options());

  auto e = CatchError([&] { client.Post("/api/v2/Relationships", boost::json::object{}, Auth::kAnonymous); });
  EXPECT_EQ(e.code(), "error.platform.validation.relationship.peerIsToBeDeleted");
  EXPECT_EQ(e.status(), 400);
  EXPECT_EQ(e.reason(), "The peer is to be deleted.");
  EXPECT_EQ(e.backbone_error_id(), "ERRabcdefghijklmnopq");
  EXPECT_EQ(e.method(), "POST");
  EXPECT_EQ(e.path(), "/api/v2/Relationships");
  EXPECT_NE(std::string(e.what()).find("(400)"), std::string::npos);

  e = CatchError([&] { client.Get("/api/v2/Messages/MSG1", {}, Auth::kAnonymous); });
  EXPECT_EQ(e.code(), "error.platform.recordNotFound");
  EXPECT_EQ(e.status(), 404);
  EXPECT_EQ(e.details(), (boost::json::value{{"x", 1}}));
}

TEST(BackboneClientCalls, StatusesMapLikeTheOfficialClient) {
  FakeBackbone fake;
  fake.On("GET", "/bare404", [](const httplib::Request&, httplib::Response& res) { res.status = 404; });
  fake.On("GET", "/bare400", [](const httplib::Request&, httplib::Response& res) { res.status = 400; });
  fake.On("GET", "/forbidden", [](const httplib::Request&, httplib::Response& res) {
    SetJson(res, 403, R"({"error":{"code":"error.platform.x","message":"m"}})");
  });
  fake.On("GET", "/quota", [](const httplib::Request&, httplib::Response& res) {
    SetJson(res, 429, R"({"error":{"code":"error.platform.quotaExhausted","message":"m"}})");
  });
  fake.On("GET", "/noresult", [](const httplib::Request&, httplib::Response& res) { SetJson(res, 200, "{}"); });
  fake.On("GET", "/html500", [](const httplib::Request&, httplib::Response& res) {
    res.status = 500;
    res.set_content("<html>oops</html>", "text/html");
  });
  fake.On("GET", "/badgateway", [](const httplib::Request&, httplib::Response& res) { res.status = 502; });
  fake.Start();
  BackboneClient client(fake.Options());
  auto code_of = [&](const std::string& path) {
    return CatchError([&] { client.Get(path, {}, Auth::kAnonymous); });
  };

  EXPECT_EQ(code_of("/bare404").code(), "error.transport.request.notFound");
  EXPECT_EQ(code_of("/bare400").code(), "error.transport.request.badRequest");
  const auto forbidden = code_of("/forbidden");
  EXPECT_EQ(forbidden.code(), "error.platform.forbidden");
  EXPECT_EQ(forbidden.status(), 403);
  const auto quota = code_of("/quota");
  EXPECT_EQ(quota.code(), "error.platform.unexpected");  // official: code lost outside 400/404/500
  EXPECT_EQ(quota.status(), 429);
  EXPECT_EQ(quota.details().at("code"), "error.platform.quotaExhausted");
  EXPECT_EQ(code_of("/noresult").code(), "error.transport.request.resultUndefined");
  EXPECT_EQ(code_of("/html500").code(), "error.transport.request.resultUndefined");
  EXPECT_EQ(code_of("/html500").status(), 500);
  EXPECT_EQ(code_of("/badgateway").code(), "error.platform.unexpected");
}

TEST(BackboneClientCalls, NoContentGivesNull) {
  FakeBackbone fake;
  fake.On("DELETE", "/api/v2/Devices/DVC1", [](const httplib::Request&, httplib::Response& res) { res.status = 204; });
  fake.On("POST", "/api/v2/Messages/MSG1/setReadFlag",
          [](const httplib::Request&, httplib::Response& res) { res.status = 204; });
  fake.Start();
  BackboneClient client(fake.Options());
  EXPECT_TRUE(client.Delete("/api/v2/Devices/DVC1", Auth::kAnonymous).is_null());
  EXPECT_TRUE(client.Post("/api/v2/Messages/MSG1/setReadFlag", boost::json::object{}, Auth::kAnonymous).is_null());
  EXPECT_EQ(fake.RequestsTo("/api/v2/Devices/DVC1").at(0).method, "DELETE");
}

TEST(BackboneClientCalls, CallReportsStatusEtagAndNotModified) {
  FakeBackbone fake;
  fake.On("GET", "/api/v2/Tags", [](const httplib::Request& req, httplib::Response& res) {
    if (req.get_header_value("If-None-Match") == "\"v1\"") {
      res.status = 304;
      return;
    }
    res.set_header("ETag", "\"v1\"");
    SetJson(res, 200, R"({"result":{"supportedLanguages":["de"]}})");
  });
  fake.Start();
  BackboneClient client(fake.Options());
  CallOptions call;
  call.auth = Auth::kAnonymous;
  const auto first = client.Call("get", "/api/v2/Tags", call);
  EXPECT_EQ(first.status, 200);
  EXPECT_EQ(first.Header("etag").value_or(""), "\"v1\"");
  EXPECT_EQ(first.result.at("supportedLanguages").at(0), "de");

  call.headers = {{"if-none-match", "\"v1\""}};
  const auto second = client.Call("GET", "/api/v2/Tags", call);
  EXPECT_EQ(second.status, 304);
  EXPECT_TRUE(second.result.is_null());
}

TEST(BackboneClientCalls, GetAllPagesFollowsPaginationAcrossThreePages) {
  FakeBackbone fake;
  fake.On("GET", "/api/v2/Messages", [](const httplib::Request& req, httplib::Response& res) {
    const int page = req.has_param("pageNumber") ? std::stoi(req.get_param_value("pageNumber")) : 1;
    boost::json::array items;
    for (int i = 0; i < (page == 3 ? 1 : 2); ++i) items.push_back(boost::json::value("p" + std::to_string(page) + "-" + std::to_string(i)));
    boost::json::object body{{"result", items},
                             {"pagination", {{"pageNumber", page}, {"pageSize", 2}, {"totalPages", 3}, {"totalRecords", 5}}}};
    SetJson(res, 200, boost::json::serialize(body));
  });
  fake.On("GET", "/api/v2/Tokens", [](const httplib::Request&, httplib::Response& res) {
    SetJson(res, 200, R"({"result":[{"id":"TOK1"}]})");  // no pagination member: one page
  });
  fake.Start();
  BackboneClient client(fake.Options());

  const auto items = client.GetAllPages("/api/v2/Messages", {{"ids", "MSG1"}, {"ids", "MSG2"}}, Auth::kAnonymous,
                                        {{"x-supported-datawallet-version", "1"}});
  EXPECT_EQ(boost::json::serialize(items), R"(["p1-0","p1-1","p2-0","p2-1","p3-0"])");
  const auto requests = fake.RequestsTo("/api/v2/Messages");
  ASSERT_EQ(requests.size(), 3u);
  EXPECT_FALSE(requests[0].params.count("pageNumber"));
  EXPECT_EQ(requests[1].Param("pageNumber"), "2");
  EXPECT_EQ(requests[2].Param("pageNumber"), "3");
  for (const auto& r : requests) {
    EXPECT_EQ(r.params.count("ids"), 2u);
    EXPECT_EQ(r.Header("x-supported-datawallet-version"), "1");
  }

  EXPECT_EQ(boost::json::serialize(client.GetAllPages("/api/v2/Tokens", {}, Auth::kAnonymous)), R"([{"id":"TOK1"}])");
  EXPECT_EQ(fake.RequestsTo("/api/v2/Tokens").size(), 1u);
}

TEST(BackboneClientCalls, MultipartUploadArrivesWithItsParts) {
  FakeBackbone fake;
  fake.On("POST", "/api/v2/Files", [](const httplib::Request& req, httplib::Response& res) {
    if (!req.is_multipart_form_data() || !req.has_file("content") || !req.has_file("expiresAt")) {
      res.status = 400;
      return;
    }
    const auto content = req.get_file_value("content");
    const auto expires = req.get_file_value("expiresAt");
    boost::json::object result{{"filename", content.filename},
                               {"contentType", content.content_type},
                               {"size", content.content.size()},
                               {"contentHex", ""},
                               {"expiresAt", expires.content},
                               {"expiresFilename", expires.filename},
                               {"authorization", req.get_header_value("Authorization")}};
    std::string hex;
    for (unsigned char c : content.content) {
      static constexpr char kHex[] = "0123456789abcdef";
      hex += kHex[c >> 4];
      hex += kHex[c & 15];
    }
    result["contentHex"] = hex;
    SetJson(res, 201, boost::json::serialize(boost::json::object{{"result", result}}));
  });
  TokenEndpoint tokens;
  tokens.Install(fake);
  fake.Start();
  BackboneClient client(fake.Options());
  client.SetDeviceCredentials({"USR1", "pw"});

  const std::string bytes("\x00\x01\r\n--\xff\x00", 8);
  const auto result = client.PostMultipart(
      "/api/v2/Files", {{"content", bytes, "cipher.bin", std::nullopt}, {"expiresAt", "2030-01-01T00:00:00.000Z", {}, {}}});
  EXPECT_EQ(result.at("filename"), "cipher.bin");
  EXPECT_EQ(result.at("contentType"), "application/octet-stream");
  EXPECT_EQ(result.at("size").to_number<int>(), 8);
  EXPECT_EQ(result.at("contentHex"), "00010d0a2d2dff00");
  EXPECT_EQ(result.at("expiresAt"), "2030-01-01T00:00:00.000Z");
  EXPECT_EQ(result.at("expiresFilename"), "");
  EXPECT_EQ(result.at("authorization"), "Bearer tok-1");
}

TEST(BackboneClientCalls, DownloadReturnsBinaryBytesWithZeros) {
  std::string bytes;
  for (int round = 0; round < 300; ++round) {
    for (int b = 0; b < 256; ++b) bytes.push_back(static_cast<char>(b));
  }
  FakeBackbone fake;
  fake.On("GET", "/api/v2/Files/FIL1", [&](const httplib::Request&, httplib::Response& res) {
    res.set_content(bytes, "application/octet-stream");
  });
  fake.On("GET", "/api/v2/Files/FIL2", [](const httplib::Request&, httplib::Response& res) {
    SetJson(res, 404, R"({"error":{"code":"error.platform.recordNotFound","message":"File not found."}})");
  });
  fake.Start();
  BackboneClient client(fake.Options());

  const std::string downloaded = client.DownloadBytes("/api/v2/Files/FIL1", Auth::kAnonymous);
  EXPECT_EQ(downloaded.size(), bytes.size());
  EXPECT_TRUE(downloaded == bytes);
  const auto e = CatchError([&] { client.DownloadBytes("/api/v2/Files/FIL2", Auth::kAnonymous); });
  EXPECT_EQ(e.code(), "error.platform.recordNotFound");
  EXPECT_EQ(e.method(), "GET-Download");
}

TEST(BackboneClientCalls, SequentialCallsReuseTheConnection) {
  FakeBackbone fake;
  fake.On("GET", "/api/v2/Version", [](const httplib::Request&, httplib::Response& res) {
    SetJson(res, 200, R"({"result":{"majorVersion":6}})");
  });
  fake.Start();
  BackboneClient client(fake.Options());
  for (int i = 0; i < 5; ++i) client.Get("/api/v2/Version", {}, Auth::kAnonymous);
  const auto requests = fake.RequestsTo("/api/v2/Version");
  ASSERT_EQ(requests.size(), 5u);
  for (const auto& r : requests) EXPECT_EQ(r.remote_port, requests[0].remote_port);
}

TEST(BackboneClientCalls, SendsTheCurrentCorrelationId) {
  FakeBackbone fake;
  fake.On("GET", "/api/v2/Version", [](const httplib::Request&, httplib::Response& res) {
    SetJson(res, 200, R"({"result":{"majorVersion":6}})");
  });
  fake.Start();
  BackboneClient client(fake.Options());
  client.Get("/api/v2/Version", {}, Auth::kAnonymous);
  {
    logging::CorrelationScope scope("corr-123");
    client.Get("/api/v2/Version", {}, Auth::kAnonymous);
  }
  const auto requests = fake.RequestsTo("/api/v2/Version");
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(requests[0].headers.count("x-correlation-id"), 0u);
  EXPECT_EQ(requests[1].Header("x-correlation-id"), "corr-123");
}

TEST(BackboneClientCalls, FollowsRedirects) {
  FakeBackbone fake;
  fake.On("GET", "/old", [](const httplib::Request&, httplib::Response& res) { res.set_redirect("/api/v2/Version"); });
  fake.On("GET", "/api/v2/Version", [](const httplib::Request&, httplib::Response& res) {
    SetJson(res, 200, R"({"result":{"majorVersion":7}})");
  });
  fake.On("GET", "/loop", [](const httplib::Request&, httplib::Response& res) { res.set_redirect("/loop"); });
  fake.Start();
  auto options = fake.Options();
  options.max_redirects = 3;
  BackboneClient client(options);
  EXPECT_EQ(client.Get("/old", {}, Auth::kAnonymous).at("majorVersion").to_number<int>(), 7);
  const auto e = CatchError([&] { client.Get("/loop", {}, Auth::kAnonymous); });
  EXPECT_EQ(e.code(), "error.transport.request.unknown");
  EXPECT_EQ(fake.RequestsTo("/loop").size(), 4u);  // the first request and 3 redirects
}

TEST(BackboneClientCalls, HonoursUpperCaseHttpProxy) {
  FakeBackbone proxy;
  // A forward proxy receives the absolute URL as request target.
  proxy.On("GET", "http://backbone.invalid/api/v2/Version", [](const httplib::Request&, httplib::Response& res) {
    SetJson(res, 200, R"({"result":{"via":"proxy"}})");
  });
  proxy.Start();
  const char* saved_lower = std::getenv("http_proxy");
  const char* saved_upper = std::getenv("HTTP_PROXY");
  const std::string lower = saved_lower ? saved_lower : "", upper = saved_upper ? saved_upper : "";
  ::unsetenv("http_proxy");
  ::setenv("HTTP_PROXY", proxy.BaseUrl().c_str(), 1);
  BackboneClientOptions options;
  options.base_url = "http://backbone.invalid";
  std::string via;
  try {
    BackboneClient client(options);
    via = std::string(client.Get("/api/v2/Version", {}, Auth::kAnonymous).at("via").as_string());
  } catch (const std::exception& e) {
    ADD_FAILURE() << e.what();
  }
  if (saved_lower) ::setenv("http_proxy", lower.c_str(), 1);
  if (saved_upper) ::setenv("HTTP_PROXY", upper.c_str(), 1); else ::unsetenv("HTTP_PROXY");
  EXPECT_EQ(via, "proxy");
}

TEST(BackboneClientCalls, ProbeReturnsTheStatus) {
  FakeBackbone fake;
  fake.On("GET", "/health", [](const httplib::Request&, httplib::Response& res) { res.status = 503; });
  fake.Start();
  BackboneClient client(fake.Options());
  EXPECT_EQ(client.Probe("/health"), 503);
  EXPECT_EQ(client.Probe("/nothing-here"), 404);
}

TEST(BackboneClientCalls, RejectsUnsafePathsAndHeaders) {
  BackboneClientOptions options;
  options.base_url = "http://127.0.0.1:1";
  BackboneClient client(options);
  EXPECT_THROW(client.Get("/a b", {}, Auth::kAnonymous), BackboneError);
  EXPECT_THROW(client.Get("relative", {}, Auth::kAnonymous), BackboneError);
  EXPECT_THROW(client.Get("/a", {}, Auth::kAnonymous, {{"x-a", "1\r\nx-b: 2"}}), BackboneError);
}

}  // namespace
}  // namespace nmshd::transport
