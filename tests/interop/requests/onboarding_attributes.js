// Onboarding with attributes between our connector (REST) and an official @nmshd/runtime 7.0.0 peer
// (with its RequestModule and DeciderModule), both on our backbone:
//   our template's onNewRelationship Request shares our DisplayName (ShareAttribute), asks for the
//   peer's GivenName (ReadAttribute), issues a customer number as a RelationshipAttribute we own
//   (CreateAttribute), and carries Consent and Authentication items; the peer accepts it manually.
//   After our sync the records on both sides correspond: the peer's GivenName is our
//   PeerIdentityAttribute under the peer's id, our DisplayName has forwarding details to the peer
//   and is the peer's PeerIdentityAttribute under our id, the customer number is our
//   OwnRelationshipAttribute and the peer's PeerRelationshipAttribute under one id; the onboarding
//   and attribute events arrive by webhook. Rejecting the pending relationship then deletes what was
//   exchanged, on our side as on the peer's.
//
//   node onboarding_attributes.js <connectorUrl> <apiKey> <backboneUrl> <clientId> <clientSecret> <webhookPort>
"use strict";
const { step, expect, finish } = require("../backbone/peer_common");
const { startPeer, value, inOneHour, requestModules } = require("../backbone/runtime_peer");
const { connectorRest } = require("../connector/connector_rest");
const { webhookReceiver, until } = require("../connector/flow_helpers");

const [connectorUrl, apiKey, backboneUrl, clientId, clientSecret, webhookPortText] = process.argv.slice(2);
const rest = connectorRest(connectorUrl, apiKey);

const receiver = webhookReceiver();
const { webhooks, hooks } = receiver;

const same = (what, a, b) => expect(JSON.stringify(a) === JSON.stringify(b), `${what} differ:\n ours     ${JSON.stringify(a)}\n official ${JSON.stringify(b)}`);

async function main() {
    await receiver.listen(webhookPortText);
    const P = await startPeer("onboarding-peer", {
        baseUrl: backboneUrl,
        clientId,
        clientSecret,
        modules: requestModules
    });
    const C = P.services.consumptionServices;
    const self = (await rest("GET", "/Account/IdentityInfo")).address;
    const sync = () => rest("POST", "/Account/Sync", {});

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
        },
        { "@type": "ConsentRequestItem", mustBeAccepted: true, consent: "I agree to the terms." },
        { "@type": "AuthenticationRequestItem", mustBeAccepted: false, title: "Log in to ACME" }
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
    const peerRequest = await step(
        "peerLoadsTheTemplate",
        async () => {
            value(await P.transport.relationshipTemplates.loadPeerRelationshipTemplate({ reference: template.reference.truncated }), "load");
            return await until("the peer's request to need a manual decision", async () => {
                const list = value(await C.incomingRequests.getRequests({ query: { "source.reference": template.id } }), "getRequests");
                return list.find((r) => r.status === "ManualDecisionRequired");
            });
        },
        { fatal: true }
    );
    const relationshipId = await step(
        "peerAccepts",
        async () => {
            const decision = {
                requestId: peerRequest.id,
                items: [{ accept: true }, { accept: true, existingAttributeId: peerGivenName.id }, { accept: true }, { accept: true }, { accept: true }]
            };
            const can = value(await C.incomingRequests.canAccept(decision), "canAccept");
            expect(can.isSuccess === true, JSON.stringify(can));
            value(await C.incomingRequests.accept(decision), "accept");
            const completed = await until("the peer's request to be Completed", async () => {
                const r = value(await C.incomingRequests.getRequest({ id: peerRequest.id }), "get");
                return r.status === "Completed" ? r : undefined;
            });
            return completed.response.source.reference;
        },
        { fatal: true }
    );

    const peerResponse = value(await C.incomingRequests.getRequest({ id: peerRequest.id }), "get").response.content;
    const readResponse = peerResponse.items[1];
    const createResponse = peerResponse.items[2];

    await step("ourRequestCompleted", async () => {
        await sync();
        const ours = await rest("GET", `/Requests/Outgoing/${peerRequest.id}`);
        expect(ours.status === "Completed", ours.status);
        same("response", ours.response.content, peerResponse);
        expect(readResponse["@type"] === "ReadAttributeAcceptResponseItem", JSON.stringify(readResponse));
        expect(createResponse["@type"] === "CreateAttributeAcceptResponseItem", JSON.stringify(createResponse));
    });

    await step("weHoldThePeersGivenName", async () => {
        const peerAttributes = await rest("GET", `/Attributes/Peer/${P.address}`);
        const givenName = peerAttributes.find((a) => a.content.value["@type"] === "GivenName");
        expect(givenName !== undefined, JSON.stringify(peerAttributes));
        expect(givenName["@type"] === "PeerIdentityAttribute", givenName["@type"]);
        // Shared ids: the peer answered with the id of the copy it shares, we store it under that id.
        expect(givenName.id === readResponse.attributeId, `${givenName.id} / ${readResponse.attributeId}`);
        expect(givenName.peer === P.address && givenName.sourceReference === peerRequest.id, JSON.stringify(givenName));
        same("GivenName content", givenName.content, readResponse.attribute);
        expect(givenName.content.value.value === "Ada", givenName.content.value.value);
    });

    await step("ourDisplayNameIsForwarded", async () => {
        const details = await rest("GET", `/Attributes/${ourDisplayName.id}/ForwardingDetails`);
        expect(details.length === 1, JSON.stringify(details));
        expect(details[0].peer === P.address && details[0].sourceReference === peerRequest.id, JSON.stringify(details[0]));
        const attribute = await rest("GET", `/Attributes/${ourDisplayName.id}`);
        expect(attribute.numberOfForwards === 1, JSON.stringify(attribute));
        // The peer holds it under our id.
        const theirs = value(await C.attributes.getAttribute({ id: ourDisplayName.id }), "peer's copy");
        expect(theirs["@type"] === "PeerIdentityAttribute" && theirs.peer === self, JSON.stringify(theirs));
        same("DisplayName content", theirs.content, ourDisplayName.content);
    });

    await step("customerNumberOnBothSides", async () => {
        const ours = await rest("GET", `/Attributes/${createResponse.attributeId}`);
        expect(ours["@type"] === "OwnRelationshipAttribute", JSON.stringify(ours));
        expect(ours.peer === P.address && ours.sourceReference === peerRequest.id, JSON.stringify(ours));
        const theirs = value(await C.attributes.getAttribute({ id: createResponse.attributeId }), "peer's copy");
        expect(theirs["@type"] === "PeerRelationshipAttribute" && theirs.peer === self, JSON.stringify(theirs));
        same("customer number content", ours.content, theirs.content);
        const forRelationship = await rest("GET", `/Relationships/${relationshipId}/Attributes`);
        expect(forRelationship.some((a) => a.id === createResponse.attributeId), JSON.stringify(forRelationship.map((a) => a.id)));
    });

    await step("events", async () => {
        // Several delivery threads post the webhooks, so each is waited for on its own.
        const created = (id) => hooks("consumption.attributeCreated", (d) => d.id === id).length;
        const forwarded = () => hooks("consumption.attributeForwardingDetailsChanged", (d) => d.id === ourDisplayName.id).length;
        await until("the onboarding and attribute webhooks", async () =>
            hooks("consumption.outgoingRequestFromRelationshipCreationCreatedAndCompleted").length > 0 &&
            created(readResponse.attributeId) > 0 && created(createResponse.attributeId) > 0 && forwarded() > 0);
        await new Promise((r) => setTimeout(r, 300)); // time for a duplicate to show up
        expect(created(readResponse.attributeId) === 1, `attributeCreated for GivenName: ${created(readResponse.attributeId)}`);
        expect(created(createResponse.attributeId) === 1, `attributeCreated for the customer number: ${created(createResponse.attributeId)}`);
        expect(forwarded() === 1, `attributeForwardingDetailsChanged: ${forwarded()}`);
    });

    await step("rejectingTheRelationshipDeletesWhatWasExchanged", async () => {
        await rest("PUT", `/Relationships/${relationshipId}/Reject`, {});
        const peerAttributes = await rest("GET", `/Attributes/Peer/${P.address}`);
        expect(peerAttributes.length === 0, JSON.stringify(peerAttributes.map((a) => a.id)));
        const ownWithPeer = await rest("GET", `/Attributes?peer=${P.address}`);
        expect(ownWithPeer.length === 0, JSON.stringify(ownWithPeer.map((a) => a.id)));
        const details = await rest("GET", `/Attributes/${ourDisplayName.id}/ForwardingDetails`);
        expect(details.length === 0, JSON.stringify(details));
        // The official runtime does the same on its side once it learns of the rejection.
        value(await P.transport.account.syncEverything(), "peer sync");
        const theirs = await until("the peer's copies to go", async () => {
            const list = value(await C.attributes.getPeerAttributes({ peer: self }), "peer attributes");
            return list.length === 0 ? list : undefined;
        });
        expect(theirs.length === 0, "the peer kept copies");
    });

    await P.stop();
    receiver.close();
}

main()
    .catch((e) => console.log(`STEP main FAILED ${e.stack || e}`))
    .finally(finish);
