#pragma once
// An identity with tokens, files and messages on top of the relationships test node (templates,
// relationships, sync), wired as the connector wires them; shared by the files and messages module
// and controller tests.
#include <gtest/gtest.h>

#include <string>

#include "transport/modules/files/files.h"
#include "transport/modules/messages/messages.h"
#include "transport/modules/relationships_test_support.h"
#include "transport/modules/tokens/tokens.h"

namespace nmshd::transport::testing {

struct FileMessageNode {
  FileMessageNode(TestBackbone& backbone, const std::string& name)
      : node(backbone, name),
        tokens(node.identity.ctx()),
        files(node.identity.ctx(), tokens),
        messages(node.identity.ctx(), files) {
    files.RegisterProcessors(node.sync);
    messages.RegisterProcessors(node.sync);
    node.relationships.AddDecompositionCleanup([this](storage::Transaction& tx, const boost::json::object& dto) {
      messages.CleanupDecomposedRelationship(tx, std::string(dto.at("id").as_string()));
    });
  }

  const std::string& address() const { return node.address(); }
  TestIdentity& identity() { return node.identity; }
  RecordingEventSink& events() { return node.events(); }
  SyncEngine& sync() { return node.sync; }

  RelationshipNode node;
  Tokens tokens;
  Files files;
  Messages messages;
};

// Bytes that exercise every byte value, including zeros.
inline std::string BinaryContent(std::size_t size) {
  std::string out(size, '\0');
  for (std::size_t i = 0; i < size; ++i) out[i] = static_cast<char>((i * 131 + 7) % 256);
  return out;
}

inline UploadFileInput FileInput(std::string content, std::string filename = "report.bin",
                                 std::string mimetype = "application/octet-stream") {
  UploadFileInput input;
  input.content = std::move(content);
  input.filename = std::move(filename);
  input.mimetype = std::move(mimetype);
  input.expires_at = InOneDay();
  return input;
}

inline boost::json::object MailTo(const std::string& recipient, const std::string& subject = "Hello",
                                  const std::string& body = "Dear peer") {
  return {{"@type", "Mail"}, {"to", boost::json::array{recipient.c_str()}}, {"subject", subject}, {"body", body}};
}

// The CodedError code `fn` throws ("" when it does not throw).
template <class Fn>
std::string ErrorCodeOf(Fn&& fn, std::string* message = nullptr) {
  try {
    fn();
  } catch (const CodedError& e) {
    if (message != nullptr) *message = e.what();
    return e.code();
  }
  return "";
}

}  // namespace nmshd::transport::testing
