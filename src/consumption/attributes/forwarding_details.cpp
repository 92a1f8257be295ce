#include "consumption/attributes/forwarding_details.h"

#include "core/core_id.h"

namespace nmshd::consumption {
namespace {

namespace js = boost::json;

std::string StringAt(const js::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v != nullptr && v->is_string() ? std::string(v->get_string()) : std::string();
}

js::object DeletionInfoJson(const AttributeDeletionInfo& info) {
  return js::object{{"deletionStatus", info.deletion_status}, {"deletionDate", info.deletion_date}};
}

}  // namespace

std::string AttributeForwardingDetails::GenerateId() {
  static const core::CoreIdFormat kFormat("ATTFD");
  return kFormat.Generate();
}

js::object AttributeForwardingDetails::ToDocument() const {
  js::object o{{"@type", "AttributeForwardingDetails"}, {"id", id},          {"attributeId", attribute_id},
               {"peer", peer},                         {"sourceReference", source_reference},
               {"sharedAt", shared_at}};
  if (deletion_info) o["deletionInfo"] = DeletionInfoJson(*deletion_info);
  return o;
}

AttributeForwardingDetails AttributeForwardingDetails::FromDocument(const js::object& d) {
  AttributeForwardingDetails f;
  f.id = StringAt(d, "id");
  f.attribute_id = StringAt(d, "attributeId");
  f.peer = StringAt(d, "peer");
  f.source_reference = StringAt(d, "sourceReference");
  f.shared_at = StringAt(d, "sharedAt");
  if (const auto* info = d.if_contains("deletionInfo"); info != nullptr && info->is_object()) {
    f.deletion_info = AttributeDeletionInfo{StringAt(info->get_object(), "deletionStatus"),
                                            StringAt(info->get_object(), "deletionDate")};
  }
  return f;
}

js::object AttributeForwardingDetails::ToDto() const {
  js::object o{{"peer", peer}, {"sourceReference", source_reference}, {"sharedAt", shared_at}};
  if (deletion_info) o["deletionInfo"] = DeletionInfoJson(*deletion_info);
  return o;
}

}  // namespace nmshd::consumption
