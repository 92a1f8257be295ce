#include "connector/controllers/files_controller.h"

#include "connector/controllers/multipart_form.h"
#include "connector/http/api_error.h"
#include "connector/http/envelopes.h"
#include "connector/http/error_codes.h"
#include "connector/qr/qr_png.h"

namespace nmshd::connector {
namespace {

namespace js = boost::json;

const std::vector<std::string> kRoles{"core:files"};

js::value BodyOrEmpty(const ApiCall& call) {
  return call.BodyValue().is_null() ? js::value(js::object{}) : call.BodyValue();
}

}  // namespace

transport::UploadFileInput ReadUploadForm(const http::Request& request) {
  transport::UploadFileInput input;
  const auto content_type = request.Header("Content-Type");
  // Not multipart at all: multer leaves the request alone and the file is simply missing.
  if (!content_type || !MultipartBoundary(*content_type)) return input;
  for (auto& part : ParseMultipartForm(*content_type, request.body)) {
    if (part.filename) {
      if (part.name != "file" || input.content) {
        throw ApiError(400, std::string(errors::kBadRequest), "Unexpected field '" + part.name + "'.");
      }
      input.content = std::move(part.data);
      input.filename = std::move(*part.filename);
      input.mimetype = std::move(part.content_type);
    } else if (part.name == "expiresAt") {
      input.expires_at = std::move(part.data);
    } else if (part.name == "title") {
      input.title = std::move(part.data);
    } else if (part.name == "description") {
      input.description = std::move(part.data);
    } else if (part.name == "tags" || part.name == "tags[]") {
      if (!input.tags) input.tags.emplace();
      input.tags->push_back(std::move(part.data));
    }
  }
  return input;
}

void RegisterFileRoutes(ConnectorApi& api, transport::Files& files) {
  api.Add("POST", CoreRoute("/Files/Own"), kRoles,
          [&files](ApiCall& call) { return Created(files.UploadOwn(ReadUploadForm(call.request))); });
  api.Add("POST", CoreRoute("/Files/Peer"), kRoles,
          [&files](ApiCall& call) { return Created(files.LoadPeer(BodyOrEmpty(call))); });
  api.Add("GET", CoreRoute("/Files"), kRoles, [&files](ApiCall& call) { return Ok(files.List(call.request.query)); });
  api.Add("GET", CoreRoute("/Files/Own"), kRoles,
          [&files](ApiCall& call) { return Ok(files.List(call.request.query, true)); });
  api.Add("GET", CoreRoute("/Files/Peer"), kRoles,
          [&files](ApiCall& call) { return Ok(files.List(call.request.query, false)); });
  api.Add(
      "GET", CoreRoute("/Files/{idOrReference}"), kRoles,
      [&files](ApiCall& call) {
        const auto dto = files.GetOrLoadDto(call.request.PathParam("idOrReference"));
        if (!call.WantsPng()) return Ok(dto);
        return PngDownload(QrPng(dto.at("reference").at("url").as_string()), dto.at("id").as_string());
      },
      RouteOptions::JsonOrPng());
  api.Add(
      "GET", CoreRoute("/Files/{id}/Download"), kRoles,
      [&files](ApiCall& call) {
        auto download = files.Download(call.request.PathParam("id"));
        return FileDownload(std::move(download.content), std::move(download.mimetype), download.filename);
      },
      RouteOptions::AnyAccept());
  api.Add(
      "POST", CoreRoute("/Files/{id}/Token"), kRoles,
      [&files](ApiCall& call) {
        const bool png = call.WantsPng();
        const auto token = files.CreateToken(call.request.PathParam("id"), BodyOrEmpty(call), png);
        if (!png) return Created(token);
        return PngDownload(QrPng(token.at("reference").at("url").as_string()), token.at("id").as_string(), 201);
      },
      RouteOptions::JsonOrPng());
  api.Add("PATCH", CoreRoute("/Files/{id}/RegenerateOwnershipToken"), kRoles,
          [&files](ApiCall& call) { return Ok(files.RegenerateOwnershipToken(call.request.PathParam("id"))); });
  api.Add(
      "DELETE", CoreRoute("/Files/{id}"), kRoles,
      [&files](ApiCall& call) {
        files.Delete(call.request.PathParam("id"));
        return NoContent();
      },
      RouteOptions::AnyAccept());
}

}  // namespace nmshd::connector
