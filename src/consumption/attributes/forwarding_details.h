#pragma once
// AttributeForwardingDetails of runtime 7.x (consumption local/AttributeForwardingDetails): one
// record per forwarding of an OwnIdentity, OwnRelationship or PeerRelationship attribute to a peer
// (Share/Read/Create/Propose accepted, NotifyPeer), with the deletion info of that copy as the peer
// reports it. numberOfForwards counts these records.
//
// Stored in collection "attributeForwardingDetails" under its id (ATTFD…) as
// {"@type":"AttributeForwardingDetails", id, attributeId, peer, sourceReference, sharedAt,
// deletionInfo?}; the REST answer (AttributeMapper.toForwardingDetailsDTO) is
// {peer, sourceReference, sharedAt, deletionInfo?}.
#include <boost/json.hpp>
#include <optional>
#include <string>

#include "consumption/attributes/local_attribute.h"

namespace nmshd::consumption {

struct AttributeForwardingDetails {
  std::string id;
  std::string attribute_id;
  std::string peer;
  std::string source_reference;  // the LocalRequest (REQ…) or Notification (NOT…) that forwarded it
  std::string shared_at;
  std::optional<AttributeDeletionInfo> deletion_info;

  // A fresh id: "ATTFD" + 15 alphanumerics (ConsumptionIds.attributeForwardingDetails).
  static std::string GenerateId();

  bool HasDeletionStatus(std::string_view status) const {
    return deletion_info && deletion_info->deletion_status == status;
  }

  boost::json::object ToDocument() const;
  static AttributeForwardingDetails FromDocument(const boost::json::object& document);
  boost::json::object ToDto() const;
};

}  // namespace nmshd::consumption
