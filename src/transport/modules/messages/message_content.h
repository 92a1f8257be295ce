#pragma once
// The app content of a message as the runtime treats it (SendMessageUseCase.validateMessage,
// MessageMapper.toMessageContent, @nmshd/content Mail / ArbitraryMessageContent).
//
// A message must carry a Mail, Request, ResponseWrapper, Notification or ArbitraryMessageContent.
// Mail and ArbitraryMessageContent are parsed and written back as ts-serval does (Mail: keys sorted,
// "cc" defaults to [], a legacy "content" becomes "body", unknown members dropped), with ts-serval's
// messages for bad members (error.runtime.requestDeserialization, e.g. "Mail.to :: Value is not
// defined"). Request, ResponseWrapper and Notification belong to the requests/notifications
// modules: they travel as given here.
#include <boost/json.hpp>
#include <string>
#include <vector>

namespace nmshd::transport {

// The content as the sender puts it into the message. Throws
//   error.runtime.validation.invalidPropertyValue  no object / no "@type" / a type that is not one of the five
//   error.runtime.unknownType                      a "@type" no content class has
//   error.runtime.requestDeserialization           a member of Mail / ArbitraryMessageContent is bad
//   error.runtime.servalError                      a Mail address list that is not an array
boost::json::object PrepareMessageContent(const boost::json::value& content);

// MessageMapper.toMessageContent for a received content: one of the five types as it is (a Mail
// normalised), anything else wrapped as {"@type":"ArbitraryMessageContent","value":content}.
boost::json::object MessageContentForDto(const boost::json::value& content);

bool IsNotificationContent(const boost::json::object& content);
bool IsMailContent(const boost::json::object& content);

// SendMessageUseCase.validateMailRecipients: to/cc without duplicates, disjoint, and together
// exactly the message's recipients. error.runtime.validation.invalidPropertyValue otherwise.
void ValidateMailRecipients(const boost::json::object& mail, const std::vector<std::string>& message_recipients);

}  // namespace nmshd::transport
