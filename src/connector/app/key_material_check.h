#pragma once
// Whether the master key really opens this database's identity, without the network: the key check
// document first (a wrong key is reported as exactly that), then every sealed record ("secrets",
// sealed under "<collection>/<id>/secrets" as secret_box.h describes) of the identity and, on
// request, of every template, token, relationship, file and message. Used by `connector check`,
// `connector verify` and `connector restore`.
#include <cstdint>
#include <string>

#include "storage/document_store.h"
#include "transport/account/secret_box.h"

namespace nmshd::connector {

struct KeyMaterialReport {
  std::string address;              // the identity's address
  std::uint64_t opened_records = 0;  // sealed records that opened (the identity's included)
};

// Throws CodedError:
//   error.transport.general.noIdentityFound   no identity in the database
//   error.connector.keyMaterial.wrongKey      the key check does not open: another or a damaged key
//   error.connector.keyMaterial.cannotDecrypt a sealed record does not open (the message names it)
KeyMaterialReport CheckKeyMaterial(storage::Database& db, const transport::SecretBox& box, bool every_record);

}  // namespace nmshd::connector
