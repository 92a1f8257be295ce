#include "transport/transmission/message_content_wrapper.h"

#include "base/coded_error.h"
#include "base/js_json.h"
#include "transport/transmission/file_reference_json.h"
#include "transport/transmission/message_errors.h"
#include "transport/transmission/serval_json.h"

namespace nmshd::transport {
namespace {

[[noreturn]] void Invalid(const std::string& why) {
  throw CodedError(message_errc::kInvalidMessage, "MessageContentWrapper: " + why);
}

}  // namespace

std::string MessageContentWrapper::Serialize() const {
  boost::json::object o;
  o["@type"] = "MessageContentWrapper";
  boost::json::array attachment_array;
  for (const auto& a : attachments) attachment_array.emplace_back(FileReferenceToJson(a));
  o["attachments"] = std::move(attachment_array);
  o["content"] = content;
  o["createdAt"] = created_at.ToString();
  boost::json::array recipient_array;
  for (const auto& r : recipients) recipient_array.emplace_back(r);
  o["recipients"] = std::move(recipient_array);
  return SerializeServal(o);
}

MessageContentWrapper MessageContentWrapper::Parse(std::string_view json_text) {
  boost::json::value v;
  try {
    v = json::Parse(json_text, "MessageContentWrapper");
  } catch (const CodedError& e) {
    Invalid(e.what());
  }
  if (!v.is_object()) Invalid("not a JSON object");
  const auto& o = v.get_object();

  const auto* content = o.if_contains("content");
  if (content == nullptr || !content->is_object()) Invalid("content must be an object");

  const auto* created_at = o.if_contains("createdAt");
  if (created_at == nullptr || !created_at->is_string()) Invalid("createdAt must be a date string");
  std::optional<core::CoreDate> date;
  try {
    date = core::CoreDate::Parse(created_at->get_string());
  } catch (const CodedError& e) {
    Invalid(std::string("createdAt: ") + e.what());
  }

  const auto* recipients = o.if_contains("recipients");
  if (recipients == nullptr || !recipients->is_array()) Invalid("recipients must be an array");
  std::vector<std::string> recipient_list;
  for (const auto& r : recipients->get_array()) {
    if (!r.is_string()) Invalid("recipients must hold address strings");
    recipient_list.emplace_back(r.get_string());
  }

  std::vector<core::Reference> attachments;
  if (const auto* a = o.if_contains("attachments"); a != nullptr && !a->is_null()) {
    if (!a->is_array()) Invalid("attachments must be an array");
    for (const auto& ref : a->get_array()) attachments.push_back(FileReferenceFromJson(ref));
  }
  return MessageContentWrapper{.content = content->get_object(),
                               .recipients = std::move(recipient_list),
                               .created_at = *date,
                               .attachments = std::move(attachments)};
}

}  // namespace nmshd::transport
