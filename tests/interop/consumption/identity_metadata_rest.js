// IdentityMetadata and the IQL routes of our connector over REST next to the official runtime
// 7.0.0's use cases (called the way the official Connector's IdentityMetadataController and
// AttributesController call them), both on our backbone. Every answer is compared: HTTP status
// (the official Connector's error mapping applied to the runtime's results), error code and
// message, result JSON after the own address and ids are replaced by placeholders.
//
//   node identity_metadata_rest.js <connectorUrl> <apiKey> <backboneUrl> <clientId> <clientSecret>
//
// Output: STEP lines (peer_common.js) and a SUMMARY line.
"use strict";
const { step, expect, finish } = require("../backbone/peer_common");
const { startPeer } = require("../backbone/runtime_peer");

const [connectorUrl, apiKey, backboneUrl, clientId, clientSecret] = process.argv.slice(2);

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

let peer;
function statusOf(code) {
    if (code === "error.runtime.recordNotFound" || code === "error.transport.recordNotFound") return 404;
    if (code.startsWith("error.platform.")) return 500;
    return 400;
}
async function official(fn, okStatus = 200) {
    const result = await fn();
    if (result.isError) return { status: statusOf(result.error.code), error: { code: result.error.code, message: result.error.message } };
    return { status: okStatus, result: okStatus === 204 ? undefined : result.value };
}

const query = (params) => {
    const entries = Object.entries(params).filter(([, v]) => v !== undefined);
    return entries.length ? "?" + entries.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join("&") : "";
};
const side = {
    ours: {
        upsert: (body) => rest("PUT", "/IdentityMetadata", body),
        get: (params) => rest("GET", `/IdentityMetadata${query(params)}`),
        remove: (params) => rest("DELETE", `/IdentityMetadata${query(params)}`),
        create: (body) => rest("POST", "/Attributes", body),
        execute: (body) => rest("POST", "/Attributes/ExecuteIQLQuery", body),
        validate: (body) => rest("POST", "/Attributes/ValidateIQLQuery", body)
    },
    official: {
        upsert: (body) => official(() => peer.services.consumptionServices.identityMetadata.upsertIdentityMetadata(body)),
        get: (params) => official(() => peer.services.consumptionServices.identityMetadata.getIdentityMetadata(params)),
        remove: (params) => official(() => peer.services.consumptionServices.identityMetadata.deleteIdentityMetadata(params), 204),
        create: (body) => official(() => peer.services.consumptionServices.attributes.createOwnIdentityAttribute(body), 201),
        execute: (body) => official(() => peer.services.consumptionServices.attributes.executeIQLQuery(body)),
        validate: (body) => official(() => peer.services.consumptionServices.attributes.validateIQLQuery(body))
    }
};

let self = { ours: "", official: "" };
function normalize(value, address) {
    return JSON.parse(
        JSON.stringify(value ?? null)
            .split(address)
            .join("<self>")
            .replace(/ATT[A-Za-z0-9]{17}/g, "<ATT>")
            .replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z/g, "<date>")
    );
}
// `make(address)` builds the argument for a side (the own address differs per side).
async function both(what, call, make) {
    const ours = await side.ours[call](make(self.ours));
    const theirs = await side.official[call](make(self.official));
    const o = JSON.stringify(normalize(ours, self.ours));
    const t = JSON.stringify(normalize(theirs, self.official));
    if (o !== t) throw new Error(`${what} differs\n  ours:     ${o}\n  official: ${t}`);
    return ours;
}

const stranger = "did:e:localhost:dids:0123456789abcdef012345";

async function main() {
    peer = await startPeer("metadata", { baseUrl: backboneUrl, clientId, clientSecret });
    self = { ours: (await rest("GET", "/Account/IdentityInfo")).result.address, official: peer.address };

    await step("identityMetadata.upsertGetDelete", async () => {
        let n = 0;
        for (const [body, label] of [
            [(a) => ({ reference: a, value: "plain" }), "string value"],
            [(a) => ({ reference: a, key: "k", value: { "@type": "X", "@version": "1", nested: [{ "@type": "Y" }], n: 1.5 } }), "object value"],
            [(a) => ({ reference: a, value: [1, true, null] }), "update without key"],
            [(a) => ({ reference: a, key: "", value: 0 }), "empty key"]
        ]) {
            await both(`PUT ${label}`, "upsert", body);
            n++;
        }
        for (const params of [(a) => ({ reference: a }), (a) => ({ reference: a, key: "k" }), (a) => ({ reference: a, key: "" }), (a) => ({ reference: a, key: "missing" })]) {
            await both(`GET ${JSON.stringify(params("<a>"))}`, "get", params);
        }
        await both("DELETE key k", "remove", (a) => ({ reference: a, key: "k" }));
        await both("GET deleted", "get", (a) => ({ reference: a, key: "k" }));
        await both("DELETE again", "remove", (a) => ({ reference: a, key: "k" }));
        return `${n} upserts, gets and deletes equal`;
    });

    await step("identityMetadata.errors", async () => {
        const bodies = [
            (a) => ({ reference: stranger, value: 1 }),
            (a) => ({ reference: a, value: null }),
            (a) => ({ value: 1 }),
            (a) => ({ reference: a }),
            (a) => ({ reference: a, value: 1, x: 1 }),
            (a) => ({ reference: "nope", value: 1 }),
            (a) => ({ reference: a, key: 5, value: 1 }),
            (a) => ({ reference: 5, value: 1 })
        ];
        for (const body of bodies) await both(`PUT ${JSON.stringify(body("<a>"))}`, "upsert", body);
        await both("GET without reference", "get", () => ({}));
        await both("GET bad reference", "get", () => ({ reference: "x" }));
        await both("DELETE unknown", "remove", (a) => ({ reference: a, key: "never" }));
        return `${bodies.length + 3} error answers equal`;
    });

    await step("iql", async () => {
        for (const content of [
            { value: { "@type": "GivenName", value: "Anna" }, tags: ["x:language:de"] },
            { value: { "@type": "Surname", value: "Muster" } },
            { value: { "@type": "StreetAddress", recipient: "Anna", street: "Main", houseNo: "1", zipCode: "12345", city: "Berlin", country: "DE" }, tags: ["delivery"] },
            { value: { "@type": "Nationality", value: "DE" } }
        ]) {
            await both("create", "create", () => ({ content }));
        }
        const bodies = [
            { query: { queryString: "GivenName" } },
            { query: { queryString: "StreetAddress && #delivery" } },
            { query: { queryString: "Nationality=DE" } },
            { query: { queryString: "GivenName || Surname" } },
            { query: { queryString: "#x:language:de" } },
            { query: { queryString: "!( GivenName || Surname )" } },
            { query: { queryString: "GivenName &&" } },
            { query: { queryString: "GivenName", attributeCreationHints: { valueType: "GivenName", tags: ["x:a"] } } },
            { query: { queryString: "GivenName", attributeCreationHints: { valueType: "Nope" } } },
            { query: {} },
            {}
        ];
        for (const body of bodies) await both(`ExecuteIQLQuery ${JSON.stringify(body)}`, "execute", () => body);
        const validations = [
            { query: { "@type": "IQLQuery", queryString: "GivenName" } },
            { query: { "@type": "IQLQuery", queryString: "(" } },
            { query: { queryString: "GivenName" } },
            { query: { "@type": "IQLQuery", queryString: 1 } }
        ];
        for (const body of validations) await both(`ValidateIQLQuery ${JSON.stringify(body)}`, "validate", () => body);
        return `${bodies.length} executions, ${validations.length} validations equal`;
    });
}

main()
    .catch((e) => step("main", () => Promise.reject(e)))
    .finally(async () => {
        if (peer) await peer.stop().catch(() => undefined);
        finish();
    });
