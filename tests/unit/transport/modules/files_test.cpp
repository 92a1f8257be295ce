// Files end to end: two identities on our Backbone, real sealing, real uploads and downloads.
#include <gtest/gtest.h>

#include "core/core_date.h"
#include "transport/backbone/backbone_error.h"
#include "transport/modules/files_messages_test_support.h"
#include "transport/transmission/file_seal.h"

namespace nmshd::transport::testing {
namespace {

namespace js = boost::json;

class FilesTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { backbone_ = new TestBackbone(); }
  static void TearDownTestSuite() {
    delete backbone_;
    backbone_ = nullptr;
  }
  void SetUp() override {
    a_ = std::make_unique<FileMessageNode>(*backbone_, "files-a");
    b_ = std::make_unique<FileMessageNode>(*backbone_, "files-b");
  }

  static TestBackbone* backbone_;
  std::unique_ptr<FileMessageNode> a_;
  std::unique_ptr<FileMessageNode> b_;
};

TestBackbone* FilesTest::backbone_ = nullptr;

TEST_F(FilesTest, UploadedFileIsLoadedByReferenceAndDownloadedByBoth) {
  const auto content = BinaryContent(70000);
  auto input = FileInput(content, "Übersicht 2025.pdf", "application/pdf");
  input.title = "Overview";
  input.description = "All of it";
  input.tags = std::vector<std::string>{"x:important", "language:de", "mimetype:application/pdf"};
  const auto own = a_->files.UploadOwn(input);

  const std::vector<std::string> order = {"id",        "isOwn",       "filename",        "tags",      "filesize",
                                          "createdAt", "createdBy",   "createdByDevice", "expiresAt", "mimetype",
                                          "title",     "description", "reference",       "owner",     "ownershipToken"};
  std::vector<std::string> keys;
  for (const auto& m : own) keys.emplace_back(m.key());
  EXPECT_EQ(keys, order);
  const std::string id(own.at("id").as_string());
  EXPECT_TRUE(id.starts_with("FIL"));
  EXPECT_EQ(own.at("isOwn"), true);
  EXPECT_EQ(own.at("filename"), "Übersicht 2025.pdf");
  EXPECT_EQ(own.at("filesize"), 70000);
  EXPECT_EQ(own.at("mimetype"), "application/pdf");
  EXPECT_EQ(own.at("title"), "Overview");
  EXPECT_EQ(own.at("description"), "All of it");
  EXPECT_EQ(own.at("tags"), (js::array{"x:important", "language:de", "mimetype:application/pdf"}));
  EXPECT_EQ(own.at("createdBy"), js::value(a_->address()));
  EXPECT_EQ(own.at("owner"), js::value(a_->address()));
  EXPECT_EQ(own.at("createdByDevice"), js::value(a_->identity().account().device().id));
  EXPECT_EQ(own.at("expiresAt"), js::value(core::CoreDate::Parse(*input.expires_at).ToString()));
  EXPECT_EQ(own.at("ownershipToken").as_string().size(), 20u);
  const auto& truncated = own.at("reference").at("truncated").as_string();
  EXPECT_TRUE(truncated.starts_with("RklM"));
  const auto url = std::string(own.at("reference").at("url").as_string());
  EXPECT_TRUE(url.starts_with(backbone_->base_url() + "/r/" + id + "#")) << url;

  const auto peer = b_->files.LoadPeer(js::object{{"reference", truncated}});
  EXPECT_EQ(peer.at("id"), js::value(id));
  EXPECT_EQ(peer.at("isOwn"), false);
  EXPECT_EQ(peer.at("filename"), "Übersicht 2025.pdf");
  EXPECT_EQ(peer.at("title"), "Overview");
  EXPECT_EQ(peer.at("tags"), own.at("tags"));
  EXPECT_EQ(peer.at("filesize"), 70000);
  EXPECT_EQ(peer.at("createdAt"), own.at("createdAt"));
  EXPECT_EQ(peer.at("reference"), own.at("reference"));
  EXPECT_FALSE(peer.contains("ownershipToken"));
  EXPECT_FALSE(peer.contains("ownershipIsLocked"));

  const auto by_b = b_->files.Download(id);
  EXPECT_EQ(by_b.content, content);
  EXPECT_EQ(by_b.filename, "Übersicht 2025.pdf");
  EXPECT_EQ(by_b.mimetype, "application/pdf");
  EXPECT_EQ(a_->files.Download(id).content, content);

  // Loading again answers the stored record without another Backbone read.
  EXPECT_EQ(b_->files.LoadPeer(js::object{{"reference", url}}), peer);
  EXPECT_EQ(b_->files.GetDto(id), peer);
  EXPECT_EQ(b_->files.GetOrLoadDto(std::string(truncated)), peer);
}

TEST_F(FilesTest, EmptyFileTravelsByUrl) {
  const auto own = a_->files.UploadOwn(FileInput("", "empty.txt", "text/plain"));
  EXPECT_EQ(own.at("filesize"), 0);
  const std::string id(own.at("id").as_string());
  const auto peer = b_->files.LoadPeer(js::object{{"reference", own.at("reference").at("url")}});
  EXPECT_EQ(peer.at("filesize"), 0);
  const auto download = b_->files.Download(id);
  EXPECT_EQ(download.content, "");
  EXPECT_EQ(download.mimetype, "text/plain");
}

TEST_F(FilesTest, FileIsLoadedThroughTokens) {
  const auto content = BinaryContent(1000);
  const auto own = a_->files.UploadOwn(FileInput(content));
  const std::string id(own.at("id").as_string());

  const auto token = a_->files.CreateToken(id, js::object{{"ephemeral", false}});
  EXPECT_EQ(token.at("isEphemeral"), false);
  EXPECT_EQ(token.at("expiresAt"), own.at("expiresAt"));  // the file's expiry by default
  EXPECT_EQ(token.at("content").at("@type"), "TokenContentFile");
  EXPECT_EQ(token.at("content").at("fileId"), js::value(id));
  EXPECT_EQ(a_->tokens.List({}).size(), 1u);  // not ephemeral: stored

  const auto peer = b_->files.LoadPeer(js::object{{"reference", token.at("reference").at("truncated")}});
  EXPECT_EQ(peer.at("id"), js::value(id));
  EXPECT_EQ(b_->files.Download(id).content, content);
  EXPECT_TRUE(b_->tokens.List({}).empty());  // the token was loaded ephemerally

  // Ephemeral by default; a password protects it.
  const auto protected_token =
      a_->files.CreateToken(id, js::object{{"passwordProtection", js::object{{"password", "secret"}}}});
  EXPECT_EQ(protected_token.at("isEphemeral"), true);
  EXPECT_EQ(a_->tokens.List({}).size(), 1u);
  const auto reference = protected_token.at("reference").at("truncated");
  auto c = std::make_unique<FileMessageNode>(*backbone_, "files-c");
  EXPECT_EQ(ErrorCodeOf([&] {
              c->files.LoadPeer(js::object{{"reference", reference}});
            }),
            "error.transport.noPasswordProvided");
  EXPECT_EQ(ErrorCodeOf([&] {
              c->files.LoadPeer(js::object{{"reference", reference}, {"password", "wrong"}});
            }),
            "error.runtime.recordNotFound");
  EXPECT_TRUE(c->files.List({}).empty());
  EXPECT_EQ(c->files.LoadPeer(js::object{{"reference", reference}, {"password", "secret"}}).at("id"), js::value(id));
  EXPECT_EQ(c->files.Download(id).content, content);

  // A token for something else is refused by this route.
  const auto other = a_->tokens.CreateOwn(
      js::object{{"content", js::object{{"a", 1}}}, {"expiresAt", InOneDay()}, {"ephemeral", true}});
  EXPECT_EQ(ErrorCodeOf([&] {
              b_->files.LoadPeer(js::object{{"reference", other.at("reference").at("truncated")}});
            }),
            "error.runtime.invalidTokenContent");
}

TEST_F(FilesTest, InvalidUploadsWriteNothing) {
  std::string message;
  auto too_large = FileInput(std::string(kMaxPlainFileSize + 1, 'x'));
  EXPECT_EQ(ErrorCodeOf([&] { a_->files.UploadOwn(too_large); }, &message),
            "error.runtime.validation.invalidPropertyValue");
  EXPECT_EQ(message, "'content' is too large");

  auto past = FileInput("abc");
  past.expires_at = "2020-01-01T00:00:00.000Z";
  EXPECT_EQ(ErrorCodeOf([&] { a_->files.UploadOwn(past); }, &message), "error.runtime.validation.invalidPropertyValue");
  EXPECT_EQ(message, "'expiresAt' must be in the future");

  auto bad_date = FileInput("abc");
  bad_date.expires_at = "tomorrow";
  ErrorCodeOf([&] { a_->files.UploadOwn(bad_date); }, &message);
  EXPECT_EQ(message, "expiresAt must match ISO8601 datetime format");

  UploadFileInput no_content = FileInput("abc");
  no_content.content.reset();
  ErrorCodeOf([&] { a_->files.UploadOwn(no_content); }, &message);
  EXPECT_EQ(message, "must have required property 'content'");

  auto duplicate_tags = FileInput("abc");
  duplicate_tags.tags = std::vector<std::string>{"x:a", "x:b", "x:a"};
  ErrorCodeOf([&] { a_->files.UploadOwn(duplicate_tags); }, &message);
  EXPECT_EQ(message, "tags must NOT have duplicate items (items ## 2 and 0 are identical)");

  auto bad_tags = FileInput("abc");
  bad_tags.tags = std::vector<std::string>{"x:fine", "plain", "language:xx", "bkb:unknown"};
  EXPECT_EQ(ErrorCodeOf([&] { a_->files.UploadOwn(bad_tags); }, &message), "error.consumption.attributes.invalidTags");
  EXPECT_EQ(message, "Detected invalidity of the following tags: 'plain', 'language:xx', 'bkb:unknown'.");

  EXPECT_TRUE(a_->files.List({}).empty());
  EXPECT_EQ(ErrorCodeOf([&] { a_->files.UploadOwn(FileInput("abc", "")); }), "error.transport.files.invalidInput");
  EXPECT_TRUE(a_->files.List({}).empty());
}

TEST_F(FilesTest, UnknownFilesAndBadReferences) {
  std::string message;
  EXPECT_EQ(ErrorCodeOf([&] { a_->files.GetDto("FILaaaaaaaaaaaaaaaaa"); }, &message), "error.runtime.recordNotFound");
  EXPECT_EQ(message, "File not found. Make sure the ID exists and the record is not expired.");
  EXPECT_EQ(ErrorCodeOf([&] { a_->files.Download("FILaaaaaaaaaaaaaaaaa"); }), "error.runtime.recordNotFound");
  EXPECT_EQ(ErrorCodeOf([&] { a_->files.Delete("FILaaaaaaaaaaaaaaaaa"); }), "error.runtime.recordNotFound");
  ErrorCodeOf([&] { a_->files.GetDto("nope"); }, &message);
  EXPECT_EQ(message, "id must match pattern FIL[A-Za-z0-9]{17}");

  ErrorCodeOf([&] { a_->files.LoadPeer(js::object{{"reference", "garbage"}}); }, &message);
  EXPECT_EQ(message, "token / file reference invalid");
  ErrorCodeOf([&] { a_->files.LoadPeer(js::object{{"reference", 5}}); }, &message);
  EXPECT_EQ(message, "token / file reference invalid");

  // A well-formed reference to a file the Backbone does not have.
  const core::Reference missing(core::ReferenceKind::kFile, "FILaaaaaaaaaaaaaaaaa", backbone_->base_url(),
                                crypto::SecretKey::Generate());
  EXPECT_EQ(ErrorCodeOf([&] {
              a_->files.LoadPeer(js::object{{"reference", missing.Truncate()}});
            }),
            "error.runtime.recordNotFound");

  // The right id with a wrong key does not decrypt and stores nothing.
  const auto own = a_->files.UploadOwn(FileInput("abc"));
  const core::Reference wrong_key(core::ReferenceKind::kFile, std::string(own.at("id").as_string()),
                                  backbone_->base_url(), crypto::SecretKey::Generate());
  EXPECT_NE(ErrorCodeOf([&] { b_->files.LoadPeer(js::object{{"reference", wrong_key.Truncate()}}); }), "");
  EXPECT_TRUE(b_->files.List({}).empty());
}

TEST_F(FilesTest, TamperedContentIsRefused) {
  const auto own = a_->files.UploadOwn(FileInput(BinaryContent(500)));
  const std::string id(own.at("id").as_string());
  b_->files.LoadPeer(js::object{{"reference", own.at("reference").at("truncated")}});
  auto doc = *b_->identity().db().Get(Files::kCollection, id);
  doc["_cipherHash"] = "AAAA" + std::string(doc.at("_cipherHash").as_string()).substr(4);
  b_->identity().db().Replace(Files::kCollection, id, doc);
  EXPECT_EQ(ErrorCodeOf([&] { b_->files.Download(id); }), "error.transport.files.cipherMismatch");
}

TEST_F(FilesTest, ListFiltersOnDtoMembers) {
  auto first = FileInput("a", "a.txt", "text/plain");
  first.tags = std::vector<std::string>{"x:one"};
  const auto one = a_->files.UploadOwn(first);
  auto second = FileInput("bb", "b.pdf", "application/pdf");
  second.tags = std::vector<std::string>{"x:two", "x:three"};
  const auto two = a_->files.UploadOwn(second);
  const auto peer_source = b_->files.UploadOwn(FileInput("ccc", "c.txt", "text/plain"));
  const auto peer = a_->files.LoadPeer(js::object{{"reference", peer_source.at("reference").at("truncated")}});

  auto ids = [](const js::array& list) {
    std::vector<std::string> out;
    for (const auto& f : list) out.emplace_back(f.at("id").as_string());
    return out;
  };
  const std::string id1(one.at("id").as_string()), id2(two.at("id").as_string()), id3(peer.at("id").as_string());
  EXPECT_EQ(ids(a_->files.List({})), (std::vector<std::string>{id1, id2, id3}));
  EXPECT_EQ(ids(a_->files.List({}, true)), (std::vector<std::string>{id1, id2}));
  EXPECT_EQ(ids(a_->files.List({}, false)), (std::vector<std::string>{id3}));
  EXPECT_EQ(ids(a_->files.List({{"isOwn", "false"}})), (std::vector<std::string>{id3}));
  EXPECT_EQ(ids(a_->files.List({{"mimetype", "text/plain"}})), (std::vector<std::string>{id1, id3}));
  EXPECT_EQ(ids(a_->files.List({{"filename", "^b"}})), (std::vector<std::string>{id2}));
  EXPECT_EQ(ids(a_->files.List({{"filesize", ">1"}})), (std::vector<std::string>{id2, id3}));
  EXPECT_EQ(ids(a_->files.List({{"tags", "x:three"}})), (std::vector<std::string>{id2}));
  EXPECT_EQ(ids(a_->files.List({{"tags", "x:one"}, {"tags", "x:two"}})), (std::vector<std::string>{id1, id2}));
  EXPECT_EQ(ids(a_->files.List({{"ownershipToken", std::string(one.at("ownershipToken").as_string())}})),
            (std::vector<std::string>{id1}));
  std::string message;
  EXPECT_EQ(ErrorCodeOf(
                [&] {
                  a_->files.List({{"secrets", "x"}});
                },
                &message),
            "error.runtime.validation.invalidPropertyValue");
  EXPECT_EQ(message, "query must NOT have additional properties");
  ErrorCodeOf([&] { a_->files.List({{"ownershipIsLocked", "true"}, {"ownershipIsLocked", "true"}}); }, &message);
  EXPECT_EQ(message, "query/ownershipIsLocked must be string");
}

TEST_F(FilesTest, DeleteAndOwnershipToken) {
  const auto own = a_->files.UploadOwn(FileInput("abc"));
  const std::string id(own.at("id").as_string());
  b_->files.LoadPeer(js::object{{"reference", own.at("reference").at("truncated")}});

  const auto regenerated = a_->files.RegenerateOwnershipToken(id);
  EXPECT_NE(regenerated.at("ownershipToken"), own.at("ownershipToken"));
  EXPECT_EQ(a_->files.GetDto(id).at("ownershipToken"), regenerated.at("ownershipToken"));
  EXPECT_EQ(ErrorCodeOf([&] { b_->files.RegenerateOwnershipToken(id); }), "error.runtime.files.notOwnedByYou");

  // A peer's delete is local only.
  b_->files.Delete(id);
  EXPECT_TRUE(b_->files.List({}).empty());
  EXPECT_EQ(a_->files.Download(id).content, "abc");
  // The owner's delete removes it from the Backbone too.
  a_->files.Delete(id);
  EXPECT_TRUE(a_->files.List({}).empty());
  EXPECT_EQ(ErrorCodeOf([&] {
              b_->files.LoadPeer(js::object{{"reference", own.at("reference").at("truncated")}});
            }),
            "error.runtime.recordNotFound");
}

TEST_F(FilesTest, OwnershipLockedAndClaimedArriveBySync) {
  const auto own = a_->files.UploadOwn(FileInput("abc"));
  const std::string id(own.at("id").as_string());

  // A wrong claim locks the ownership; the owner learns it by sync.
  EXPECT_THROW(b_->identity().backbone().Patch("/api/v2/Files/" + id + "/ClaimOwnership",
                                               js::object{{"ownershipToken", "wrongwrongwrongwrong"}}),
               BackboneError);
  a_->sync().SyncEverything();
  EXPECT_EQ(a_->files.GetDto(id).at("ownershipIsLocked"), true);
  ASSERT_EQ(a_->events().Count("transport.fileOwnershipLocked"), 1u);
  EXPECT_EQ(a_->events().Events().back().data.at("id"), js::value(id));
  a_->sync().SyncEverything();
  EXPECT_EQ(a_->events().Count("transport.fileOwnershipLocked"), 1u);

  // Regenerating unlocks; a correct claim moves the file to B.
  const auto fresh = a_->files.RegenerateOwnershipToken(id);
  EXPECT_FALSE(fresh.contains("ownershipIsLocked"));
  b_->identity().backbone().Patch("/api/v2/Files/" + id + "/ClaimOwnership",
                                  js::object{{"ownershipToken", fresh.at("ownershipToken")}});
  a_->sync().SyncEverything();
  const auto claimed = a_->files.GetDto(id);
  EXPECT_EQ(claimed.at("isOwn"), false);
  EXPECT_EQ(claimed.at("owner"), js::value(b_->address()));
  EXPECT_FALSE(claimed.contains("ownershipToken"));
  ASSERT_EQ(a_->events().Count("transport.fileOwnershipClaimed"), 1u);
  EXPECT_EQ(a_->events().Events().back().data, claimed);
}

}  // namespace
}  // namespace nmshd::transport::testing
