#include <gtest/gtest.h>

#include <set>

#include "core/backbone_ids.h"
#include "core/core_id.h"
#include "core/error_id.h"
#include "unit/core/expect_code.h"

namespace nmshd::core {
namespace {

using nmshd::testing::CodeOf;

bool AllIn(std::string_view s, std::string_view alphabet) {
  for (char c : s) {
    if (alphabet.find(c) == std::string_view::npos) return false;
  }
  return true;
}

TEST(BackboneIds, GeneratedIdsHavePrefixLengthAndCharset) {
  for (std::string_view prefix : backbone_ids::kAll) {
    std::string id = GenerateBackboneId(prefix);
    ASSERT_EQ(id.size(), 20u);
    EXPECT_EQ(id.substr(0, 3), prefix);
    EXPECT_TRUE(AllIn(id.substr(3), kAlphanumeric)) << id;
    EXPECT_TRUE(IsBackboneId(id, prefix));
    EXPECT_EQ(BackboneIdPrefixOf(id), prefix);
    EXPECT_NO_THROW(ValidateBackboneId(id, prefix));
  }
}

TEST(BackboneIds, GenerationIsRandom) {
  std::set<std::string> ids;
  for (int i = 0; i < 200; ++i) ids.insert(GenerateBackboneId(backbone_ids::kToken));
  EXPECT_EQ(ids.size(), 200u);
  // Over 200 * 17 characters every one of the 62 alphanumerics shows up (miss chance < 1e-20).
  std::set<char> seen;
  for (const auto& id : ids) seen.insert(id.begin() + 3, id.end());
  EXPECT_EQ(seen.size(), 62u);
}

TEST(BackboneIds, ThePrefixListMatchesTheSpec) {
  std::set<std::string_view> all(backbone_ids::kAll.begin(), backbone_ids::kAll.end());
  EXPECT_EQ(all.size(), backbone_ids::kAll.size());
  for (std::string_view p : {"CHL", "DVC", "USR", "RLT", "REL", "RAL", "MSG", "FIL", "TOK", "SYR", "SYI",
                             "SYE", "DWL", "DWM", "IDP", "IDA", "DPI", "ANC", "AAC", "TIR", "TQD", "QUO",
                             "CLT"}) {
    EXPECT_TRUE(all.count(p)) << p;
  }
  EXPECT_FALSE(all.count("TRP"));  // templates are RLT, not TRP
  EXPECT_EQ(CodeOf([] { GenerateBackboneId("TRP"); }), "error.core.id.unknownPrefix");
  EXPECT_EQ(CodeOf([] { GenerateBackboneId("ERR"); }), "error.core.id.unknownPrefix");
}

TEST(BackboneIds, ValidationNamesTheFailedRule) {
  auto message_of = [](std::string_view id) {
    try {
      ValidateBackboneId(id, "TOK", "tokenId");
    } catch (const CodedError& e) {
      EXPECT_EQ(e.code(), "error.platform.validation.invalidId");
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_NE(message_of("MSG00000000000000005").find("must start with 'TOK'"), std::string::npos);
  EXPECT_NE(message_of("TOK0000000000000005").find("19 characters"), std::string::npos);
  EXPECT_NE(message_of("TOK000000000000000055").find("21 characters"), std::string::npos);
  EXPECT_NE(message_of("TOK0000000000000000-").find("A-Z, a-z and 0-9"), std::string::npos);
  EXPECT_NE(message_of("tok00000000000000005").find("must start with 'TOK'"), std::string::npos);
  EXPECT_NE(message_of("").find("tokenId"), std::string::npos);
  EXPECT_EQ(message_of("TOK00000000000000005"), "no error");
  EXPECT_FALSE(IsBackboneId("TOK0000000000000000ä", "TOK"));
  EXPECT_EQ(BackboneIdPrefixOf("XYZ00000000000000005"), "");
  EXPECT_EQ(BackboneIdPrefixOf("RLT0000000000000000"), "");
}

TEST(TransportIds, SixCharacterPrefixPlusFourteen) {
  CoreIdFormat secret(transport_ids::kSecret);
  std::string id = secret.Generate();
  ASSERT_EQ(id.size(), 20u);
  EXPECT_EQ(id.substr(0, 6), "TRPSEC");
  EXPECT_TRUE(AllIn(id.substr(6), kAlphanumeric));
  EXPECT_TRUE(secret.IsValid(id));
  EXPECT_FALSE(CoreIdFormat(transport_ids::kRelationshipSecret).IsValid(id));
  std::string http = CoreIdFormat(transport_ids::kHttpRequest).Generate();
  EXPECT_EQ(http.size(), 20u);
  EXPECT_EQ(http.substr(0, 4), "HTTP");
  EXPECT_EQ(CoreIdFormat("").Generate().size(), 20u);
  EXPECT_EQ(CodeOf([] { CoreIdFormat("TOOLONG"); }), "error.core.id.invalidPrefix");
  EXPECT_EQ(CodeOf([] { CoreIdFormat("tok"); }), "error.core.id.invalidPrefix");
}

TEST(ErrorIds, ConnectorAndBackboneAlphabetsDiffer) {
  EXPECT_EQ(kConnectorErrorIdAlphabet.find('1'), std::string_view::npos);
  EXPECT_NE(kBackboneErrorIdAlphabet.find('1'), std::string_view::npos);
  for (std::string_view a : {kConnectorErrorIdAlphabet, kBackboneErrorIdAlphabet}) {
    for (char banned : {'0', 'I', 'O'}) EXPECT_EQ(a.find(banned), std::string_view::npos);
  }
  std::set<char> connector_seen;
  std::set<char> backbone_seen;
  for (int i = 0; i < 200; ++i) {
    std::string c = GenerateConnectorErrorId();
    std::string b = GenerateBackboneErrorId();
    ASSERT_EQ(c.size(), 20u);
    ASSERT_EQ(b.size(), 20u);
    EXPECT_EQ(c.substr(0, 3), "ERR");
    EXPECT_EQ(b.substr(0, 3), "ERR");
    EXPECT_TRUE(IsConnectorErrorId(c)) << c;
    EXPECT_TRUE(IsBackboneErrorId(b)) << b;
    connector_seen.insert(c.begin() + 3, c.end());
    backbone_seen.insert(b.begin() + 3, b.end());
  }
  EXPECT_EQ(connector_seen.size(), kConnectorErrorIdAlphabet.size());
  EXPECT_EQ(backbone_seen.size(), kBackboneErrorIdAlphabet.size());
  EXPECT_FALSE(IsConnectorErrorId("ERR1AAAAAAAAAAAAAAAA"));
  EXPECT_TRUE(IsBackboneErrorId("ERR1AAAAAAAAAAAAAAAA"));
  EXPECT_FALSE(IsBackboneErrorId("ERR0AAAAAAAAAAAAAAAA"));
  EXPECT_FALSE(IsConnectorErrorId("ERRAAAAAAAAAAAAAAAA"));
  EXPECT_FALSE(IsConnectorErrorId("ERXAAAAAAAAAAAAAAAAA"));
}

}  // namespace
}  // namespace nmshd::core
