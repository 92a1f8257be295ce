#pragma once
// Turns an HTTP answer of the Backbone into the call's result or a BackboneError, with the codes
// @nmshd/transport 7.0.0 derives (RESTClient.getResult / getPaginator, RequestError.fromAxiosError):
//   * only 2xx, 400, 404 and 500 are read as envelopes (axios' validateStatus); 401 →
//     error.platform.unauthorized, 403 → error.platform.forbidden, any other status →
//     error.platform.unexpected (the envelope, if any, is kept in details());
//   * {"error":{code,message,id,...}} → that code;
//   * 204 and 304 → null result (304: answer to If-None-Match);
//   * 404 without envelope → error.transport.request.notFound (pages: badRequest), other 4xx →
//     error.transport.request.badRequest;
//   * no "result" (or not JSON) → error.transport.request.resultUndefined.
#include <boost/json.hpp>
#include <string>
#include <string_view>

#include "transport/backbone/backbone_error.h"
#include "transport/backbone/http_transfer.h"

namespace nmshd::transport {

enum class ResultShape { kSingle, kPage };

struct EnvelopeContent {
  boost::json::value result;      // null for 204/304
  boost::json::value pagination;  // the "pagination" member, null when absent
};

// Throws BackboneError.
EnvelopeContent ReadEnvelope(std::string_view method, std::string_view path, const HttpResponse& response,
                             ResultShape shape);

// The raw body of a successful download (2xx). Errors as ReadEnvelope. Throws BackboneError.
std::string ReadDownload(std::string_view method, std::string_view path, HttpResponse response);

// Statuses axios hands to the envelope reading instead of throwing.
bool IsEnvelopeStatus(int status);

}  // namespace nmshd::transport
