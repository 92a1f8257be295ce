#include "consumption/attributes/attribute_use_cases.h"

#include "consumption/attributes/attribute_errors.h"
#include "consumption/attributes/attribute_list_filter.h"
#include "consumption/attributes/attribute_tag_check.h"
#include "content/identity_value_schema.h"
#include "content/serval_error.h"
#include "storage/document_store.h"

namespace nmshd::consumption {
namespace {

namespace js = boost::json;

js::object Failure(const CodedError& e) {
  return js::object{{"isSuccess", false}, {"code", e.code()}, {"message", e.what()}};
}

// content.value of a request that passed CheckCreateOwnIdentityAttributeRequest.
const js::value& ValueOf(const js::value& request) { return request.at("content").at("value"); }

const js::value* TagsOf(const js::value& request) { return request.at("content").get_object().if_contains("tags"); }

// The runtime reads value["@type"] first; on null that throws a TypeError.
void RejectNullValue(const js::value& value) {
  if (value.is_null()) {
    throw CodedError("error.runtime.unknown",
                     "An error was thrown in a UseCase: Cannot read properties of null (reading '@type')");
  }
}

// AttributeTagCollectionMapper.toAttributeTagDTO: {displayNames, children?}.
js::object TagDto(const js::value& tag) {
  js::object dto;
  const auto* display_names = tag.is_object() ? tag.get_object().if_contains("displayNames") : nullptr;
  if (display_names != nullptr) dto["displayNames"] = *display_names;
  const auto* children = tag.is_object() ? tag.get_object().if_contains("children") : nullptr;
  if (children != nullptr && children->is_object()) {
    js::object mapped;
    for (const auto& [name, child] : children->get_object()) mapped[name] = TagDto(child);
    dto["children"] = std::move(mapped);
  }
  return dto;
}

}  // namespace

js::object AttributeUseCases::CanCreateOwnIdentityAttribute(const js::value& request) {
  CheckCreateOwnIdentityAttributeRequest(request);
  const auto& value = ValueOf(request);
  RejectNullValue(value);
  if (auto failure = content::CheckIdentityValueSchema(value)) return Failure(InvalidPropertyValue(*failure));

  js::object input{{"owner", ""}, {"value", value}};
  if (const auto* tags = TagsOf(request)) input["tags"] = *tags;
  std::optional<content::IdentityAttribute> attribute;
  try {
    attribute = content::IdentityAttribute::FromJson(input);
  } catch (const content::ServalError& e) {
    return Failure(InvalidPropertyValue(e.what()));
  }

  {
    auto tx = controller_.context().db.Begin(storage::TransactionMode::kReadOnly);
    if (auto duplicate = controller_.OwnIdentityAttributeWithSameValue(*tx, value)) {
      return Failure(attribute_errors::CannotCreateDuplicateOwnIdentityAttribute(duplicate->id));
    }
  }
  if (attribute->tags && !attribute->tags->empty()) {
    try {
      CheckAttributeTags(controller_.context(), *attribute->tags, attribute->value.type().name);
    } catch (const CodedError& e) {
      if (e.code() != "error.consumption.attributes.invalidTags") throw;
      return Failure(e);
    }
  }
  return js::object{{"isSuccess", true}};
}

js::object AttributeUseCases::CreateOwnIdentityAttribute(const js::value& request) {
  CheckCreateOwnIdentityAttributeRequest(request);
  const auto& value = ValueOf(request);
  if (value.is_null()) {
    // The official request validator reads value["@type"] outside the use case's error handling.
    throw std::runtime_error("Cannot read properties of null (reading '@type')");
  }
  if (auto failure = content::CheckIdentityValueSchema(value)) throw InvalidPropertyValue(*failure);
  {
    auto tx = controller_.context().db.Begin(storage::TransactionMode::kReadOnly);
    if (auto duplicate = controller_.OwnIdentityAttributeWithSameValue(*tx, value)) {
      throw attribute_errors::CannotCreateDuplicateOwnIdentityAttribute(duplicate->id);
    }
  }
  js::object input{{"owner", controller_.context().self_address}, {"value", value}};
  if (const auto* tags = TagsOf(request)) input["tags"] = *tags;
  const auto prepared = controller_.PrepareOwnIdentityAttribute(content::IdentityAttribute::FromJson(input));

  transport::PendingEvents events;
  auto dto = controller_.context().db.WithTransaction([&](storage::Transaction& tx) {
    // Again inside the write transaction, so two concurrent creations cannot both pass.
    if (auto duplicate = controller_.OwnIdentityAttributeWithSameValue(tx, value)) {
      throw attribute_errors::CannotCreateDuplicateOwnIdentityAttribute(duplicate->id);
    }
    return controller_.InsertOwnIdentityAttribute(tx, prepared, events).ToDto(0);
  });
  events.PublishTo(controller_.context().events);
  return dto;
}

js::object AttributeUseCases::GetAttribute(const std::string& id) {
  CheckAttributeIdRequest("id", id);
  auto tx = controller_.context().db.Begin(storage::TransactionMode::kReadOnly);
  auto attribute = controller_.Get(*tx, id);
  if (!attribute) throw attribute_errors::RecordNotFound();
  return controller_.Dto(*tx, *attribute);
}

js::array AttributeUseCases::GetAttributes(const QueryParameters& query) {
  const auto filter = AttributeListFilter(query);
  auto tx = controller_.context().db.Begin(storage::TransactionMode::kReadOnly);
  return controller_.Dtos(*tx, controller_.Find(*tx, filter));
}

js::array AttributeUseCases::GetOwnIdentityAttributes(std::optional<bool> only_latest_versions,
                                                     const QueryParameters& query) {
  CheckGetOwnIdentityAttributesQuery(QueryObject(query));
  auto filter = AttributeListFilter(query);
  filter.Where(storage::Condition::Equals("@type", js::string("OwnIdentityAttribute")));
  if (only_latest_versions.value_or(true)) filter.Where(storage::Condition::NotExists("succeededBy"));
  auto tx = controller_.context().db.Begin(storage::TransactionMode::kReadOnly);
  return controller_.Dtos(*tx, controller_.Find(*tx, filter));
}

js::object AttributeUseCases::SucceedOwnIdentityAttribute(const js::value& request) {
  CheckSucceedOwnIdentityAttributeRequest(request);
  const std::string predecessor_id(request.at("predecessorId").as_string());
  auto check_predecessor = [&](storage::Transaction& tx) {
    auto predecessor = controller_.Get(tx, predecessor_id);
    if (!predecessor) throw attribute_errors::PredecessorDoesNotExist();
    if (predecessor->type != LocalAttributeType::kOwnIdentity) {
      throw attribute_errors::IsNotOwnIdentityAttribute(predecessor_id);
    }
    return std::move(*predecessor);
  };
  {
    auto tx = controller_.context().db.Begin(storage::TransactionMode::kReadOnly);
    check_predecessor(*tx);
  }

  // {"@type":"IdentityAttribute", owner: self, ...successorContent}
  js::object content{{"@type", "IdentityAttribute"}, {"owner", controller_.context().self_address}};
  for (const auto& [key, v] : request.at("successorContent").get_object()) content[key] = v;
  std::optional<content::IdentityAttribute> successor;
  try {
    successor = content::IdentityAttribute::FromJson(content);
  } catch (const content::ServalError& e) {
    throw attribute_errors::SuccessorIsNotAValidAttribute(e);
  }
  if (successor->tags && !successor->tags->empty()) {
    CheckAttributeTags(controller_.context(), *successor->tags, successor->value.type().name);
  }

  transport::PendingEvents events;
  auto result = controller_.context().db.WithTransaction([&](storage::Transaction& tx) {
    auto predecessor = check_predecessor(tx);
    controller_.ValidateOwnIdentityAttributeSuccession(tx, predecessor, *successor);
    auto [updated, created] = controller_.SucceedOwnIdentityAttribute(tx, std::move(predecessor), *successor, events);
    return js::object{{"predecessor", controller_.Dto(tx, updated)}, {"successor", created.ToDto(0)}};
  });
  events.PublishTo(controller_.context().events);
  return result;
}

js::array AttributeUseCases::GetVersionsOfAttribute(const std::string& attribute_id) {
  CheckAttributeIdRequest("attributeId", attribute_id);
  auto tx = controller_.context().db.Begin(storage::TransactionMode::kReadOnly);
  auto attribute = controller_.Get(*tx, attribute_id);
  if (!attribute) throw attribute_errors::RecordNotFound();
  return controller_.Dtos(*tx, controller_.Versions(*tx, *attribute));
}

js::array AttributeUseCases::ExecuteIdentityAttributeQuery(const js::value& request) {
  const js::value* query = request.is_object() ? request.get_object().if_contains("query") : nullptr;
  const auto parsed = query != nullptr ? content::IdentityAttributeQuery::FromJson(*query)
                                       : throw content::ParameterMustBeAnObject("IdentityAttributeQuery", nullptr);
  auto tx = controller_.context().db.Begin(storage::TransactionMode::kReadOnly);
  return controller_.Dtos(*tx, controller_.ExecuteIdentityAttributeQuery(*tx, parsed));
}

js::object AttributeUseCases::GetAttributeTagCollection() {
  if (controller_.context().tags == nullptr) {
    throw CodedError("error.consumption.attributes.noBackbone", "No Backbone to load the tag collection from.");
  }
  const auto collection = controller_.context().tags->Get();
  js::object dto;
  const auto* languages = collection.is_object() ? collection.get_object().if_contains("supportedLanguages") : nullptr;
  dto["supportedLanguages"] = languages != nullptr ? *languages : js::value(js::array{});
  js::object types;
  const auto* for_types =
      collection.is_object() ? collection.get_object().if_contains("tagsForAttributeValueTypes") : nullptr;
  if (for_types != nullptr && for_types->is_object()) {
    for (const auto& [type, tags] : for_types->get_object()) {
      js::object mapped;
      if (tags.is_object()) {
        for (const auto& [name, tag] : tags.get_object()) mapped[name] = TagDto(tag);
      }
      types[type] = std::move(mapped);
    }
  }
  dto["tagsForAttributeValueTypes"] = std::move(types);
  return dto;
}

}  // namespace nmshd::consumption
