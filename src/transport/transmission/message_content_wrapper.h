#pragma once
// MessageContentWrapper of @nmshd/transport 7.0.0: the plaintext a sender signs once per recipient.
//   {"@type":"MessageContentWrapper","attachments":[FileReference…],"content":{app content},
//    "createdAt":"<ISO>","recipients":["<address>",…]}
// ts-serval sorts these keys; the app content keeps its own order and "@type" (the receiver parses
// it with fromUnknown, so content from @nmshd/content must carry its "@type").
#include <boost/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/core_date.h"
#include "core/reference.h"

namespace nmshd::transport {

struct MessageContentWrapper {
  boost::json::object content;
  std::vector<std::string> recipients;
  core::CoreDate created_at;
  std::vector<core::Reference> attachments;  // FileReferences: id + metadata key (+ base URL)

  std::string Serialize() const;
  // MessageContentWrapper.from(JSON.parse(text)): a missing attachments list is empty.
  // error.transport.messages.invalidMessage for anything else that does not fit.
  static MessageContentWrapper Parse(std::string_view json_text);
};

}  // namespace nmshd::transport
