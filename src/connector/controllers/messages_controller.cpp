#include "connector/controllers/messages_controller.h"

#include "connector/http/envelopes.h"

namespace nmshd::connector {
namespace {

namespace js = boost::json;

const std::vector<std::string> kRoles{"core:messages"};

}  // namespace

void RegisterMessageRoutes(ConnectorApi& api, transport::Messages& messages) {
  api.Add("POST", CoreRoute("/Messages"), kRoles, [&messages](ApiCall& call) {
    return Created(messages.Send(call.BodyValue().is_null() ? js::value(js::object{}) : call.BodyValue()));
  });
  api.Add("GET", CoreRoute("/Messages"), kRoles,
          [&messages](ApiCall& call) { return Ok(messages.List(call.request.query)); });
  api.Add("GET", CoreRoute("/Messages/{id}"), kRoles,
          [&messages](ApiCall& call) { return Ok(messages.GetDto(call.request.PathParam("id"))); });
  api.Add("GET", CoreRoute("/Messages/{id}/Attachments/{attachmentId}"), kRoles, [&messages](ApiCall& call) {
    return Ok(messages.GetAttachment(call.request.PathParam("id"), call.request.PathParam("attachmentId")));
  });
  api.Add(
      "GET", CoreRoute("/Messages/{id}/Attachments/{attachmentId}/Download"), kRoles,
      [&messages](ApiCall& call) {
        auto download =
            messages.DownloadAttachment(call.request.PathParam("id"), call.request.PathParam("attachmentId"));
        return FileDownload(std::move(download.content), std::move(download.mimetype), download.filename);
      },
      RouteOptions::AnyAccept());
}

}  // namespace nmshd::connector
