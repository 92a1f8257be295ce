#pragma once
// Request validation of the token and template use cases with the runtime's messages
// (useCases/common/Schemas.js compiled by ajv with allErrors, SchemaValidator reports the first
// failure as "<instancePath> <message>" without the leading '/' and without quotes, then
// TokenAndTemplateCreationValidator's own checks). ajv reports in this order: the object's type,
// its required members (in the schema's order), additional members, then each declared member in
// the schema's order (nested objects in place). Failures throw CodedError
// error.runtime.validation.invalidPropertyValue, before anything is written.
#include <boost/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace nmshd::transport::request_checks {

inline constexpr const char* kInvalidPropertyValue = "error.runtime.validation.invalidPropertyValue";

enum class Kind {
  kAny,             // {}
  kString,          // {"type":"string"}
  kNonEmptyString,  // {"type":"string","minLength":1}
  kBoolean,         // {"type":"boolean"}
  kTrueConst,       // {"type":"boolean","const":true}
  kNumberMin1,      // {"type":"number","minimum":1}
  kIsoDate,         // ISO8601DateTimeString (with its errorMessage)
  kAddress,         // AddressString
  kObject,          // {"type":"object", …nested}
  kId,              // {"type":"string","pattern":"<id_prefix>[A-Za-z0-9]{17}"}
};

struct Schema;

struct Property {
  std::string name;
  Kind kind;
  const Schema* nested = nullptr;  // for kObject
  std::string_view id_prefix = {};  // for kId
};

struct Schema {
  std::vector<Property> properties;
  std::vector<std::string> required;
};

// The first failure message, nullopt when `input` satisfies `schema`.
std::optional<std::string> FirstFailure(const boost::json::value& input, const Schema& schema,
                                        const std::string& path = "");

[[noreturn]] void ThrowInvalid(const std::string& message);

// The schemas of the request bodies (the runtime's, minus members the Connector fills from the URL).
const Schema& CreateOwnTemplateSchema();
const Schema& CreateTokenForOwnTemplateSchema();  // with "templateId" (from the URL)
const Schema& CreateOwnTokenSchema();

// Schema check plus TokenAndTemplateCreationValidator: expiresAt in the future, PIN rules,
// passwordLocationIndicator. Throws on the first failure.
void CheckCreationRequest(const boost::json::value& input, const Schema& schema);

// LoadPeerRelationshipTemplateRequest / LoadPeerTokenRequest: any schema failure has the one
// errorMessage of the schema ("token / relationship template reference invalid", "token reference
// invalid"). `allow_template` selects which.
void CheckLoadPeerRequest(const boost::json::value& input, bool allow_template);

// "<name> must match pattern <pattern>" unless `id` matches the runtime's id pattern
// (e.g. "RLT[A-Za-z0-9]{17}", unanchored as in ajv).
void CheckIdParameter(std::string_view name, std::string_view id, std::string_view prefix);

// The query of GetRelationshipTemplatesRequest / GetTokensRequest (same keys; templates also allow
// maxNumberOfAllocations): "query must NOT have additional properties", and the enum members
// passwordProtection ("" | "!") and passwordProtection.passwordIsPin ("true" | "!").
void CheckListQuery(const std::vector<std::pair<std::string, std::string>>& query, bool templates);

}  // namespace nmshd::transport::request_checks
