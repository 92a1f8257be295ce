// Relationship templates through the real routes: creation rules, visibility (forIdentity, expiry,
// password), allocation and its exhaustion event, list parameters, deletion.
#include "content_test_support.h"

namespace nmshd::backbone::content::testing {
namespace {

class TemplatesTest : public ContentTest {
 protected:
  std::string CreateTemplate(const Identity& owner, json::object extra = {}) {
    json::object body{{"content", B64("template-content")}};
    for (auto& kv : extra) body[kv.key()] = kv.value();
    auto a = Call(owner, "POST", "/api/v2/RelationshipTemplates", body);
    EXPECT_EQ(a.status, 201) << Show(a);
    return std::string(a.result().at("id").as_string());
  }

  // Standard base64 of the password bytes, as the client puts it into the query.
  static std::string QueryPassword(std::string_view raw) {
    auto b64 = base64::EncodeStandard(
        std::span(reinterpret_cast<const std::uint8_t*>(raw.data()), raw.size()));
    std::string escaped;
    for (char c : b64) {
      if (c == '+') {
        escaped += "%2B";
      } else if (c == '/') {
        escaped += "%2F";
      } else if (c == '=') {
        escaped += "%3D";
      } else {
        escaped += c;
      }
    }
    return escaped;
  }

  void ExpectRejected(const json::object& body, int status, const std::string& code,
                      const std::string& message_part = "") {
    auto a = Call(owner_, "POST", "/api/v2/RelationshipTemplates", body);
    EXPECT_EQ(a.status, status) << Show(a);
    EXPECT_EQ(a.code(), code) << Show(a);
    if (!message_part.empty()) {
      EXPECT_NE(a.message().find(message_part), std::string::npos) << a.message();
    }
    EXPECT_EQ(CountOf(kTemplates), 0u);
  }

  Identity owner_ = NewIdentity();
  Identity peer_ = NewIdentity();
  Identity other_ = NewIdentity();
};

TEST_F(TemplatesTest, CreateAnswersIdAndCreatedAtAndGetReturnsTheOfficialDtoInOrder) {
  auto a = Call(owner_, "POST", "/api/v2/RelationshipTemplates",
                json::object{{"content", "AQID"},
                             {"maxNumberOfAllocations", 3},
                             {"expiresAt", "2099-01-02T03:04:05.678Z"}});
  ASSERT_EQ(a.status, 201) << Show(a);
  auto id = std::string(a.result().at("id").as_string());
  EXPECT_TRUE(core::IsBackboneId(id, "RLT"));
  EXPECT_EQ(a.result().at("createdAt").as_string(), FormatIsoUtc(now_));
  EXPECT_EQ(a.result().as_object().size(), 2u);

  auto got = Get(owner_, "/api/v2/RelationshipTemplates/" + id);
  ASSERT_EQ(got.status, 200) << Show(got);
  EXPECT_EQ(
      nmshd::json::Stringify(got.result()),
      R"({"id":")" + id + R"(","createdBy":")" + owner_.address() + R"(","createdByDevice":")" +
          owner_.caller.device_id +
          R"(","maxNumberOfAllocations":3,"expiresAt":"2099-01-02T03:04:05.678Z","content":"AQID","createdAt":")" +
          FormatIsoUtc(now_) + R"(","forIdentity":null})");
}

TEST_F(TemplatesTest, ByteFieldsAcceptBothBase64VariantsAndAreWrittenAsBase64UrlWithoutPadding) {
  // 0xfb 0xff 0xfe: "+//+" in standard base64, "-__-" in base64url.
  auto id = CreateTemplate(owner_, json::object{{"content", "+//+"}});
  EXPECT_EQ(Get(owner_, "/api/v2/RelationshipTemplates/" + id).result().at("content"), "-__-");
  auto id2 = CreateTemplate(owner_, json::object{{"content", "YQ=="}});
  EXPECT_EQ(Get(owner_, "/api/v2/RelationshipTemplates/" + id2).result().at("content"), "YQ");
}

TEST_F(TemplatesTest, CreateRejectsBadInputWithTheOfficialCodesAndWritesNothing) {
  ExpectRejected({}, 400, "error.platform.inputCannotBeParsed", "content");
  ExpectRejected({{"content", nullptr}}, 400, "error.platform.inputCannotBeParsed");
  ExpectRejected({{"content", 5}}, 400, "error.platform.inputCannotBeParsed");
  ExpectRejected({{"content", "not base64!"}}, 400, "error.platform.inputCannotBeParsed");
  ExpectRejected({{"content", "AQID"}, {"maxNumberOfAllocations", "2"}}, 400,
                 "error.platform.inputCannotBeParsed");
  ExpectRejected({{"content", "AQID"}, {"maxNumberOfAllocations", 1.5}}, 400,
                 "error.platform.inputCannotBeParsed");
  ExpectRejected({{"content", "AQID"}, {"maxNumberOfAllocations", 4294967296LL}}, 400,
                 "error.platform.inputCannotBeParsed");
  ExpectRejected({{"content", "AQID"}, {"expiresAt", "tomorrow"}}, 400,
                 "error.platform.inputCannotBeParsed");
  ExpectRejected({{"content", "AQID"}, {"maxNumberOfAllocations", 0}}, 400,
                 "error.platform.validation.invalidPropertyValue",
                 "'maxNumberOfAllocations' must be greater than '0'.");
  ExpectRejected({{"content", "AQID"}, {"expiresAt", FormatIsoUtc(now_ - std::chrono::seconds(1))}},
                 400, "error.platform.validation.invalidPropertyValue",
                 "'expiresAt' must be in the future.");
  ExpectRejected({{"content", "AQID"}, {"forIdentity", "did:e:localhost:dids:123"}}, 400,
                 "error.platform.validation.invalidPropertyValue", "'forIdentity'");
  ExpectRejected({{"content", "AQID"}, {"password", Bytes(201)}}, 400,
                 "error.platform.validation.invalidPropertyValue",
                 "'password' must be between 1 and 200 bytes long. You entered 201 bytes.");
  ExpectRejected({{"content", "AQID"}, {"password", ""}}, 400,
                 "error.platform.validation.invalidPropertyValue");
  config_.limits.maxContentBytes = 100;
  ExpectRejected({{"content", Bytes(101)}}, 400, "error.platform.validation.invalidPropertyValue",
                 "'content' must be between 0 and 100 bytes long. You entered 101 bytes.");

  auto malformed = Call(&owner_, "POST", "/api/v2/RelationshipTemplates", "{\"content\":");
  EXPECT_EQ(malformed.status, 400);
  EXPECT_EQ(malformed.code(), "error.platform.inputCannotBeParsed");
  EXPECT_EQ(CountOf(kTemplates), 0u);
}

TEST_F(TemplatesTest, PropertyNamesBindCaseInsensitively) {
  auto a = Call(owner_, "POST", "/api/v2/RelationshipTemplates",
                json::object{{"CONTENT", "AQID"}, {"MaxNumberOfAllocations", 1}});
  ASSERT_EQ(a.status, 201) << Show(a);
  auto dto =
      Get(owner_, "/api/v2/relationshiptemplates/" + std::string(a.result().at("id").as_string()));
  EXPECT_EQ(dto.result().at("maxNumberOfAllocations"), 1);
}

TEST_F(TemplatesTest, UnknownAndMalformedIds) {
  auto unknown = Get(peer_, "/api/v2/RelationshipTemplates/" + core::GenerateBackboneId("RLT"));
  EXPECT_EQ(unknown.status, 404);
  EXPECT_EQ(unknown.code(), "error.platform.recordNotFound");
  EXPECT_NE(unknown.message().find("RelationshipTemplate not found."), std::string::npos);
  auto malformed = Get(peer_, "/api/v2/RelationshipTemplates/TOKxxxxxxxxxxxxxxxxx");
  EXPECT_EQ(malformed.status, 400);
  EXPECT_EQ(malformed.code(), "error.platform.validation.invalidPropertyValue");
  EXPECT_EQ(CountOf(kTemplateAllocations), 0u);
}

TEST_F(TemplatesTest, ForIdentityLimitsWhoSeesTheTemplate) {
  auto id = CreateTemplate(owner_, json::object{{"forIdentity", peer_.address()}});
  EXPECT_EQ(Get(other_, "/api/v2/RelationshipTemplates/" + id).status, 404);
  auto for_peer = Get(peer_, "/api/v2/RelationshipTemplates/" + id);
  EXPECT_EQ(for_peer.status, 200);
  EXPECT_EQ(S(for_peer.result().at("forIdentity")), peer_.address());
  EXPECT_EQ(Get(owner_, "/api/v2/RelationshipTemplates/" + id).status, 200);
}

TEST_F(TemplatesTest, ExpiredTemplatesAreGoneExceptForPartiesOfARelationshipFromThem) {
  auto id = CreateTemplate(owner_, json::object{{"expiresAt", Future(std::chrono::minutes(1))}});
  ASSERT_EQ(Get(peer_, "/api/v2/RelationshipTemplates/" + id).status, 200);
  auto rel = Call(peer_, "POST", "/api/v2/Relationships",
                  json::object{{"relationshipTemplateId", id}, {"creationContent", "AQID"}});
  ASSERT_EQ(rel.status, 201) << Show(rel);
  Advance(std::chrono::minutes(2));
  EXPECT_EQ(Get(other_, "/api/v2/RelationshipTemplates/" + id).status, 404);
  EXPECT_EQ(Get(peer_, "/api/v2/RelationshipTemplates/" + id).status, 200);
  EXPECT_EQ(Get(owner_, "/api/v2/RelationshipTemplates/" + id).status, 200);
}

TEST_F(TemplatesTest, PasswordMustMatchUnlessOwnerOrAlreadyAllocated) {
  std::string raw = "\xfb\xff\xfe-secret";
  auto id = CreateTemplate(
      owner_, json::object{{"password",
                            base64::EncodeStandard(std::span(
                                reinterpret_cast<const std::uint8_t*>(raw.data()), raw.size()))}});
  auto url = "/api/v2/RelationshipTemplates/" + id;
  EXPECT_EQ(Get(peer_, url).status, 404);
  EXPECT_EQ(Get(peer_, url + "?password=" + QueryPassword("wrong")).status, 404);
  EXPECT_EQ(CountOf(kTemplateAllocations), 0u);
  EXPECT_EQ(Get(owner_, url).status, 200);
  auto ok = Get(peer_, url + "?password=" + QueryPassword(raw));
  ASSERT_EQ(ok.status, 200) << Show(ok);
  EXPECT_FALSE(ok.result().as_object().contains("password"));
  EXPECT_EQ(CountOf(kTemplateAllocations), 1u);
  EXPECT_EQ(Get(peer_, url).status, 200) << "an allocation replaces the password";
  auto too_long = Get(peer_, url + "?password=" + QueryPassword(std::string(201, 'p')));
  EXPECT_EQ(too_long.status, 400);
  EXPECT_EQ(too_long.code(), "error.platform.validation.invalidPropertyValue");
}

TEST_F(TemplatesTest, AllocationsAreLimitedAndTheLastOneNotifiesTheOwnerOnce) {
  auto id = CreateTemplate(owner_, json::object{{"maxNumberOfAllocations", 2}});
  auto url = "/api/v2/RelationshipTemplates/" + id;
  ASSERT_EQ(Get(owner_, url).status, 200);
  EXPECT_EQ(CountOf(kTemplateAllocations), 0u) << "the owner never allocates";
  ASSERT_EQ(Get(peer_, url).status, 200);
  EXPECT_TRUE(EventsOf(owner_.address()).empty());
  ASSERT_EQ(Get(peer_, url).status, 200) << "allocating twice is fine";
  ASSERT_EQ(Get(other_, url).status, 200);
  auto events = EventsOf(owner_.address());
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].at("type"), "RelationshipTemplateAllocationsExhausted");
  EXPECT_EQ(nmshd::json::Stringify(events[0].at("payload")),
            R"({"relationshipTemplateId":")" + id + "\"}");

  auto third = NewIdentity();
  auto refused = Get(third, url);
  EXPECT_EQ(refused.status, 400);
  EXPECT_EQ(refused.code(),
            "error.platform.validation.relationshipTemplate.maxNumberOfAllocationsExhausted");
  EXPECT_EQ(CountOf(kTemplateAllocations), 2u);
  EXPECT_EQ(Get(peer_, url).status, 200) << "existing allocations still work";
  EXPECT_EQ(EventsOf(owner_.address()).size(), 1u);
}

TEST_F(TemplatesTest, ListByTemplatesItemsOrLegacyIdsWithoutAllocating) {
  auto open = CreateTemplate(owner_);
  Advance(std::chrono::seconds(1));
  auto protected_id = CreateTemplate(owner_, json::object{{"password", B64("pw")}});
  Advance(std::chrono::seconds(1));
  auto for_other = CreateTemplate(owner_, json::object{{"forIdentity", other_.address()}});

  auto list = Get(peer_, "/api/v2/RelationshipTemplates?templates.0.id=" + open +
                             "&templates.1.id=" + protected_id + "&templates.1.password=" +
                             QueryPassword("pw") + "&templates.2.id=" + for_other);
  ASSERT_EQ(list.status, 200) << Show(list);
  ASSERT_EQ(list.result().as_array().size(), 2u);
  EXPECT_EQ(S(list.result().at(0).at("id")), open);
  EXPECT_EQ(S(list.result().at(1).at("id")), protected_id);
  EXPECT_FALSE(list.json.as_object().contains("pagination"));
  EXPECT_EQ(CountOf(kTemplateAllocations), 0u);

  auto legacy = Get(peer_, "/api/v2/RelationshipTemplates?ids=" + open + "&ids=" + protected_id);
  ASSERT_EQ(legacy.status, 200);
  EXPECT_EQ(legacy.result().as_array().size(), 1u) << "no password: the protected one is left out";

  auto paged = Get(owner_, "/api/v2/RelationshipTemplates?ids=" + open + "&ids=" + protected_id +
                               "&ids=" + for_other + "&pageSize=2&pageNumber=2");
  ASSERT_EQ(paged.status, 200) << Show(paged);
  EXPECT_EQ(paged.result().as_array().size(), 1u);
  EXPECT_EQ(nmshd::json::Stringify(paged.json.at("pagination")),
            R"({"pageNumber":2,"pageSize":2,"totalPages":2,"totalRecords":3})");

  auto empty = Get(peer_, "/api/v2/RelationshipTemplates");
  EXPECT_EQ(empty.status, 400);
  EXPECT_EQ(empty.code(), "error.platform.validation.invalidPropertyValue");
  auto bad_id = Get(peer_, "/api/v2/RelationshipTemplates?ids=REL00000000000000000");
  EXPECT_EQ(bad_id.code(), "error.platform.validation.invalidPropertyValue");
  auto bad_page = Get(peer_, "/api/v2/RelationshipTemplates?ids=" + open + "&pageSize=201");
  EXPECT_EQ(bad_page.code(), "error.platform.validation.pagination.invalidPageSize");
}

TEST_F(TemplatesTest, OnlyTheOwnerDeletesAndRelationshipsKeepExisting) {
  auto id = CreateTemplate(owner_);
  auto rel = Call(peer_, "POST", "/api/v2/Relationships",
                  json::object{{"relationshipTemplateId", id}, {"creationContent", "AQID"}});
  ASSERT_EQ(rel.status, 201) << Show(rel);
  auto rel_id = std::string(rel.result().at("id").as_string());

  auto forbidden = Call(&peer_, "DELETE", "/api/v2/RelationshipTemplates/" + id);
  EXPECT_EQ(forbidden.status, 403);
  EXPECT_EQ(forbidden.code(), "error.platform.forbidden");
  EXPECT_EQ(
      Call(&owner_, "DELETE", "/api/v2/RelationshipTemplates/" + core::GenerateBackboneId("RLT"))
          .status,
      404);
  auto deleted = Call(&owner_, "DELETE", "/api/v2/RelationshipTemplates/" + id);
  EXPECT_EQ(deleted.status, 204);
  EXPECT_TRUE(deleted.body.empty());
  EXPECT_EQ(CountOf(kTemplates), 0u);
  EXPECT_EQ(CountOf(kTemplateAllocations), 0u);
  auto after = Get(owner_, "/api/v2/Relationships/" + rel_id);
  ASSERT_EQ(after.status, 200);
  EXPECT_TRUE(after.result().at("relationshipTemplateId").is_null());
}

}  // namespace
}  // namespace nmshd::backbone::content::testing
