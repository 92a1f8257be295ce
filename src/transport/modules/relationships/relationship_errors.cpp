#include "transport/modules/relationships/relationship_errors.h"

#include "core/core_date.h"

namespace nmshd::transport {
namespace {

std::string CoreErrorMessage(const std::string& code, const std::string& reason) {
  std::string message = code;
  if (!reason.empty()) message += ": '" + reason + "'";
  return message + " at " + core::CoreDate::Now().ToString();
}

}  // namespace

TransportCoreError::TransportCoreError(std::string code, std::string reason)
    : CodedError(code, CoreErrorMessage(code, reason)), reason_(std::move(reason)) {}

namespace relationship_errors {

CodedError RecordNotFound(std::string_view type) {
  return CodedError("error.runtime.recordNotFound",
                    std::string(type) + " not found. Make sure the ID exists and the record is not expired.");
}

CodedError InvalidPropertyValue(std::string message) {
  return CodedError("error.runtime.validation.invalidPropertyValue", message);
}

TransportCoreError TransportRecordNotFound(std::string_view type) {
  return TransportCoreError("error.transport.recordNotFound", "'" + std::string(type) + "' not found.");
}

TransportCoreError WrongRelationshipStatus(std::string_view relationship_id, std::string_view status) {
  return TransportCoreError("error.transport.relationships.wrongRelationshipStatus",
                            "The Relationship '" + std::string(relationship_id) + "' has the wrong status '" +
                                std::string(status) + "' to run this operation.");
}

TransportCoreError OperationOnlyAllowedForPeer(std::string message) {
  return TransportCoreError("error.transport.relationships.operationOnlyAllowedForPeer", std::move(message));
}

TransportCoreError RelationshipCurrentlyExists(std::string_view status) {
  return TransportCoreError("error.transport.relationships.relationshipCurrentlyExists",
                            "No new Relationship to the peer can be created as a Relationship in status '" +
                                std::string(status) + "' currently exists.");
}

TransportCoreError RelationshipTemplateIsExpired(std::string_view template_id) {
  return TransportCoreError("error.transport.relationships.relationshipTemplateIsExpired",
                            "The RelationshipTemplate '" + std::string(template_id) +
                                "' is already expired and therefore cannot be used to create a Relationship.");
}

TransportCoreError RelationshipNotYetDecomposedByPeer() {
  return TransportCoreError(
      "error.transport.relationships.relationshipNotYetDecomposedByPeer",
      "No new Relationship can be created as the former Relationship is not yet decomposed by the peer.");
}

TransportCoreError ReactivationNotRequested(std::string_view relationship_id) {
  return TransportCoreError("error.transport.relationships.reactivationNotRequested",
                            "The Relationship '" + std::string(relationship_id) +
                                "' has no reactivation Request to respond to.");
}

TransportCoreError ReactivationAlreadyRequested(std::string message) {
  return TransportCoreError("error.transport.relationships.reactivationAlreadyRequested", std::move(message));
}

TransportCoreError DeletedOwnerOfRelationshipTemplate() {
  return TransportCoreError("error.transport.relationships.deletedOwnerOfRelationshipTemplate",
                            "The Identity that created the RelationshipTemplate has been deleted in the meantime. "
                            "Thus, it is not possible to establish a Relationship to it.");
}

TransportCoreError ActiveIdentityDeletionProcessOfOwnerOfRelationshipTemplate() {
  return TransportCoreError(
      "error.transport.relationships.activeIdentityDeletionProcessOfOwnerOfRelationshipTemplate",
      "The Identity that created the RelationshipTemplate is currently in the process of deleting itself. Thus, "
      "it is not possible to establish a Relationship to it.");
}

CodedError NoAcceptedIncomingRequest() {
  return CodedError("error.runtime.relationships.noAcceptedIncomingRequest",
                    "There is no accepted incoming Request associated with the RelationshipTemplateContent of the "
                    "RelationshipTemplate.");
}

}  // namespace relationship_errors
}  // namespace nmshd::transport
