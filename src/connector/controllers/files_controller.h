#pragma once
// Files routes (connector-surface §1.6, FilesController.ts), role core:files: thin adapters over
// transport::Files. POST /Files/Own takes multipart/form-data (part `file`, fields expiresAt,
// title, description, tags repeated); downloads answer the raw bytes with Content-Disposition;
// GET /Files/{idOrReference} and POST /Files/{id}/Token answer a QR code for `Accept: image/png`
// (the token then ephemeral).
#include "connector/http/connector_api.h"
#include "transport/modules/files/files.h"

namespace nmshd::connector {

void RegisterFileRoutes(ConnectorApi& api, transport::Files& files);

// The UploadOwnFileRequest of a POST /Files/Own request (exposed for tests): the `file` part's
// bytes, filename and media type, the text fields; no `file` part leaves `content` absent (the use
// case then answers 400). A second file, or a file under another name, is refused with 400
// error.connector.http.badRequest, as multer refuses an unexpected file field.
transport::UploadFileInput ReadUploadForm(const http::Request& request);

}  // namespace nmshd::connector
