#pragma once
// "Check old material" of the ops docs, built in: expired relationship templates and tokens (own
// and peer) and expired files no message refers to. Expired material is of no use any more (the
// Backbone refuses to hand it out) but keeps secrets on disk. Challenges are not stored by the
// connector, so there are none to clean up.
//
// Cleanup deletes the local records; own templates and tokens are deleted on the Backbone first
// (DELETE /api/v2/RelationshipTemplates/{id}, /Tokens/{id}). A 404 counts as deleted: the Backbone
// no longer has it, or (an expired template) no longer hands it out to anyone, its owner included.
// Any other failure keeps the local record. Files are only deleted locally: the Backbone keeps a
// file for its owner's peers.
#include <optional>
#include <string>
#include <vector>

#include "core/core_date.h"
#include "storage/document_store.h"
#include "transport/backbone/backbone_client.h"

namespace nmshd::connector {

struct ExpiredRecord {
  std::string collection;  // "relationshipTemplates" | "tokens" | "files"
  std::string id;
  std::string expires_at;
  bool own = false;
};

struct OldMaterial {
  std::vector<ExpiredRecord> templates;
  std::vector<ExpiredRecord> tokens;
  std::vector<ExpiredRecord> files;  // only those no message has as an attachment

  bool empty() const { return templates.empty() && tokens.empty() && files.empty(); }
  std::size_t size() const { return templates.size() + tokens.size() + files.size(); }
};

OldMaterial FindOldMaterial(storage::Database& db, const core::CoreDate& now);

struct CleanupResult {
  std::size_t deleted = 0;
  std::vector<std::string> failures;  // "<collection>/<id>: <reason>", the record is kept
};

// `backbone` may be null (the Backbone is not usable): own templates and tokens are then kept.
CleanupResult CleanupOldMaterial(storage::Database& db, transport::BackboneClient* backbone,
                                 const OldMaterial& material);

}  // namespace nmshd::connector
