// TransferFileOwnershipRequestItem between our connector (REST) and an official @nmshd/runtime 7.0.0
// peer (with its RequestModule and DeciderModule), both on our backbone, after a relationship:
//   peerTransfersItsFileToUs   the peer uploads a file and sends the request by message; we accept
//                              over REST: the Backbone names us owner, our file record is own with a
//                              new ownership token, our OwnIdentityAttribute holds an
//                              IdentityFileReference, the peer completes the request, holds it as a
//                              PeerIdentityAttribute under our id and its file record names us;
//   weTransferOurFileToThePeer we upload a file and send the request; the peer accepts: its file
//                              record is own, we complete the request, hold its attribute under its
//                              id, and after our sync our file record names the peer;
//   wrongTokenIsRefusedLikeOfficially  /Requests/Outgoing/Validate with a wrong token answers what
//                              the official canCreate answers for the same case.
//
//   node transfer_file_ownership.js <connectorUrl> <apiKey> <backboneUrl> <clientId> <clientSecret> <webhookPort>
"use strict";
const { step, expect, finish } = require("../backbone/peer_common");
const { startPeer, value, inOneHour, requestModules } = require("../backbone/runtime_peer");
const { connectorRest, relateWithConnector } = require("../connector/connector_rest");
const { webhookReceiver, until } = require("../connector/flow_helpers");

const [connectorUrl, apiKey, backboneUrl, clientId, clientSecret, webhookPortText] = process.argv.slice(2);
const rest = connectorRest(connectorUrl, apiKey);

const receiver = webhookReceiver();

const same = (what, a, b) => expect(JSON.stringify(a) === JSON.stringify(b), `${what} differ:\n ours     ${JSON.stringify(a)}\n official ${JSON.stringify(b)}`);

async function uploadOurFile(text) {
    const form = new FormData();
    form.append("file", new Blob([Buffer.from(text)], { type: "text/plain" }), "contract.txt");
    form.append("expiresAt", inOneHour());
    form.append("title", "contract");
    const r = await fetch(`${connectorUrl}/api/core/v1/Files/Own`, { method: "POST", headers: { "X-API-KEY": apiKey }, body: form });
    const body = await r.text();
    if (r.status >= 300) throw new Error(`POST /Files/Own: ${r.status} ${body}`);
    return JSON.parse(body).result;
}

const transferItem = (file, ownershipToken) => ({
    "@type": "TransferFileOwnershipRequestItem",
    mustBeAccepted: true,
    fileReference: file.reference.truncated,
    ownershipToken
});

async function main() {
    await receiver.listen(webhookPortText);
    const P = await startPeer("tfo-peer", {
        baseUrl: backboneUrl,
        clientId,
        clientSecret,
        modules: requestModules
    });
    const PC = P.services.consumptionServices;
    const self = (await rest("GET", "/Account/IdentityInfo")).address;
    const sync = () => rest("POST", "/Account/Sync", {});
    const peerSync = async () => value(await P.transport.account.syncEverything(), "peer sync");

    await step("relationship", async () => await relateWithConnector(rest, P.transport), { fatal: true });

    await step("peerTransfersItsFileToUs", async () => {
        const file = value(
            await P.transport.files.uploadOwnFile({ content: Buffer.from("the peer's contract"), filename: "peer.txt", mimetype: "text/plain", expiresAt: inOneHour(), tags: ["x:contract"] }),
            "upload"
        );
        const items = [transferItem(file, file.ownershipToken)];
        const request = value(await PC.outgoingRequests.create({ content: { items }, peer: self }), "create request");
        value(await P.transport.messages.sendMessage({ recipients: [self], content: request.content }), "send request");

        const incoming = await until("our incoming request", async () => {
            await sync();
            const list = await rest("GET", `/Requests/Incoming?id=${request.id}`);
            return list.find((r) => r.status === "ManualDecisionRequired");
        });
        const can = await rest("PUT", `/Requests/Incoming/${incoming.id}/CanAccept`, { items: [{ accept: true }] });
        expect(can.isSuccess === true, `CanAccept: ${JSON.stringify(can)}`);
        await rest("PUT", `/Requests/Incoming/${incoming.id}/Accept`, { items: [{ accept: true }] });
        const ours = await until("our request to be Completed", async () => {
            const r = await rest("GET", `/Requests/Incoming/${incoming.id}`);
            return r.status === "Completed" ? r : undefined;
        });
        const item = ours.response.content.items[0];
        expect(item["@type"] === "TransferFileOwnershipAcceptResponseItem", JSON.stringify(item));

        const ourFile = await rest("GET", `/Files/${file.id}`);
        expect(ourFile.isOwn === true && ourFile.owner === self, JSON.stringify(ourFile));
        expect(typeof ourFile.ownershipToken === "string" && ourFile.ownershipToken !== file.ownershipToken, JSON.stringify(ourFile));
        const attribute = await rest("GET", `/Attributes/${item.attributeId}`);
        expect(attribute["@type"] === "OwnIdentityAttribute", JSON.stringify(attribute));
        same("attribute value", attribute.content.value, { "@type": "IdentityFileReference", value: file.reference.truncated });
        same("attribute tags", attribute.content.tags, ["x:contract"]);
        // The response item carries the attribute as the official toJSON writes it: without "@type".
        const { "@type": _type, ...untyped } = attribute.content;
        same("attribute content", untyped, item.attribute);

        const theirs = await until("the peer's outgoing request to be Completed", async () => {
            await peerSync();
            const r = value(await PC.outgoingRequests.getRequest({ id: request.id }), "get outgoing");
            return r.status === "Completed" ? r : undefined;
        });
        same("response content", theirs.response.content, ours.response.content);
        const copy = value(await PC.attributes.getAttribute({ id: item.attributeId }), "the peer's copy");
        expect(copy["@type"] === "PeerIdentityAttribute" && copy.peer === self && copy.sourceReference === request.id, JSON.stringify(copy));
        same("copy content", copy.content, attribute.content);
        const peerFile = value(await P.transport.files.getFile({ id: file.id }), "peer getFile");
        expect(peerFile.isOwn === false && peerFile.owner === self, JSON.stringify(peerFile));
    });

    await step("weTransferOurFileToThePeer", async () => {
        const file = await uploadOurFile("our contract");
        const items = [transferItem(file, file.ownershipToken)];
        const draft = await rest("POST", "/Requests/Outgoing", { content: { items }, peer: P.address });
        await rest("POST", "/Messages", { recipients: [P.address], content: draft.content });
        await peerSync();
        const incoming = await until("the peer's incoming request", async () => {
            const list = value(await PC.incomingRequests.getRequests({ query: {} }), "getRequests");
            return list.find((r) => r.id === draft.id && r.status === "ManualDecisionRequired");
        });
        const decision = { requestId: incoming.id, items: [{ accept: true }] };
        const can = value(await PC.incomingRequests.canAccept(decision), "canAccept");
        expect(can.isSuccess === true, `canAccept: ${JSON.stringify(can)}`);
        value(await PC.incomingRequests.accept(decision), "accept");
        const theirs = await until("the peer's request to be Completed", async () => {
            const r = value(await PC.incomingRequests.getRequest({ id: incoming.id }), "get");
            return r.status === "Completed" ? r : undefined;
        });
        const item = theirs.response.content.items[0];
        expect(item["@type"] === "TransferFileOwnershipAcceptResponseItem", JSON.stringify(item));
        const peerFile = value(await P.transport.files.getFile({ id: file.id }), "peer getFile");
        expect(peerFile.isOwn === true && peerFile.owner === P.address, JSON.stringify(peerFile));

        const ours = await until("our outgoing request to be Completed", async () => {
            await sync();
            const r = await rest("GET", `/Requests/Outgoing/${draft.id}`);
            return r.status === "Completed" ? r : undefined;
        });
        same("response content", ours.response.content, theirs.response.content);
        const copy = await rest("GET", `/Attributes/${item.attributeId}`);
        expect(copy["@type"] === "PeerIdentityAttribute" && copy.peer === P.address && copy.sourceReference === draft.id, JSON.stringify(copy));
        const { "@type": _type, ...untyped } = copy.content;
        same("copy content", untyped, item.attribute);
        const ourFile = await until("our file record to name the peer", async () => {
            await sync();
            const f = await rest("GET", `/Files/${file.id}`);
            return f.owner === P.address ? f : undefined;
        });
        expect(ourFile.isOwn === false && ourFile.ownershipToken === undefined, JSON.stringify(ourFile));
    });

    await step("wrongTokenIsRefusedLikeOfficially", async () => {
        const wrong = "AAAAAAAAAAAAAAAAAAAA";
        const ourFile = await uploadOurFile("another contract");
        const ours = await rest("POST", "/Requests/Outgoing/Validate", { content: { items: [transferItem(ourFile, wrong)] }, peer: P.address });
        const peerFile = value(
            await P.transport.files.uploadOwnFile({ content: Buffer.from("x"), filename: "x.txt", mimetype: "text/plain", expiresAt: inOneHour() }),
            "upload"
        );
        const official = value(await PC.outgoingRequests.canCreate({ content: { items: [transferItem(peerFile, wrong)] }, peer: self }), "canCreate");
        expect(ours.isSuccess === false && official.isSuccess === false, `${JSON.stringify(ours)} / ${JSON.stringify(official)}`);
        // The ids differ, and the CoreError messages end with the time they were made.
        const strip = (r) =>
            JSON.stringify(r)
                .split(ourFile.id).join("<id>")
                .split(peerFile.id).join("<id>")
                .replace(/ at \d{4}-\d\d-\d\dT[\d:.]+Z/g, " at <time>");
        expect(strip(ours) === strip(official), `validation differs:\n ours     ${strip(ours)}\n official ${strip(official)}`);
    });

    await P.stop();
    receiver.close();
}

main()
    .catch((e) => console.log(`STEP main FAILED ${e.stack || e}`))
    .finally(finish);
