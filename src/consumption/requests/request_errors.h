#pragma once
// The error codes and messages of the request rules (consumption ConsumptionCoreErrors.requests,
// runtime RuntimeErrors), as the Connector answers them. CoreErrors carry the CoreError message
// ("<code>: '<reason>' at <time>", ConsumptionCoreError); ApplicationErrors their message as is;
// a plain ConsumptionError becomes error.runtime.unknown in the runtime's use case.
#include <string>
#include <string_view>

#include "base/coded_error.h"
#include "consumption/attributes/attribute_errors.h"

namespace nmshd::consumption::request_errors {

inline CodedError RecordNotFound() {
  return CodedError("error.runtime.recordNotFound",
                    "LocalRequest not found. Make sure the ID exists and the record is not expired.");
}
// ConsumptionError thrown inside a use case.
inline CodedError Unexpected(const std::string& message) {
  return CodedError("error.runtime.unknown", "An error was thrown in a UseCase: " + message);
}
inline CodedError WrongStatus(std::string_view allowed) {
  return Unexpected("Local Request has to be in status '" + std::string(allowed) + "'.");
}
inline CodedError InheritedFromItem(const std::string& message) {
  return CodedError("error.consumption.requests.validation.inheritedFromItem", message);
}
inline CodedError InvalidAcceptParameters(const std::string& message) {
  return CodedError("error.consumption.requests.invalidAcceptParameters", message);
}
inline ConsumptionCoreError InvalidRequestItem(const std::string& message) {
  return ConsumptionCoreError("error.consumption.requests.invalidRequestItem", message);
}
inline ConsumptionCoreError WrongRelationshipStatus(const std::string& message) {
  return ConsumptionCoreError("error.consumption.requests.wrongRelationshipStatus", message);
}
inline ConsumptionCoreError MissingRelationship(const std::string& message) {
  return ConsumptionCoreError("error.consumption.requests.missingRelationship", message);
}
inline ConsumptionCoreError PeerIsDeleted(const std::string& message) {
  return ConsumptionCoreError("error.consumption.requests.peerIsDeleted", message);
}
inline ConsumptionCoreError PeerIsInDeletion(const std::string& message) {
  return ConsumptionCoreError("error.consumption.requests.peerIsInDeletion", message);
}
inline ConsumptionCoreError CannotShareRequestWithYourself() {
  return ConsumptionCoreError("error.consumption.requests.cannotShareRequestWithYourself",
                              "You cannot share a Request with yourself.");
}
inline ConsumptionCoreError CannotCreateRequestWithExpirationDateInPast() {
  return ConsumptionCoreError("error.consumption.requests.cannotCreateRequestWithExpirationDateInPast",
                              "You cannot create a Request with an expiration date that is in the past.");
}
inline ConsumptionCoreError CannotCreateRequestWithDuplicateId(std::string_view id) {
  return ConsumptionCoreError("error.consumption.requests.cannotCreateRequestWithDuplicateId",
                              "You cannot create the Request since there already is a Request with the id '" +
                                  std::string(id) + "'.");
}
inline ConsumptionCoreError CanOnlyDeleteIncomingRequestThatIsExpired(std::string_view id, std::string_view status) {
  return ConsumptionCoreError("error.consumption.requests.canOnlyDeleteIncomingRequestThatIsExpired",
                              "The incoming Request '" + std::string(id) + "' is in status '" + std::string(status) +
                                  "'. At the moment, you can only delete incoming Requests that are expired.");
}
// A request item type without a registered processor (RequestItemProcessorRegistry).
inline CodedError NoProcessorForItem(std::string_view type) {
  return Unexpected("There was no processor registered for '" + std::string(type) + "'.");
}

// SendMessageUseCase.validateRequestAsMessageContent and CreateRelationshipUseCase's
// validateResponseToRequestOfTemplate (RuntimeErrors, ApplicationErrors).
inline CodedError InvalidPropertyValue(const std::string& message) {
  return CodedError("error.runtime.validation.invalidPropertyValue", message);
}
inline CodedError RequestNotFound() {
  return CodedError("error.runtime.recordNotFound",
                    "Request not found. Make sure the ID exists and the record is not expired.");
}
inline CodedError CannotSendMessageWithExpiredRequest() {
  return CodedError("error.runtime.messages.cannotSendMessageWithExpiredRequest",
                    "The Message cannot be sent as the contained Request is already expired. Please create a new "
                    "Request and try again.");
}
inline CodedError CannotSendRequestThatWasAlreadySent() {
  return CodedError("error.runtime.messages.cannotSendRequestThatWasAlreadySent",
                    "The Message cannot be sent as the contained Request has already been sent. Please create a new "
                    "Request and try again.");
}
inline CodedError NoAcceptedIncomingRequest() {
  return CodedError("error.runtime.relationships.noAcceptedIncomingRequest",
                    "There is no accepted incoming Request associated with the RelationshipTemplateContent of the "
                    "RelationshipTemplate.");
}
inline CodedError WrongResponseProvidedAsCreationContent() {
  return CodedError("error.runtime.relationships.wrongResponseProvidedAsCreationContent",
                    "The Response of the accepted incoming Request associated with the RelationshipTemplateContent "
                    "must be provided as the response of the RelationshipCreationContent.");
}

namespace decide {
inline CodedError InvalidNumberOfItems(const std::string& message) {
  return CodedError("error.consumption.requests.decide.validation.invalidNumberOfItems", message);
}
inline CodedError ItemAcceptedButRequestNotAccepted() {
  return CodedError("error.consumption.requests.decide.validation.itemAcceptedButRequestNotAccepted",
                    "The RequestItem was accepted, but the Request was not accepted.");
}
inline CodedError MustBeAcceptedItemNotAccepted() {
  return CodedError("error.consumption.requests.decide.validation.mustBeAcceptedItemNotAccepted",
                    "The RequestItem is flagged as 'mustBeAccepted', but it was not accepted.");
}
inline CodedError RequestItemAnsweredAsRequestItemGroup() {
  return CodedError("error.consumption.requests.decide.validation.requestItemAnsweredAsRequestItemGroup",
                    "The RequestItem was answered as a RequestItemGroup.");
}
inline CodedError RequestItemGroupAnsweredAsRequestItem() {
  return CodedError("error.consumption.requests.decide.validation.requestItemGroupAnsweredAsRequestItem",
                    "The RequestItemGroup was answered as a RequestItem.");
}
}  // namespace decide

}  // namespace nmshd::consumption::request_errors
