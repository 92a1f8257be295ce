#pragma once
// The error codes and messages of the attribute rules (consumption ConsumptionCoreErrors.attributes,
// runtime RuntimeErrors.attributes / general), as the Connector answers them (400, 404 for
// recordNotFound).
//
// The consumption errors are @nmshd/core-types CoreErrors: the runtime's use case passes on their
// `message`, which reads "<code>: '<reason>' at <ISO time>" and, when the error carries data (the
// ts-serval error of an invalid successor), " with data <its JSON>". The runtime's own errors
// (RuntimeErrors) carry their message as is.
#include <boost/json.hpp>
#include <string>
#include <string_view>

#include "base/coded_error.h"
#include "base/js_json.h"
#include "content/serval_error.h"
#include "core/core_date.h"

namespace nmshd::consumption {

class ConsumptionCoreError : public CodedError {
 public:
  ConsumptionCoreError(std::string code, const std::string& reason, const boost::json::object* data = nullptr)
      : CodedError(code, Message(code, reason, data)), reason_(reason) {}
  const std::string& reason() const noexcept { return reason_; }

 private:
  static std::string Message(const std::string& code, const std::string& reason, const boost::json::object* data) {
    std::string message = code;
    if (!reason.empty()) message += ": '" + reason + "'";
    message += " at " + core::CoreDate::Now().ToString();
    if (data != nullptr) message += " with data " + json::Stringify(*data);
    return message;
  }
  std::string reason_;
};

}  // namespace nmshd::consumption

namespace nmshd::consumption::attribute_errors {

inline CodedError RecordNotFound() {
  return CodedError("error.runtime.recordNotFound",
                    "LocalAttribute not found. Make sure the ID exists and the record is not expired.");
}
inline CodedError CannotCreateDuplicateOwnIdentityAttribute(std::string_view id) {
  return CodedError("error.runtime.attributes.cannotCreateDuplicateOwnIdentityAttribute",
                    "The OwnIdentityAttribute cannot be created because it has the same content.value as the already "
                    "existing OwnIdentityAttribute with id '" + std::string(id) + "'.");
}
inline CodedError IsNotOwnIdentityAttribute(std::string_view id) {
  return CodedError("error.runtime.attributes.isNotOwnIdentityAttribute",
                    "The Attribute '" + std::string(id) + "' is not an OwnIdentityAttribute.");
}
inline ConsumptionCoreError WrongOwnerOfAttribute(std::string message) {
  return ConsumptionCoreError("error.consumption.attributes.wrongOwnerOfAttribute", message);
}
inline ConsumptionCoreError ForbiddenCharactersInAttribute(std::string message) {
  return ConsumptionCoreError("error.consumption.attributes.forbiddenCharactersInAttribute", message);
}
inline ConsumptionCoreError PredecessorDoesNotExist() {
  return ConsumptionCoreError("error.consumption.attributes.predecessorDoesNotExist", "The predecessor does not exist.");
}
inline ConsumptionCoreError SuccessorDoesNotExist() {
  return ConsumptionCoreError("error.consumption.attributes.successorDoesNotExist", "The successor does not exist.");
}
inline ConsumptionCoreError SuccessorIsNotAValidAttribute(const content::ServalError& cause) {
  return ConsumptionCoreError("error.consumption.attributes.successorIsNotAValidAttribute",
                              "Validation failed during creation of successor.", &cause.data());
}
inline ConsumptionCoreError CannotSucceedAttributesWithASuccessor(std::string_view successor_id) {
  return ConsumptionCoreError("error.consumption.attributes.cannotSucceedAttributesWithASuccessor",
                    "The Attribute you want to succeed has a successor (id: " + std::string(successor_id) +
                        "). You cannot succeed Attributes with a successor. Instead, succeed the successor.");
}
inline ConsumptionCoreError SuccessionMustChangeContent() {
  return ConsumptionCoreError("error.consumption.attributes.successionMustChangeContent",
                    "The content of the successor matches that of the predecessor. An Attribute succession must "
                    "change the Attribute's content.");
}
inline ConsumptionCoreError SuccessionMustNotChangeOwner() {
  return ConsumptionCoreError("error.consumption.attributes.successionMustNotChangeOwner",
                    "The successor Attribute's owner does not match that of the predecessor. An Attribute succession "
                    "must not change the Attribute's owner.");
}
inline ConsumptionCoreError SuccessionMustNotChangeContentType() {
  return ConsumptionCoreError("error.consumption.attributes.successionMustNotChangeContentType",
                    "The successor Attribute's content type does not match that of the predecessor. An Attribute "
                    "succession must not change the Attribute's content type, i.e. an IdentityAttribute must not be "
                    "succeeded by a RelationshipAttribute and v.v.");
}
inline ConsumptionCoreError SuccessionMustNotChangeValueType() {
  return ConsumptionCoreError("error.consumption.attributes.successionMustNotChangeValueType",
                    "The successor Attribute's value type does not match that of the predecessor. An Attribute "
                    "succession must not change the Attribute's value type.");
}

inline ConsumptionCoreError SuccessionMustNotChangeKey() {
  return ConsumptionCoreError("error.consumption.attributes.successionMustNotChangeKey",
                              "The predecessor RelationshipAttribute's key does not match that of the successor. The "
                              "succession of a RelationshipAttribute must not change the key.");
}
inline ConsumptionCoreError SuccessorMustNotYetExist() {
  return ConsumptionCoreError("error.consumption.attributes.successorMustNotYetExist",
                              "The predecessor Attribute's successor must not exist. It will be created by the "
                              "succession handlers and must not be created manually.");
}
inline ConsumptionCoreError CannotSucceedSharedAttributesDeletedByPeer() {
  return ConsumptionCoreError("error.consumption.attributes.cannotSucceedSharedAttributesDeletedByPeer",
                              "You cannot succeed shared Attributes that are already deleted by the peer.");
}
// Note the official message's missing quote after the id.
inline ConsumptionCoreError AlreadyForwarded(std::string_view attribute_id, std::string_view peer) {
  return ConsumptionCoreError("error.consumption.attributes.alreadyForwarded",
                              "The Attribute '" + std::string(attribute_id) + " is already forwarded to peer '" +
                                  std::string(peer) + "'.");
}
// With a peer: the forwarding details for it are missing or deleted; without: the attribute itself
// is already deleted by the peer.
inline ConsumptionCoreError CannotSetAttributeDeletionInfo(std::string_view attribute_id, std::string_view peer = {}) {
  return ConsumptionCoreError(
      "error.consumption.attributes.cannotSetAttributeDeletionInfo",
      peer.empty() ? "You cannot set the deletionInfo of Attribute '" + std::string(attribute_id) +
                         "' since it is already deleted by the peer."
                   : "You cannot set the deletionInfo of Attribute '" + std::string(attribute_id) + "' for peer '" +
                         std::string(peer) + "' since it isn't shared with them or already deleted by them.");
}
inline ConsumptionCoreError WrongRelationshipStatusToSetDeletionInfo() {
  return ConsumptionCoreError("error.consumption.attributes.wrongRelationshipStatusToSetDeletionInfo",
                              "In order to manually set the deletionInfo of an Attribute, the corresponding "
                              "Relationship must have status 'DeletionProposed'.");
}
inline ConsumptionCoreError WrongTypeOfAttribute(std::string message) {
  return ConsumptionCoreError("error.consumption.attributes.wrongTypeOfAttribute", message);
}
// RuntimeErrors.general.recordNotFound(entityName).
inline CodedError RecordNotFoundOf(std::string_view entity) {
  return CodedError("error.runtime.recordNotFound",
                    std::string(entity) + " not found. Make sure the ID exists and the record is not expired.");
}
inline CodedError CannotDeleteSharedAttributeWhileRelationshipIsPending(std::string_view attribute_id) {
  return CodedError("error.runtime.attributes.cannotDeleteSharedAttributeWhileRelationshipIsPending",
                    "The shared Attribute '" + std::string(attribute_id) +
                        "' cannot be deleted while the Relationship to a peer is in status 'Pending'. If you want to "
                        "delete it now, you'll have to accept, reject or revoke the pending Relationship.");
}
inline CodedError IsNeitherRejectedNorRevoked() {
  return CodedError("error.runtime.relationships.isNeitherRejectedNorRevoked",
                    "The status of the Relationship is neither 'Rejected' nor 'Revoked'.");
}

}  // namespace nmshd::consumption::attribute_errors
