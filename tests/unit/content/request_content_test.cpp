// The request/response/notification/relationship content formats (src/content/requests): exact
// JSON of valid examples and exact ts-serval messages of invalid ones, as @nmshd/content 7.0.0
// writes them (the interop test compares many more cases with the official classes).
#include <gtest/gtest.h>

#include <string>

#include "base/js_json.h"
#include "content/requests/iql_syntax.h"
#include "content/requests/request_content.h"
#include "content/serval_error.h"

namespace nmshd::content {
namespace {

using Fn = boost::json::object (*)(const boost::json::value&);

// "ok <JSON>" or "<code> <message>".
std::string Normalized(Fn fn, const std::string& input) {
  try {
    return "ok " + json::Stringify(fn(json::Parse(input)));
  } catch (const ServalError& e) {
    return e.code() + " " + e.what();
  }
}

constexpr const char* kAuth = R"({"@type":"AuthenticationRequestItem","mustBeAccepted":true,"title":"t"})";
const std::string kDeser = "error.runtime.requestDeserialization ";

TEST(RequestContent, RequestSortsKeysConvertsDatesAndKeepsNulls) {
  EXPECT_EQ(Normalized(NormalizeRequest, std::string(R"({"title":"T","items":[)") + kAuth +
                                      R"(],"expiresAt":"2030-01-02T03:04:05+02:00","id":null,"x":1})"),
            std::string(R"(ok {"@type":"Request","expiresAt":"2030-01-02T01:04:05.000Z","id":null,"items":[)") + kAuth +
                R"(],"title":"T"})");
}

TEST(RequestContent, RequestErrors) {
  EXPECT_EQ(Normalized(NormalizeRequest, "{}"), kDeser + "Request.items :: Value is not defined");
  EXPECT_EQ(Normalized(NormalizeRequest, R"({"items":[]})"), kDeser + "Request.items:Array :: may not be empty");
  EXPECT_EQ(Normalized(NormalizeRequest, R"({"items":{}})"), "error.runtime.servalError Value is not an Array.");
  EXPECT_EQ(Normalized(NormalizeRequest, R"("x")"), kDeser + "Request.from() :: Parameter must be an object - is 'x'");
  EXPECT_EQ(Normalized(NormalizeRequest, R"({"items":[{"@type":"AuthenticationRequestItem","title":"t"}]})"),
            kDeser +
                "Request.items :: Item with index 0 could not be deserialized to a Serializable "
                "(AuthenticationRequestItem.mustBeAccepted :: Value is not defined)");
  EXPECT_EQ(Normalized(NormalizeRequest, R"({"items":[{"@type":"Foo"}]})"),
            kDeser +
                "Request.items :: Item with index 0 could not be deserialized to a Serializable (Type 'Foo' with "
                "version 1 was not found within reflection classes. You might have to install a module first.)");
  EXPECT_EQ(Normalized(NormalizeRequest, std::string(R"({"items":[)") + kAuth + R"(],"title":")" + std::string(201, 'x') + "\"}"),
            kDeser + "Request.title :: Value is longer than 200 characters");
  EXPECT_EQ(Normalized(NormalizeRequest, std::string(R"({"items":[)") + kAuth + R"(],"expiresAt":"soon"})"),
            "error.runtime.unknown The date is invalid.");
}

TEST(RequestContent, ItemsWithoutTypeAndGroups) {
  // An item without @type is kept as it is (ts-serval's JSONWrapper), key order included.
  EXPECT_EQ(Normalized(NormalizeRequest, R"({"items":[{"b":1,"a":2},null]})"),
            R"(ok {"@type":"Request","items":[{"b":1,"a":2},null]})");
  EXPECT_EQ(Normalized(NormalizeRequest, std::string(R"({"items":[{"@type":"RequestItemGroup","title":"G","items":[)") + kAuth + "]}]}"),
            std::string(R"(ok {"@type":"Request","items":[{"@type":"RequestItemGroup","items":[)") + kAuth +
                R"(],"title":"G"}]})");
}

TEST(RequestContent, EachRequestItemType) {
  EXPECT_EQ(Normalized(NormalizeRequestItem,
                R"({"@type":"ReadAttributeRequestItem","mustBeAccepted":false,"query":{"@type":"IQLQuery","queryString":"GivenName"}})"),
            R"(ok {"@type":"ReadAttributeRequestItem","mustBeAccepted":false,"query":{"@type":"IQLQuery","queryString":"GivenName"}})");
  EXPECT_EQ(Normalized(NormalizeRequestItem,
                R"({"@type":"ShareAttributeRequestItem","mustBeAccepted":true,"attributeId":"ATT1","attribute":{"@type":"IdentityAttribute","owner":"o","value":{"@type":"GivenName","value":"A"}}})"),
            R"(ok {"@type":"ShareAttributeRequestItem","attribute":{"@type":"IdentityAttribute","owner":"o","value":{"@type":"GivenName","value":"A"}},"attributeId":"ATT1","mustBeAccepted":true})");
  EXPECT_EQ(Normalized(NormalizeRequestItem, R"({"@type":"CreateAttributeRequestItem","mustBeAccepted":true,"attribute":{"owner":""}})"),
            kDeser + "CreateAttributeRequestItem.attribute :: Parsed object is not an instance of any allowed types "
                     "(RelationshipAttribute|IdentityAttribute).");
  EXPECT_EQ(Normalized(NormalizeRequestItem,
                R"({"@type":"ProposeAttributeRequestItem","mustBeAccepted":true,"query":{"@type":"IdentityAttributeQuery","valueType":"Surname"},"attribute":{"@type":"IdentityAttribute","owner":"","value":{"@type":"GivenName","value":"A"}}})"),
            kDeser + "ProposeAttributeRequestItem.query.valueType :: You cannot propose an Attribute whose type of the "
                     "value ('GivenName') is different from the value type of the query ('Surname').");
  EXPECT_EQ(Normalized(NormalizeRequestItem, R"({"@type":"DeleteAttributeRequestItem","mustBeAccepted":true,"attributeId":{"id":"ATT1"}})"),
            R"(ok {"@type":"DeleteAttributeRequestItem","attributeId":"ATT1","mustBeAccepted":true})");
  EXPECT_EQ(Normalized(NormalizeRequestItem, R"({"@type":"ConsentRequestItem","mustBeAccepted":true,"consent":"c","linkDisplayText":"abc"})"),
            kDeser + "ConsentRequestItem.linkDisplayText :: A linkDisplayText can only be defined if a link is defined too.");
  EXPECT_EQ(Normalized(NormalizeRequestItem, R"({"@type":"AuthenticationRequestItem","mustBeAccepted":1,"title":"t"})"),
            kDeser + "AuthenticationRequestItem.mustBeAccepted :: Value is not a boolean");
  EXPECT_EQ(Normalized(NormalizeRequestItem,
                R"({"@type":"FormFieldRequestItem","mustBeAccepted":true,"title":"q","settings":{"@type":"RatingFormFieldSettings","maxRating":7.5}})"),
            kDeser + "RatingFormFieldSettings.maxRating:Number :: This value must be an integer.");
  EXPECT_EQ(Normalized(NormalizeRequestItem,
                R"({"@type":"FormFieldRequestItem","mustBeAccepted":true,"title":"q","settings":{"@type":"SelectionFormFieldSettings","options":["a"],"allowMultipleSelection":false}})"),
            R"(ok {"@type":"FormFieldRequestItem","mustBeAccepted":true,"settings":{"@type":"SelectionFormFieldSettings","allowMultipleSelection":false,"options":["a"]},"title":"q"})");
  EXPECT_EQ(Normalized(NormalizeRequestItem, R"({"@type":"TransferFileOwnershipRequestItem","mustBeAccepted":true,"fileReference":"x"})")
                .rfind("error.", 0),
            0u);
}

TEST(RequestContent, ResponsesAndTheirItems) {
  EXPECT_EQ(Normalized(NormalizeResponse,
                R"({"result":"Accepted","requestId":"REQ1","items":[{"@type":"ResponseItemGroup","items":[{"@type":"AcceptResponseItem","result":"Accepted"}]}]})"),
            R"(ok {"@type":"Response","items":[{"@type":"ResponseItemGroup","items":[{"@type":"AcceptResponseItem","result":"Accepted"}]}],"requestId":"REQ1","result":"Accepted"})");
  EXPECT_EQ(Normalized(NormalizeResponseItem, R"({"@type":"RejectResponseItem","result":"Rejected","code":null})"),
            kDeser + "RejectResponseItem.code :: Value is not a string");
  EXPECT_EQ(Normalized(NormalizeResponseItem, R"({"@type":"DeleteAttributeAcceptResponseItem","result":"Accepted","deletionDate":"2030-01-01"})"),
            R"(ok {"@type":"DeleteAttributeAcceptResponseItem","deletionDate":"2030-01-01T00:00:00.000Z","result":"Accepted"})");
  EXPECT_EQ(Normalized(NormalizeResponseItem, R"({"@type":"FormFieldAcceptResponseItem","result":"Accepted","response":{}})"),
            kDeser + "FormFieldAcceptResponseItem.response :: Value is not an allowed type.");
  EXPECT_EQ(Normalized(NormalizeResponseItem,
                R"({"@type":"TransferFileOwnershipAcceptResponseItem","result":"Accepted","attributeId":"A","attribute":{"@type":"IdentityAttribute","owner":"o","value":{"@type":"GivenName","value":"A"}}})"),
            R"(ok {"@type":"TransferFileOwnershipAcceptResponseItem","attribute":{"owner":"o","value":{"@type":"GivenName","value":"A"}},"attributeId":"A","result":"Accepted"})");
  EXPECT_EQ(Normalized(NormalizeResponseWrapper,
                R"({"requestId":"R","requestSourceType":"Token","requestSourceReference":"T","response":{}})"),
            kDeser + "ResponseWrapper.requestSourceType :: Value is not within the list of allowed values.");
}

TEST(RequestContent, RelationshipContentsWriteTheirRequestWithoutType) {
  EXPECT_EQ(Normalized(NormalizeRelationshipTemplateContent, std::string(R"({"onNewRelationship":{"@type":"Request","items":[)") + kAuth + "]}}"),
            std::string(R"(ok {"@type":"RelationshipTemplateContent","onNewRelationship":{"items":[)") + kAuth + "]}}");
  EXPECT_EQ(Normalized(NormalizeRelationshipTemplateContent, R"({"onNewRelationship":5})"),
            kDeser + "Request.from() :: Parameter must be an object - is '5'");
  EXPECT_EQ(Normalized(NormalizeRelationshipCreationContent, "{}"), kDeser + "RelationshipCreationContent.response :: Value is not defined");
}

TEST(RequestContent, Notifications) {
  EXPECT_EQ(Normalized(NormalizeNotification,
                R"({"id":"NOT1","items":[{"@type":"OwnAttributeDeletedByOwnerNotificationItem","attributeId":"A"},{"x":1}]})"),
            R"(ok {"@type":"Notification","id":"NOT1","items":[{"@type":"OwnAttributeDeletedByOwnerNotificationItem","attributeId":"A"},{}]})");
  EXPECT_EQ(Normalized(NormalizeNotification, std::string(R"({"id":"NOT1","items":[)") + kAuth + "]}"),
            kDeser + "Notification.items :: Item with index 0 could not be deserialized to a NotificationItem "
                     "(Notification.items[] :: Parsed object is not an instance of any allowed types NotificationItem.)");
}

TEST(RequestContent, ContentType) {
  EXPECT_EQ(ContentType(json::Parse(R"({"@type":"Mail"})")), "Mail");
  EXPECT_EQ(ContentType(json::Parse(R"({"@type":5})")), "");
  EXPECT_EQ(ContentType(json::Parse("[]")), "");
}

TEST(IqlSyntax, ValidQueriesAndFailurePositions) {
  EXPECT_FALSE(IqlSyntaxErrorColumn("GivenName"));
  EXPECT_FALSE(IqlSyntaxErrorColumn("( StreetAddress.city='Berlin' && #delivery ) || !Nationality=DE"));
  EXPECT_FALSE(IqlSyntaxErrorColumn("#x:language:de"));
  EXPECT_EQ(IqlSyntaxErrorColumn("&&"), 1u);
  EXPECT_EQ(IqlSyntaxErrorColumn("GivenName &&"), 13u);
  EXPECT_EQ(IqlSyntaxErrorColumn("(GivenName)"), 2u);     // "(" needs whitespace after it
  EXPECT_EQ(IqlSyntaxErrorColumn("GivenName\n&& x"), 4u);  // columns restart after a line feed
}

}  // namespace
}  // namespace nmshd::content
