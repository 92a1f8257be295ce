// bench/connector: our connector and an official @nmshd/runtime 7.0.0 runtime do the same work
// through the same backbone in the same run, and the ratios are printed. Started by run.sh:
//
//   node bench.js <connectorBin> <connectorConfig> <backboneUrl> <clientId> <clientSecret> <tmpDir> <n> <bytes> <concurrency> <backbonePid>
//
// Work, per side: upload a file of <bytes> and send a message with it as attachment, n times
// (<concurrency> at once); receive the other side's n messages (sync until all are there) and
// download every attachment. Ours is driven over its REST API (two requests per message); the
// official runtime is called directly in its own process (official_peer.js), so the HTTP layer
// only ever counts against us.
// Memory: VmRSS after setup, idle (no requests for 2 s) and VmHWM (peak) at the end, of each
// process. Start: ours from spawn to the first 200 of GET /health on its existing database; the
// official runtime from spawn to a started runtime on its existing LokiJS database (it has no
// HTTP server, so this is a lower bound of the official Connector's time to healthy).
const fs = require("fs");
const path = require("path");
const { spawn } = require("child_process");
const http = require("http");

const [connectorBin, connectorConfig, backboneUrl, clientId, clientSecret, tmp, nText, bytesText, concurrencyText, backbonePidText] = process.argv.slice(2);
const n = Number(nText);
const bytes = Number(bytesText);
const concurrency = Number(concurrencyText);
const apiKey = JSON.parse(fs.readFileSync(connectorConfig, "utf8")).infrastructure.httpServer.authentication.apiKey.keys.bench.key;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const now = () => Number(process.hrtime.bigint()) / 1e6;

// CPU time (user + system) a process has used so far, in ms; the driver's own via process.cpuUsage.
function cpuMsOf(pid) {
    if (pid === undefined) {
        const u = process.cpuUsage();
        return (u.user + u.system) / 1000;
    }
    const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
}
const ticksPerSecond = 100; // USER_HZ on Linux

function memoryOf(pid) {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = (key) => Number((status.match(new RegExp(`^${key}:\\s+(\\d+) kB`, "m")) || [])[1]) * 1024;
    // RssAnon: the process's own memory, without the pages of mapped libraries (which RSS counts)
    return { rss: kb("VmRSS"), peak: kb("VmHWM"), anon: kb("RssAnon") };
}

// Every process this script started, so a failed run leaves none behind.
const children = new Set();
process.on("exit", () => {
    for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
});

// Spawns a process and resolves when a line of its stdout matches `ready` (returns the match).
function spawnUntil(cmd, args, ready, logName, options = {}) {
    return new Promise((resolve, reject) => {
        const started = now();
        const child = spawn(cmd, args, { stdio: ["ignore", "pipe", fs.openSync(path.join(tmp, `${logName}.err`), "a")], ...options });
        children.add(child);
        let buffer = "";
        child.stdout.on("data", (chunk) => {
            buffer += chunk.toString();
            const m = buffer.match(ready);
            if (m) resolve({ child, match: m, ms: now() - started });
        });
        child.on("exit", (code) => reject(new Error(`${logName} exited with ${code} before it was ready; see ${tmp}/${logName}.err`)));
    });
}

function stopProcess(child) {
    return new Promise((resolve) => {
        if (child.exitCode !== null) return resolve(child.exitCode);
        child.removeAllListeners("exit");
        child.on("exit", (code) => resolve(code));
        child.kill("SIGTERM");
    });
}

// The driver's calls to our connector go through node:http with one keep-alive agent and
// pre-encoded bodies: the driver shares the machine's cores with what it measures, and Node's
// fetch (WHATWG streams, FormData encoding) cost about as much CPU per message as our connector
// itself, which counted against us. Its CPU time is printed with the others'.
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

function request(method, url, body, headers = {}) {
    return new Promise((resolve, reject) => {
        const req = http.request(url, { method, headers, agent }, (res) => {
            const chunks = [];
            res.on("data", (c) => chunks.push(c));
            res.on("end", () => resolve({ status: res.statusCode, body: Buffer.concat(chunks) }));
            res.on("error", reject);
        });
        req.on("error", reject);
        req.end(body);
    });
}

async function json(method, url, body, headers = {}) {
    headers = { ...headers };
    let payload;
    if (body instanceof Multipart) {
        headers["content-type"] = body.contentType;
        payload = body.bytes;
    } else if (body !== undefined) {
        headers["content-type"] = "application/json";
        payload = Buffer.from(JSON.stringify(body));
    }
    if (payload) headers["content-length"] = payload.length;
    const r = await request(method, url, payload, headers);
    const text = r.body.toString("utf8");
    const parsed = text ? JSON.parse(text) : undefined;
    if (r.status >= 300) throw new Error(`${method} ${url}: ${r.status} ${text.slice(0, 500)}`);
    return parsed;
}

// A multipart/form-data body (RFC 7578) of text fields and one file.
class Multipart {
    constructor(fields, file) {
        const boundary = `----bench${Math.random().toString(16).slice(2)}`;
        const parts = [];
        for (const [name, value] of Object.entries(fields)) {
            parts.push(Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
        }
        parts.push(
            Buffer.from(
                `--${boundary}\r\ncontent-disposition: form-data; name="${file.field}"; filename="${file.filename}"\r\n` +
                    `content-type: ${file.type}\r\n\r\n`
            ),
            file.bytes,
            Buffer.from(`\r\n--${boundary}--\r\n`)
        );
        this.contentType = `multipart/form-data; boundary=${boundary}`;
        this.bytes = Buffer.concat(parts);
    }
}

let connectorUrl;
const ours = (method, p, body) => json(method, `${connectorUrl}/api/core/v1${p}`, body, { "X-API-KEY": apiKey }).then((r) => r && r.result);
let officialUrl;
const official = (method, p, body) => json(method, `${officialUrl}${p}`, body);

async function startConnector() {
    const started = now();
    const { child, match } = await spawnUntil(connectorBin, ["start", "--config", connectorConfig], /connector listening on (http:\/\/[^\s]+)/, "connector");
    connectorUrl = match[1];
    for (;;) {
        const r = await fetch(`${connectorUrl}/health`).catch(() => undefined);
        if (r && r.status === 200) break;
        if (now() - started > 60000) throw new Error("our connector did not get healthy within 60 s");
        await sleep(2);
    }
    return { child, msToHealthy: now() - started };
}

async function startOfficial() {
    const { child, match, ms } = await spawnUntil(
        process.execPath,
        [path.join(__dirname, "official_peer.js"), backboneUrl, clientId, clientSecret, path.join(tmp, "official")],
        /READY (\d+)/,
        "official"
    );
    officialUrl = `http://127.0.0.1:${match[1]}`;
    return { child, msToReady: ms };
}

async function runLimited(count, limit, task) {
    let next = 0;
    await Promise.all(
        Array.from({ length: Math.min(limit, count) }, async () => {
            for (;;) {
                const i = next++;
                if (i >= count) return;
                await task(i);
            }
        })
    );
}

async function oursSend(to, count) {
    const payload = Buffer.alloc(bytes, 0x5a);
    const latencies = [];
    const started = now();
    await runLimited(count, concurrency, async (i) => {
        const t0 = now();
        const form = new Multipart(
            { expiresAt: new Date(Date.now() + 3600 * 1000).toISOString() },
            { field: "file", filename: `c${i}.bin`, type: "application/octet-stream", bytes: payload }
        );
        const file = await ours("POST", "/Files/Own", form);
        await ours("POST", "/Messages", {
            recipients: [to],
            content: { "@type": "Mail", to: [to], subject: `ours ${i}`, body: "bench" },
            attachments: [file.id]
        });
        latencies.push(now() - t0);
    });
    return { seconds: (now() - started) / 1000, latenciesMs: latencies };
}

// Syncs until `after + count` messages from `from` are there, then downloads the attachments of
// the `count` new ones.
async function oursReceive(from, after, count) {
    const started = now();
    let syncs = 0;
    let messages = [];
    for (;;) {
        await ours("POST", "/Account/Sync", {});
        syncs++;
        messages = await ours("GET", `/Messages?createdBy=${encodeURIComponent(from)}`);
        if (messages.length >= after + count) break;
        if (now() - started > 600000) throw new Error(`only ${messages.length} of ${after + count} messages arrived`);
    }
    const seen = new Set();
    messages = messages.filter((m) => !seen.has(m.id) && seen.add(m.id));
    messages.sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0));
    messages = messages.slice(after);
    let total = 0;
    await runLimited(messages.length, concurrency, async (i) => {
        const m = messages[i];
        for (const a of m.attachments) {
            const r = await request("GET", `${connectorUrl}/api/core/v1/Messages/${m.id}/Attachments/${a.id ?? a}/Download`, undefined, { "X-API-KEY": apiKey });
            if (r.status !== 200) throw new Error(`attachment download: ${r.status}`);
            total += r.body.length;
        }
    });
    return { seconds: (now() - started) / 1000, syncs, bytes: total, messages: messages.length };
}

function percentile(values, p) {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function main() {
    let connector = await startConnector();
    let peer = await startOfficial();
    const ourAddress = (await ours("GET", "/Account/IdentityInfo")).address;
    const officialAddress = (await official("GET", "/address")).address;

    // A relationship between the two: our template, requested by the official runtime, accepted by us.
    const template = await ours("POST", "/RelationshipTemplates/Own", {
        content: { "@type": "ArbitraryRelationshipTemplateContent", value: { bench: true } },
        expiresAt: new Date(Date.now() + 3600 * 1000).toISOString()
    });
    const { relationshipId } = await official("POST", "/loadTemplate", { reference: template.reference.truncated });
    await ours("POST", "/Account/Sync", {});
    await ours("PUT", `/Relationships/${relationshipId}/Accept`, {});
    await official("POST", "/sync", {});

    // Warm-up both ways, then idle memory.
    const warm = Math.min(5, n);
    await oursSend(officialAddress, warm);
    await official("POST", "/receive", { from: ourAddress, after: 0, n: warm, concurrency });
    await official("POST", "/send", { to: ourAddress, n: warm, bytes, concurrency });
    await oursReceive(officialAddress, 0, warm);
    await sleep(2000);
    const idleOurs = memoryOf(connector.child.pid);
    const idleOfficial = memoryOf(peer.child.pid);
    const idle = { ours: idleOurs.rss, official: idleOfficial.rss };
    const idleAnon = { ours: idleOurs.anon, official: idleOfficial.anon };

    // The Backbone refuses a 21st message a recipient has not fetched yet (the official limit of 20
    // unreceived messages per sender), so the work goes in rounds of at most 20 each way; each
    // phase's time is summed over the rounds.
    const batch = 20;
    const result = {
        oursSend: { seconds: 0, latenciesMs: [] },
        officialSend: { seconds: 0, latenciesMs: [] },
        oursReceive: { seconds: 0, syncs: 0, bytes: 0 },
        officialReceive: { seconds: 0, syncs: 0, bytes: 0 }
    };
    // CPU used during each side's phases (its send, then its receive of the other's messages), by
    // every process involved: its own process, the backbone, and (for ours) the driver's HTTP calls.
    const processes = () => ({ connector: connector.child.pid, official: peer.child.pid, backbone: Number(backbonePidText), driver: undefined });
    const cpu = { ours: {}, official: {} };
    const timed = async (side, work) => {
        const before = Object.fromEntries(Object.entries(processes()).map(([k, pid]) => [k, cpuMsOf(pid)]));
        const out = await work();
        for (const [k, pid] of Object.entries(processes())) cpu[side][k] = (cpu[side][k] ?? 0) + cpuMsOf(pid) - before[k];
        return out;
    };
    const add = (total, part) => {
        total.seconds += part.seconds;
        if (part.latenciesMs) total.latenciesMs.push(...part.latenciesMs);
        if (part.syncs !== undefined) total.syncs += part.syncs;
        if (part.bytes !== undefined) total.bytes += part.bytes;
    };
    for (let done = 0; done < n; done += batch) {
        const count = Math.min(batch, n - done);
        add(result.oursSend, await timed("ours", () => oursSend(officialAddress, count)));
        add(result.officialReceive, await timed("official", () => official("POST", "/receive", { from: ourAddress, after: warm + done, n: count, concurrency })));
        add(result.officialSend, await timed("official", () => official("POST", "/send", { to: ourAddress, n: count, bytes, concurrency })));
        add(result.oursReceive, await timed("ours", () => oursReceive(officialAddress, warm + done, count)));
    }
    const peak = { ours: memoryOf(connector.child.pid).peak, official: memoryOf(peer.child.pid).peak };
    if (result.oursReceive.bytes !== n * bytes) throw new Error(`we downloaded ${result.oursReceive.bytes} bytes, expected ${n * bytes}`);
    if (result.officialReceive.bytes !== n * bytes) throw new Error(`the official runtime downloaded ${result.officialReceive.bytes} bytes`);

    // Start on the existing database, three times each; the median counts.
    const starts = { ours: [], official: [] };
    for (let i = 0; i < 3; i++) {
        const code = await stopProcess(connector.child);
        if (code !== 0) throw new Error(`our connector exited with ${code} on SIGTERM`);
        connector = await startConnector();
        starts.ours.push(connector.msToHealthy);
        await stopProcess(peer.child);
        peer = await startOfficial();
        starts.official.push(peer.msToReady);
    }
    await stopProcess(connector.child);
    await stopProcess(peer.child);

    const med = (a) => percentile(a, 50);
    const rate = (r, count) => count / r.seconds;
    const mib = (b) => (b / 1048576).toFixed(1);
    const lines = [];
    lines.push(`connector bench: ${n} messages each way, ${bytes}-byte attachment each, concurrency ${concurrency}, ${require("os").cpus().length} CPUs`);
    lines.push("");
    const rows = [["measure", "ours", "official runtime", "ratio", "target"]];
    const sendRatio = rate(result.oursSend, n) / rate(result.officialSend, n);
    const receiveRatio = rate(result.oursReceive, n) / rate(result.officialReceive, n);
    rows.push(["send msg+file /s", rate(result.oursSend, n).toFixed(1), rate(result.officialSend, n).toFixed(1), `${sendRatio.toFixed(2)}x`, ">= 10x"]);
    rows.push(["receive msg+file /s", rate(result.oursReceive, n).toFixed(1), rate(result.officialReceive, n).toFixed(1), `${receiveRatio.toFixed(2)}x`, ">= 10x"]);
    for (const p of [50, 90, 99]) {
        const o = percentile(result.oursSend.latenciesMs, p);
        const f = percentile(result.officialSend.latenciesMs, p);
        rows.push([`send latency p${p} ms`, o.toFixed(1), f.toFixed(1), `${(f / o).toFixed(2)}x faster`, ""]);
    }
    // Ours sends and receives through the connector; the official side in its runtime process.
    const perMessage = (ms) => ms / (2 * n);
    const oursCpu = perMessage(cpu.ours.connector), officialCpu = perMessage(cpu.official.official);
    rows.push(["CPU ms per message sent+received", oursCpu.toFixed(2), officialCpu.toFixed(2), `${(officialCpu / oursCpu).toFixed(2)}x less`, ""]);
    rows.push(["idle RSS MiB", mib(idle.ours), mib(idle.official), `${(idle.ours / idle.official).toFixed(3)}`, "<= 0.1"]);
    rows.push(["  of it anonymous MiB", mib(idleAnon.ours), mib(idleAnon.official), `${(idleAnon.ours / idleAnon.official).toFixed(3)}`, ""]);
    rows.push(["peak RSS MiB", mib(peak.ours), mib(peak.official), `${(peak.ours / peak.official).toFixed(3)}`, ""]);
    rows.push(["start to ready ms (median of 3)", med(starts.ours).toFixed(0), med(starts.official).toFixed(0), `${(med(starts.official) / med(starts.ours)).toFixed(1)}x faster`, "ours <= 100"]);
    const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
    for (const r of rows) lines.push(r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  "));
    lines.push("");
    const share = (side) => ["connector", "official", "backbone", "driver"].map((k) => `${k} ${(cpu[side][k] / 1000).toFixed(2)} s`).join(", ");
    lines.push(`CPU during our phases: ${share("ours")}; during the official phases: ${share("official")} (the machine has ${require("os").cpus().length} CPUs; the 'driver' is this script's HTTP calls to our connector)`);
    lines.push(`receive: ours ${result.oursReceive.syncs} sync call(s), official ${result.officialReceive.syncs}; start: ours = spawn to GET /health 200, official = spawn to a started runtime`);
    const verdict = (ok) => (ok ? "met" : "NOT met");
    lines.push(`targets: throughput >= 10x: send ${verdict(sendRatio >= 10)}, receive ${verdict(receiveRatio >= 10)}; ` +
        `idle memory <= 1/10: ${verdict(idle.ours <= idle.official / 10)}; healthy within 100 ms: ${verdict(med(starts.ours) <= 100)}`);
    console.log(lines.join("\n"));
}

main().catch((e) => {
    console.error(e && (e.stack || e));
    process.exit(1);
});
