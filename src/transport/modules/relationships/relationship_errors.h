#pragma once
// The errors of the relationship use cases, with the official codes and messages.
//
// Runtime errors (RuntimeErrors.js) carry their message as is. Transport errors are @nmshd/core-types
// CoreErrors: the runtime's UseCase turns them into an ApplicationError with the CoreError's
// `message`, which reads "<code>: '<reason>' at <ISO time>", while CanCreateRelationship reports
// the bare `reason`. TransportCoreError keeps both.
#include <string>
#include <string_view>

#include "base/coded_error.h"

namespace nmshd::transport {

class TransportCoreError : public CodedError {
 public:
  TransportCoreError(std::string code, std::string reason);
  const std::string& reason() const noexcept { return reason_; }

 private:
  std::string reason_;
};

namespace relationship_errors {

// error.runtime.recordNotFound "<type> not found. Make sure the ID exists and the record is not expired."
CodedError RecordNotFound(std::string_view type);
// error.runtime.validation.invalidPropertyValue
CodedError InvalidPropertyValue(std::string message);
// error.transport.recordNotFound "'<type>' not found." (what transport itself throws during a sync)
TransportCoreError TransportRecordNotFound(std::string_view type);

TransportCoreError WrongRelationshipStatus(std::string_view relationship_id, std::string_view status);
TransportCoreError OperationOnlyAllowedForPeer(std::string message);
TransportCoreError RelationshipCurrentlyExists(std::string_view status);
TransportCoreError RelationshipTemplateIsExpired(std::string_view template_id);
TransportCoreError RelationshipNotYetDecomposedByPeer();
TransportCoreError ReactivationNotRequested(std::string_view relationship_id);
TransportCoreError ReactivationAlreadyRequested(std::string message);
TransportCoreError DeletedOwnerOfRelationshipTemplate();
TransportCoreError ActiveIdentityDeletionProcessOfOwnerOfRelationshipTemplate();

// error.runtime.relationships.noAcceptedIncomingRequest
CodedError NoAcceptedIncomingRequest();

}  // namespace relationship_errors
}  // namespace nmshd::transport
