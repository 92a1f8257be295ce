// The identity value types, group by group (@nmshd/content attributes/types): accepted values and
// their normalized JSON, refused values with ts-serval's code and message.
#include <gtest/gtest.h>

#include "content/value_types.h"
#include "content_test_support.h"

namespace nmshd::content {
namespace {

using testing::Identity;
using testing::kDeserialization;

TEST(IdentityValueTypes, AllTwentyNineAreRegistered) {
  std::size_t identity = 0;
  for (const auto* t : AllValueTypes()) identity += t->kind == AttributeKind::kIdentity ? 1 : 0;
  EXPECT_EQ(identity, 29u);
  EXPECT_EQ(IdentityValueTypeNames().size(), 29u);
  EXPECT_EQ(IdentityValueTypeNames().back(), "SchematizedXML");
  std::vector<std::string_view> newer;
  for (const auto* t : AllValueTypes()) {
    if (!t->in_content_7_0_0) newer.push_back(t->name);
  }
  EXPECT_EQ(newer, (std::vector<std::string_view>{"BankAccount", "MaritalStatus", "SchematizedJSON", "VerifiableCredential"}));
}

TEST(IdentityValueTypes, Names) {
  for (const char* type : {"BirthName", "GivenName", "HonorificPrefix", "HonorificSuffix", "MiddleName", "Pseudonym",
                           "Surname", "DisplayName", "JobTitle"}) {
    const std::string t(type);
    EXPECT_EQ(Identity(R"({"@type":")" + t + R"(","value":"Anna"})"), R"(ok {"@type":")" + t + R"(","value":"Anna"})");
    EXPECT_EQ(Identity(R"({"@type":")" + t + R"(","value":")" + std::string(101, 'x') + "\"}"),
              kDeserialization + t + ".value :: Value is longer than 100 characters");
    EXPECT_EQ(Identity(R"({"@type":")" + t + R"(","value":5})"), kDeserialization + t + ".value :: Value is not a string");
    EXPECT_EQ(Identity(R"({"@type":")" + t + R"("})"), kDeserialization + t + ".value :: Value is not defined");
  }
  // 100 umlauts are 100 characters (UTF-16 code units), not 200 bytes.
  EXPECT_EQ(Identity(R"({"@type":"GivenName","value":")" + [] {
              std::string s;
              for (int i = 0; i < 100; ++i) s += "ä";
              return s;
            }() + "\"}").substr(0, 2),
            "ok");
  // Unknown properties are dropped.
  EXPECT_EQ(Identity(R"({"value":"Anna","nick":"A","@type":"GivenName"})"), R"(ok {"@type":"GivenName","value":"Anna"})");
}

TEST(IdentityValueTypes, Communication) {
  EXPECT_EQ(Identity(R"({"@type":"EMailAddress","value":"anna@example.com"})").substr(0, 2), "ok");
  EXPECT_EQ(Identity(R"({"@type":"EMailAddress","value":"a@"})"),
            std::string(kDeserialization) + "EMailAddress.value :: Value is shorter than 3 characters");
  EXPECT_EQ(Identity(R"({"@type":"EMailAddress","value":"anna@example"})"),
            std::string(kDeserialization) + "EMailAddress.value :: Value does not match regular expression " +
                std::string(kEMailAddressPattern.js));
  EXPECT_EQ(Identity(R"({"@type":"PhoneNumber","value":"+49 30 1"})").substr(0, 2), "ok");
  EXPECT_EQ(Identity(R"({"@type":"FaxNumber","value":"fax me"})").find("FaxNumber.value :: Value does not match"),
            std::string(kDeserialization).size());
  EXPECT_EQ(Identity(R"({"@type":"Website","value":"example.de"})"), R"(ok {"@type":"Website","value":"example.de"})");
  EXPECT_EQ(Identity(R"({"@type":"CommunicationLanguage","value":"de"})").substr(0, 2), "ok");
  EXPECT_EQ(Identity(R"({"@type":"CommunicationLanguage","value":"deu"})"),
            std::string(kDeserialization) + "CommunicationLanguage.value :: Value is longer than 2 characters");
  EXPECT_EQ(Identity(R"({"@type":"CommunicationLanguage","value":"xx"})").rfind(
                std::string(kDeserialization) + "CommunicationLanguage.value:String :: must be one of: aa,ab,ae,", 0),
            0u);
}

TEST(IdentityValueTypes, Addresses) {
  EXPECT_EQ(Identity(R"({"@type":"StreetAddress","recipient":"Anna","street":"Main","houseNo":"1","zipCode":"10115","city":"Berlin","country":"DE"})"),
            R"(ok {"@type":"StreetAddress","city":"Berlin","country":"DE","houseNo":"1","recipient":"Anna","street":"Main","zipCode":"10115"})");
  // Components may also come as objects; the JSON carries their value.
  EXPECT_EQ(Identity(R"({"@type":"StreetAddress","recipient":"A","street":{"@type":"Street","value":"Main"},"houseNo":"1","zipCode":"1","city":"C","country":"DE","state":"S"})"),
            R"(ok {"@type":"StreetAddress","city":"C","country":"DE","houseNo":"1","recipient":"A","state":"S","street":"Main","zipCode":"1"})");
  EXPECT_EQ(Identity(R"({"@type":"StreetAddress","recipient":"A","street":"S","houseNo":"1","zipCode":"1","city":"C","country":"XX"})").rfind(
                std::string(kDeserialization) + "Country.value:String :: must be one of: AF,AL,", 0),
            0u);
  // ts-serval checks the subclass's properties first, the recipient last.
  EXPECT_EQ(Identity(R"({"@type":"StreetAddress","recipient":"A","zipCode":"1","city":"C","country":"DE"})"),
            std::string(kDeserialization) + "StreetAddress.street :: Value is not defined");
  EXPECT_EQ(Identity(R"({"@type":"PostOfficeBoxAddress","recipient":"A","boxId":"B","zipCode":"1","city":"C","country":"DE"})").substr(0, 2), "ok");
  EXPECT_EQ(Identity(R"({"@type":"DeliveryBoxAddress","recipient":"A","userId":"u","deliveryBoxId":"d","zipCode":"1","city":"C","country":"DE","phoneNumber":"ab"})"),
            std::string(kDeserialization) + "PhoneNumber.value :: Value is shorter than 3 characters");
}

TEST(IdentityValueTypes, Birth) {
  EXPECT_EQ(Identity(R"({"@type":"BirthDate","day":29,"month":2,"year":2000})"),
            R"(ok {"@type":"BirthDate","day":29,"month":2,"year":2000})");
  EXPECT_EQ(Identity(R"({"@type":"BirthDate","day":29,"month":2,"year":2001})"),
            std::string(kDeserialization) + "BirthDate :: The BirthDate is not a valid date.");
  EXPECT_EQ(Identity(R"({"@type":"BirthDate","day":1,"month":1,"year":9999})"),
            std::string(kDeserialization) + "BirthDate :: You cannot enter a BirthDate that is in the future.");
  EXPECT_EQ(Identity(R"({"@type":"BirthDate","day":1.5,"month":1,"year":2000})"),
            std::string(kDeserialization) + "BirthDay.value:Number :: must be an integer value between 1 and 31");
  EXPECT_EQ(Identity(R"({"@type":"BirthDate","day":1,"month":0,"year":2000})"),
            std::string(kDeserialization) + "BirthMonth.value:Number :: must be an integer value between 1 and 12");
  EXPECT_EQ(Identity(R"({"@type":"BirthDate","day":1,"month":1,"year":10000})"),
            std::string(kDeserialization) + "BirthYear.value:Number :: must be an integer value between 1 and 9999");
  EXPECT_EQ(Identity(R"({"@type":"BirthDate","day":"1","month":1,"year":2000})"),
            std::string(kDeserialization) + "BirthDay.value :: Value is not a number.");
  EXPECT_EQ(Identity(R"({"@type":"BirthPlace","city":"Köln","country":"DE"})"),
            R"(ok {"@type":"BirthPlace","city":"Köln","country":"DE"})");
  EXPECT_EQ(Identity(R"({"@type":"BirthPlace","city":"Köln","country":"Germany"})").rfind(
                std::string(kDeserialization) + "BirthCountry.value:String :: must be one of:", 0),
            0u);
}

TEST(IdentityValueTypes, Person) {
  for (const char* sex : {"intersex", "female", "male"}) {
    EXPECT_EQ(Identity(std::string(R"({"@type":"Sex","value":")") + sex + "\"}").substr(0, 2), "ok") << sex;
  }
  EXPECT_EQ(Identity(R"({"@type":"Sex","value":"Male"})"),
            std::string(kDeserialization) + "Sex.value:String :: must be one of: intersex,female,male");
  EXPECT_EQ(Identity(R"({"@type":"Nationality","value":"DE"})").substr(0, 2), "ok");
  EXPECT_EQ(Identity(R"({"@type":"Citizenship","value":"de"})").rfind(
                std::string(kDeserialization) + "Citizenship.value:String :: must be one of: AF,", 0),
            0u);
  EXPECT_EQ(Identity(R"({"@type":"MaritalStatus","value":"civilPartnership"})").substr(0, 2), "ok");
  EXPECT_EQ(Identity(R"({"@type":"MaritalStatus","value":"Single"})"),
            std::string(kDeserialization) +
                "MaritalStatus.value:String :: must be one of: single,married,separated,divorced,widowed,"
                "civilPartnership,civilPartnershipDissolved,civilPartnerDeceased");
}

TEST(IdentityValueTypes, IdentityAffiliationFinanceCredentials) {
  EXPECT_EQ(Identity(R"({"@type":"IdentityFileReference","value":"short"})"),
            std::string(kDeserialization) + "IdentityFileReference.value :: Value is shorter than 30 characters");
  EXPECT_EQ(Identity(R"({"@type":"SchematizedXML","value":"<a/>","schemaURL":"https://example.com/s.xsd"})"),
            R"(ok {"@type":"SchematizedXML","schemaURL":"https://example.com/s.xsd","value":"<a/>"})");
  EXPECT_EQ(Identity(R"({"@type":"SchematizedJSON","value":{"b":1,"a":2}})"),
            R"(ok {"@type":"SchematizedJSON","value":{"b":1,"a":2}})");
  EXPECT_EQ(Identity(R"({"@type":"Affiliation","organization":"ACME","role":"CEO"})"),
            R"(ok {"@type":"Affiliation","organization":"ACME","role":"CEO"})");
  EXPECT_EQ(Identity(R"({"@type":"Affiliation","organization":"A","unit":")" + std::string(101, 'u') + "\"}"),
            std::string(kDeserialization) + "AffiliationUnit.value :: Value is longer than 100 characters");
  EXPECT_EQ(Identity(R"({"@type":"BankAccount","accountHolder":"Anna","iban":"DE89370400440532013000","bic":"COBADEFFXXX"})"),
            R"(ok {"@type":"BankAccount","accountHolder":"Anna","bic":"COBADEFFXXX","iban":"DE89370400440532013000"})");
  EXPECT_EQ(Identity(R"({"@type":"BankAccount","accountHolder":"Anna","iban":"DE89370400440532013001"})"),
            std::string(kDeserialization) + "BankAccount.iban:String :: invalid IBAN");
  EXPECT_EQ(Identity(R"({"@type":"BankAccount","accountHolder":"Anna","iban":"DE8937"})"),
            std::string(kDeserialization) + "BankAccount.iban :: Value is shorter than 14 characters");
  EXPECT_EQ(Identity(R"({"@type":"BankAccount","accountHolder":"Anna","iban":"DE89370400440532013000","bic":"COBA DEFF"})"),
            std::string(kDeserialization) + "BankAccount.bic:String :: invalid BIC");
  EXPECT_EQ(Identity(R"({"@type":"VerifiableCredential","value":{"vc":1},"type":"ldp"})"),
            R"(ok {"@type":"VerifiableCredential","type":"ldp","value":{"vc":1}})");
}

TEST(IdentityValueTypes, NotAnIdentityValue) {
  EXPECT_EQ(Identity(R"({"@type":"Foo","value":"x"})"),
            "error.runtime.unknownType Type 'Foo' with version 1 was not found within reflection classes. You might "
            "have to install a module first.");
  EXPECT_EQ(Identity(R"({"@type":"ProprietaryString","title":"t","value":"x"})"),
            std::string(kDeserialization) + "IdentityAttribute.value :: Parsed object is not an instance of any allowed types " +
                UnionTypeList(AttributeKind::kIdentity) + ".");
  EXPECT_EQ(Identity(R"({"value":"x"})").find("not an instance of any allowed types (Affiliation|BankAccount|"),
            std::string(kDeserialization).size() + std::string("IdentityAttribute.value :: Parsed object is ").size());
  EXPECT_EQ(Identity(R"({"@type":"GivenName","@version":"2","value":"x"})").rfind("error.runtime.unknownType Type 'GivenName' with version 2", 0), 0u);
}

}  // namespace
}  // namespace nmshd::content
