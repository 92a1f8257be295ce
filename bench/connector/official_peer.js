// The official side of bench/connector: an @nmshd/runtime 7.0.0 runtime (what the official
// Connector runs inside) in a process of its own, so its memory can be measured like ours. It keeps
// its LokiJS database in <folder>, so a second start measures a start on an existing database.
//
//   node official_peer.js <backboneUrl> <clientId> <clientSecret> <folder>
//
// Prints "READY <port>" when its command server listens on 127.0.0.1:<port>. Commands (JSON
// answers) are driven by bench.js:
//   GET  /address                          {address}
//   POST /loadTemplate {reference}         loads a template and requests a relationship {relationshipId}
//   POST /send {to, n, bytes, concurrency} uploads a file and sends a message with it, n times
//                                          {seconds, latenciesMs}
//   POST /receive {from, after, n, concurrency}  syncs until after+n messages from `from` are there,
//                                          downloads the attachments of the n newest {seconds, syncs, bytes}
//   POST /sync                             one syncEverything
// The time of a command is measured here, around the runtime calls, so the command channel does
// not count against the official side.
const http = require("http");
const { startPeer, value } = require("../../tests/interop/backbone/runtime_peer");

const [backboneUrl, clientId, clientSecret, folder] = process.argv.slice(2);
const silentLogger = { getLogger: () => new Proxy({}, { get: () => () => {} }) };

function inOneHour() {
    return new Date(Date.now() + 3600 * 1000).toISOString();
}

async function runLimited(n, concurrency, task) {
    let next = 0;
    const workers = Array.from({ length: Math.min(concurrency, n) }, async () => {
        for (;;) {
            const i = next++;
            if (i >= n) return;
            await task(i);
        }
    });
    await Promise.all(workers);
}

async function main() {
    const peer = await startPeer("official", { baseUrl: backboneUrl, clientId, clientSecret, folder, loggerFactory: silentLogger });
    const T = peer.transport;

    const commands = {
        "GET /address": async () => ({ address: peer.address }),
        "POST /sync": async () => {
            value(await T.account.syncEverything(), "sync");
            return {};
        },
        "POST /loadTemplate": async ({ reference }) => {
            const template = value(await T.relationshipTemplates.loadPeerRelationshipTemplate({ reference }), "load template");
            const rel = value(
                await T.relationships.createRelationship({
                    templateId: template.id,
                    creationContent: { "@type": "ArbitraryRelationshipCreationContent", value: {} }
                }),
                "create relationship"
            );
            return { relationshipId: rel.id };
        },
        "POST /send": async ({ to, n, bytes, concurrency }) => {
            const payload = Buffer.alloc(bytes, 0x5a);
            const latencies = [];
            const started = process.hrtime.bigint();
            await runLimited(n, concurrency, async (i) => {
                const t0 = process.hrtime.bigint();
                const file = value(
                    await T.files.uploadOwnFile({ content: payload, filename: `o${i}.bin`, mimetype: "application/octet-stream", expiresAt: inOneHour() }),
                    "upload"
                );
                value(
                    await T.messages.sendMessage({
                        recipients: [to],
                        content: { "@type": "Mail", to: [to], subject: `official ${i}`, body: "bench" },
                        attachments: [file.id]
                    }),
                    "send"
                );
                latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
            });
            return { seconds: Number(process.hrtime.bigint() - started) / 1e9, latenciesMs: latencies };
        },
        "POST /receive": async ({ from, after = 0, n, concurrency = 1 }) => {
            const started = process.hrtime.bigint();
            let syncs = 0;
            let messages = [];
            for (;;) {
                value(await T.account.syncEverything(), "sync");
                syncs++;
                messages = value(await T.messages.getMessages({ query: { createdBy: from } }), "getMessages");
                if (messages.length >= after + n) break;
                if (Number(process.hrtime.bigint() - started) / 1e9 > 600) throw new Error(`only ${messages.length} of ${after + n} messages arrived`);
            }
            messages.sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0));
            messages = messages.slice(after);
            let total = 0;
            await runLimited(messages.length, concurrency, async (i) => {
                const m = messages[i];
                for (const a of m.attachments) {
                    const d = value(await T.messages.downloadAttachment({ id: m.id, attachmentId: a.id ?? a }), "download");
                    total += d.content.length;
                }
            });
            return { seconds: Number(process.hrtime.bigint() - started) / 1e9, syncs, bytes: total, messages: messages.length };
        }
    };

    const server = http.createServer((req, res) => {
        let body = "";
        req.on("data", (c) => (body += c));
        req.on("end", async () => {
            const command = commands[`${req.method} ${req.url}`];
            try {
                if (!command) throw new Error(`unknown command ${req.method} ${req.url}`);
                const answer = await command(body ? JSON.parse(body) : {});
                res.writeHead(200, { "content-type": "application/json" });
                res.end(JSON.stringify(answer));
            } catch (e) {
                res.writeHead(500, { "content-type": "application/json" });
                res.end(JSON.stringify({ error: String(e && (e.stack || e.message || e)) }));
            }
        });
    });
    server.listen(0, "127.0.0.1", () => console.log(`READY ${server.address().port}`));
    const stop = async () => {
        server.close();
        await peer.save().catch(() => {});
        await peer.stop().catch(() => {});
        process.exit(0);
    };
    process.on("SIGTERM", stop);
    process.on("SIGINT", stop);
}

main().catch((e) => {
    console.error(e);
    process.exit(1);
});
