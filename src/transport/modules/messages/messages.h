#pragma once
// Messages (useCases/transport/messages/* of @nmshd/runtime 7.0.0 over MessageController of
// @nmshd/transport): send, receive (MessageReceived external event), read, list, attachments.
//
// Storage: collection "messages", document id = the Backbone id (MSG…). Public members in the shape
// of the runtime's MessageDTO (id, isOwn, content, createdBy, createdByDevice, recipients[{address,
// receivedAt?, receivedByDevice?, relationshipId?}], createdAt, attachments[FIL…], wasReadAt?) so the
// REST filters run on them; "secrets" is SecretBox-sealed under "messages/<id>/secrets" holding
// {"secretKey": K_M}; "_hasAttachments", "_recipientAddresses" and "_recipientRelationshipIds" serve
// the filters `attachments=+`, recipients.address / participant and recipients.relationshipId.
//
// Sending and the relationship counters: sealing advances the transmit counter of every recipient's
// relationship secrets. The advanced secrets are committed BEFORE the message goes to the Backbone
// (and sends are serialized), so no counter value is ever used twice, not even after a crash
// between the Backbone call and the local commit; a failed call merely skips counter values, which
// receivers accept (they open message keys with omitCounterCheck).
#include <boost/json.hpp>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "storage/filter_syntax.h"
#include "transport/modules/change_observers.h"
#include "transport/modules/files/files.h"
#include "transport/modules/transport_context.h"

namespace nmshd::transport {

class SyncEngine;
class EventApplier;
struct ExternalEvent;

class Messages {
 public:
  static constexpr std::string_view kCollection = "messages";

  Messages(TransportContext& ctx, Files& files);

  // SendMessage: body {recipients:[address], content, attachments?:[fileId]} -> MessageDTO; publishes
  // transport.messageSent.
  boost::json::object Send(const boost::json::value& body);
  // GetMessage -> MessageWithAttachmentsDTO.
  boost::json::object GetDto(const std::string& id);
  // GetMessages with the REST query (connector-surface §1.6 filter keys, incl. participant and
  // attachments=+).
  boost::json::array List(const storage::QueryParameters& query);
  // GetAttachmentMetadata -> FileDTO.
  boost::json::object GetAttachment(const std::string& id, const std::string& attachment_id);
  // DownloadAttachment.
  FileDownload DownloadAttachment(const std::string& id, const std::string& attachment_id);

  // The runtime's MessageDTO of a stored document (MessageMapper.toMessageDTO).
  boost::json::object ToDto(const boost::json::object& doc) const;

  // MessageController.cleanupMessagesOfDecomposedRelationship, in the caller's transaction (a
  // Relationships decomposition cleanup): messages of the relationship are deleted, or, when own
  // and sent to several recipients, keep a pseudonym in place of the peer.
  void CleanupDecomposedRelationship(storage::Transaction& tx, const std::string& relationship_id) const;

  // MessageReceived -> transport.messageReceived; MessageDelivered -> transport.messageDelivered.
  void RegisterProcessors(SyncEngine& sync);

  // In-transaction observers (change_observers.h) of a message ProcessMessageReceived stores, and of
  // an own message Send stores after the Backbone took it. A sent observer must not throw for
  // anything but a broken database: the message is on the Backbone already.
  void AddReceivedObserver(ChangeObserver observer) { received_observers_.Add(std::move(observer)); }
  void AddSentObserver(ChangeObserver observer) { sent_observers_.Add(std::move(observer)); }
  // Checks the prepared content of a message about to be sent, in Send's validation transaction
  // after the recipient checks (SendMessageUseCase.validateRequestAsMessageContent); throws the
  // CodedError to refuse it, nothing is written then.
  using SendContentValidator = std::function<void(storage::Transaction& tx, const std::vector<std::string>& recipients,
                                                  const boost::json::object& content)>;
  void SetSendContentValidator(SendContentValidator validator) { send_content_validator_ = std::move(validator); }
  // The processors themselves (what RegisterProcessors registers).
  void ProcessMessageReceived(const ExternalEvent& event, EventApplier& applier);
  // Its reads (the envelope, our relationship with the sender, the attachments' metadata) and
  // decryption, without storing anything; what the sync engine prefetches. nullptr when the message
  // is stored already.
  struct ReceivedMessage;
  std::shared_ptr<const ReceivedMessage> ReadReceivedMessage(const ExternalEvent& event);
  void ProcessMessageDelivered(const ExternalEvent& event, EventApplier& applier);

 private:
  boost::json::object ReadMessage(const std::string& id, std::string_view id_member = "id");
  std::string CheckedAttachment(const boost::json::object& message, const std::string& attachment_id);

  TransportContext& ctx_;
  Files& files_;
  std::mutex send_mutex_;  // one seal-and-store of relationship counters at a time
  ChangeObservers received_observers_;
  ChangeObservers sent_observers_;
  SendContentValidator send_content_validator_;
};

}  // namespace nmshd::transport
