// The Connector's attribute REST API (our `connector`) against the official runtime 7.0.0's
// attribute use cases, called the way the official Connector's AttributesController calls them
// (connector 7.0.0 src/modules/coreHttpApi/controllers/AttributesController.ts), both on our
// backbone. Every case of attribute_cases.js goes through PUT /Attributes/CanCreate and POST
// /Attributes on one side and canCreateOwnIdentityAttribute / createOwnIdentityAttribute on the
// other; then the same succession, versions, listing, query, deletion and error steps run on both.
// Every answer is compared: HTTP status (the official Connector's error mapping applied to the
// runtime's results), error code and message, and the result JSON byte for byte after the values
// that must differ (ids, dates, the identity's own address) are replaced by placeholders.
// The consumption.* events (webhooks of ours, the runtime's event bus there) are compared too.
//
//   node attributes_rest.js <connectorUrl> <apiKey> <backboneUrl> <clientId> <clientSecret> <webhookPort>
//
// Output: STEP lines (peer_common.js) and a SUMMARY line.
"use strict";
const http = require("http");
const { step, expect, finish } = require("../backbone/peer_common");
const { startPeer } = require("../backbone/runtime_peer");
const cases = require("./attribute_cases");

const [connectorUrl, apiKey, backboneUrl, clientId, clientSecret, webhookPortText] = process.argv.slice(2);

// --- our connector -------------------------------------------------------------------------------
const webhooks = [];
const receiver = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
        try {
            webhooks.push(JSON.parse(body));
        } catch (e) {
            webhooks.push({ invalid: body });
        }
        res.writeHead(200);
        res.end();
    });
});

async function rest(method, path, body) {
    const headers = { "X-API-KEY": apiKey };
    let payload;
    if (body !== undefined) {
        headers["content-type"] = "application/json";
        payload = JSON.stringify(body);
    }
    const response = await fetch(`${connectorUrl}/api/core/v1${path}`, { method, headers, body: payload });
    const text = await response.text();
    const json = text ? JSON.parse(text) : undefined;
    if (json?.error) return { status: response.status, error: { code: json.error.code, message: json.error.message } };
    return { status: response.status, result: json?.result };
}

// --- the official runtime, answering as the official Connector would -------------------------------
let peer;
const runtimeEvents = [];

// The official Connector's genericErrorHandler status for a failed use case.
function statusOf(code) {
    if (code === "error.runtime.recordNotFound" || code === "error.transport.recordNotFound") return 404;
    if (code.startsWith("error.platform.")) return 500;
    return 400;
}

// A use case result as the Connector answers it: `okStatus` with the value, or the mapped error.
async function official(fn, okStatus = 200) {
    let result;
    try {
        result = await fn();
    } catch (e) {
        if (e && e.code && typeof e.code === "string" && e.code.startsWith("error.")) {
            return { status: statusOf(e.code), error: { code: e.code, message: e.message } };
        }
        return { status: 500, error: { code: "error.connector.unexpected", message: "An unexpected error occurred." } };
    }
    if (result.isError) return { status: statusOf(result.error.code), error: { code: result.error.code, message: result.error.message } };
    return { status: okStatus, result: result.value };
}

const attributes = () => peer.services.consumptionServices.attributes;

const side = {
    ours: {
        canCreate: (body) => rest("PUT", "/Attributes/CanCreate", body),
        create: (body) => rest("POST", "/Attributes", body),
        get: (id) => rest("GET", `/Attributes/${encodeURIComponent(id)}`),
        list: (query = "") => rest("GET", `/Attributes${query}`),
        ownIdentity: (query = "") => rest("GET", `/Attributes/Own/Identity${query}`),
        succeed: (id, body) => rest("POST", `/Attributes/${encodeURIComponent(id)}/Succeed`, body),
        versions: (id) => rest("GET", `/Attributes/${encodeURIComponent(id)}/Versions`),
        remove: (id) => rest("DELETE", `/Attributes/${encodeURIComponent(id)}`),
        query: (body) => rest("POST", "/Attributes/ExecuteIdentityAttributeQuery", body),
        tags: () => rest("GET", "/Attributes/TagCollection"),
        ownShared: (peer, qs = "") => rest("GET", `/Attributes/Own/Shared/${encodeURIComponent(peer)}${qs}`),
        peerAttributes: (peer, qs = "") => rest("GET", `/Attributes/Peer/${encodeURIComponent(peer)}${qs}`),
        forwardingDetails: (id, qs = "") => rest("GET", `/Attributes/${encodeURIComponent(id)}/ForwardingDetails${qs}`),
        versionsShared: (id, qs = "") => rest("GET", `/Attributes/${encodeURIComponent(id)}/Versions/Shared${qs}`),
        relationshipQuery: (body) => rest("POST", "/Attributes/ExecuteRelationshipAttributeQuery", body),
        thirdPartyQuery: (body) => rest("POST", "/Attributes/ExecuteThirdPartyRelationshipAttributeQuery", body)
    },
    official: {
        canCreate: (body) => official(() => attributes().canCreateOwnIdentityAttribute(body)),
        create: (body) => official(() => attributes().createOwnIdentityAttribute(body), 201),
        get: (id) => official(() => attributes().getAttribute({ id })),
        list: (query = {}) => official(() => attributes().getAttributes({ query })),
        ownIdentity: (query = {}, onlyLatestVersions) => official(() => attributes().getOwnIdentityAttributes({ onlyLatestVersions, query })),
        // AttributesController.succeedAttribute: a missing predecessor is a 404 of the controller.
        succeed: async (id, body) => {
            const predecessor = await attributes().getAttribute({ id });
            if (predecessor.isError) return { status: 404, error: { code: "error.runtime.recordNotFound", message: `Predecessor attribute '${id}' not found.` } };
            return official(() => attributes().succeedOwnIdentityAttribute({ predecessorId: id, ...body }), 201);
        },
        versions: (attributeId) => official(() => attributes().getVersionsOfAttribute({ attributeId })),
        remove: (attributeId) => official(() => attributes().deleteAttributeAndNotify({ attributeId })),
        query: (body) => official(() => attributes().executeIdentityAttributeQuery(body)),
        tags: () => official(() => attributes().getAttributeTagCollection()),
        // The official Connector's routes: the REST query minus the route's own parameters.
        ownShared: (peer, _qs, query = {}, hideTechnical, onlyLatestVersions) =>
            official(() => attributes().getOwnAttributesSharedWithPeer({ peer, query, hideTechnical, onlyLatestVersions })),
        peerAttributes: (peer, _qs, query = {}, hideTechnical, onlyLatestVersions) =>
            official(() => attributes().getPeerAttributes({ peer, query, hideTechnical, onlyLatestVersions })),
        forwardingDetails: (attributeId, _qs, query = {}) => official(() => attributes().getForwardingDetailsForAttribute({ attributeId, query })),
        versionsShared: (attributeId, _qs, peer, onlyLatestVersions) =>
            official(() => attributes().getVersionsOfAttributeSharedWithPeer({ attributeId, peer, onlyLatestVersions })),
        relationshipQuery: (body) => official(() => attributes().executeRelationshipAttributeQuery(body)),
        thirdPartyQuery: (body) => official(() => attributes().executeThirdPartyRelationshipAttributeQuery(body))
    }
};

// --- normalization -----------------------------------------------------------------------------
// Ids are numbered per side in the order they are first seen, so the same step yields the same
// placeholder on both sides; dates become <date>; the identity's address <self>.
function normalizer(selfAddress) {
    const ids = new Map();
    const id = (v) => {
        if (!ids.has(v)) ids.set(v, `<ATT#${ids.size}>`);
        return ids.get(v);
    };
    const text = (s) =>
        s
            .split(selfAddress)
            .join("<self>")
            .replace(/ATT[A-Za-z0-9]{17}/g, id)
            .replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z/g, "<date>");
    return (value) => JSON.parse(text(JSON.stringify(value ?? null)));
}

let normalizeOurs;
let normalizeOfficial;

// Messages listing the identity value types name the four types newer than 7.0.0 on our side.
const listsIdentityTypes = (message) => typeof message === "string" && message.includes('"Affiliation",');

function sameAnswer(what, ours, theirs) {
    const o = JSON.stringify(normalizeOurs(ours));
    const t = JSON.stringify(normalizeOfficial(theirs));
    if (o === t) return;
    if (ours?.error && theirs?.error && listsIdentityTypes(theirs.error.message) && ours.status === theirs.status && ours.error.code === theirs.error.code) return;
    throw new Error(`${what} differs\n  ours:     ${o}\n  official: ${t}`);
}

// Calls `call` on both sides with the same arguments and compares the answers. For the list calls
// (list, ownIdentity) built with pair(), ours gets the query string and the runtime the query
// object (and onlyLatestVersions).
async function both(what, call, ...args) {
    const listCall = ["list", "ownIdentity"].includes(call) && typeof args[0] === "string";
    const ours = await side.ours[call](...(listCall ? [args[0]] : args));
    const theirs = await side.official[call](...(listCall ? [args[1], args[2]] : args));
    sameAnswer(what, ours, theirs);
    return { ours, theirs };
}

const ownDecision = (r) => (r.status === 201 ? "valid" : "invalid");

async function main() {
    await new Promise((resolve) => receiver.listen(Number(webhookPortText), "127.0.0.1", resolve));
    peer = await startPeer("attributes", { baseUrl: backboneUrl, clientId, clientSecret });
    peer.runtime.eventBus.subscribe("consumption.*", (event) => {
        if (event.namespace.startsWith("consumption.attribute")) runtimeEvents.push({ trigger: event.namespace, data: event.data });
    });
    const ourAddress = (await rest("GET", "/Account/IdentityInfo")).result.address;
    normalizeOurs = normalizer(ourAddress);
    normalizeOfficial = normalizer(peer.address);

    // --- every case through CanCreate and Create -------------------------------------------------
    const created = { ours: {}, official: {} };
    const newerIds = new Set();
    for (const c of [...cases.identity, ...cases.tagged]) {
        const body = { content: { value: c.value } };
        if (c.tags !== undefined) body.content.tags = c.tags;
        if (c.newerThan700) continue;  // step "newerTypes", after the comparisons
        await step(`case.${c.name}`, async () => {
            await both("CanCreate", "canCreate", body);
            const { ours, theirs } = await both("Create", "create", body);
            const expected = c.restExpect ?? c.expect;
            expect(ownDecision(theirs) === expected, `official decided ${ownDecision(theirs)}, the case expects ${expected}: ${JSON.stringify(theirs)}`);
            if (ours.status === 201) created.ours[c.name] = ours.result;
            if (theirs.status === 201) created.official[c.name] = theirs.result;
            return ours.status === 201 ? "created" : ours.error.code;
        });
    }

    await step("create.duplicates", async () => {
        for (const value of [{ "@type": "GivenName", value: "Anna" }, { "@type": "GivenName", value: "  Anna  " }, { "@type": "StreetAddress", city: "Berlin", country: "DE", houseNo: "5a", recipient: "Anna Müller", street: "Hauptstraße", zipCode: "10115" }]) {
            await both(`CanCreate duplicate ${JSON.stringify(value)}`, "canCreate", { content: { value } });
            const { ours } = await both(`Create duplicate ${JSON.stringify(value)}`, "create", { content: { value } });
            expect(ours.error?.code === "error.runtime.attributes.cannotCreateDuplicateOwnIdentityAttribute", JSON.stringify(ours));
        }
    });

    await step("create.badRequests", async () => {
        for (const body of [{}, { content: 5 }, { content: {} }, { content: { value: { "@type": "GivenName", value: "x" }, tags: "a" } }, { content: { value: { "@type": "GivenName", value: "x" }, extra: 1 } }, { content: { value: { "@type": "GivenName", value: "y" } }, more: 1 }, { content: { value: null } }, { content: { value: "GivenName" } }]) {
            await both(`CanCreate ${JSON.stringify(body)}`, "canCreate", body);
            await both(`Create ${JSON.stringify(body)}`, "create", body);
        }
    });

    // --- reading -----------------------------------------------------------------------------------
    await step("list.all", async () => {
        const { ours } = await both("GET /Attributes", "list");
        return `${ours.result.length} attributes`;
    });
    await step("list.filtered", async () => {
        await both("by value type", "list", ...pair("content.value.@type=GivenName", { "content.value.@type": "GivenName" }));
        await both("by two value types", "list", ...pair("content.value.@type=Sex&content.value.@type=Nationality", { "content.value.@type": ["Sex", "Nationality"] }));
        await both("by tag", "list", ...pair("content.tags=x:favourite", { "content.tags": "x:favourite" }));
        await both("by two tags", "list", ...pair("content.tags=x:favourite&content.tags=language:de", { "content.tags": ["x:favourite", "language:de"] }));
        await both("negated type", "list", ...pair("content.value.@type=!GivenName&@type=OwnIdentityAttribute", { "content.value.@type": "!GivenName", "@type": "OwnIdentityAttribute" }));
        await both("unknown key ignored", "list", ...pair("foo=bar", { foo: "bar" }));
    });
    await step("ownIdentity", async () => {
        await both("GET /Attributes/Own/Identity", "ownIdentity");
        await both("by value type", "ownIdentity", ...pair("content.value.@type=EMailAddress", { "content.value.@type": "EMailAddress" }));
        await both("unknown key", "ownIdentity", ...pair("peer=x", { peer: "x" }));
        await both("createdAt twice", "ownIdentity", ...pair("createdAt=a&createdAt=b", { createdAt: ["a", "b"] }));
    });
    const givenName = { ours: created.ours["GivenName.plain"].id, official: created.official["GivenName.plain"].id };
    await step("get", async () => {
        await bothIds("GET /Attributes/{id}", "get", givenName);
        await both("unknown id", "get", "ATTxxxxxxxxxxxxxxxxx");
        await both("malformed id", "get", "foo");
    });

    // --- succession --------------------------------------------------------------------------------
    const successorValue = { "@type": "GivenName", value: "Anne" };
    let successor;
    await step("succeed", async () => {
        const { ours, theirs } = await bothIds("Succeed", "succeed", givenName, { successorContent: { value: successorValue, tags: ["x:new"] } });
        expect(ours.status === 201, JSON.stringify(ours));
        successor = { ours: ours.result.successor.id, official: theirs.result.successor.id };
    });
    await step("succeed.errors", async () => {
        await bothIds("already succeeded", "succeed", givenName, { successorContent: { value: { "@type": "GivenName", value: "Anja" } } });
        await bothIds("same content", "succeed", successor, { successorContent: { value: successorValue, tags: ["x:new"] } });
        await bothIds("other value type", "succeed", successor, { successorContent: { value: { "@type": "Surname", value: "Anne" } } });
        await bothIds("invalid value", "succeed", successor, { successorContent: { value: { "@type": "GivenName", value: "x".repeat(101) } } });
        await bothIds("schema", "succeed", successor, { successorContent: { value: { "@type": "GivenName" } } });
        await bothIds("no successorContent", "succeed", successor, {});
        await bothIds("forbidden characters", "succeed", successor, { successorContent: { value: { "@type": "GivenName", value: "漢" } } });
        await bothIds("invalid tags", "succeed", successor, { successorContent: { value: { "@type": "GivenName", value: "Tagged" }, tags: ["nope"] } });
        await both("unknown predecessor", "succeed", "ATTxxxxxxxxxxxxxxxxx", { successorContent: { value: successorValue } });
    });
    await step("versions", async () => {
        const { ours } = await bothIds("GET Versions", "versions", successor);
        expect(ours.result.length === 2, JSON.stringify(ours));
        await bothIds("GET Versions of the predecessor", "versions", givenName);
        await both("unknown", "versions", "ATTxxxxxxxxxxxxxxxxx");
        await both("malformed", "versions", "foo");
    });
    await step("ownIdentity.versions", async () => {
        await both("latest only", "ownIdentity", ...pair("content.value.@type=GivenName", { "content.value.@type": "GivenName" }));
        await both("all versions", "ownIdentity", ...pair("onlyLatestVersions=false&content.value.@type=GivenName", { "content.value.@type": "GivenName" }, false));
    });

    // --- IdentityAttributeQuery ----------------------------------------------------------------------
    await step("executeIdentityAttributeQuery", async () => {
        await both("by type", "query", { query: { "@type": "IdentityAttributeQuery", valueType: "GivenName" } });
        await both("by type and tag", "query", { query: { "@type": "IdentityAttributeQuery", valueType: "GivenName", tags: ["x:new", "x:none"] } });
        await both("empty tags", "query", { query: { "@type": "IdentityAttributeQuery", valueType: "GivenName", tags: [] } });
        await both("unknown type", "query", { query: { "@type": "IdentityAttributeQuery", valueType: "Foo" } });
        await both("no query", "query", {});
    });

    await step("tagCollection", async () => {
        await both("GET /Attributes/TagCollection", "tags");
    });

    // --- deletion ------------------------------------------------------------------------------------
    await step("delete", async () => {
        const { ours } = await bothIds("DELETE successor", "remove", successor);
        expect(ours.status === 200 && JSON.stringify(ours.result) === '{"notificationIds":[]}', JSON.stringify(ours));
        await bothIds("predecessor gone too", "get", givenName);
        await bothIds("successor gone", "get", successor);
        await both("unknown", "remove", "ATTxxxxxxxxxxxxxxxxx");
        await both("malformed", "remove", "foo");
        await both("list after deletion", "list", ...pair("content.value.@type=GivenName", { "content.value.@type": "GivenName" }));
    });

    // --- the identity types newer than 7.0.0: unknown to the official runtime, ours decides by
    // runtime 7.5's rules. Run last, so the comparisons above see the same attributes on both sides.
    await step("newerTypes", async () => {
        const decisions = [];
        for (const c of cases.identity.filter((x) => x.newerThan700)) {
            const body = { content: { value: c.value } };
            const theirs = await side.official.create(body);
            expect(theirs.status === 400 && theirs.error.code === "error.runtime.validation.invalidPropertyValue", `${c.name} official: ${JSON.stringify(theirs)}`);
            const can = await side.ours.canCreate(body);
            const ours = await side.ours.create(body);
            expect(ownDecision(ours) === c.expect, `${c.name} ours: ${JSON.stringify(ours)} (expected ${c.expect})`);
            expect(can.status === 200 && can.result.isSuccess === (c.expect === "valid"), `${c.name} ours CanCreate: ${JSON.stringify(can)}`);
            if (ours.status === 201) {
                expect(JSON.stringify(ours.result.content.value) === JSON.stringify(Object.fromEntries(Object.entries(c.value).sort(([a], [b]) => (a < b ? -1 : 1)))), `${c.name} stored ${JSON.stringify(ours.result.content.value)}`);
                newerIds.add(ours.result.id);
            }
            decisions.push(`${c.name}=${ownDecision(ours)}`);
        }
        return decisions.join(" ");
    });


    // --- routes of attributes exchanged with peers (no such records exist here yet: what both
    // answer for empty results, unknown ids and invalid requests) ----------------------------------
    await step("peerRoutes", async () => {
        const somePeer = "did:e:localhost:dids:00000000000000000000a2";
        const ownId = { ours: created.ours["GivenName.trimmed"].id, official: created.official["GivenName.trimmed"].id };
        for (const [what, call] of [["Own/Shared", "ownShared"], ["Peer", "peerAttributes"]]) {
            await both(`${what} empty`, call, somePeer, "", {});
            await both(`${what} hideTechnical, all versions`, call, somePeer, "?hideTechnical=true&onlyLatestVersions=false", {}, true, false);
            await both(`${what} filtered`, call, somePeer, "?content.value.@type=GivenName", { "content.value.@type": "GivenName" });
            await both(`${what} bad peer`, call, "nobody", "", {});
            await both(`${what} unknown filter`, call, somePeer, "?foo=bar", { foo: "bar" });
            await both(`${what} repeated createdAt`, call, somePeer, "?createdAt=a&createdAt=b", { createdAt: ["a", "b"] });
        }
        await bothIds("ForwardingDetails of an own attribute", "forwardingDetails", ownId, "", {});
        await bothIds("ForwardingDetails filtered", "forwardingDetails", ownId, `?peer=${somePeer}`, { peer: somePeer });
        await bothIds("ForwardingDetails unknown filter", "forwardingDetails", ownId, "?attributeId=x", { attributeId: "x" });
        await both("ForwardingDetails unknown id", "forwardingDetails", "ATTxxxxxxxxxxxxxxxxx", "", {});
        await bothIds("Versions/Shared none", "versionsShared", ownId, `?peer=${somePeer}`, somePeer);
        await bothIds("Versions/Shared all", "versionsShared", ownId, `?peer=${somePeer}&onlyLatestVersions=false`, somePeer, false);
        await bothIds("Versions/Shared without peer", "versionsShared", ownId, "", undefined);
        await both("Versions/Shared unknown id", "versionsShared", "ATTxxxxxxxxxxxxxxxxx", `?peer=${somePeer}`, somePeer);
        await both("Versions/Shared bad id", "versionsShared", "foo", `?peer=${somePeer}`, somePeer);
        const hints = { title: "Customer", valueType: "ProprietaryString", confidentiality: "public" };
        await both("RelationshipAttributeQuery no match", "relationshipQuery", { query: { key: "customerId", owner: "", attributeCreationHints: hints } });
        await both("RelationshipAttributeQuery no match, owner given", "relationshipQuery", { query: { key: "customerId", owner: somePeer, attributeCreationHints: hints } });
        await both("ThirdPartyRelationshipAttributeQuery none", "thirdPartyQuery", { query: { key: "customerId", owner: "", thirdParty: [somePeer] } });
        await both("ThirdPartyRelationshipAttributeQuery recipient", "thirdPartyQuery", { query: { key: "customerId", owner: "recipient", thirdParty: [somePeer] } });
        return "compared";
    });

    // --- events ----------------------------------------------------------------------------------------
    await step("events", async () => {
        const expected = runtimeEvents.length + newerIds.size;
        const deadline = Date.now() + 10000;
        while (webhooks.filter((w) => w.trigger?.startsWith("consumption.attribute")).length < expected && Date.now() < deadline) {
            await new Promise((r) => setTimeout(r, 200));
        }
        // Our attributes of the newer types have no official counterpart.
        const oursList = webhooks.filter((w) => w.trigger?.startsWith("consumption.attribute") && !newerIds.has(w.data?.id)).map((w) => JSON.stringify(normalizeOurs({ trigger: w.trigger, data: w.data })));
        const theirList = runtimeEvents.map((e) => JSON.stringify(normalizeOfficial(e)));
        oursList.sort();
        theirList.sort();
        expect(oursList.length === theirList.length, `${oursList.length} events of ours, ${theirList.length} official`);
        for (let i = 0; i < oursList.length; i++) expect(oursList[i] === theirList[i], `event differs\n  ours:     ${oursList[i]}\n  official: ${theirList[i]}`);
        const byTrigger = {};
        for (const e of runtimeEvents) byTrigger[e.trigger] = (byTrigger[e.trigger] ?? 0) + 1;
        const ourCreated = webhooks.filter((w) => w.trigger === "consumption.attributeCreated" && newerIds.has(w.data?.id)).length;
        expect(ourCreated === newerIds.size, `${ourCreated} attributeCreated webhooks for the ${newerIds.size} attributes of newer types`);
        expect(byTrigger["consumption.attributeCreated"] > 50 && byTrigger["consumption.attributeSucceeded"] === 1 && byTrigger["consumption.attributeDeleted"] === 2, JSON.stringify(byTrigger));
        return JSON.stringify(byTrigger);
    });
}

// The REST query string for ours and the query object (plus onlyLatestVersions) for the runtime.
function pair(queryString, queryObject, onlyLatestVersions) {
    return [`?${queryString}`, queryObject, onlyLatestVersions];
}

// Calls `call` with the side's own id first (ids differ per side).
async function bothIds(what, call, ids, ...args) {
    const ours = await side.ours[call](ids.ours, ...args);
    const theirs = await side.official[call](ids.official, ...args);
    sameAnswer(what, ours, theirs);
    return { ours, theirs };
}

main()
    .catch((e) => step("main", () => Promise.reject(e)))
    .finally(async () => {
        receiver.close();
        if (peer) await peer.stop().catch(() => undefined);
        finish();
    });
