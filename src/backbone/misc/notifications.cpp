#include "api/api_errors.h"
#include "api/request_fields.h"
#include "core/identity_address.h"
#include "misc/misc_routes.h"

namespace nmshd::backbone::misc {

void RegisterNotificationsRoute(ApiRoutes& routes, const BackboneContext& ctx, RecipientsWithoutRelationship check) {
  routes.Authenticated("POST", "/api/v2/Notifications", [&ctx, check = std::move(check)](http::Request& request,
                                                                                         const Caller& caller) {
    const auto body = JsonBody(request);
    RequiredNonEmptyString(body, "code");
    const auto* recipients_value = NonNullMember(body, "recipients");
    if (recipients_value == nullptr || !recipients_value->is_array()) {
      throw CannotBeParsed("recipients", "must be an array of addresses.");
    }
    const auto& recipients_array = recipients_value->get_array();
    if (recipients_array.empty() || recipients_array.size() > 100) {
      throw InvalidPropertyValue("recipients", "must contain 1..100 addresses.");
    }
    std::vector<std::string> recipients;
    for (const auto& r : recipients_array) {
      if (!r.is_string() || !core::IdentityAddress::IsValidForBackbone(r.get_string())) {
        throw CodedError("error.platform.validation.invalidId", "The recipients must be valid identity addresses.");
      }
      recipients.emplace_back(r.get_string());
    }
    if (check) {
      auto tx = ctx.db.Begin(storage::TransactionMode::kReadOnly);
      auto missing = check(*tx, caller.address, recipients);
      if (!missing.empty()) {
        std::string list;
        for (const auto& m : missing) list += (list.empty() ? "" : ", ") + m;
        throw CodedError("error.platform.validation.notification.noRelationshipToOneOrMoreRecipientsExists",
                         "You don't have a relationship to one or more recipients of the notification. A relationship "
                         "is required to send a notification. The invalid recipients are: : " + list);
      }
    }
    return Empty();
  });
}

}  // namespace nmshd::backbone::misc
