#include "transport/modules/messages/message_content.h"

#include <algorithm>
#include <set>

#include "base/coded_error.h"
#include "transport/modules/files/use_case_support.h"

namespace nmshd::transport {
namespace {

namespace js = boost::json;

constexpr const char* kRequestDeserialization = "error.runtime.requestDeserialization";
constexpr std::string_view kAllowedTypes[] = {"Mail", "Request", "ResponseWrapper", "Notification",
                                              "ArbitraryMessageContent"};

[[noreturn]] void NotAMessageContent() {
  throw use_case::InvalidPropertyValue(
      "The content of a Message must either be a Mail, Request, ResponseWrapper, Notification or an "
      "ArbitraryMessageContent.");
}

// JavaScript's String.length: UTF-16 code units of the UTF-8 text.
std::size_t Utf16Length(std::string_view text) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if ((c & 0xC0) == 0x80) continue;  // continuation byte
    n += c >= 0xF0 ? 2 : 1;            // 4-byte sequences are surrogate pairs
  }
  return n;
}

const js::string* TypeOf(const js::object& content) {
  const auto* type = content.if_contains("@type");
  return type != nullptr && type->is_string() ? &type->as_string() : nullptr;
}

// ts-serval: @validate({max}) on a string member.
std::string RequireString(const js::object& o, std::string_view cls, std::string_view key, std::size_t max) {
  const auto* v = o.if_contains(key);
  const std::string where = std::string(cls) + "." + std::string(key) + " :: ";
  if (v == nullptr || v->is_null()) throw CodedError(kRequestDeserialization, where + "Value is not defined");
  if (!v->is_string()) throw CodedError(kRequestDeserialization, where + "Value is not a string");
  if (Utf16Length(v->as_string()) > max) {
    throw CodedError(kRequestDeserialization, where + "Value is longer than " + std::to_string(max) + " characters");
  }
  return std::string(v->as_string());
}

// @serialize({type: CoreAddress}) on an array member: strings, or {address} objects.
js::array AddressList(const js::value& v, std::string_view key) {
  if (!v.is_array()) throw CodedError("error.runtime.servalError", "Value is not an Array.");
  js::array out;
  std::size_t index = 0;
  for (const auto& item : v.as_array()) {
    if (item.is_string()) {
      out.push_back(item);
    } else if (item.is_object() && item.as_object().contains("address") && item.as_object().at("address").is_string()) {
      out.push_back(item.as_object().at("address"));
    } else {
      throw CodedError(kRequestDeserialization,
                       "Mail." + std::string(key) + " :: Item with index " + std::to_string(index) +
                           " could not be deserialized to a CoreAddress (CoreAddress.from() :: Parameter must be an "
                           "object - is '" +
                           js::serialize(item) + "')");
    }
    ++index;
  }
  return out;
}

js::object NormalizeMail(js::object mail) {
  // Mail.preFrom
  if (!mail.contains("cc") || mail.at("cc").is_null()) mail["cc"] = js::array{};
  const auto* body = mail.if_contains("body");
  const bool body_falsy = body == nullptr || body->is_null() || (body->is_string() && body->as_string().empty());
  if (body_falsy && mail.contains("content")) {
    mail["body"] = mail.at("content");
    mail.erase("content");
  }
  const auto* to = mail.if_contains("to");
  if (to == nullptr || to->is_null()) throw CodedError(kRequestDeserialization, "Mail.to :: Value is not defined");
  auto to_list = AddressList(*to, "to");
  if (to_list.empty()) throw CodedError(kRequestDeserialization, "Mail.to:Array :: may not be empty");
  auto cc_list = AddressList(mail.at("cc"), "cc");
  auto subject = RequireString(mail, "Mail", "subject", 300);
  auto body_text = RequireString(mail, "Mail", "body", 50000);
  js::object out;
  out["@type"] = "Mail";
  out["body"] = body_text;
  out["cc"] = std::move(cc_list);
  out["subject"] = subject;
  out["to"] = std::move(to_list);
  return out;
}

js::object NormalizeArbitrary(const js::object& content) {
  const auto* value = content.if_contains("value");
  if (value == nullptr || value->is_null()) {
    throw CodedError(kRequestDeserialization, "ArbitraryMessageContent.value :: Value is not defined");
  }
  return js::object{{"@type", "ArbitraryMessageContent"}, {"value", *value}};
}

std::vector<std::string> Strings(const js::value& list) {
  std::vector<std::string> out;
  if (!list.is_array()) return out;
  for (const auto& v : list.as_array()) {
    if (v.is_string()) out.emplace_back(v.as_string());
  }
  return out;
}

bool Contains(const std::vector<std::string>& list, const std::string& value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

}  // namespace

js::object PrepareMessageContent(const js::value& content) {
  if (!content.is_object()) NotAMessageContent();
  const auto& object = content.as_object();
  const auto* type = TypeOf(object);
  if (type == nullptr) NotAMessageContent();
  if (*type == "Mail") return NormalizeMail(object);
  if (*type == "ArbitraryMessageContent") return NormalizeArbitrary(object);
  if (std::find(std::begin(kAllowedTypes), std::end(kAllowedTypes), *type) != std::end(kAllowedTypes)) return object;
  throw CodedError("error.runtime.unknownType", "Type '" + std::string(*type) +
                                                    "' with version 1 was not found within reflection classes. You "
                                                    "might have to install a module first.");
}

js::object MessageContentForDto(const js::value& content) {
  if (content.is_object()) {
    const auto& object = content.as_object();
    if (const auto* type = TypeOf(object)) {
      if (*type == "Mail") {
        try {
          return NormalizeMail(object);
        } catch (const CodedError&) {
          return object;
        }
      }
      if (std::find(std::begin(kAllowedTypes), std::end(kAllowedTypes), *type) != std::end(kAllowedTypes))
        return object;
    }
  }
  return js::object{{"@type", "ArbitraryMessageContent"}, {"value", content}};
}

bool IsNotificationContent(const js::object& content) {
  const auto* type = TypeOf(content);
  return type != nullptr && *type == "Notification";
}

bool IsMailContent(const js::object& content) {
  const auto* type = TypeOf(content);
  return type != nullptr && *type == "Mail";
}

void ValidateMailRecipients(const js::object& mail, const std::vector<std::string>& message_recipients) {
  const auto cc = Strings(mail.at("cc"));
  const auto to = Strings(mail.at("to"));
  if (std::set<std::string>(cc.begin(), cc.end()).size() != cc.size()) {
    throw use_case::InvalidPropertyValue("Some recipients in 'cc' are listed multiple times.");
  }
  if (std::set<std::string>(to.begin(), to.end()).size() != to.size()) {
    throw use_case::InvalidPropertyValue("Some recipients in 'to' are listed multiple times.");
  }
  // lodash intersection(cc, to): in cc's order.
  std::vector<std::string> both;
  for (const auto& a : cc) {
    if (Contains(to, a) && !Contains(both, a)) both.push_back(a);
  }
  if (!both.empty()) {
    std::string joined;
    for (const auto& a : both) joined += (joined.empty() ? "" : "', '") + a;
    throw use_case::InvalidPropertyValue("The recipients '" + joined + "' are put into both 'to' and 'cc'.");
  }
  // lodash union(cc, to), then xor(messageRecipients, union): first the message recipients missing
  // from the mail, then the mail recipients missing from the message.
  std::vector<std::string> mail_recipients;
  for (const auto* list : {&cc, &to}) {
    for (const auto& a : *list) {
      if (!Contains(mail_recipients, a)) mail_recipients.push_back(a);
    }
  }
  std::vector<std::string> mismatch;
  for (const auto& a : message_recipients) {
    if (!Contains(mail_recipients, a) && !Contains(mismatch, a)) mismatch.push_back(a);
  }
  for (const auto& a : mail_recipients) {
    if (!Contains(message_recipients, a) && !Contains(mismatch, a)) mismatch.push_back(a);
  }
  if (!mismatch.empty()) {
    std::string joined;
    for (const auto& a : mismatch) joined += (joined.empty() ? "" : "', '") + a;
    throw use_case::InvalidPropertyValue("The identities '" + joined +
                                         "' are not listed among both the Message recipients and the recipients in "
                                         "'to'/'cc'.");
  }
}

}  // namespace nmshd::transport
