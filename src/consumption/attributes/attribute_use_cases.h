#pragma once
// The runtime's attribute use cases the Connector's AttributesController calls
// (useCases/consumption/attributes/*), with their request checks, order of checks, error codes and
// results (LocalAttributeDTOs). Requests are the JSON bodies the Connector builds; errors are
// CodedError (the REST layer maps recordNotFound to 404, everything else to 400).
#include <boost/json.hpp>
#include <optional>
#include <string>

#include "consumption/attributes/attribute_requests.h"
#include "consumption/attributes/attributes_controller.h"

namespace nmshd::consumption {

class AttributeUseCases {
 public:
  explicit AttributeUseCases(AttributesController& controller) : controller_(controller) {}

  // canCreateOwnIdentityAttribute {content:{value, tags?}}: {isSuccess:true} or {isSuccess:false,
  // code, message} for an invalid value (schema: invalidPropertyValue; ts-serval:
  // invalidPropertyValue with serval's message), an existing equal value
  // (cannotCreateDuplicateOwnIdentityAttribute) or invalid tags (invalidTags). Like the official,
  // it does not check the character whitelist nor the trimmed value.
  boost::json::object CanCreateOwnIdentityAttribute(const boost::json::value& request);
  // createOwnIdentityAttribute: the new OwnIdentityAttribute's DTO (owner = self).
  boost::json::object CreateOwnIdentityAttribute(const boost::json::value& request);

  // getAttribute {id}: recordNotFound for an unknown id.
  boost::json::object GetAttribute(const std::string& id);
  // getAttributes {query}: every local attribute matching the REST filter, oldest first.
  boost::json::array GetAttributes(const QueryParameters& query);
  // getOwnIdentityAttributes {onlyLatestVersions (default true), query}.
  boost::json::array GetOwnIdentityAttributes(std::optional<bool> only_latest_versions, const QueryParameters& query);

  // succeedOwnIdentityAttribute {predecessorId, successorContent:{value, tags?}}:
  // {predecessor, successor} DTOs.
  boost::json::object SucceedOwnIdentityAttribute(const boost::json::value& request);
  // getVersionsOfAttribute {attributeId}: newest first.
  boost::json::array GetVersionsOfAttribute(const std::string& attribute_id);
  // deleteAttributeAndNotify {attributeId}: {notificationIds}. Deleting an attribute that was
  // shared with peers (which would notify them) is not available yet and is refused.
  boost::json::object DeleteAttributeAndNotify(const std::string& attribute_id);
  // executeIdentityAttributeQuery {query: IdentityAttributeQuery}.
  boost::json::array ExecuteIdentityAttributeQuery(const boost::json::value& request);
  // getAttributeTagCollection: the Backbone's tag collection as AttributeTagCollectionDTO
  // {supportedLanguages, tagsForAttributeValueTypes: {type: {tag: {displayNames, children?}}}}.
  boost::json::object GetAttributeTagCollection();

 private:
  AttributesController& controller_;
};

}  // namespace nmshd::consumption
