#include "consumption/iql/iql_use_cases.h"

#include <algorithm>
#include <array>
#include <string>
#include <string_view>
#include <variant>

#include "base/coded_error.h"
#include "consumption/iql/iql.h"
#include "consumption/iql/iql_evaluator.h"
#include "consumption/iql/iql_parser.h"
#include "consumption/iql/iql_value_types.h"
#include "content/requests/content_registry.h"

namespace nmshd::consumption {
namespace {

namespace js = boost::json;

CodedError Invalid(const std::string& message) {
  return CodedError("error.runtime.validation.invalidPropertyValue", message);
}

// AttributeValues.Identity.TypeName of the 7.0.0 schema (Editable, then Uneditable).
constexpr std::array<std::string_view, 25> kIdentityTypeNames = {
    "Affiliation", "BirthDate",     "BirthName",       "BirthPlace",          "Citizenship",
    "CommunicationLanguage", "DeliveryBoxAddress", "DisplayName", "EMailAddress", "FaxNumber",
    "GivenName",   "HonorificPrefix", "HonorificSuffix", "IdentityFileReference", "JobTitle",
    "Nationality", "MiddleName",    "PhoneNumber",     "PostOfficeBoxAddress", "Pseudonym",
    "Sex",         "StreetAddress", "Surname",         "Website",             "SchematizedXML"};

// IQLQueryCreationHintsJSON {valueType: TypeName, tags?: string[]}, nothing else.
void CheckCreationHints(const js::value& hints, const std::string& path) {
  if (!hints.is_object()) throw Invalid(path + " must be object");
  const auto& o = hints.get_object();
  if (!o.contains("valueType")) throw Invalid(path + " must have required property 'valueType'");
  for (const auto& [name, v] : o) {
    if (name != "valueType" && name != "tags") throw Invalid(path + " must NOT have additional properties");
  }
  const auto& type = o.at("valueType");
  if (!type.is_string()) throw Invalid(path + "/valueType must be string");
  if (std::find(kIdentityTypeNames.begin(), kIdentityTypeNames.end(), std::string_view(type.get_string())) ==
      kIdentityTypeNames.end()) {
    throw Invalid(path + "/valueType must be equal to one of the allowed values");
  }
  if (const auto* tags = o.if_contains("tags")) {
    if (!tags->is_array()) throw Invalid(path + "/tags must be array");
    for (std::size_t i = 0; i < tags->get_array().size(); ++i) {
      if (!tags->get_array()[i].is_string()) throw Invalid(path + "/tags/" + std::to_string(i) + " must be string");
    }
  }
}

// ExecuteIQLQueryRequest / ValidateIQLQueryRequest: {query: IQLQueryJSON}, "@type" required only
// by the latter. Properties in the schema's order.
void CheckRequest(const js::value& request, bool type_required) {
  if (!request.is_object()) throw Invalid("must be object");
  const auto& o = request.get_object();
  if (!o.contains("query")) throw Invalid("must have required property 'query'");
  for (const auto& [name, v] : o) {
    if (name != "query") throw Invalid("must NOT have additional properties");
  }
  const auto& query = o.at("query");
  if (!query.is_object()) throw Invalid("query must be object");
  const auto& q = query.get_object();
  if (type_required && !q.contains("@type")) throw Invalid("query must have required property '@type'");
  if (!q.contains("queryString")) throw Invalid("query must have required property 'queryString'");
  static constexpr std::array<std::string_view, 5> kAllowed = {"@type", "queryString", "attributeCreationHints",
                                                               "@context", "@version"};
  for (const auto& [name, v] : q) {
    if (std::find(kAllowed.begin(), kAllowed.end(), std::string_view(name)) == kAllowed.end()) {
      throw Invalid("query must NOT have additional properties");
    }
  }
  auto check_string = [&q](std::string_view name) {
    if (const auto* v = q.if_contains(name); v != nullptr && !v->is_string()) {
      throw Invalid("query/" + std::string(name) + " must be string");
    }
  };
  auto check_type = [&q] {
    if (const auto* v = q.if_contains("@type")) {
      if (!v->is_string()) throw Invalid("query/@type must be string");
      if (v->get_string() != "IQLQuery") throw Invalid("query/@type must be equal to constant");
    }
  };
  auto check_hints = [&q] {
    if (const auto* hints = q.if_contains("attributeCreationHints")) {
      CheckCreationHints(*hints, "query/attributeCreationHints");
    }
  };
  if (type_required) {  // IQLQueryJSON: @type, @context, @version, queryString, attributeCreationHints
    check_type();
    check_string("@context");
    check_string("@version");
    check_string("queryString");
    check_hints();
  } else {  // the inline schema: @type, queryString, attributeCreationHints, @context, @version
    check_type();
    check_string("queryString");
    check_hints();
    check_string("@context");
    check_string("@version");
  }
}

// IQLQuery.from(request.query): ts-serval's checks (queryString ≤ 4096, parses; creation hints).
std::string ParsedQueryString(const js::value& query) {
  const auto instance = content::serval::FromDeclared("IQLQuery", query);
  return std::string(instance.json.at("queryString").as_string());
}

}  // namespace

js::array IqlUseCases::ExecuteIQLQuery(const js::value& request) {
  CheckRequest(request, false);
  const std::string query = ParsedQueryString(request.at("query"));
  auto parsed = iql::ParseIql(query);
  if (const auto* error = std::get_if<iql::IqlSyntaxError>(&parsed)) {
    throw CodedError("error.consumption.iql.syntaxError", error->message);
  }
  const auto& root = *std::get<std::unique_ptr<iql::IqlNode>>(parsed);

  // The OwnIdentityAttributes (every version, creation order) the query can match at all: when it
  // is confined to some value types, only those are read (index "kindValueType"); the result is
  // the same as over all of them (iql_value_types.h). Assumes what every stored OwnIdentityAttribute
  // satisfies (its content is a validated IdentityAttribute, which holds no null): no attribute left
  // out could have made the evaluation throw a TypeError.
  storage::Filter filter;
  filter.Where(storage::Condition::Equals("@type", js::string("OwnIdentityAttribute")).ScalarOnly());
  if (const auto types = iql::MatchableValueTypes(root)) {
    if (types->empty()) return js::array{};
    filter.Where(storage::Condition::In("content.value.@type", std::vector<js::value>(types->begin(), types->end()))
                     .ScalarOnly());
  }
  auto tx = attributes_.context().db.Begin(storage::TransactionMode::kReadOnly);
  auto candidates = attributes_.Find(*tx, filter);
  std::vector<const js::object*> contents;
  contents.reserve(candidates.size());
  for (const auto& attribute : candidates) contents.push_back(&attribute.content);
  std::vector<LocalAttribute> matched;
  for (std::size_t index : iql::EvaluateIql(root, contents)) matched.push_back(std::move(candidates[index]));
  return attributes_.Dtos(*tx, std::move(matched));
}

js::object IqlUseCases::ValidateIQLQuery(const js::value& request) {
  CheckRequest(request, true);
  const std::string query = ParsedQueryString(request.at("query"));
  return iql::ValidateIql(query);
}

}  // namespace nmshd::consumption
