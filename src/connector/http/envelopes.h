#pragma once
// Success answers of the controllers (packages/types BaseController.ts, typescript-rest Return.*):
// JSON results enveloped as {"result": …}, binary downloads raw.
#include <boost/json.hpp>
#include <string>
#include <string_view>

#include "http/response.h"

namespace nmshd::connector {

// 200 {"result": result}
http::Response Ok(const boost::json::value& result);
// 201 {"result": result} with the literal header `Location: _` (Return.NewResource("_", …)).
http::Response Created(const boost::json::value& result);
// 204, empty body.
http::Response NoContent();

// A QR code: `Content-Type: image/png`, `Content-Disposition: attachment;filename=<id>.png`;
// status 200 on GET, 201 on POST …/Token.
http::Response PngDownload(std::string png, std::string_view id, int status = 200);
// A file's content: `Content-Type: <mimetype>`,
// `Content-Disposition: attachment;filename=<encodeURIComponent(filename)>`. Empty files are fine.
http::Response FileDownload(std::string content, std::string mimetype, std::string_view filename);

// JavaScript's encodeURIComponent: UTF-8 bytes percent-encoded (upper-case hex) except
// A-Z a-z 0-9 - _ . ! ~ * ' ( ).
std::string EncodeUriComponent(std::string_view text);

}  // namespace nmshd::connector
