// TransferFileOwnershipRequestItem (consumption 7.0.0) on two identities on our real Backbone
// (in-process): the sender's creation checks, the recipient's accept (claim on the Backbone, the
// file record now own, an OwnIdentityAttribute with the IdentityFileReference forwarded to the
// sender), the sender's apply (the PeerIdentityAttribute under the same id) and its file record after
// the FileOwnershipClaimed event; refusals with the official messages; a failed claim stores nothing;
// a claim whose transaction was lost is completed by deciding again.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <memory>
#include <stdexcept>
#include <string>

#include "consumption/attributes/attributes_controller.h"
#include "consumption/requests/items/transfer_file_ownership_request_item_processor.h"
#include "content/requests/request_content.h"
#include "transport/modules/files_messages_test_support.h"

namespace nmshd::consumption::testing {
namespace {

namespace js = boost::json;
using transport::testing::FileInput;
using transport::testing::FileMessageNode;
using transport::testing::TestBackbone;

constexpr const char* kRequestId = "REQAAAAAAAAAAAAAAAT1";

// An identity with files (transport) and attributes (consumption) on one database.
struct Side {
  Side(TestBackbone& backbone, const std::string& name)
      : node(backbone, name),
        ctx(ConsumptionContext{node.identity().db(), node.address(), node.events(), nullptr}),
        attributes(ctx),
        processor(attributes, node.files) {}

  template <class Fn>
  auto InTx(Fn&& fn) {
    transport::PendingEvents events;
    return node.identity().db().WithTransaction([&](storage::Transaction& tx) { return fn(tx, events); });
  }
  std::vector<LocalAttribute> AllAttributes() {
    return InTx([&](storage::Transaction& tx, transport::PendingEvents&) { return attributes.Find(tx, {}); });
  }
  std::optional<transport::LocalFile> File(const std::string& id) { return node.files.Find(id); }
  const std::string& address() const { return node.address(); }

  FileMessageNode node;
  ConsumptionContext ctx;
  AttributesController attributes;
  TransferFileOwnershipRequestItemProcessor processor;
};

LocalRequest Request(bool is_own, const std::string& peer) {
  LocalRequest r;
  r.id = kRequestId;
  r.is_own = is_own;
  r.peer = peer;
  return r;
}

js::object Item(const js::object& file_dto, const std::string& token) {
  return content::NormalizeRequestItem(js::object{{"@type", "TransferFileOwnershipRequestItem"},
                                                  {"mustBeAccepted", true},
                                                  {"fileReference", file_dto.at("reference").at("truncated")},
                                                  {"ownershipToken", token}});
}

class TransferFileOwnershipTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { backbone_ = new TestBackbone(); }
  static void TearDownTestSuite() {
    delete backbone_;
    backbone_ = nullptr;
  }
  void SetUp() override {
    sender_ = std::make_unique<Side>(*backbone_, "tfo-sender");
    recipient_ = std::make_unique<Side>(*backbone_, "tfo-recipient");
    auto input = FileInput("the file's content", "contract.pdf", "application/pdf");
    input.tags = std::vector<std::string>{"x:contract"};
    file_ = sender_->node.files.UploadOwn(input);
    file_id_ = std::string(file_.at("id").as_string());
    token_ = std::string(file_.at("ownershipToken").as_string());
  }

  ValidationResult CanCreate(const js::object& item) {
    return sender_->InTx([&](storage::Transaction& tx, transport::PendingEvents&) {
      return sender_->processor.CanCreateOutgoingRequestItem(tx, item, js::object{}, recipient_->address());
    });
  }
  ValidationResult CanAccept(Side& side, const js::object& item, const std::string& peer) {
    return side.InTx([&](storage::Transaction& tx, transport::PendingEvents&) {
      return side.processor.CanAccept(tx, item, js::object{{"accept", true}}, Request(false, peer));
    });
  }
  js::object Accept(const js::object& item) {
    return recipient_->InTx([&](storage::Transaction& tx, transport::PendingEvents& events) {
      return recipient_->processor.Accept(tx, item, js::object{{"accept", true}},
                                          Request(false, sender_->address()), events);
    });
  }
  std::string BackboneOwner() { return sender_->node.files.BackboneOwnerOf(file_id_); }

  static TestBackbone* backbone_;
  std::unique_ptr<Side> sender_;
  std::unique_ptr<Side> recipient_;
  js::object file_;
  std::string file_id_;
  std::string token_;
};

TestBackbone* TransferFileOwnershipTest::backbone_ = nullptr;

TEST_F(TransferFileOwnershipTest, AcceptTransfersOwnershipAndBothSidesHoldTheAttribute) {
  const auto item = Item(file_, token_);
  EXPECT_TRUE(CanCreate(item).success);
  ASSERT_TRUE(CanAccept(*recipient_, item, sender_->address()).success);

  const auto response = Accept(item);
  EXPECT_EQ(response.at("@type"), "TransferFileOwnershipAcceptResponseItem");
  EXPECT_EQ(response.at("result"), "Accepted");
  const std::string attribute_id(response.at("attributeId").as_string());
  const auto& attribute = response.at("attribute").as_object();
  EXPECT_EQ(attribute.at("owner"), js::value(recipient_->address()));
  EXPECT_EQ(attribute.at("value"), (js::object{{"@type", "IdentityFileReference"},
                                               {"value", file_.at("reference").at("truncated")}}));
  EXPECT_EQ(attribute.at("tags"), (js::array{"x:contract"}));

  // The Backbone and the recipient's record name the recipient; the token is a new one.
  EXPECT_EQ(BackboneOwner(), recipient_->address());
  const auto claimed = recipient_->File(file_id_);
  ASSERT_TRUE(claimed);
  EXPECT_TRUE(claimed->is_own);
  EXPECT_EQ(claimed->members.at("owner"), js::value(recipient_->address()));
  const std::string new_token(claimed->members.at("ownershipToken").as_string());
  EXPECT_NE(new_token, token_);
  EXPECT_TRUE(recipient_->node.files.ValidateOwnershipToken(file_id_, new_token));

  // The recipient's OwnIdentityAttribute, forwarded to the sender by this request.
  const auto own = recipient_->AllAttributes();
  ASSERT_EQ(own.size(), 1u);
  EXPECT_EQ(own[0].id, attribute_id);
  EXPECT_EQ(own[0].type, LocalAttributeType::kOwnIdentity);
  const auto forwards = recipient_->InTx([&](storage::Transaction& tx, transport::PendingEvents&) {
    return recipient_->attributes.ForwardingDetailsOf(tx, own[0]);
  });
  ASSERT_EQ(forwards.size(), 1u);
  EXPECT_EQ(forwards[0].peer, sender_->address());
  EXPECT_EQ(forwards[0].source_reference, kRequestId);

  // The sender stores the attribute as a PeerIdentityAttribute under the same id.
  sender_->InTx([&](storage::Transaction& tx, transport::PendingEvents& events) {
    sender_->processor.ApplyIncomingResponseItem(tx, response, item, Request(true, recipient_->address()), events);
  });
  const auto peer = sender_->AllAttributes();
  ASSERT_EQ(peer.size(), 1u);
  EXPECT_EQ(peer[0].id, attribute_id);
  EXPECT_EQ(peer[0].type, LocalAttributeType::kPeerIdentity);
  EXPECT_EQ(peer[0].peer, recipient_->address());
  EXPECT_EQ(peer[0].source_reference, kRequestId);
  // The response item carries the attribute without "@type" (as the official toJSON writes it).
  EXPECT_EQ(peer[0].content.at("@type"), "IdentityAttribute");
  for (const auto* key : {"owner", "value", "tags"}) EXPECT_EQ(peer[0].content.at(key), attribute.at(key)) << key;

  // The sender learns of the claim by sync: its record becomes a peer file of the recipient.
  sender_->node.sync().SyncEverything();
  const auto sender_file = sender_->File(file_id_);
  ASSERT_TRUE(sender_file);
  EXPECT_FALSE(sender_file->is_own);
  EXPECT_EQ(sender_file->members.at("owner"), js::value(recipient_->address()));
  EXPECT_EQ(sender_->node.events().Count("transport.fileOwnershipClaimed"), 1u);

  // Now the sender can no longer offer the file.
  const auto again = CanCreate(item);
  EXPECT_EQ(again.code, "error.consumption.requests.invalidRequestItem");
  EXPECT_NE(again.message.find("You cannot request the transfer of ownership of the File with ID '" + file_id_ +
                               "' since it is not owned by you."),
            std::string::npos)
      << again.message;
}

TEST_F(TransferFileOwnershipTest, SenderRefusesUnknownFileAndWrongToken) {
  const auto wrong = CanCreate(Item(file_, "AAAAAAAAAAAAAAAAAAAA"));
  EXPECT_EQ(wrong.code, "error.consumption.requests.invalidRequestItem");
  EXPECT_NE(wrong.message.find("The specified ownershipToken is not valid for the File with ID '" + file_id_ + "'."),
            std::string::npos)
      << wrong.message;

  // A file of the recipient's, unknown to the sender.
  const auto other = recipient_->node.files.UploadOwn(FileInput("other"));
  const auto unknown = CanCreate(Item(other, std::string(other.at("ownershipToken").as_string())));
  EXPECT_EQ(unknown.code, "error.consumption.requests.invalidRequestItem");
  EXPECT_NE(unknown.message.find("The File with the given ID '" + std::string(other.at("id").as_string()) +
                                 "' could not be found."),
            std::string::npos)
      << unknown.message;
}

TEST_F(TransferFileOwnershipTest, RecipientRefusesOwnFileAndFileOfAnotherIdentity) {
  const auto item = Item(file_, token_);
  // The sender itself as "recipient": the file is already its own.
  const auto own = CanAccept(*sender_, item, recipient_->address());
  EXPECT_EQ(own.code, "error.consumption.requests.invalidRequestItem");
  EXPECT_NE(own.message.find("You cannot accept this RequestItem since the File with the given fileReference '" +
                             file_id_ + "' is already owned by you."),
            std::string::npos)
      << own.message;

  // A request from someone who does not own the file.
  const auto third = CanAccept(*recipient_, item, "did:e:localhost:dids:0000000000000000000000");
  EXPECT_EQ(third.code, "error.consumption.requests.invalidRequestItem");
  EXPECT_NE(third.message.find("' is not owned by the peer."), std::string::npos) << third.message;
  EXPECT_EQ(BackboneOwner(), sender_->address());
}

TEST_F(TransferFileOwnershipTest, FailedClaimStoresNothing) {
  // A wrong token: the claim is refused inside the transaction, which rolls back.
  const auto item = Item(file_, "AAAAAAAAAAAAAAAAAAAA");
  EXPECT_THROW(Accept(item), CodedError);
  EXPECT_TRUE(recipient_->AllAttributes().empty());
  EXPECT_FALSE(recipient_->File(file_id_));  // not even the loaded peer record
  EXPECT_EQ(BackboneOwner(), sender_->address());

  // CanAccept says why (and the Backbone has locked the file meanwhile).
  const auto result = CanAccept(*recipient_, item, sender_->address());
  EXPECT_EQ(result.code, "error.consumption.requests.invalidRequestItem");
  EXPECT_NE(result.message.find("You cannot accept this RequestItem since the specified ownershipToken is not valid "
                                "for the File with ID '" +
                                file_id_ + "'."),
            std::string::npos)
      << result.message;
}

TEST_F(TransferFileOwnershipTest, ClaimWhoseTransactionFailedIsCompletedByDecidingAgain) {
  const auto item = Item(file_, token_);
  // The claim succeeds, then the transaction fails: the Backbone names the recipient, nothing local.
  EXPECT_THROW(recipient_->InTx([&](storage::Transaction& tx, transport::PendingEvents& events) {
    recipient_->processor.Accept(tx, item, js::object{{"accept", true}}, Request(false, sender_->address()), events);
    throw std::runtime_error("the decision failed after the claim");
  }),
               std::runtime_error);
  EXPECT_EQ(BackboneOwner(), recipient_->address());
  EXPECT_TRUE(recipient_->AllAttributes().empty());

  // Deciding again: the stale token is accepted for exactly this case, and the record completed.
  ASSERT_TRUE(CanAccept(*recipient_, item, sender_->address()).success);
  const auto response = Accept(item);
  EXPECT_EQ(response.at("@type"), "TransferFileOwnershipAcceptResponseItem");
  const auto file = recipient_->File(file_id_);
  ASSERT_TRUE(file);
  EXPECT_TRUE(file->is_own);
  EXPECT_TRUE(recipient_->node.files.ValidateOwnershipToken(
      file_id_, std::string(file->members.at("ownershipToken").as_string())));
  EXPECT_EQ(recipient_->AllAttributes().size(), 1u);
}

}  // namespace
}  // namespace nmshd::consumption::testing
