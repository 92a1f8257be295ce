// Request, RequestItemGroup, Response, ResponseItemGroup and ResponseWrapper of @nmshd/content
// 7.0.0 (requests/Request.ts, RequestItemGroup.ts, response/*.ts, ResponseWrapper.ts), and the
// public entry points of request_content.h.
#include "content/attribute_value.h"
#include "content/requests/content_classes.h"
#include "content/requests/content_registry.h"
#include "content/requests/request_content.h"
#include "content/serval_error.h"

namespace nmshd::content {
namespace serval {

void ReadRequestItemBase(Reader& r) {
  r.String("description", StringRule().Optional().Max(500));
  r.Boolean("mustBeAccepted");
  r.Object("metadata", true);
}

void ReadResponseItemBase(Reader& r) {
  // ResponseItemResult is only a TypeScript enum: any string is accepted.
  r.String("result");
}

// Items are `@serialize()` without a type: anything registered (or a JSONWrapper) is accepted;
// that they are request items is the use cases' check, not the content class's.
js::value ReadRequest(const js::value& v) {
  Reader r("Request", v);
  r.Id("id", true);
  r.Date("expiresAt", true);
  r.SerializableArray("items", NotEmpty);
  r.String("title", StringRule().Optional().Max(200));
  r.String("description", StringRule().Optional().Max(500));
  r.Object("metadata", true);
  return r.Finish();
}

js::value ReadRequestItemGroup(const js::value& v) {
  Reader r("RequestItemGroup", v);
  r.String("title", StringRule().Optional().Max(200));
  r.String("description", StringRule().Optional().Max(500));
  r.SerializableArray("items", NotEmpty);
  r.Object("metadata", true);
  return r.Finish();
}

js::value ReadResponse(const js::value& v) {
  Reader r("Response", v);
  r.String("result");
  r.Id("requestId");
  r.SerializableArray("items", NotEmpty);
  return r.Finish();
}

js::value ReadResponseItemGroup(const js::value& v) {
  Reader r("ResponseItemGroup", v);
  r.SerializableArray("items", NotEmpty);
  return r.Finish();
}

js::value ReadResponseWrapper(const js::value& v) {
  Reader r("ResponseWrapper", v);
  r.Id("requestId");
  r.Id("requestSourceReference");
  r.String("requestSourceType", StringRule().AllowedValues({"RelationshipTemplate", "Message"}));
  r.Typed("response", "Response");
  return r.Finish();
}

}  // namespace serval

namespace {

// `Class.from(json)` called on the class itself: a truthy "@type" is ignored (fromAny → fromT).
boost::json::object AsObject(boost::json::value v) { return std::move(v.get_object()); }

// `X.from(json)` where X is an abstract base (no fromT of its own that could build a subclass):
// the official code calls Serializable.fromUnknown, so the "@type" picks the class, which must
// derive from `base`.
boost::json::object FromUnknownOf(const boost::json::value& json, std::string_view base, std::string_view what) {
  const auto* type = json.is_object() ? json.get_object().if_contains("@type") : nullptr;
  if (type == nullptr || !IsTruthy(*type)) {
    throw ParsingError(what, "@type", "Value is not defined");
  }
  auto instance = serval::FromUnknown(json);
  if (!serval::IsInstanceOf(instance.type, base)) {
    throw ParsingError(what, "@type", "Parsed object is not an instance of any allowed types " + std::string(base) + ".");
  }
  return std::move(instance.json.get_object());
}

}  // namespace

boost::json::object NormalizeRequest(const boost::json::value& json) { return AsObject(serval::ReadRequest(json)); }

boost::json::object NormalizeRequestItem(const boost::json::value& json) {
  return FromUnknownOf(json, "RequestItem", "RequestItem");
}

boost::json::object NormalizeResponse(const boost::json::value& json) { return AsObject(serval::ReadResponse(json)); }

boost::json::object NormalizeResponseItem(const boost::json::value& json) {
  return FromUnknownOf(json, "ResponseItem", "ResponseItem");
}

boost::json::object NormalizeResponseWrapper(const boost::json::value& json) {
  return AsObject(serval::ReadResponseWrapper(json));
}

boost::json::object NormalizeRelationshipTemplateContent(const boost::json::value& json) {
  return AsObject(serval::ReadRelationshipTemplateContent(json));
}

boost::json::object NormalizeRelationshipCreationContent(const boost::json::value& json) {
  return AsObject(serval::ReadRelationshipCreationContent(json));
}

boost::json::object NormalizeNotification(const boost::json::value& json) {
  return AsObject(serval::ReadNotification(json));
}

std::string ContentType(const boost::json::value& json) {
  if (!json.is_object()) return "";
  const auto* type = json.get_object().if_contains("@type");
  if (type == nullptr || !type->is_string()) return "";
  return std::string(type->get_string());
}

}  // namespace nmshd::content
