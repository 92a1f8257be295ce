#pragma once
// TransferFileOwnershipRequestItem (consumption itemProcessors/transferFileOwnership): the sender
// asks the recipient to take over one of its files.
//   * sender, creating: the file is known, own, not expired, its tags valid for
//     IdentityFileReference, and the Backbone confirms the ownership token;
//   * recipient, deciding: the same checks from the other side (the file is loaded by reference and
//     owned by the peer); accepting claims ownership on the Backbone and answers a
//     TransferFileOwnershipAcceptResponseItem with a new OwnIdentityAttribute whose value is an
//     IdentityFileReference to the file, forwarded to the peer;
//   * sender, on the response: that attribute is stored as a PeerIdentityAttribute under its id.
//
// The claim happens inside the caller's write transaction (see Accept for why and what that costs).
#include "consumption/attributes/attributes_controller.h"
#include "consumption/requests/generic_request_item_processor.h"
#include "transport/modules/files/files.h"

namespace nmshd::consumption {

class TransferFileOwnershipRequestItemProcessor : public GenericRequestItemProcessor {
 public:
  // Both must outlive the processor.
  TransferFileOwnershipRequestItemProcessor(const AttributesController& attributes, transport::Files& files)
      : attributes_(attributes), files_(files) {}

  ValidationResult CanCreateOutgoingRequestItem(storage::Transaction& tx, const boost::json::object& item,
                                                const boost::json::object& request,
                                                const std::optional<std::string>& recipient) override;
  ValidationResult CanAccept(storage::Transaction& tx, const boost::json::object& item,
                             const boost::json::object& params, const LocalRequest& request) override;
  boost::json::object Accept(storage::Transaction& tx, const boost::json::object& item,
                             const boost::json::object& params, const LocalRequest& request,
                             transport::PendingEvents& events) override;
  void ApplyIncomingResponseItem(storage::Transaction& tx, const boost::json::object& response_item,
                                 const boost::json::object& item, const LocalRequest& request,
                                 transport::PendingEvents& events) override;

 private:
  const std::string& self() const { return attributes_.context().self_address; }
  // validateTagsForType(file.tags, "IdentityFileReference"): the invalidTags message, or nullopt.
  std::optional<std::string> FileTagError(const transport::LocalFile& file) const;
  // A claim of this file whose transaction did not commit: the Backbone already names me owner while
  // my record is not marked own. Only asked when a check would fail otherwise (one extra GET).
  bool ClaimWasLost(const transport::LocalFile& file);

  const AttributesController& attributes_;
  transport::Files& files_;
};

}  // namespace nmshd::consumption
