// Notifications between our connector (REST) and an official @nmshd/runtime 7.0.0 peer (with its
// RequestModule, DeciderModule and NotificationModule), both on our backbone. Onboarding first
// (our template shares our DisplayName, reads the peer's GivenName, creates a customer number we
// own; the peer accepts, we accept the relationship), then in both directions:
//   peerSucceedsAndNotifies   the peer succeeds its GivenName and notifies us: after our sync our
//                             copy has the successor under the peer's id (PeerAttributeSucceeded),
//                             consumption.attributeSucceeded by webhook;
//   peerDeletesItsGivenName   deleteAttributeAndNotify on the peer: our copies become
//                             DeletedByEmitter (OwnAttributeDeletedByOwner), webhook;
//   weSucceedAndNotifyPeer    POST /Attributes/{id}/Succeed + /NotifyPeer: the official peer creates
//                             the successor under our id and completes the notification;
//   peerDeletesOurDisplayName the peer deletes its copy: our forwarding details become
//                             DeletedByRecipient (ForwardedAttributeDeletedByPeer), webhook;
//   weDeleteTheCustomerNumber DELETE /Attributes/{id}: the notification id we answer is the one
//                             the peer received and completed; its copy is DeletedByEmitter.
//
//   node notifications_flow.js <connectorUrl> <apiKey> <backboneUrl> <clientId> <clientSecret> <webhookPort>
"use strict";
const { step, expect, finish } = require("../backbone/peer_common");
const { startPeer, value, inOneHour, notificationModules } = require("../backbone/runtime_peer");
const { connectorRest } = require("../connector/connector_rest");
const { webhookReceiver, until } = require("../connector/flow_helpers");

const [connectorUrl, apiKey, backboneUrl, clientId, clientSecret, webhookPortText] = process.argv.slice(2);
const rest = connectorRest(connectorUrl, apiKey);

const receiver = webhookReceiver();
const { webhooks, hooks } = receiver;

const keys = (o) => Object.keys(o).join(",");

async function main() {
    await receiver.listen(webhookPortText);
    const P = await startPeer("notifications-peer", {
        baseUrl: backboneUrl,
        clientId,
        clientSecret,
        modules: notificationModules
    });
    const C = P.services.consumptionServices;
    const self = (await rest("GET", "/Account/IdentityInfo")).address;
    const sync = () => rest("POST", "/Account/Sync", {});
    const peerSync = async () => value(await P.transport.account.syncEverything(), "peer sync");

    // ---- onboarding ------------------------------------------------------------------------
    const ourDisplayName = await step(
        "ourDisplayName",
        async () => await rest("POST", "/Attributes", { content: { value: { "@type": "DisplayName", value: "ACME Corp" } } }),
        { fatal: true }
    );
    const peerGivenName = await step(
        "peerGivenName",
        async () => value(await C.attributes.createOwnIdentityAttribute({ content: { value: { "@type": "GivenName", value: "Ada" } } }), "create"),
        { fatal: true }
    );
    const items = [
        { "@type": "ShareAttributeRequestItem", mustBeAccepted: true, attribute: ourDisplayName.content, attributeId: ourDisplayName.id },
        { "@type": "ReadAttributeRequestItem", mustBeAccepted: true, query: { "@type": "IdentityAttributeQuery", valueType: "GivenName" } },
        {
            "@type": "CreateAttributeRequestItem",
            mustBeAccepted: true,
            attribute: {
                "@type": "RelationshipAttribute",
                owner: self,
                key: "customerNumber",
                confidentiality: "protected",
                value: { "@type": "ProprietaryString", title: "Customer number", value: "C-4711" }
            }
        }
    ];
    const template = await step(
        "template",
        async () =>
            await rest("POST", "/RelationshipTemplates/Own", {
                content: { "@type": "RelationshipTemplateContent", title: "ACME onboarding", onNewRelationship: { "@type": "Request", items } },
                expiresAt: inOneHour()
            }),
        { fatal: true }
    );
    const { relationshipId, peerResponse } = await step(
        "onboarding",
        async () => {
            value(await P.transport.relationshipTemplates.loadPeerRelationshipTemplate({ reference: template.reference.truncated }), "load");
            const request = await until("the peer's request to need a manual decision", async () => {
                const list = value(await C.incomingRequests.getRequests({ query: { "source.reference": template.id } }), "getRequests");
                return list.find((r) => r.status === "ManualDecisionRequired");
            });
            const decision = { requestId: request.id, items: [{ accept: true }, { accept: true, existingAttributeId: peerGivenName.id }, { accept: true }] };
            value(await C.incomingRequests.accept(decision), "accept");
            const completed = await until("the peer's request to be Completed", async () => {
                const r = value(await C.incomingRequests.getRequest({ id: request.id }), "get");
                return r.status === "Completed" ? r : undefined;
            });
            const relationshipId = completed.response.source.reference;
            await sync();
            await rest("PUT", `/Relationships/${relationshipId}/Accept`, {});
            await peerSync();
            const status = value(await P.transport.relationships.getRelationship({ id: relationshipId }), "get").status;
            expect(status === "Active", status);
            return { relationshipId, peerResponse: completed.response.content };
        },
        { fatal: true }
    );
    const givenNameId = peerResponse.items[1].attributeId;
    const customerNumberId = peerResponse.items[2].attributeId;
    expect(typeof relationshipId === "string", "relationship");

    // ---- the peer succeeds its GivenName and notifies us -------------------------------------
    const peerSuccessor = await step("peerSucceedsAndNotifies", async () => {
        const { successor } = value(
            await C.attributes.succeedOwnIdentityAttribute({ predecessorId: peerGivenName.id, successorContent: { value: { "@type": "GivenName", value: "Adah" } } }),
            "succeed"
        );
        const notified = value(await C.attributes.notifyPeerAboutOwnIdentityAttributeSuccession({ attributeId: successor.id, peer: self }), "notify");
        expect(notified.predecessor.id === givenNameId, `${notified.predecessor.id} / ${givenNameId}`);
        await sync();
        const ours = await rest("GET", `/Attributes/${successor.id}`);
        expect(ours["@type"] === "PeerIdentityAttribute", JSON.stringify(ours));
        expect(ours.succeeds === givenNameId && ours.peer === P.address, JSON.stringify(ours));
        expect(ours.sourceReference === notified.notificationId, `${ours.sourceReference} / ${notified.notificationId}`);
        expect(ours.content.value.value === "Adah", JSON.stringify(ours.content));
        const predecessor = await rest("GET", `/Attributes/${givenNameId}`);
        expect(predecessor.succeededBy === successor.id, JSON.stringify(predecessor));
        await until("consumption.attributeSucceeded", async () => hooks("consumption.attributeSucceeded", (d) => d.successor && d.successor.id === successor.id).length === 1);
        const sent = value(await C.notifications.getNotification({ id: notified.notificationId }), "peer's sent notification");
        expect(sent.status === "Sent" && sent.isOwn === true, JSON.stringify(sent));
        return successor;
    });

    // ---- the peer deletes its GivenName ---------------------------------------------------------
    await step("peerDeletesItsGivenName", async () => {
        const { notificationIds } = value(await C.attributes.deleteAttributeAndNotify({ attributeId: peerSuccessor.id }), "delete");
        expect(notificationIds.length === 1, JSON.stringify(notificationIds));
        await sync();
        for (const id of [peerSuccessor.id, givenNameId]) {
            const ours = await rest("GET", `/Attributes/${id}`);
            expect(ours.deletionInfo && ours.deletionInfo.deletionStatus === "DeletedByEmitter", JSON.stringify(ours));
        }
        await until("consumption.ownAttributeDeletedByOwner", async () => hooks("consumption.ownAttributeDeletedByOwner", (d) => d.id === peerSuccessor.id).length === 1);
    });

    // ---- we succeed our DisplayName and notify the peer -----------------------------------------
    const ourSuccessor = await step("weSucceedAndNotifyPeer", async () => {
        const { successor } = await rest("POST", `/Attributes/${ourDisplayName.id}/Succeed`, { successorContent: { value: { "@type": "DisplayName", value: "ACME Inc" } } });
        const notified = await rest("POST", `/Attributes/${successor.id}/NotifyPeer`, { peer: P.address });
        expect(keys(notified) === "predecessor,successor,notificationId", keys(notified));
        expect(notified.predecessor.id === ourDisplayName.id && notified.successor.id === successor.id, JSON.stringify(notified));
        expect(notified.successor.numberOfForwards === 1, JSON.stringify(notified.successor));
        // Notifying twice is refused as officially.
        let second = "";
        try {
            await rest("POST", `/Attributes/${successor.id}/NotifyPeer`, { peer: P.address });
        } catch (e) {
            second = String(e.message);
        }
        expect(second.includes("error.runtime.attributes.ownIdentityAttributeHasAlreadyBeenSharedWithPeer"), second);
        await peerSync();
        const theirs = value(await C.attributes.getAttribute({ id: successor.id }), "peer's successor");
        expect(theirs["@type"] === "PeerIdentityAttribute" && theirs.succeeds === ourDisplayName.id && theirs.peer === self, JSON.stringify(theirs));
        expect(theirs.content.value.value === "ACME Inc", JSON.stringify(theirs.content));
        const notification = value(await C.notifications.getNotification({ id: notified.notificationId }), "peer's notification");
        expect(notification.status === "Completed" && notification.isOwn === false && notification.peer === self, JSON.stringify(notification));
        const details = await rest("GET", `/Attributes/${successor.id}/ForwardingDetails`);
        expect(details.length === 1 && details[0].sourceReference === notified.notificationId, JSON.stringify(details));
        return successor;
    });

    // ---- the peer deletes its copy of our DisplayName -------------------------------------------
    await step("peerDeletesOurDisplayName", async () => {
        const { notificationIds } = value(await C.attributes.deleteAttributeAndNotify({ attributeId: ourSuccessor.id }), "delete");
        expect(notificationIds.length === 1, JSON.stringify(notificationIds));
        await sync();
        const details = await rest("GET", `/Attributes/${ourSuccessor.id}/ForwardingDetails`);
        expect(details.length === 1 && details[0].deletionInfo && details[0].deletionInfo.deletionStatus === "DeletedByRecipient", JSON.stringify(details));
        const predecessorDetails = await rest("GET", `/Attributes/${ourDisplayName.id}/ForwardingDetails`);
        expect(predecessorDetails[0].deletionInfo && predecessorDetails[0].deletionInfo.deletionStatus === "DeletedByRecipient", JSON.stringify(predecessorDetails));
        await until("consumption.forwardedAttributeDeletedByPeer", async () => hooks("consumption.forwardedAttributeDeletedByPeer", (d) => d.id === ourSuccessor.id).length === 1);
    });

    // ---- we delete the customer number ----------------------------------------------------------
    await step("weDeleteTheCustomerNumber", async () => {
        const { notificationIds } = await rest("DELETE", `/Attributes/${customerNumberId}`);
        expect(notificationIds.length === 1 && notificationIds[0].startsWith("NOT"), JSON.stringify(notificationIds));
        await peerSync();
        const theirs = value(await C.attributes.getAttribute({ id: customerNumberId }), "peer's copy");
        expect(theirs.deletionInfo && theirs.deletionInfo.deletionStatus === "DeletedByEmitter", JSON.stringify(theirs));
        const notification = value(await C.notifications.getNotification({ id: notificationIds[0] }), "peer's notification");
        expect(notification.status === "Completed", JSON.stringify(notification));
        expect(notification.content.items[0]["@type"] === "OwnAttributeDeletedByOwnerNotificationItem", JSON.stringify(notification.content));
    });

    await P.stop();
    receiver.close();
}

main()
    .catch((e) => console.log(`STEP main FAILED ${e.stack || e}`))
    .finally(finish);
