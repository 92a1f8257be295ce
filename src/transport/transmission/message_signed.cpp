#include "transport/transmission/message_signed.h"

#include <boost/json.hpp>

#include "base/coded_error.h"
#include "base/js_json.h"
#include "transport/transmission/message_errors.h"
#include "transport/transmission/serval_json.h"

namespace nmshd::transport {
namespace {

[[noreturn]] void Invalid(const std::string& why) {
  throw CodedError(message_errc::kInvalidMessage, "MessageSigned: " + why);
}

boost::json::value ParseJson(std::string_view text, std::string_view what) {
  try {
    return json::Parse(text, what);
  } catch (const CodedError& e) {
    Invalid(e.what());
  }
}

}  // namespace

std::string MessageSigned::Serialize() const {
  boost::json::array signature_array;
  for (const auto& s : signatures) {
    boost::json::object entry;
    entry["recipient"] = s.recipient;
    entry["signature"] = json::Stringify(s.signature.ToJson(false));
    signature_array.emplace_back(ServalSorted(entry));
  }
  boost::json::object o;
  o["@type"] = "MessageSigned";
  o["message"] = message;
  o["signatures"] = std::move(signature_array);
  return SerializeServal(o);
}

MessageSigned MessageSigned::Parse(std::string_view json_text) {
  const auto v = ParseJson(json_text, "MessageSigned");
  if (!v.is_object()) Invalid("not a JSON object");
  const auto& o = v.get_object();
  if (const auto* type = o.if_contains("@type");
      type != nullptr && !(type->is_string() && type->get_string() == "MessageSigned")) {
    Invalid("@type is " + json::Stringify(*type));
  }
  const auto* message = o.if_contains("message");
  if (message == nullptr || !message->is_string()) Invalid("message must be a string");
  const auto* signatures = o.if_contains("signatures");
  if (signatures == nullptr || !signatures->is_array()) Invalid("signatures must be an array");

  MessageSigned out{.message = std::string(message->get_string()), .signatures = {}};
  for (const auto& entry : signatures->get_array()) {
    if (!entry.is_object()) Invalid("a signature entry must be an object");
    const auto& e = entry.get_object();
    const auto* recipient = e.if_contains("recipient");
    if (recipient == nullptr || !recipient->is_string()) Invalid("signature recipient must be a string");
    const auto* signature = e.if_contains("signature");
    if (signature == nullptr) Invalid("signature is missing");
    const auto signature_json =
        signature->is_string() ? ParseJson(signature->get_string(), "CryptoSignature") : *signature;
    out.signatures.push_back(MessageSignature{.recipient = std::string(recipient->get_string()),
                                              .signature = crypto::Signature::FromJson(signature_json)});
  }
  return out;
}

}  // namespace nmshd::transport
