// Files routes through the whole pipeline (ConnectorApi::Handle) against the in-process Backbone,
// and the multipart/form-data parser of the upload route.
#include "connector/controllers/files_controller.h"

#include <gtest/gtest.h>
#include <strings.h>

#include "controller_test_support.h"
#include "connector/controllers/multipart_form.h"
#include "connector/http/api_error.h"
#include "storage/filter_syntax.h"
#include "transport/modules/files_messages_test_support.h"
#include "transport/transmission/file_seal.h"

namespace nmshd::connector {
namespace {

namespace js = boost::json;
using namespace nmshd::connector::controller_test;
using transport::testing::FileMessageNode;
using transport::testing::TestBackbone;

constexpr const char* kBoundary = "----nmshdTestBoundary7MA4YWxk";

struct Part {
  Part(std::string name_in, std::string data_in, std::optional<std::string> filename_in = std::nullopt,
       std::optional<std::string> content_type_in = std::nullopt)
      : name(std::move(name_in)),
        data(std::move(data_in)),
        filename(std::move(filename_in)),
        content_type(std::move(content_type_in)) {}
  std::string name;
  std::string data;
  std::optional<std::string> filename;
  std::optional<std::string> content_type;
};

std::string MultipartBody(const std::vector<Part>& parts) {
  std::string body;
  for (const auto& p : parts) {
    body += std::string("--") + kBoundary + "\r\nContent-Disposition: form-data; name=\"" + p.name + "\"";
    if (p.filename) body += "; filename=\"" + *p.filename + "\"";
    body += "\r\n";
    if (p.content_type) body += "Content-Type: " + *p.content_type + "\r\n";
    body += "\r\n" + p.data + "\r\n";
  }
  return body + "--" + kBoundary + "--\r\n";
}

http::Request UploadRequest(const std::vector<Part>& parts) {
  auto r = MakeRequest("POST", "/api/core/v1/Files/Own");
  r.headers["Content-Type"] = std::string("multipart/form-data; boundary=") + kBoundary;
  r.body = MultipartBody(parts);
  return r;
}

// ---- multipart/form-data parser ----

TEST(MultipartFormTest, ReadsFilesAndFieldsAsBusboyDoes) {
  const std::string ct = std::string("multipart/form-data; boundary=\"") + kBoundary + "\"";
  const std::string binary("a\0b\r\nc--", 8);
  auto body = "preamble\r\n" + MultipartBody({{"file", binary, "/home/u/Bericht ä.pdf", "Application/PDF; x=1"},
                                              {"title", "T"},
                                              {"tags", "x:a"},
                                              {"tags", "x:b"}});
  const auto parts = ParseMultipartForm(ct, body);
  ASSERT_EQ(parts.size(), 4u);
  EXPECT_EQ(parts[0].name, "file");
  EXPECT_EQ(parts[0].filename, "Bericht ä.pdf");
  EXPECT_EQ(parts[0].content_type, "application/pdf");
  EXPECT_EQ(parts[0].data, binary);
  EXPECT_EQ(parts[1].name, "title");
  EXPECT_FALSE(parts[1].filename.has_value());
  EXPECT_EQ(parts[1].content_type, "text/plain");
  EXPECT_EQ(parts[1].data, "T");
  EXPECT_EQ(parts[3].data, "x:b");

  const auto ext = ParseMultipartForm(
      ct, std::string("--") + kBoundary +
              "\r\ncontent-disposition: form-data; name=file; filename*=UTF-8''%C3%BC%20x.txt\r\n\r\n\r\n--" +
              kBoundary + "--");
  ASSERT_EQ(ext.size(), 1u);
  EXPECT_EQ(ext[0].filename, "ü x.txt");
  EXPECT_EQ(ext[0].data, "");
}

TEST(MultipartFormTest, RefusesMalformedBodies) {
  const std::string ct = std::string("multipart/form-data; boundary=") + kBoundary;
  const std::string d = std::string("--") + kBoundary;
  auto status_of = [&](const std::string& content_type, const std::string& body) {
    try {
      ParseMultipartForm(content_type, body);
    } catch (const ApiError& e) {
      EXPECT_EQ(e.code(), "error.connector.http.badRequest");
      return e.status();
    }
    return 0;
  };
  EXPECT_EQ(status_of("multipart/form-data", d + "--"), 400);                                        // no boundary
  EXPECT_EQ(status_of("application/json", d + "--"), 400);                                           // not multipart
  EXPECT_EQ(status_of(ct, "nothing here"), 400);                                                     // no delimiter
  EXPECT_EQ(status_of(ct, d + "\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nvalue"), 400);  // unclosed
  EXPECT_EQ(status_of(ct, d + "\r\nContent-Type: text/plain\r\n\r\nx\r\n" + d + "--"), 400);         // no disposition
  EXPECT_EQ(status_of(ct, d + "\r\nContent-Disposition: attachment; name=\"a\"\r\n\r\nx\r\n" + d + "--"), 400);
  EXPECT_EQ(status_of(ct, d + "\r\nContent-Disposition: form-data\r\n\r\nx\r\n" + d + "--"), 400);  // no name
  EXPECT_EQ(status_of(ct, d + "\r\nContent-Disposition: form-data; name=\"a\r\n\r\nx\r\n" + d + "--"), 400);
  EXPECT_EQ(status_of(ct, d + "\r\nContent-Disposition: form-data; name=a\r\n\r\nx\r\n" + d + "--"), 0);
  EXPECT_EQ(status_of(ct, d + "--"), 0);  // no parts at all
}

// ---- routes ----

class FilesControllerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    backbone_ = new TestBackbone();
    a_ = new FileMessageNode(*backbone_, "filesc-a");
    b_ = new FileMessageNode(*backbone_, "filesc-b");
  }
  static void TearDownTestSuite() {
    delete b_;
    delete a_;
    delete backbone_;
  }

  FilesControllerTest() {
    RegisterFileRoutes(api_a_, a_->files);
    RegisterFileRoutes(api_b_, b_->files);
  }

  http::Response CallA(http::Request r) { return api_a_.Handle(r); }
  http::Response CallA(const std::string& method, const std::string& target, const js::value* body = nullptr,
                       const std::string& accept = "") {
    return CallA(MakeRequest(method, target, body, accept));
  }
  http::Response CallB(const std::string& method, const std::string& target, const js::value* body = nullptr) {
    auto r = MakeRequest(method, target, body);
    return api_b_.Handle(r);
  }

  js::object Upload(const std::string& content, const std::string& filename = "doc.bin",
                    const std::string& type = "application/octet-stream") {
    const auto r =
        CallA(UploadRequest({{"file", content, filename, type}, {"expiresAt", transport::testing::InOneDay()}}));
    EXPECT_EQ(r.status, 201) << r.body;
    return ResultOf(r).as_object();
  }

  static TestBackbone* backbone_;
  static FileMessageNode* a_;
  static FileMessageNode* b_;
  ConnectorApi api_a_{OpenDebugApi()};
  ConnectorApi api_b_{OpenDebugApi()};
};

TestBackbone* FilesControllerTest::backbone_ = nullptr;
FileMessageNode* FilesControllerTest::a_ = nullptr;
FileMessageNode* FilesControllerTest::b_ = nullptr;

TEST_F(FilesControllerTest, MultipartUploadCreatesTheFile) {
  const auto content = transport::testing::BinaryContent(3000);
  const auto r = CallA(UploadRequest({{"file", content, "Prüfung 1.pdf", "application/pdf"},
                                      {"expiresAt", transport::testing::InOneDay()},
                                      {"title", "Exam"},
                                      {"description", "First"},
                                      {"tags", "x:one"},
                                      {"tags", "x:two"}}));
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(HeaderOf(r, "Location"), "_");
  const auto dto = ResultOf(r).as_object();
  EXPECT_EQ(dto.at("filename"), "Prüfung 1.pdf");
  EXPECT_EQ(dto.at("mimetype"), "application/pdf");
  EXPECT_EQ(dto.at("filesize"), 3000);
  EXPECT_EQ(dto.at("title"), "Exam");
  EXPECT_EQ(dto.at("description"), "First");
  EXPECT_EQ(dto.at("tags"), (js::array{"x:one", "x:two"}));
  EXPECT_EQ(dto.at("isOwn"), true);

  const std::string id(dto.at("id").as_string());
  const auto download = CallA("GET", "/api/core/v1/Files/" + id + "/Download");
  ASSERT_EQ(download.status, 200);
  EXPECT_EQ(download.body, content);
  EXPECT_EQ(HeaderOf(download, "Content-Type"), "application/pdf");
  EXPECT_EQ(HeaderOf(download, "Content-Disposition"), "attachment;filename=Pr%C3%BCfung%201.pdf");

  const auto got = CallA("GET", "/api/core/v1/Files/" + id);
  ASSERT_EQ(got.status, 200);
  EXPECT_EQ(ResultOf(got), dto);
  const auto png = CallA("GET", "/api/core/v1/Files/" + id, nullptr, "image/png");
  ASSERT_EQ(png.status, 200);
  EXPECT_EQ(png.body.substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
  EXPECT_EQ(HeaderOf(png, "Content-Disposition"), "attachment;filename=" + id + ".png");
}

TEST_F(FilesControllerTest, UploadValidation) {
  const auto too_large = CallA(UploadRequest(
      {{"file", std::string(transport::kMaxPlainFileSize + 1, 'x'), "big.bin", "application/octet-stream"}}));
  ASSERT_EQ(too_large.status, 400);
  EXPECT_EQ(ErrorOf(too_large).at("code"), "error.runtime.validation.invalidPropertyValue");
  EXPECT_EQ(ErrorOf(too_large).at("message"), "'content' is too large");

  // Exactly 10 MiB passes the runtime's check; the Backbone then refuses the larger cipher with its
  // own limit, as the official stack does.
  const auto exactly_max =
      CallA(UploadRequest({{"file", std::string(transport::kMaxPlainFileSize, 'x'), "max.bin", "text/plain"}}));
  EXPECT_EQ(exactly_max.status, 400);
  EXPECT_EQ(ErrorOf(exactly_max).at("code"), "InclusiveBetweenValidator");

  const auto no_file = CallA(UploadRequest({{"title", "no file"}}));
  ASSERT_EQ(no_file.status, 400);
  EXPECT_EQ(ErrorOf(no_file).at("message"), "must have required property 'content'");

  const auto past =
      CallA(UploadRequest({{"file", "x", "x.txt", "text/plain"}, {"expiresAt", "2020-01-01T00:00:00.000Z"}}));
  ASSERT_EQ(past.status, 400);
  EXPECT_EQ(ErrorOf(past).at("message"), "'expiresAt' must be in the future");

  auto broken = UploadRequest({{"file", "x", "x.txt", "text/plain"}});
  broken.body.resize(broken.body.size() - 10);
  const auto malformed = CallA(broken);
  ASSERT_EQ(malformed.status, 400);
  EXPECT_EQ(ErrorOf(malformed).at("code"), "error.connector.http.badRequest");

  const auto unexpected = CallA(UploadRequest({{"other", "x", "x.txt", "text/plain"}}));
  EXPECT_EQ(unexpected.status, 400);
}

TEST_F(FilesControllerTest, PeerLoadListsTokensAndDelete) {
  const auto own = Upload("", "empty.txt", "text/plain");
  const std::string id(own.at("id").as_string());

  const js::value load{{"reference", own.at("reference").at("truncated")}};
  const auto loaded = CallB("POST", "/api/core/v1/Files/Peer", &load);
  ASSERT_EQ(loaded.status, 201) << loaded.body;
  EXPECT_EQ(ResultOf(loaded).at("isOwn"), false);
  const auto empty = CallB("GET", "/api/core/v1/Files/" + id + "/Download");
  ASSERT_EQ(empty.status, 200);
  EXPECT_EQ(empty.body, "");
  EXPECT_EQ(HeaderOf(empty, "Content-Type"), "text/plain");
  EXPECT_EQ(HeaderOf(empty, "Content-Disposition"), "attachment;filename=empty.txt");

  bool found = false;
  const auto peer_files = ResultOf(CallB("GET", "/api/core/v1/Files/Peer"));
  for (const auto& f : peer_files.as_array()) found |= f.at("id") == js::value(id);
  EXPECT_TRUE(found);
  const auto own_files = ResultOf(CallB("GET", "/api/core/v1/Files/Own"));
  for (const auto& f : own_files.as_array()) EXPECT_NE(f.at("id"), js::value(id));
  EXPECT_FALSE(ResultOf(CallA("GET", "/api/core/v1/Files?isOwn=true&filename=empty.txt")).as_array().empty());
  const auto unknown_key = CallA("GET", "/api/core/v1/Files?secrets=1");
  EXPECT_EQ(unknown_key.status, 400);

  const js::value token_body{{"ephemeral", false}};
  const auto token = CallA("POST", "/api/core/v1/Files/" + id + "/Token", &token_body);
  ASSERT_EQ(token.status, 201) << token.body;
  EXPECT_EQ(ResultOf(token).at("content").at("fileId"), js::value(id));
  EXPECT_EQ(HeaderOf(token, "Location"), "_");
  const js::value empty_body = js::object{};
  const auto qr = CallA("POST", "/api/core/v1/Files/" + id + "/Token", &empty_body, "image/png");
  ASSERT_EQ(qr.status, 201);
  EXPECT_EQ(qr.body.substr(1, 3), "PNG");
  EXPECT_EQ(HeaderOf(qr, "Content-Type"), "image/png");

  const auto regenerated = CallA("PATCH", "/api/core/v1/Files/" + id + "/RegenerateOwnershipToken");
  ASSERT_EQ(regenerated.status, 200);
  EXPECT_NE(ResultOf(regenerated).at("ownershipToken"), own.at("ownershipToken"));
  const auto not_owner = CallB("PATCH", "/api/core/v1/Files/" + id + "/RegenerateOwnershipToken");
  EXPECT_EQ(not_owner.status, 400);
  EXPECT_EQ(ErrorOf(not_owner).at("code"), "error.runtime.files.notOwnedByYou");

  const auto deleted = CallA("DELETE", "/api/core/v1/Files/" + id);
  EXPECT_EQ(deleted.status, 204);
  EXPECT_EQ(deleted.body, "");
  EXPECT_EQ(CallA("GET", "/api/core/v1/Files/" + id).status, 404);
}

TEST_F(FilesControllerTest, NotFoundAndBadInput) {
  const auto missing = CallA("GET", "/api/core/v1/Files/FILaaaaaaaaaaaaaaaaa");
  ASSERT_EQ(missing.status, 404);
  EXPECT_EQ(ErrorOf(missing).at("code"), "error.runtime.recordNotFound");
  EXPECT_EQ(ErrorOf(missing).at("message"), "File not found. Make sure the ID exists and the record is not expired.");
  EXPECT_EQ(CallA("GET", "/api/core/v1/Files/FILaaaaaaaaaaaaaaaaa/Download").status, 404);
  EXPECT_EQ(CallA("DELETE", "/api/core/v1/Files/FILaaaaaaaaaaaaaaaaa").status, 404);
  const js::value empty = js::object{};
  EXPECT_EQ(CallA("POST", "/api/core/v1/Files/FILaaaaaaaaaaaaaaaaa/Token", &empty).status, 404);
  const js::value bad{{"reference", "nonsense"}};
  const auto peer = CallA("POST", "/api/core/v1/Files/Peer", &bad);
  ASSERT_EQ(peer.status, 400);
  EXPECT_EQ(ErrorOf(peer).at("message"), "token / file reference invalid");
}

}  // namespace
}  // namespace nmshd::connector
