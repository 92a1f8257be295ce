// Messages routes through the whole pipeline (ConnectorApi::Handle) against the in-process Backbone.
#include "connector/controllers/messages_controller.h"

#include <gtest/gtest.h>
#include <strings.h>

#include "controller_test_support.h"
#include "storage/filter_syntax.h"
#include "transport/modules/files_messages_test_support.h"

namespace nmshd::connector {
namespace {

namespace js = boost::json;
using namespace nmshd::connector::controller_test;
using transport::testing::FileMessageNode;
using transport::testing::TestBackbone;

class MessagesControllerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    backbone_ = new TestBackbone();
    a_ = new FileMessageNode(*backbone_, "msgc-a");
    b_ = new FileMessageNode(*backbone_, "msgc-b");
    transport::testing::EstablishRelationship(a_->node, b_->node);
  }
  static void TearDownTestSuite() {
    delete b_;
    delete a_;
    delete backbone_;
  }

  MessagesControllerTest() {
    RegisterMessageRoutes(api_a_, a_->messages);
    RegisterMessageRoutes(api_b_, b_->messages);
  }

  http::Response CallA(const std::string& method, const std::string& target, const js::value* body = nullptr) {
    auto r = MakeRequest(method, target, body);
    return api_a_.Handle(r);
  }
  http::Response CallB(const std::string& method, const std::string& target, const js::value* body = nullptr) {
    auto r = MakeRequest(method, target, body);
    return api_b_.Handle(r);
  }

  static TestBackbone* backbone_;
  static FileMessageNode* a_;
  static FileMessageNode* b_;
  ConnectorApi api_a_{OpenDebugApi()};
  ConnectorApi api_b_{OpenDebugApi()};
};

TestBackbone* MessagesControllerTest::backbone_ = nullptr;
FileMessageNode* MessagesControllerTest::a_ = nullptr;
FileMessageNode* MessagesControllerTest::b_ = nullptr;

TEST_F(MessagesControllerTest, SendReceiveAndDownloadAttachments) {
  const auto content = transport::testing::BinaryContent(2048);
  const auto file = a_->files.UploadOwn(transport::testing::FileInput(content, "a b;c.bin", "application/x-test"));
  const std::string file_id(file.at("id").as_string());
  const js::value body{{"recipients", js::array{b_->address().c_str()}},
                       {"content", transport::testing::MailTo(b_->address(), "Subject 1")},
                       {"attachments", js::array{file_id.c_str()}}};
  const auto sent = CallA("POST", "/api/core/v1/Messages", &body);
  ASSERT_EQ(sent.status, 201) << sent.body;
  EXPECT_EQ(HeaderOf(sent, "Location"), "_");
  const auto dto = ResultOf(sent).as_object();
  const std::string id(dto.at("id").as_string());
  EXPECT_EQ(dto.at("attachments"), (js::array{file_id.c_str()}));

  b_->sync().SyncEverything();
  const auto list = CallB("GET", "/api/core/v1/Messages?content.subject=Subject%201");
  ASSERT_EQ(list.status, 200);
  ASSERT_EQ(ResultOf(list).as_array().size(), 1u);
  EXPECT_EQ(ResultOf(list).as_array()[0].at("id"), js::value(id));
  EXPECT_EQ(ResultOf(CallB("GET", "/api/core/v1/Messages?participant=" + a_->address())).as_array().size(), 1u);

  const auto got = CallB("GET", "/api/core/v1/Messages/" + id);
  ASSERT_EQ(got.status, 200);
  EXPECT_EQ(ResultOf(got).at("attachments").as_array().at(0).at("filename"), "a b;c.bin");
  EXPECT_EQ(ResultOf(got).at("content"), dto.at("content"));

  const auto meta = CallB("GET", "/api/core/v1/Messages/" + id + "/Attachments/" + file_id);
  ASSERT_EQ(meta.status, 200);
  EXPECT_EQ(ResultOf(meta).at("isOwn"), false);
  const auto download = CallB("GET", "/api/core/v1/Messages/" + id + "/Attachments/" + file_id + "/Download");
  ASSERT_EQ(download.status, 200);
  EXPECT_EQ(download.body, content);
  EXPECT_EQ(HeaderOf(download, "Content-Type"), "application/x-test");
  EXPECT_EQ(HeaderOf(download, "Content-Disposition"), "attachment;filename=a%20b%3Bc.bin");
}

TEST_F(MessagesControllerTest, ErrorsAndNotFound) {
  const auto missing = CallA("GET", "/api/core/v1/Messages/MSGaaaaaaaaaaaaaaaaa");
  ASSERT_EQ(missing.status, 404);
  EXPECT_EQ(ErrorOf(missing).at("code"), "error.runtime.recordNotFound");
  EXPECT_EQ(ErrorOf(missing).at("message"),
            "Message not found. Make sure the ID exists and the record is not expired.");
  EXPECT_EQ(CallA("GET", "/api/core/v1/Messages/MSGaaaaaaaaaaaaaaaaa/Attachments/FILaaaaaaaaaaaaaaaaa").status, 404);
  EXPECT_EQ(CallA("GET", "/api/core/v1/Messages/MSGaaaaaaaaaaaaaaaaa/Attachments/FILaaaaaaaaaaaaaaaaa/Download").status,
            404);

  const js::value plain{{"recipients", js::array{b_->address().c_str()}},
                        {"content", transport::testing::MailTo(b_->address())}};
  const auto sent = CallA("POST", "/api/core/v1/Messages", &plain);
  ASSERT_EQ(sent.status, 201);
  const std::string id(ResultOf(sent).at("id").as_string());
  const auto not_attached = CallA("GET", "/api/core/v1/Messages/" + id + "/Attachments/FILaaaaaaaaaaaaaaaaa");
  ASSERT_EQ(not_attached.status, 400);
  EXPECT_EQ(ErrorOf(not_attached).at("code"), "error.runtime.messages.fileNotFoundInMessage");

  const js::value no_recipients{{"content", transport::testing::MailTo(b_->address())}};
  const auto invalid = CallA("POST", "/api/core/v1/Messages", &no_recipients);
  ASSERT_EQ(invalid.status, 400);
  EXPECT_EQ(ErrorOf(invalid).at("code"), "error.runtime.validation.invalidPropertyValue");
  EXPECT_EQ(ErrorOf(invalid).at("message"), "must have required property 'recipients'");
  EXPECT_EQ(CallA("GET", "/api/core/v1/Messages?foo=bar").status, 400);
  EXPECT_EQ(CallA("GET", "/api/core/v1/Messages/nope").status, 400);
}

}  // namespace
}  // namespace nmshd::connector
