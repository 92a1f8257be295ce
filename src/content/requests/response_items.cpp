// AcceptResponseItem, RejectResponseItem, ErrorResponseItem (requests/response) and the accept
// items of the request item types (requests/items/**/…AcceptResponseItem.ts) of @nmshd/content
// 7.0.0. Each reads its own properties, then ResponseItem's `result`.
#include <array>

#include "content/js_string.h"
#include "content/requests/content_classes.h"

namespace nmshd::content::serval {
namespace {

constexpr std::array<std::string_view, 2> kAttributes = {"IdentityAttribute", "RelationshipAttribute"};

// FormFieldAcceptResponseItem.response.
std::optional<std::string> FormFieldResponse(const js::value& v) {
  if (v.is_string()) {
    const auto length = Utf16Length(v.get_string());
    if (length < 1 || length > 4096) {
      return "The string response cannot be shorter than 1 character or longer than 4096 characters.";
    }
  }
  if (v.is_array()) {
    for (const auto& option : v.get_array()) {
      if (!option.is_string()) return "If the response is an array, it must be a string array.";
    }
  }
  return std::nullopt;
}

}  // namespace

js::value ReadAcceptResponseItem(const js::value& v) {
  Reader r("AcceptResponseItem", v);
  ReadResponseItemBase(r);
  return r.Finish();
}

js::value ReadRejectResponseItem(const js::value& v) {
  Reader r("RejectResponseItem", v);
  r.String("code", StringRule().Optional().Max(200));
  r.String("message", StringRule().Optional().Max(1000));
  ReadResponseItemBase(r);
  return r.Finish();
}

js::value ReadErrorResponseItem(const js::value& v) {
  Reader r("ErrorResponseItem", v);
  r.String("code", StringRule().Max(200));
  r.String("message", StringRule().Max(1000));
  ReadResponseItemBase(r);
  return r.Finish();
}

js::value ReadAttributeAlreadySharedAcceptResponseItem(const js::value& v) {
  Reader r("AttributeAlreadySharedAcceptResponseItem", v);
  r.Id("attributeId");
  ReadResponseItemBase(r);
  return r.Finish();
}

js::value ReadAttributeSuccessionAcceptResponseItem(const js::value& v) {
  Reader r("AttributeSuccessionAcceptResponseItem", v);
  r.Id("predecessorId");
  r.Id("successorId");
  r.Union("successorContent", kAttributes);
  ReadResponseItemBase(r);
  return r.Finish();
}

js::value ReadCreateAttributeAcceptResponseItem(const js::value& v) {
  Reader r("CreateAttributeAcceptResponseItem", v);
  r.Id("attributeId");
  ReadResponseItemBase(r);
  return r.Finish();
}

js::value ReadDeleteAttributeAcceptResponseItem(const js::value& v) {
  Reader r("DeleteAttributeAcceptResponseItem", v);
  r.Date("deletionDate");
  ReadResponseItemBase(r);
  return r.Finish();
}

js::value ReadFormFieldAcceptResponseItem(const js::value& v) {
  Reader r("FormFieldAcceptResponseItem", v);
  r.Any("response", {"String", "Number", "Boolean", "Array"}, FormFieldResponse);
  ReadResponseItemBase(r);
  return r.Finish();
}

js::value ReadProposeAttributeAcceptResponseItem(const js::value& v) {
  Reader r("ProposeAttributeAcceptResponseItem", v);
  r.Id("attributeId");
  r.Union("attribute", kAttributes);
  ReadResponseItemBase(r);
  return r.Finish();
}

js::value ReadReadAttributeAcceptResponseItem(const js::value& v) {
  Reader r("ReadAttributeAcceptResponseItem", v);
  r.Id("attributeId");
  r.Union("attribute", kAttributes);
  r.Address("thirdPartyAddress", true);
  ReadResponseItemBase(r);
  return r.Finish();
}

js::value ReadTransferFileOwnershipAcceptResponseItem(const js::value& v) {
  Reader r("TransferFileOwnershipAcceptResponseItem", v);
  r.Id("attributeId");
  r.Typed("attribute", "IdentityAttribute");
  ReadResponseItemBase(r);
  return r.Finish();
}

}  // namespace nmshd::content::serval
