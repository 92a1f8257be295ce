#include "connector/controllers/account_controller.h"

#include "base/coded_error.h"
#include "connector/controllers/request_validation.h"
#include "connector/http/envelopes.h"

namespace nmshd::connector {

namespace js = boost::json;

void RegisterAccountRoutes(ConnectorApi& api, const transport::Account& account, transport::SyncEngine& sync) {
  api.Add("GET", CoreRoute("/Account/IdentityInfo"), {"core:account"},
          [&account](ApiCall&) { return Ok(account.IdentityInfo()); });
  api.Add("POST", CoreRoute("/Account/Sync"), {"core:account"}, [&sync](ApiCall&) {
    // A caller asks because something just happened on the Backbone (a peer answered, sent a
    // message). A sync in progress may have finalized its run before that event existed and only be
    // finishing up locally: sharing it would return without the event. So it is waited for, and the
    // caller gets a run of its own (or shares one that started after the call).
    sync.SyncEverythingFromNow();
    return NoContent();
  });
  api.Add("GET", CoreRoute("/Account/SyncInfo"), {"core:account"}, [&sync](ApiCall&) { return Ok(sync.SyncInfo()); });
}

void RegisterAnnouncementRoutes(ConnectorApi& api, transport::BackboneClient& backbone) {
  api.Add("GET", CoreRoute("/Announcements"), {"core:announcements"}, [&backbone](ApiCall& call) {
    const auto language = call.request.QueryValue("language");
    if (!language || language->empty()) throw InvalidProperty("must have required property 'language'");
    if (language->size() != 2) throw InvalidProperty("/language must match pattern \"^[a-z]{2}$\"");
    for (char c : *language) {
      if (c < 'a' || c > 'z') throw InvalidProperty("/language must match pattern \"^[a-z]{2}$\"");
    }
    const auto announcements = backbone.GetAllPages("/api/v2/Announcements", {{"language", *language}});
    // AnnouncementDTO: the Backbone's fields, with `expiresAt` only when set.
    js::array result;
    for (const auto& raw : announcements) {
      const auto& a = raw.as_object();
      js::object dto;
      for (const char* key : {"id", "createdAt", "expiresAt", "severity", "title", "body"}) {
        const auto* v = a.if_contains(key);
        if (v != nullptr && !v->is_null()) dto[key] = *v;
      }
      result.push_back(std::move(dto));
    }
    return Ok(result);
  });
}

void RegisterBackboneNotificationRoutes(ConnectorApi& api, transport::BackboneClient& backbone) {
  api.Add("POST", CoreRoute("/BackboneNotifications"), {"core:backboneNotifications"}, [&backbone](ApiCall& call) {
    const auto& body = call.Body();
    const auto* recipients = body.if_contains("recipients");
    const auto* code = body.if_contains("code");
    if (recipients == nullptr) throw InvalidProperty("must have required property 'recipients'");
    if (code == nullptr) throw InvalidProperty("must have required property 'code'");
    if (!recipients->is_array() || recipients->as_array().empty()) {
      throw InvalidProperty("/recipients must NOT have fewer than 1 items");
    }
    for (const auto& r : recipients->as_array()) {
      if (!r.is_string()) throw InvalidProperty("/recipients must be array of strings");
    }
    if (!code->is_string() || code->as_string().empty()) throw InvalidProperty("/code must be string");
    try {
      backbone.Post("/api/v2/Notifications", js::object{{"recipients", *recipients}, {"code", *code}});
    } catch (const transport::BackboneError& e) {
      // The Backbone refuses recipients without an active relationship; transport names that.
      if (e.code() == "error.platform.validation.notification.noActiveRelationshipFoundForRecipients" ||
          e.code().find("noActiveRelationship") != std::string::npos) {
        throw CodedError("error.transport.backboneNotifications.noActiveRelationshipFoundForRecipients",
                         "No active relationship was found for the recipients.");
      }
      throw;
    }
    return NoContent();
  });
}

}  // namespace nmshd::connector
