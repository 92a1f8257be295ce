// bench/consumption: the local attribute store of our connector and of the official runtime 7.0.0,
// the same work on both in one run.
//   node bench.js <connectorBin> <connectorConfig> <backboneUrl> <clientId> <clientSecret> <tmp> <attributes> <repetitions>
// Work: <attributes> own identity attributes are stored on each side (8 at once) — seven value
// types in turn (GivenName, Surname, EMailAddress, PhoneNumber, StreetAddress, JobTitle,
// BirthDate), every third with a tag "x:tag<k>", each value unique. Then each query runs
// <repetitions> times, one at a time, and its latency is recorded:
//   identityQuery   ExecuteIdentityAttributeQuery {valueType: "GivenName"}
//   listByType      GET /Attributes?content.value.@type=GivenName  (official: getAttributes)
//   iqlType         ExecuteIQLQuery "GivenName"
//   iqlCompound     ExecuteIQLQuery "( StreetAddress.country=DE && #x:tag3 ) || JobTitle=Job7"
//   iqlNegation     ExecuteIQLQuery "!#x:tag1 && EMailAddress"
// Ours is driven over REST (HTTP, JSON, API key included in its latency); the official runtime is
// called directly in this process (startPeer of tests/interop, in-memory LokiJS, no HTTP). Both
// sides must return the same number of attributes for each query.
"use strict";
const { spawn } = require("child_process");
const fs = require("fs");
const path = require("path");
const { startPeer, value } = require("../../tests/interop/backbone/runtime_peer");

const [connectorBin, connectorConfig, backboneUrl, clientId, clientSecret, tmp, nText, repText] = process.argv.slice(2);
const n = Number(nText);
const repetitions = Number(repText);
const apiKey = JSON.parse(fs.readFileSync(connectorConfig, "utf8")).infrastructure.httpServer.authentication.apiKey.keys.bench.key;
const now = () => Number(process.hrtime.bigint()) / 1e6;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const silentLogger = { getLogger: () => new Proxy({}, { get: () => () => {} }) };

let connector;
let connectorUrl;

function startConnector() {
    return new Promise((resolve, reject) => {
        connector = spawn(connectorBin, ["start", "--config", connectorConfig], { stdio: ["ignore", "pipe", fs.openSync(path.join(tmp, "connector.err"), "a")] });
        let buffer = "";
        connector.stdout.on("data", (chunk) => {
            buffer += chunk.toString();
            const m = buffer.match(/connector listening on (http:\/\/[^\s]+)/);
            if (m) resolve(m[1]);
        });
        connector.on("exit", (code) => reject(new Error(`connector exited with ${code}; see ${tmp}/connector.err`)));
    });
}

async function ours(method, p, body) {
    const init = { method, headers: { "X-API-KEY": apiKey } };
    if (body !== undefined) {
        init.headers["content-type"] = "application/json";
        init.body = JSON.stringify(body);
    }
    const r = await fetch(`${connectorUrl}/api/core/v1${p}`, init);
    const text = await r.text();
    if (r.status >= 300) throw new Error(`${method} ${p}: ${r.status} ${text.slice(0, 300)}`);
    return JSON.parse(text).result;
}

function valueOf(i) {
    const k = Math.floor(i / 7);
    switch (i % 7) {
        case 0: return { "@type": "GivenName", value: `Given${k}` };
        case 1: return { "@type": "Surname", value: `Surname${k}` };
        case 2: return { "@type": "EMailAddress", value: `user${k}@example.com` };
        case 3: return { "@type": "PhoneNumber", value: `+49 30 ${100000 + k}` };
        case 4: return { "@type": "StreetAddress", recipient: `Person ${k}`, street: "Main Street", houseNo: `${k}`, zipCode: "12345", city: "Berlin", country: k % 2 ? "DE" : "AT" };
        case 5: return { "@type": "JobTitle", value: `Job${k}` };
        default: return { "@type": "BirthDate", day: 1 + (k % 28), month: 1 + (Math.floor(k / 28) % 12), year: 1900 + Math.floor(k / 336) };
    }
}
const contentOf = (i) => (i % 3 === 0 ? { value: valueOf(i), tags: [`x:tag${i % 10}`] } : { value: valueOf(i) });

async function runLimited(count, limit, task) {
    let next = 0;
    await Promise.all(Array.from({ length: Math.min(limit, count) }, async () => {
        for (;;) {
            const i = next++;
            if (i >= count) return;
            await task(i);
        }
    }));
}

function percentile(values, p) {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function measure(fn) {
    const latencies = [];
    let count;
    for (let r = 0; r < repetitions; r++) {
        const t = now();
        const result = await fn();
        latencies.push(now() - t);
        count = result.length;
    }
    return { p50: percentile(latencies, 50), p99: percentile(latencies, 99), count };
}

async function main() {
    connectorUrl = await startConnector();
    for (;;) {
        const r = await fetch(`${connectorUrl}/health`).catch(() => undefined);
        if (r && r.status === 200) break;
        await sleep(5);
    }
    const peer = await startPeer("official", { baseUrl: backboneUrl, clientId, clientSecret, loggerFactory: silentLogger });
    const A = peer.services.consumptionServices.attributes;

    let t = now();
    await runLimited(n, 8, (i) => ours("POST", "/Attributes", { content: contentOf(i) }));
    const oursStore = now() - t;
    t = now();
    await runLimited(n, 8, async (i) => value(await A.createOwnIdentityAttribute({ content: contentOf(i) }), "create"));
    const officialStore = now() - t;

    const iql = (queryString) => ({ query: { queryString } });
    const queries = [
        ["identityQuery", () => ours("POST", "/Attributes/ExecuteIdentityAttributeQuery", { query: { valueType: "GivenName" } }),
            async () => value(await A.executeIdentityAttributeQuery({ query: { valueType: "GivenName" } }), "query")],
        ["listByType", () => ours("GET", "/Attributes?content.value.%40type=GivenName"),
            async () => value(await A.getAttributes({ query: { "content.value.@type": "GivenName" } }), "list")],
        ["iqlType", () => ours("POST", "/Attributes/ExecuteIQLQuery", iql("GivenName")),
            async () => value(await A.executeIQLQuery(iql("GivenName")), "iql")],
        ["iqlCompound", () => ours("POST", "/Attributes/ExecuteIQLQuery", iql("( StreetAddress.country=DE && #x:tag3 ) || JobTitle=Job7")),
            async () => value(await A.executeIQLQuery(iql("( StreetAddress.country=DE && #x:tag3 ) || JobTitle=Job7")), "iql")],
        ["iqlNegation", () => ours("POST", "/Attributes/ExecuteIQLQuery", iql("!#x:tag1 && EMailAddress")),
            async () => value(await A.executeIQLQuery(iql("!#x:tag1 && EMailAddress")), "iql")]
    ];
    const f = (x) => x.toFixed(1).padStart(8);
    const lines = [`bench/consumption: ${n} own identity attributes, ${repetitions} runs per query (latency ms; ratio = official / ours)`,
        `store ${n}: ours ${(oursStore / 1000).toFixed(1)} s (${(n / (oursStore / 1000)).toFixed(0)}/s), official ${(officialStore / 1000).toFixed(1)} s (${(n / (officialStore / 1000)).toFixed(0)}/s)`,
        "  (ours: over HTTP, each create one SQLite transaction committed and flushed to disk (WAL, group commit);",
        "   official: called in-process, LokiJS in memory, nothing written to disk)",
        "query          results   ours p50  ours p99  off. p50  off. p99  ratio p50  ratio p99"];
    let mismatch = false;
    for (const [name, oursFn, officialFn] of queries) {
        const o = await measure(oursFn);
        const x = await measure(officialFn);
        if (o.count !== x.count) mismatch = true;
        lines.push(`${name.padEnd(14)} ${String(o.count).padStart(5)}${o.count === x.count ? " " : "!"}${String(x.count).padStart(5)} ${f(o.p50)}  ${f(o.p99)}  ${f(x.p50)}  ${f(x.p99)}  ${(x.p50 / o.p50).toFixed(1).padStart(8)}x ${(x.p99 / o.p99).toFixed(1).padStart(8)}x`);
    }
    console.log(lines.join("\n"));
    await peer.stop();
    if (mismatch) throw new Error("the two sides returned different numbers of attributes");
}

main()
    .catch((e) => {
        console.error(e);
        process.exitCode = 1;
    })
    .finally(() => {
        if (connector && connector.exitCode === null) connector.kill("SIGTERM");
    });
