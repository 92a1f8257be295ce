#include "content/requests/content_registry.h"

#include <array>
#include <cctype>
#include <cmath>
#include <limits>

#include "base/js_json.h"
#include "content/attribute_value.h"
#include "content/js_string.h"
#include "content/requests/content_classes.h"
#include "content/serval_error.h"
#include "content/value_types.h"

namespace nmshd::content::serval {
namespace {

using ReadFn = js::value (*)(const js::value&);

struct ClassInfo {
  std::string_view name;
  std::string_view base;  // "" = Serializable
  ReadFn read;            // nullptr: an abstract class without properties (`new T(value)` → {})
  bool registered = true; // has a `@type(...)` decorator, so fromUnknown finds it
};

constexpr std::array kClasses = {
    ClassInfo{"Request", "", ReadRequest},
    ClassInfo{"RequestItemGroup", "", ReadRequestItemGroup},
    ClassInfo{"Response", "", ReadResponse},
    ClassInfo{"ResponseItemGroup", "", ReadResponseItemGroup},
    ClassInfo{"ResponseWrapper", "", ReadResponseWrapper},
    ClassInfo{"RequestItem", "", nullptr, false},
    ClassInfo{"ReadAttributeRequestItem", "RequestItem", ReadReadAttributeRequestItem},
    ClassInfo{"ShareAttributeRequestItem", "RequestItem", ReadShareAttributeRequestItem},
    ClassInfo{"CreateAttributeRequestItem", "RequestItem", ReadCreateAttributeRequestItem},
    ClassInfo{"ProposeAttributeRequestItem", "RequestItem", ReadProposeAttributeRequestItem},
    ClassInfo{"DeleteAttributeRequestItem", "RequestItem", ReadDeleteAttributeRequestItem},
    ClassInfo{"ConsentRequestItem", "RequestItem", ReadConsentRequestItem},
    ClassInfo{"AuthenticationRequestItem", "RequestItem", ReadAuthenticationRequestItem},
    ClassInfo{"FormFieldRequestItem", "RequestItem", ReadFormFieldRequestItem},
    ClassInfo{"TransferFileOwnershipRequestItem", "RequestItem", ReadTransferFileOwnershipRequestItem},
    ClassInfo{"FormFieldSettings", "", nullptr, false},
    ClassInfo{"BooleanFormFieldSettings", "FormFieldSettings", ReadBooleanFormFieldSettings},
    ClassInfo{"DateFormFieldSettings", "FormFieldSettings", ReadDateFormFieldSettings},
    ClassInfo{"DoubleFormFieldSettings", "FormFieldSettings", ReadDoubleFormFieldSettings},
    ClassInfo{"IntegerFormFieldSettings", "FormFieldSettings", ReadIntegerFormFieldSettings},
    ClassInfo{"RatingFormFieldSettings", "FormFieldSettings", ReadRatingFormFieldSettings},
    ClassInfo{"SelectionFormFieldSettings", "FormFieldSettings", ReadSelectionFormFieldSettings},
    ClassInfo{"StringFormFieldSettings", "FormFieldSettings", ReadStringFormFieldSettings},
    ClassInfo{"ResponseItem", "", nullptr, false},
    ClassInfo{"AcceptResponseItem", "ResponseItem", ReadAcceptResponseItem},
    ClassInfo{"RejectResponseItem", "ResponseItem", ReadRejectResponseItem},
    ClassInfo{"ErrorResponseItem", "ResponseItem", ReadErrorResponseItem},
    ClassInfo{"AttributeAlreadySharedAcceptResponseItem", "AcceptResponseItem",
              ReadAttributeAlreadySharedAcceptResponseItem},
    ClassInfo{"AttributeSuccessionAcceptResponseItem", "AcceptResponseItem", ReadAttributeSuccessionAcceptResponseItem},
    ClassInfo{"CreateAttributeAcceptResponseItem", "AcceptResponseItem", ReadCreateAttributeAcceptResponseItem},
    ClassInfo{"DeleteAttributeAcceptResponseItem", "AcceptResponseItem", ReadDeleteAttributeAcceptResponseItem},
    ClassInfo{"FormFieldAcceptResponseItem", "AcceptResponseItem", ReadFormFieldAcceptResponseItem},
    ClassInfo{"ProposeAttributeAcceptResponseItem", "AcceptResponseItem", ReadProposeAttributeAcceptResponseItem},
    ClassInfo{"ReadAttributeAcceptResponseItem", "AcceptResponseItem", ReadReadAttributeAcceptResponseItem},
    ClassInfo{"TransferFileOwnershipAcceptResponseItem", "AcceptResponseItem",
              ReadTransferFileOwnershipAcceptResponseItem},
    ClassInfo{"AbstractAttribute", "", nullptr, false},
    ClassInfo{"IdentityAttribute", "AbstractAttribute", ReadIdentityAttribute},
    ClassInfo{"RelationshipAttribute", "AbstractAttribute", ReadRelationshipAttribute},
    ClassInfo{"AbstractAttributeQuery", "", nullptr, false},
    ClassInfo{"IdentityAttributeQuery", "AbstractAttributeQuery", ReadIdentityAttributeQuery},
    ClassInfo{"RelationshipAttributeQuery", "AbstractAttributeQuery", ReadRelationshipAttributeQuery},
    ClassInfo{"ThirdPartyRelationshipAttributeQuery", "AbstractAttributeQuery", ReadThirdPartyRelationshipAttributeQuery},
    ClassInfo{"IQLQuery", "AbstractAttributeQuery", ReadIQLQuery},
    ClassInfo{"RelationshipAttributeCreationHints", "", ReadRelationshipAttributeCreationHints},
    ClassInfo{"IQLQueryCreationHints", "", ReadIQLQueryCreationHints},
    ClassInfo{"ValueHints", "", ReadValueHints},
    ClassInfo{"CoreId", "", ReadCoreId},
    ClassInfo{"CoreAddress", "", ReadCoreAddress},
    ClassInfo{"CoreDate", "", ReadCoreDate},
    ClassInfo{"Notification", "", ReadNotification},
    ClassInfo{"NotificationItem", "", nullptr, false},
    ClassInfo{"PeerAttributeSucceededNotificationItem", "NotificationItem", ReadPeerAttributeSucceededNotificationItem},
    ClassInfo{"OwnAttributeDeletedByOwnerNotificationItem", "NotificationItem",
              ReadOwnAttributeDeletedByOwnerNotificationItem},
    ClassInfo{"PeerRelationshipAttributeDeletedByPeerNotificationItem", "NotificationItem",
              ReadPeerRelationshipAttributeDeletedByPeerNotificationItem},
    ClassInfo{"ForwardedAttributeDeletedByPeerNotificationItem", "NotificationItem",
              ReadForwardedAttributeDeletedByPeerNotificationItem},
    ClassInfo{"RelationshipTemplateContent", "", ReadRelationshipTemplateContent},
    ClassInfo{"RelationshipCreationContent", "", ReadRelationshipCreationContent},
    ClassInfo{"ArbitraryRelationshipTemplateContent", "", ReadArbitraryRelationshipTemplateContent},
    ClassInfo{"ArbitraryRelationshipCreationContent", "", ReadArbitraryRelationshipCreationContent},
};

const ClassInfo* Find(std::string_view name) {
  for (const auto& c : kClasses) {
    if (c.name == name) return &c;
  }
  return nullptr;
}

// `${parseInt(value["@version"])}` for a truthy @version.
std::string ParseIntText(const js::value& v) {
  std::string text;
  if (v.is_string()) {
    text = std::string(v.get_string());
  } else if (v.is_number()) {
    text = json::Stringify(v);
  } else {
    return "NaN";  // parseInt("true"), parseInt("[object Object]")
  }
  std::size_t i = 0;
  while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
  std::string out;
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) {
    if (text[i] == '-') out = "-";
    ++i;
  }
  std::size_t digits = 0;
  while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) {
    out += text[i++];
    ++digits;
  }
  if (digits == 0) return "NaN";
  // Leading zeros and "-0" print as a number does.
  std::size_t first = out[0] == '-' ? 1 : 0;
  while (out.size() > first + 1 && out[first] == '0') out.erase(first, 1);
  if (out == "-0") out = "0";
  return out;
}

}  // namespace

Instance FromUnknown(const js::value& value) {
  const js::value& type = value.get_object().at("@type");
  if (!type.is_string()) throw GeneralServalError("@type is not a string.");
  const std::string_view name = type.get_string();
  std::string version = "1";
  if (const auto* v = value.get_object().if_contains("@version"); v != nullptr && IsTruthy(*v)) {
    version = ParseIntText(*v);
  }
  if (version != "1") throw UnknownTypeError(name, version);
  if (const ClassInfo* c = Find(name); c != nullptr && c->registered) {
    return Instance{std::string(name), c->read(value)};
  }
  if (const ValueType* value_type = FindValueType(name); value_type != nullptr && value_type->in_content_7_0_0) {
    return Instance{std::string(name), ParseValueOfType(*value_type, value.get_object())};
  }
  if (IsKnownAttributeClass(name)) {
    // A class of @nmshd/content (a value component, hints) no request format declares.
    throw GeneralServalError("Type '" + std::string(name) + "' is a class of @nmshd/content that this implementation does not read here.");
  }
  throw UnknownTypeError(name, version);
}

bool IsInstanceOf(std::string_view type, std::string_view base) {
  if (base == "Serializable") return true;
  while (!type.empty()) {
    if (type == base) return true;
    const ClassInfo* c = Find(type);
    if (c == nullptr) return false;
    type = c->base;
  }
  return false;
}

Instance FromDeclared(std::string_view type, const js::value& value) {
  const ClassInfo* c = Find(type);
  if (c == nullptr) throw GeneralServalError("Unknown declared type " + std::string(type));
  if (c->read == nullptr) {
    // fromT of a class without properties returns `new type(value)`; only null/undefined fail.
    if (value.is_null()) throw ParameterMustBeAnObject(type, &value);
    return Instance{std::string(type), js::object{}};
  }
  return Instance{std::string(type), c->read(value)};
}

js::value JsonWrapper(const js::value& value) {
  js::object out;
  if (value.is_object()) {
    for (const auto& [k, v] : value.get_object()) {
      if (k != "@type" && k != "@version") out[k] = v;
    }
  } else if (value.is_array()) {
    const auto& a = value.get_array();
    for (std::size_t i = 0; i < a.size(); ++i) out[std::to_string(i)] = a[i];
  } else if (value.is_string()) {
    // Object.assign spreads a string into its characters (code points here; JavaScript splits
    // characters outside the BMP into surrogate halves).
    std::size_t index = 0;
    const std::string_view text = value.get_string();
    for (std::size_t i = 0; i < text.size();) {
      std::size_t len = 1;
      const auto lead = static_cast<unsigned char>(text[i]);
      if (lead >= 0xF0) len = 4;
      else if (lead >= 0xE0) len = 3;
      else if (lead >= 0xC0) len = 2;
      out[std::to_string(index++)] = text.substr(i, len);
      i += len;
    }
  }
  return out;
}

}  // namespace nmshd::content::serval
