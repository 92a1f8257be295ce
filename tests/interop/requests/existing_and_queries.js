// onExistingRelationship requests and third-party / IQL reads between our connector (REST) and
// official @nmshd/runtime 7.0.0 peers (with their RequestModule and DeciderModule), all on our backbone:
//   onExistingRelationship, our template: the peer P takes our template's onNewRelationship request
//     (relationship), loads the template again while the relationship is Active, its RequestModule
//     creates the onExistingRelationship request, P accepts; the response travels as a ResponseWrapper
//     message and our outgoing request is created and completed under P's request id.
//   onExistingRelationship, P's template: we load it while the relationship exists
//     (POST /RelationshipTemplates/Peer), the incoming request waits for us, we accept via REST and
//     P's outgoing request is created and completed from our message.
//   IQLQuery reads both ways: the answering side finds its attribute by executing the IQL query.
//   ThirdPartyRelationshipAttributeQuery reads both ways with a third official runtime T: our
//     OwnRelationshipAttribute with T becomes P's ThirdPartyRelationshipAttribute under our id, and
//     P's PeerRelationshipAttribute with T becomes ours under P's id (initialAttributePeer T).
//
//   node existing_and_queries.js <connectorUrl> <apiKey> <backboneUrl> <clientId> <clientSecret> <webhookPort>
"use strict";
const { step, expect, finish } = require("../backbone/peer_common");
const { startPeer, value, inOneHour, requestModules } = require("../backbone/runtime_peer");
const { connectorRest } = require("../connector/connector_rest");
const { webhookReceiver, until } = require("../connector/flow_helpers");

const [connectorUrl, apiKey, backboneUrl, clientId, clientSecret, webhookPortText] = process.argv.slice(2);
const rest = connectorRest(connectorUrl, apiKey);

const receiver = webhookReceiver();
const { hooks } = receiver;

const same = (what, a, b) => expect(JSON.stringify(a) === JSON.stringify(b), `${what} differ:\n ours     ${JSON.stringify(a)}\n official ${JSON.stringify(b)}`);

async function main() {
    await receiver.listen(webhookPortText);
    const peerOptions = { baseUrl: backboneUrl, clientId, clientSecret, modules: requestModules };
    const P = await startPeer("existing-peer", peerOptions);
    const PC = P.services.consumptionServices;
    const self = (await rest("GET", "/Account/IdentityInfo")).address;
    const sync = () => rest("POST", "/Account/Sync", {});
    const syncOf = async (X) => value(await X.transport.account.syncEverything(), `${X.name} sync`);

    // --- helpers on the official side ----------------------------------------------------------
    const peerIncoming = (X, pred, what) =>
        until(what, async () => {
            const list = value(await X.services.consumptionServices.incomingRequests.getRequests({ query: {} }), "getRequests");
            return list.find(pred);
        });
    const peerAccepts = async (X, requestId, items) => {
        const CX = X.services.consumptionServices;
        const decision = { requestId, items };
        const can = value(await CX.incomingRequests.canAccept(decision), "canAccept");
        expect(can.isSuccess === true, `canAccept: ${JSON.stringify(can)}`);
        value(await CX.incomingRequests.accept(decision), "accept");
        return await until(`${X.name}'s request ${requestId} to be Completed`, async () => {
            const r = value(await CX.incomingRequests.getRequest({ id: requestId }), "get");
            return r.status === "Completed" ? r : undefined;
        });
    };
    const peerSendsRequest = async (X, items) => {
        const CX = X.services.consumptionServices;
        const request = value(await CX.outgoingRequests.create({ content: { items }, peer: self }), "create request");
        value(await X.transport.messages.sendMessage({ recipients: [self], content: request.content }), "send request");
        return request;
    };
    const peerOutgoingCompleted = (X, id) =>
        until(`${X.name}'s outgoing request ${id} to be Completed`, async () => {
            await syncOf(X);
            const r = value(await X.services.consumptionServices.outgoingRequests.getRequest({ id }), "get outgoing");
            return r.status === "Completed" ? r : undefined;
        });

    // --- helpers on our side ---------------------------------------------------------------------
    const ourIncoming = (query, what) =>
        until(what, async () => {
            await sync();
            const list = await rest("GET", `/Requests/Incoming?${query}`);
            return list.find((r) => r.status === "ManualDecisionRequired");
        });
    const weAccept = async (id, items) => {
        const can = await rest("PUT", `/Requests/Incoming/${id}/CanAccept`, { items });
        expect(can.isSuccess === true, `CanAccept: ${JSON.stringify(can)}`);
        await rest("PUT", `/Requests/Incoming/${id}/Accept`, { items });
        return await until(`our request ${id} to be Completed`, async () => {
            const r = await rest("GET", `/Requests/Incoming/${id}`);
            return r.status === "Completed" ? r : undefined;
        });
    };
    const weSendRequest = async (X, items) => {
        const draft = await rest("POST", "/Requests/Outgoing", { content: { items }, peer: X.address });
        await rest("POST", "/Messages", { recipients: [X.address], content: draft.content });
        return draft;
    };
    const ourOutgoingCompleted = (id) =>
        until(`our outgoing request ${id} to be Completed`, async () => {
            await sync();
            const r = await rest("GET", `/Requests/Outgoing/${id}`);
            return r.status === "Completed" ? r : undefined;
        });

    // CanAccept on both sides for the same decisions, as comparable outcomes: the validation
    // result without the times in its messages, or the code of the error thrown.
    const withoutTimes = (o) => JSON.parse(JSON.stringify(o).replace(/ at \d{4}-\d\d-\d\dT[0-9:.]+Z/g, ""));
    const ourCanAccept = async (id, items) => {
        try {
            return withoutTimes(await rest("PUT", `/Requests/Incoming/${id}/CanAccept`, { items }));
        } catch (e) {
            return { thrown: (/"code":"([^"]+)"/.exec(String(e.message)) || [])[1] || String(e.message) };
        }
    };
    const peerCanAccept = async (X, requestId, items) => {
        const r = await X.services.consumptionServices.incomingRequests.canAccept({ requestId, items });
        return r.isError ? { thrown: r.error.code } : withoutTimes(r.value);
    };
    // `cases`: [name, our decision, the peer's mirrored decision]; every outcome must be the official one.
    const compareCanAccept = async (ourRequestId, X, peerRequestId, cases) => {
        const differences = [];
        for (const [name, ourItem, peerItem] of cases) {
            const ours = await ourCanAccept(ourRequestId, [ourItem]);
            const official = await peerCanAccept(X, peerRequestId, [peerItem]);
            if (JSON.stringify(ours) !== JSON.stringify(official)) {
                differences.push(`${name}:\n ours     ${JSON.stringify(ours)}\n official ${JSON.stringify(official)}`);
            }
        }
        expect(differences.length === 0, differences.join("\n"));
    };
    const unknownAttributeId = "ATTxxxxxxxxxxxxxxxxx";

    // Onboards X on a template of ours whose onNewRelationship has `items`, X accepting with
    // `decisions`; returns the relationship id and X's completed request.
    const onboardOnOurTemplate = async (X, template, decisions) => {
        value(await X.transport.relationshipTemplates.loadPeerRelationshipTemplate({ reference: template.reference.truncated }), "load");
        const request = await peerIncoming(X, (r) => r.source.reference === template.id && r.status === "ManualDecisionRequired", "the onboarding request");
        const completed = await peerAccepts(X, request.id, decisions);
        const relationshipId = completed.response.source.reference;
        await sync();
        await rest("PUT", `/Relationships/${relationshipId}/Accept`, {});
        await syncOf(X);
        const status = value(await X.transport.relationships.getRelationship({ id: relationshipId }), "get").status;
        expect(status === "Active", status);
        return { relationshipId, request: completed };
    };

    const peerGivenName = value(await PC.attributes.createOwnIdentityAttribute({ content: { value: { "@type": "GivenName", value: "Ada" } } }), "GivenName");
    const ourDisplayName = await rest("POST", "/Attributes", { content: { value: { "@type": "DisplayName", value: "ACME Corp" } } });
    const ourEMail = await rest("POST", "/Attributes", { content: { value: { "@type": "EMailAddress", value: "info@acme.example" } } });

    // ==== 1a. onExistingRelationship of our template ============================================
    const existingItems = [
        { "@type": "ConsentRequestItem", mustBeAccepted: true, consent: "I agree to the new terms." },
        { "@type": "ReadAttributeRequestItem", mustBeAccepted: true, query: { "@type": "IdentityAttributeQuery", valueType: "Surname" } }
    ];
    const ourTemplate = await step(
        "ourTemplate",
        async () =>
            await rest("POST", "/RelationshipTemplates/Own", {
                content: {
                    "@type": "RelationshipTemplateContent",
                    title: "ACME",
                    onNewRelationship: { "@type": "Request", items: [{ "@type": "ConsentRequestItem", mustBeAccepted: true, consent: "I agree to the terms." }] },
                    onExistingRelationship: { "@type": "Request", items: existingItems }
                },
                expiresAt: inOneHour()
            }),
        { fatal: true }
    );
    const onboarding = await step("relationshipFromOnNewRelationship", async () => await onboardOnOurTemplate(P, ourTemplate, [{ accept: true }]), { fatal: true });

    const existingRequest = await step(
        "peerLoadsOurTemplateAgain",
        async () => {
            value(await P.transport.relationshipTemplates.loadPeerRelationshipTemplate({ reference: ourTemplate.reference.truncated }), "load again");
            const request = await peerIncoming(
                P,
                (r) => r.source.reference === ourTemplate.id && r.id !== onboarding.request.id && r.status === "ManualDecisionRequired",
                "the onExistingRelationship request"
            );
            expect(request.content.items.length === 2 && request.content.items[0].consent === "I agree to the new terms.", JSON.stringify(request.content));
            return request;
        },
        { fatal: true }
    );
    let surnameId;
    let ourOutgoingFromTemplate;
    await step("ourRequestFromTheExistingRelationshipCompletes", async () => {
        const completed = await peerAccepts(P, existingRequest.id, [
            { accept: true },
            { accept: true, newAttribute: { "@type": "IdentityAttribute", owner: P.address, value: { "@type": "Surname", value: "Lovelace" } } }
        ]);
        expect(completed.response.source.type === "Message", JSON.stringify(completed.response.source));
        const ours = await ourOutgoingCompleted(existingRequest.id);
        ourOutgoingFromTemplate = ours;
        expect(ours.isOwn === true && ours.peer === P.address, JSON.stringify(ours));
        same("source", ours.source, { type: "RelationshipTemplate", reference: ourTemplate.id });
        same("response source", ours.response.source, completed.response.source);
        same("request content", ours.content, completed.content);
        same("response content", ours.response.content, completed.response.content);
        surnameId = completed.response.content.items[1].attributeId;
        const surname = await rest("GET", `/Attributes/${surnameId}`);
        expect(surname["@type"] === "PeerIdentityAttribute" && surname.peer === P.address && surname.sourceReference === existingRequest.id, JSON.stringify(surname));
        expect(surname.content.value.value === "Lovelace", JSON.stringify(surname.content));
        await until("consumption.outgoingRequestCreatedAndCompleted", async () => hooks("consumption.outgoingRequestCreatedAndCompleted", (d) => d.id === existingRequest.id).length > 0);
    });

    // ==== 1b. onExistingRelationship of the peer's template =====================================
    const peerTemplate = await step(
        "peerTemplate",
        async () =>
            value(
                await P.transport.relationshipTemplates.createOwnRelationshipTemplate({
                    content: {
                        "@type": "RelationshipTemplateContent",
                        title: "Ada's template",
                        onNewRelationship: { "@type": "Request", items: [{ "@type": "ConsentRequestItem", mustBeAccepted: true, consent: "New relationship." }] },
                        onExistingRelationship: {
                            "@type": "Request",
                            items: [
                                { "@type": "ReadAttributeRequestItem", mustBeAccepted: true, query: { "@type": "IdentityAttributeQuery", valueType: "DisplayName" } },
                                { "@type": "ConsentRequestItem", mustBeAccepted: false, consent: "Existing relationship." }
                            ]
                        }
                    },
                    expiresAt: inOneHour()
                }),
                "createOwnRelationshipTemplate"
            ),
        { fatal: true }
    );
    const ourExistingRequest = await step(
        "weLoadThePeersTemplate",
        async () => {
            const loaded = await rest("POST", "/RelationshipTemplates/Peer", { reference: peerTemplate.reference.truncated });
            expect(loaded.id === peerTemplate.id && loaded.isOwn === false, JSON.stringify(loaded));
            const request = await ourIncoming(`source.reference=${peerTemplate.id}`, "our onExistingRelationship request");
            expect(request.peer === P.address && request.source.type === "RelationshipTemplate", JSON.stringify(request));
            same("request content", request.content.items, peerTemplate.content.onExistingRelationship.items);
            await until("consumption.relationshipTemplateProcessed", async () =>
                hooks("consumption.relationshipTemplateProcessed", (d) => d.template.id === peerTemplate.id && d.result === "ManualRequestDecisionRequired" && d.requestId === request.id).length > 0);
            return request;
        },
        { fatal: true }
    );
    await step("peersRequestFromTheExistingRelationshipCompletes", async () => {
        const ours = await weAccept(ourExistingRequest.id, [{ accept: true, existingAttributeId: ourDisplayName.id }, { accept: true }]);
        expect(ours.response.source.type === "Message", JSON.stringify(ours.response));
        const theirs = await peerOutgoingCompleted(P, ourExistingRequest.id);
        same("source", theirs.source, { type: "RelationshipTemplate", reference: peerTemplate.id });
        same("request content", theirs.content, ours.content);
        same("response content", theirs.response.content, ours.response.content);
        same("response source", theirs.response.source, ours.response.source);
        const copy = value(await PC.attributes.getAttribute({ id: ourDisplayName.id }), "the peer's copy of our DisplayName");
        expect(copy["@type"] === "PeerIdentityAttribute" && copy.peer === self && copy.sourceReference === ourExistingRequest.id, JSON.stringify(copy));
        // Both sides' outgoing requests made from a template response have the same DTO keys.
        if (ourOutgoingFromTemplate) same("outgoing LocalRequestDTO keys", Object.keys(ourOutgoingFromTemplate), Object.keys(JSON.parse(JSON.stringify(theirs))));
    });
    await step("weLoadThePeersTemplateAgainAndReject", async () => {
        // Completed before: loading again makes a new request; loading once more while it is open
        // makes none (NonCompletedRequestExists), as the official RequestModule.
        await rest("POST", "/RelationshipTemplates/Peer", { reference: peerTemplate.reference.truncated });
        const request = await ourIncoming(`source.reference=${peerTemplate.id}&status=ManualDecisionRequired`, "the second onExistingRelationship request");
        expect(request.id !== ourExistingRequest.id, request.id);
        await rest("POST", "/RelationshipTemplates/Peer", { reference: peerTemplate.reference.truncated });
        await until("NonCompletedRequestExists", async () =>
            hooks("consumption.relationshipTemplateProcessed", (d) => d.template.id === peerTemplate.id && d.result === "NonCompletedRequestExists" && d.requestId === request.id).length > 0);
        const all = await rest("GET", `/Requests/Incoming?source.reference=${peerTemplate.id}`);
        expect(all.length === 2, JSON.stringify(all.map((r) => [r.id, r.status])));

        const items = [{ accept: false }, { accept: false }];
        const can = await rest("PUT", `/Requests/Incoming/${request.id}/CanReject`, { items });
        expect(can.isSuccess === true, JSON.stringify(can));
        await rest("PUT", `/Requests/Incoming/${request.id}/Reject`, { items });
        const ours = await until("our rejection to be Completed", async () => {
            const r = await rest("GET", `/Requests/Incoming/${request.id}`);
            return r.status === "Completed" ? r : undefined;
        });
        expect(ours.response.content.result === "Rejected" && ours.response.source.type === "Message", JSON.stringify(ours.response));
        const theirs = await peerOutgoingCompleted(P, request.id);
        same("rejected response", theirs.response.content, ours.response.content);
        same("source", theirs.source, { type: "RelationshipTemplate", reference: peerTemplate.id });
    });

    // ==== 2a. IQLQuery =========================================================================
    // Both requests are open at once, so both sides' CanAccept can be compared for the same decisions.
    await step("iqlReadsBothWays", async () => {
        const query = (queryString) => [{ "@type": "ReadAttributeRequestItem", mustBeAccepted: true, query: { "@type": "IQLQuery", queryString } }];
        const sent = await peerSendsRequest(P, query("EMailAddress"));
        const draft = await weSendRequest(P, query("GivenName"));
        const ourIncomingRequest = await ourIncoming(`id=${sent.id}`, "the IQL request");
        await syncOf(P);
        const peerIncomingRequest = await peerIncoming(P, (r) => r.id === draft.id && r.status === "ManualDecisionRequired", "the peer's IQL request");

        const relationshipAttribute = (owner) => ({
            "@type": "RelationshipAttribute",
            owner,
            key: "k",
            confidentiality: "public",
            value: { "@type": "ProprietaryString", title: "t", value: "v" }
        });
        await compareCanAccept(ourIncomingRequest.id, P, peerIncomingRequest.id, [
            ["an attribute of the asker", { accept: true, existingAttributeId: surnameId }, { accept: true, existingAttributeId: ourDisplayName.id }],
            ["an unknown attribute", { accept: true, existingAttributeId: unknownAttributeId }, { accept: true, existingAttributeId: unknownAttributeId }],
            [
                "a new attribute of the asker",
                { accept: true, newAttribute: { "@type": "IdentityAttribute", owner: P.address, value: { "@type": "GivenName", value: "Eve" } } },
                { accept: true, newAttribute: { "@type": "IdentityAttribute", owner: self, value: { "@type": "GivenName", value: "Eve" } } }
            ],
            ["a new RelationshipAttribute", { accept: true, newAttribute: relationshipAttribute("") }, { accept: true, newAttribute: relationshipAttribute("") }],
            ["rejected", { accept: false }, { accept: false }]
        ]);

        // We answer with what our IQL query finds.
        const matches = await rest("POST", "/Attributes/ExecuteIQLQuery", { query: ourIncomingRequest.content.items[0].query });
        expect(matches.length === 1 && matches[0].id === ourEMail.id, JSON.stringify(matches.map((a) => a.id)));
        const ours = await weAccept(ourIncomingRequest.id, [{ accept: true, existingAttributeId: matches[0].id }]);
        const item = ours.response.content.items[0];
        expect(item["@type"] === "ReadAttributeAcceptResponseItem" && item.attributeId === ourEMail.id, JSON.stringify(item));
        const theirsOutgoing = await peerOutgoingCompleted(P, sent.id);
        same("response content (the peer asked)", theirsOutgoing.response.content, ours.response.content);
        const theirCopy = value(await PC.attributes.getAttribute({ id: ourEMail.id }), "the peer's copy");
        expect(theirCopy["@type"] === "PeerIdentityAttribute" && theirCopy.peer === self, JSON.stringify(theirCopy));
        same("EMailAddress content", theirCopy.content, ourEMail.content);

        // The peer answers with what its IQL query finds.
        const peerMatches = value(await PC.attributes.executeIQLQuery({ query: peerIncomingRequest.content.items[0].query }), "executeIQLQuery");
        expect(peerMatches.length === 1 && peerMatches[0].id === peerGivenName.id, JSON.stringify(peerMatches.map((a) => a.id)));
        const theirs = await peerAccepts(P, peerIncomingRequest.id, [{ accept: true, existingAttributeId: peerGivenName.id }]);
        const oursOutgoing = await ourOutgoingCompleted(draft.id);
        same("response content (we asked)", oursOutgoing.response.content, theirs.response.content);
        const ourCopy = await rest("GET", `/Attributes/${peerGivenName.id}`);
        expect(ourCopy["@type"] === "PeerIdentityAttribute" && ourCopy.peer === P.address && ourCopy.sourceReference === draft.id, JSON.stringify(ourCopy));
        same("GivenName content", ourCopy.content, peerGivenName.content);
    });

    // ==== 2b. ThirdPartyRelationshipAttributeQuery, with a third runtime T ======================
    const T = await startPeer("third-party", peerOptions);
    const membershipId = await step(
        "thirdPartyRelationships",
        async () => {
            // C–T: our template creates a membership RelationshipAttribute we own.
            const template = await rest("POST", "/RelationshipTemplates/Own", {
                content: {
                    "@type": "RelationshipTemplateContent",
                    onNewRelationship: {
                        "@type": "Request",
                        items: [
                            {
                                "@type": "CreateAttributeRequestItem",
                                mustBeAccepted: true,
                                attribute: {
                                    "@type": "RelationshipAttribute",
                                    owner: self,
                                    key: "membership",
                                    confidentiality: "protected",
                                    value: { "@type": "ProprietaryString", title: "Membership", value: "M-1" }
                                }
                            }
                        ]
                    }
                },
                expiresAt: inOneHour()
            });
            const { request } = await onboardOnOurTemplate(T, template, [{ accept: true }]);
            const membershipId = request.response.content.items[0].attributeId;
            const membership = await rest("GET", `/Attributes/${membershipId}`);
            expect(membership["@type"] === "OwnRelationshipAttribute" && membership.peer === T.address, JSON.stringify(membership));

            // P–T: T's template creates a partner number T owns, P accepts it.
            const tTemplate = value(
                await T.transport.relationshipTemplates.createOwnRelationshipTemplate({
                    content: {
                        "@type": "RelationshipTemplateContent",
                        onNewRelationship: {
                            "@type": "Request",
                            items: [
                                {
                                    "@type": "CreateAttributeRequestItem",
                                    mustBeAccepted: true,
                                    attribute: {
                                        "@type": "RelationshipAttribute",
                                        owner: T.address,
                                        key: "partnerNumber",
                                        confidentiality: "public",
                                        value: { "@type": "ProprietaryString", title: "Partner number", value: "P-7" }
                                    }
                                }
                            ]
                        }
                    },
                    expiresAt: inOneHour()
                }),
                "T template"
            );
            value(await P.transport.relationshipTemplates.loadPeerRelationshipTemplate({ reference: tTemplate.reference.truncated }), "P loads T's template");
            const pRequest = await peerIncoming(P, (r) => r.source.reference === tTemplate.id && r.status === "ManualDecisionRequired", "P's request from T");
            const pCompleted = await peerAccepts(P, pRequest.id, [{ accept: true }]);
            const relationshipId = pCompleted.response.source.reference;
            await syncOf(T);
            value(await T.transport.relationships.acceptRelationship({ relationshipId }), "T accepts");
            await syncOf(P);
            const partner = value(await PC.attributes.getAttribute({ id: pCompleted.response.content.items[0].attributeId }), "P's partner number");
            expect(partner["@type"] === "PeerRelationshipAttribute" && partner.peer === T.address, JSON.stringify(partner));
            return membershipId;
        },
        { fatal: true }
    );

    await step("thirdPartyReadsBothWays", async () => {
        const item = (owner, key) => [{ "@type": "ReadAttributeRequestItem", mustBeAccepted: true, query: { "@type": "ThirdPartyRelationshipAttributeQuery", owner, key, thirdParty: [T.address] } }];
        const sent = await peerSendsRequest(P, item("recipient", "membership"));
        const draft = await weSendRequest(P, item("thirdParty", "partnerNumber"));
        const ourIncomingRequest = await ourIncoming(`id=${sent.id}`, "the third-party request");
        await syncOf(P);
        const peerIncomingRequest = await peerIncoming(P, (r) => r.id === draft.id && r.status === "ManualDecisionRequired", "the peer's third-party request");
        const peerMatches = value(await PC.attributes.executeThirdPartyRelationshipAttributeQuery({ query: peerIncomingRequest.content.items[0].query }), "query");
        expect(peerMatches.length === 1, JSON.stringify(peerMatches));
        const partnerId = peerMatches[0].id;

        await compareCanAccept(ourIncomingRequest.id, P, peerIncomingRequest.id, [
            ["an own IdentityAttribute", { accept: true, existingAttributeId: ourDisplayName.id }, { accept: true, existingAttributeId: peerGivenName.id }],
            ["with tags", { accept: true, existingAttributeId: membershipId, tags: ["x"] }, { accept: true, existingAttributeId: partnerId, tags: ["x"] }],
            [
                "a new RelationshipAttribute",
                { accept: true, newAttribute: { "@type": "RelationshipAttribute", owner: "", key: "membership", confidentiality: "public", value: { "@type": "ProprietaryString", title: "t", value: "v" } } },
                { accept: true, newAttribute: { "@type": "RelationshipAttribute", owner: "", key: "partnerNumber", confidentiality: "public", value: { "@type": "ProprietaryString", title: "t", value: "v" } } }
            ],
            ["the matching attribute", { accept: true, existingAttributeId: membershipId }, { accept: true, existingAttributeId: partnerId }]
        ]);

        // We answer with what our query finds: our OwnRelationshipAttribute with T.
        const matches = await rest("POST", "/Attributes/ExecuteThirdPartyRelationshipAttributeQuery", { query: ourIncomingRequest.content.items[0].query });
        expect(matches.length === 1 && matches[0].id === membershipId, JSON.stringify(matches.map((a) => a.id)));
        const ours = await weAccept(ourIncomingRequest.id, [{ accept: true, existingAttributeId: membershipId }]);
        const ourItem = ours.response.content.items[0];
        expect(ourItem["@type"] === "ReadAttributeAcceptResponseItem" && ourItem.attributeId === membershipId && ourItem.thirdPartyAddress === T.address, JSON.stringify(ourItem));
        const theirsOutgoing = await peerOutgoingCompleted(P, sent.id);
        same("response content (the peer asked)", theirsOutgoing.response.content, ours.response.content);
        const theirCopy = value(await PC.attributes.getAttribute({ id: membershipId }), "the peer's copy");
        expect(theirCopy["@type"] === "ThirdPartyRelationshipAttribute" && theirCopy.peer === self && theirCopy.initialAttributePeer === T.address, JSON.stringify(theirCopy));
        const details = await rest("GET", `/Attributes/${membershipId}/ForwardingDetails`);
        expect(details.length === 1 && details[0].peer === P.address && details[0].sourceReference === sent.id, JSON.stringify(details));

        // The peer answers with its PeerRelationshipAttribute with T.
        const theirs = await peerAccepts(P, peerIncomingRequest.id, [{ accept: true, existingAttributeId: partnerId }]);
        const oursOutgoing = await ourOutgoingCompleted(draft.id);
        same("response content (we asked)", oursOutgoing.response.content, theirs.response.content);
        const ourCopy = await rest("GET", `/Attributes/${partnerId}`);
        expect(ourCopy["@type"] === "ThirdPartyRelationshipAttribute" && ourCopy.peer === P.address && ourCopy.initialAttributePeer === T.address, JSON.stringify(ourCopy));
        expect(ourCopy.sourceReference === draft.id, JSON.stringify(ourCopy));
        same("partner number content", ourCopy.content, peerMatches[0].content);
        // Our record has the official DTO's keys in the official order.
        // (as JSON, like the official Connector sends it: undefined properties are left out).
        same("ThirdPartyRelationshipAttribute keys", Object.keys(ourCopy), Object.keys(JSON.parse(JSON.stringify(theirCopy))));
    });

    await step("thirdPartyQueriesAreValidatedAsOfficially", async () => {
        // The recipient as third party is refused on both sides with the same code and message.
        const query = { "@type": "ThirdPartyRelationshipAttributeQuery", owner: "", key: "membership", thirdParty: [P.address] };
        const ours = await rest("POST", "/Requests/Outgoing/Validate", { content: { items: [{ "@type": "ReadAttributeRequestItem", mustBeAccepted: true, query }] }, peer: P.address });
        const officialQuery = { ...query, thirdParty: [self] };
        const official = value(
            await PC.outgoingRequests.canCreate({ content: { items: [{ "@type": "ReadAttributeRequestItem", mustBeAccepted: true, query: officialQuery }] }, peer: self }),
            "canCreate"
        );
        // The message ends with the time of the error (" at <date>"), which differs.
        const withoutTime = (r) => ({ ...r, message: String(r.message).replace(/ at \S+$/, "") });
        expect(ours.isSuccess === false && ours.code === "error.consumption.requests.validation.inheritedFromItem", JSON.stringify(ours));
        expect(ours.items[0].code === "error.consumption.requests.invalidRequestItem", JSON.stringify(ours.items));
        same("validation result", { ...ours, items: ours.items.map(withoutTime) }, { ...official, items: official.items.map(withoutTime) });
    });

    await T.stop();
    await P.stop();
    receiver.close();
}

main()
    .catch((e) => console.log(`STEP main FAILED ${e.stack || e}`))
    .finally(finish);
