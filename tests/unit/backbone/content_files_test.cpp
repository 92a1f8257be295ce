// Files through the real routes: multipart upload as @nmshd/transport sends it, raw download,
// metadata (case-insensitive path), lists, deletion, ownership tokens and their events.
#include "content/files.h"
#include "content_test_support.h"

namespace nmshd::backbone::content::testing {
namespace {

const std::string kBoundary = "--------------------------0123456789abcdef01234567";

struct Form {
  std::vector<std::tuple<std::string, std::string, bool>> parts;  // name, value, is file

  Form& File(std::string value) {
    parts.emplace_back("content", std::move(value), true);
    return *this;
  }
  Form& Field(std::string name, std::string value) {
    parts.emplace_back(std::move(name), std::move(value), false);
    return *this;
  }
  Form& Without(const std::string& name) {
    std::erase_if(parts, [&](auto& p) { return std::get<0>(p) == name; });
    return *this;
  }
  Form& Set(const std::string& name, std::string value) {
    for (auto& p : parts) {
      if (std::get<0>(p) == name) std::get<1>(p) = value;
    }
    return *this;
  }
  // As npm form-data writes it.
  std::string Body() const {
    std::string out;
    for (const auto& [name, value, is_file] : parts) {
      out += "--" + kBoundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"";
      if (is_file) out += "; filename=\"cipher.bin\"\r\nContent-Type: application/octet-stream";
      out += "\r\n\r\n" + value + "\r\n";
    }
    return out + "--" + kBoundary + "--\r\n";
  }
};

class FilesTest : public ContentTest {
 protected:
  Form ValidForm(const std::string& content = std::string("\x00\xff\r\n--cipher", 10)) {
    Form f;
    f.File(content)
        .Field("cipherHash", B64(std::string(64, 'h')))
        .Field("owner", owner_.address())
        .Field("ownerSignature", B64("signature"))
        .Field("expiresAt", Future())
        .Field("encryptedProperties", B64("properties"));
    return f;
  }

  Answer Upload(const Identity& who, const Form& form) {
    return Call(&who, "POST", "/api/v2/Files", form.Body(),
                {{"Content-Type", "multipart/form-data; boundary=" + kBoundary}});
  }

  std::string UploadOk(const Identity& who) {
    auto a = Upload(who, ValidForm());
    EXPECT_EQ(a.status, 201) << Show(a);
    return a.status == 201 ? S(a.result().at("id")) : "";
  }

  std::string TokenOf(const std::string& id) {
    return S(db_->Get(kFiles, id)->at("ownershipToken"));
  }

  Answer Validate(const Identity& who, const std::string& id, const std::string& token) {
    return Call(who, "POST", "/api/v2/Files/" + id + "/ValidateOwnershipToken",
                json::object{{"ownershipToken", token}});
  }
  Answer Claim(const Identity& who, const std::string& id, const std::string& token) {
    return Call(who, "PATCH", "/api/v2/Files/" + id + "/ClaimOwnership",
                json::object{{"ownershipToken", token}});
  }

  void ExpectUploadRejected(const Form& form, const std::string& code,
                            const std::string& part = "") {
    auto a = Upload(owner_, form);
    EXPECT_EQ(a.status, 400) << Show(a);
    EXPECT_EQ(a.code(), code) << Show(a);
    if (!part.empty()) {
      EXPECT_NE(a.message().find(part), std::string::npos) << a.message();
    }
    EXPECT_EQ(CountOf(kFiles), 0u);
    EXPECT_EQ(CountOf(kFileContents), 0u);
  }

  Identity owner_ = NewIdentity();
  Identity peer_ = NewIdentity();
  Identity other_ = NewIdentity();
};

TEST_F(FilesTest, UploadAnswersTheCreateFileResponseAndDownloadReturnsTheExactBytes) {
  std::string content("\x00\xff\r\n--cipher", 10);
  auto a = Upload(owner_, ValidForm(content));
  ASSERT_EQ(a.status, 201) << Show(a);
  auto id = S(a.result().at("id"));
  auto token = S(a.result().at("ownershipToken"));
  ASSERT_EQ(token.size(), 20u);
  for (char c : token) EXPECT_NE(kOwnershipTokenAlphabet.find(c), std::string::npos);
  auto t = FormatIsoUtc(now_);
  EXPECT_EQ(nmshd::json::Stringify(a.result()),
            R"({"id":")" + id + R"(","createdAt":")" + t + R"(","createdBy":")" + owner_.address() +
                R"(","createdByDevice":")" + owner_.caller.device_id + R"(","modifiedAt":")" + t +
                R"(","modifiedBy":")" + owner_.address() +
                R"(","deletedAt":null,"deletedBy":null,"owner":")" + owner_.address() +
                R"(","ownerSignature":")" + B64("signature") + R"(","ownershipToken":")" + token +
                R"(","cipherSize":10,"cipherHash":")" + B64(std::string(64, 'h')) +
                R"(","expiresAt":")" + Future() + "\"}");

  auto download = Get(peer_, "/api/v2/Files/" + id);
  ASSERT_EQ(download.status, 200);
  EXPECT_EQ(download.content_type, "application/octet-stream");
  EXPECT_EQ(download.body, content);

  auto metadata = Get(peer_, "/api/v2/Files/" + id + "/metadata");
  ASSERT_EQ(metadata.status, 200) << Show(metadata);
  EXPECT_EQ(nmshd::json::Stringify(metadata.result()),
            R"({"id":")" + id + R"(","createdAt":")" + t + R"(","createdBy":")" + owner_.address() +
                R"(","createdByDevice":")" + owner_.caller.device_id + R"(","modifiedAt":")" + t +
                R"(","modifiedBy":")" + owner_.address() + R"(","modifiedByDevice":")" +
                owner_.caller.device_id +
                R"(","deletedAt":null,"deletedBy":null,"deletedByDevice":null,"owner":")" +
                owner_.address() + R"(","ownerSignature":")" + B64("signature") +
                R"(","ownershipIsLocked":false,"cipherSize":10,"cipherHash":")" +
                B64(std::string(64, 'h')) + R"(","expiresAt":")" + Future() +
                R"(","encryptedProperties":")" + B64("properties") + "\"}");
  EXPECT_EQ(Get(peer_, "/api/v2/files/" + id + "/METADATA").status, 200);
}

TEST_F(FilesTest, UploadValidation) {
  ExpectUploadRejected(ValidForm().Without("content"), "error.platform.inputCannotBeParsed",
                       "content");
  ExpectUploadRejected(ValidForm().Without("cipherHash"), "error.platform.inputCannotBeParsed",
                       "cipherHash");
  ExpectUploadRejected(ValidForm().Without("expiresAt"), "error.platform.inputCannotBeParsed");
  ExpectUploadRejected(ValidForm().Set("expiresAt", "soon"), "error.platform.inputCannotBeParsed");
  ExpectUploadRejected(ValidForm().Set("cipherHash", "%%%"), "error.platform.inputCannotBeParsed");
  // CreateFileDTOValidator has no error code: FluentValidation's default is the validator's name.
  ExpectUploadRejected(ValidForm(""), "InclusiveBetweenValidator",
                       "'Content Length' must be between 1 and");
  config_.limits.maxContentBytes = 16;
  ExpectUploadRejected(ValidForm(std::string(17, 'c')), "InclusiveBetweenValidator");
  ExpectUploadRejected(ValidForm().Set("cipherHash", B64(std::string(129, 'h'))),
                       "error.platform.validation.invalidPropertyValue",
                       "'cipherHash' must be between 1 and 128 bytes long. You entered 129 bytes.");
  ExpectUploadRejected(ValidForm().Set("expiresAt", FormatIsoUtc(now_)),
                       "error.platform.validation.invalidPropertyValue",
                       "'expiresAt' must be in the future.");
  ExpectUploadRejected(ValidForm().Set("ownerSignature", ""),
                       "error.platform.validation.invalidPropertyValue", "'ownerSignature'");
  ExpectUploadRejected(
      ValidForm().Set("encryptedProperties", B64(std::string(1024 * 1024 + 1, 'p'))),
      "error.platform.validation.invalidPropertyValue", "'encryptedProperties'");

  auto not_multipart = Call(&owner_, "POST", "/api/v2/Files", "{}");
  EXPECT_EQ(not_multipart.status, 400);
  EXPECT_EQ(not_multipart.code(), "error.platform.inputCannotBeParsed");
  auto broken = Call(&owner_, "POST", "/api/v2/Files", ValidForm().Body().substr(0, 200),
                     {{"Content-Type", "multipart/form-data; boundary=" + kBoundary}});
  EXPECT_EQ(broken.code(), "error.platform.inputCannotBeParsed");
  EXPECT_EQ(CountOf(kFiles), 0u);
}

TEST_F(FilesTest, UnknownExpiredAndMalformedIds) {
  auto id = UploadOk(owner_);
  EXPECT_EQ(Get(peer_, "/api/v2/Files/" + core::GenerateBackboneId("FIL")).status, 404);
  EXPECT_EQ(Get(peer_, "/api/v2/Files/" + core::GenerateBackboneId("FIL") + "/metadata").code(),
            "error.platform.recordNotFound");
  EXPECT_EQ(Get(peer_, "/api/v2/Files/FIL/metadata").code(),
            "error.platform.validation.invalidPropertyValue");
  Advance(std::chrono::hours(25));
  EXPECT_EQ(Get(owner_, "/api/v2/Files/" + id).status, 404);
  EXPECT_EQ(Get(owner_, "/api/v2/Files/" + id + "/metadata").status, 404);
}

TEST_F(FilesTest, ListShowsTheCallersUploads) {
  auto first = UploadOk(owner_);
  Advance(std::chrono::seconds(1));
  auto second = UploadOk(owner_);
  auto foreign = UploadOk(peer_);
  auto all = Get(owner_, "/api/v2/Files");
  ASSERT_EQ(all.status, 200) << Show(all);
  ASSERT_EQ(all.result().as_array().size(), 2u);
  EXPECT_EQ(S(all.result().at(0).at("id")), first);
  EXPECT_EQ(S(all.result().at(1).at("id")), second);
  auto by_ids = Get(owner_, "/api/v2/Files?ids=" + second + "&ids=" + foreign);
  ASSERT_EQ(by_ids.result().as_array().size(), 1u);
  EXPECT_FALSE(by_ids.result().at(0).as_object().contains("ownershipToken"));
  EXPECT_EQ(Get(owner_, "/api/v2/Files?ids=x").code(),
            "error.platform.validation.invalidPropertyValue");
}

TEST_F(FilesTest, OnlyTheCreatorDeletes) {
  auto id = UploadOk(owner_);
  auto forbidden = Call(&peer_, "DELETE", "/api/v2/Files/" + id);
  EXPECT_EQ(forbidden.status, 403);
  EXPECT_EQ(forbidden.code(), "error.platform.forbidden");
  EXPECT_EQ(Call(&owner_, "DELETE", "/api/v2/Files/" + id).status, 204);
  EXPECT_EQ(CountOf(kFiles), 0u);
  EXPECT_EQ(CountOf(kFileContents), 0u);
  EXPECT_EQ(Get(owner_, "/api/v2/Files/" + id).status, 404);
}

TEST_F(FilesTest, ValidatingAWrongTokenLocksForNonOwnersOnly) {
  auto id = UploadOk(owner_);
  auto token = TokenOf(id);
  EXPECT_TRUE(Validate(peer_, id, token).result().at("isValid").as_bool());
  EXPECT_FALSE(Validate(owner_, id, "WRONGTOKEN").result().at("isValid").as_bool());
  EXPECT_FALSE(db_->Get(kFiles, id)->at("ownershipIsLocked").as_bool())
      << "the owner's mistake locks nothing";
  EXPECT_TRUE(EventsOf(owner_.address()).empty());

  EXPECT_FALSE(Validate(peer_, id, "WRONGTOKEN").result().at("isValid").as_bool());
  EXPECT_TRUE(db_->Get(kFiles, id)->at("ownershipIsLocked").as_bool());
  EXPECT_TRUE(
      Get(peer_, "/api/v2/Files/" + id + "/metadata").result().at("ownershipIsLocked").as_bool());
  auto events = EventsOf(owner_.address());
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(S(events[0].at("type")), "FileOwnershipLocked");
  EXPECT_EQ(nmshd::json::Stringify(events[0].at("payload")), R"({"fileId":")" + id + "\"}");
  EXPECT_FALSE(Validate(peer_, id, token).result().at("isValid").as_bool())
      << "locked: even the right token";
  EXPECT_EQ(EventsOf(owner_.address()).size(), 1u);

  EXPECT_EQ(Validate(peer_, id, "bad token with spaces").code(),
            "error.platform.validation.invalidPropertyValue");
  EXPECT_EQ(Validate(peer_, id, "").code(), "error.platform.validation.invalidPropertyValue");
  EXPECT_EQ(
      Call(peer_, "POST", "/api/v2/Files/" + id + "/ValidateOwnershipToken", json::object{}).code(),
      "error.platform.inputCannotBeParsed");
}

TEST_F(FilesTest, RegenerateIsForTheOwnerAndUnlocks) {
  auto id = UploadOk(owner_);
  Validate(peer_, id, "WRONGTOKEN");
  EXPECT_EQ(Call(&peer_, "PATCH", "/api/v2/Files/" + id + "/RegenerateOwnershipToken").status, 403);
  auto regenerated = Call(&owner_, "PATCH", "/api/v2/Files/" + id + "/RegenerateOwnershipToken");
  ASSERT_EQ(regenerated.status, 200) << Show(regenerated);
  auto token = S(regenerated.result().at("newOwnershipToken"));
  EXPECT_EQ(token, TokenOf(id));
  EXPECT_FALSE(db_->Get(kFiles, id)->at("ownershipIsLocked").as_bool());
  EXPECT_TRUE(Validate(peer_, id, token).result().at("isValid").as_bool());
}

TEST_F(FilesTest, ClaimingMovesOwnershipAndNotifiesThePreviousOwner) {
  auto id = UploadOk(owner_);
  auto token = TokenOf(id);
  auto own = Claim(owner_, id, token);
  EXPECT_EQ(own.status, 400);
  EXPECT_EQ(own.code(), "error.platform.validation.file.cannotClaimOwnershipOfOwnFile");

  auto claimed = Claim(peer_, id, token);
  ASSERT_EQ(claimed.status, 200) << Show(claimed);
  auto new_token = S(claimed.result().at("newOwnershipToken"));
  EXPECT_NE(new_token, token);
  auto doc = db_->Get(kFiles, id);
  EXPECT_EQ(S(doc->at("owner")), peer_.address());
  EXPECT_EQ(S(doc->at("createdBy")), owner_.address());
  auto events = EventsOf(owner_.address());
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(S(events[0].at("type")), "FileOwnershipClaimed");
  EXPECT_EQ(nmshd::json::Stringify(events[0].at("payload")),
            R"({"fileId":")" + id + R"(","newOwnerAddress":")" + peer_.address() + "\"}");
  EXPECT_EQ(Call(&owner_, "PATCH", "/api/v2/Files/" + id + "/RegenerateOwnershipToken").status,
            403);
  EXPECT_EQ(Call(&peer_, "PATCH", "/api/v2/Files/" + id + "/RegenerateOwnershipToken").status, 200);
}

TEST_F(FilesTest, AWrongClaimLocksTheOwnershipAndIsRemembered) {
  auto id = UploadOk(owner_);
  auto token = TokenOf(id);
  auto wrong = Claim(peer_, id, "WRONGTOKEN");
  EXPECT_EQ(wrong.status, 403);
  EXPECT_EQ(wrong.code(), "error.platform.forbidden");
  EXPECT_TRUE(db_->Get(kFiles, id)->at("ownershipIsLocked").as_bool())
      << "kept although the request failed";
  ASSERT_EQ(EventTypesOf(owner_.address()), std::vector<std::string>{"FileOwnershipLocked"});
  EXPECT_EQ(Claim(other_, id, token).status, 403) << "locked";
  EXPECT_EQ(S(db_->Get(kFiles, id)->at("owner")), owner_.address());
  EXPECT_EQ(EventsOf(owner_.address()).size(), 1u);
}

}  // namespace
}  // namespace nmshd::backbone::content::testing
