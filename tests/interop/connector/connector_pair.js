// Two of our C++ connectors on our backbone, both driven only over their REST APIs (/api/core/v1):
// the same transport flows connector_flow.js runs against the official runtime. Started by
// connector_pair_interop_test.cpp:
//
//   node connector_pair.js <connectorAUrl> <connectorBUrl> <apiKey> <webhookPortA> <webhookPortB>
//
// A offers a template (and a token for it); B loads it by the token's truncated reference, asks
// for a relationship; A accepts; messages with binary attachments both ways (bytes compared);
// files by reference and by token; terminate, reactivation rejected and accepted, decompose from
// both sides. Each connector posts every event to its own webhook receiver; at the end the script
// checks the messages and relationship events arrived exactly once on each side.
const http = require("http");
const { step, expect, finish } = require("../backbone/peer_common");
const { inOneHour } = require("../backbone/runtime_peer");

const [urlA, urlB, apiKey, webhookPortA, webhookPortB] = process.argv.slice(2);

function receiver(port) {
    const received = [];
    const server = http.createServer((req, res) => {
        let body = "";
        req.on("data", (c) => (body += c));
        req.on("end", () => {
            try {
                received.push(JSON.parse(body));
            } catch (e) {
                received.push({ invalid: body });
            }
            res.writeHead(200);
            res.end();
        });
    });
    return { received, listen: () => new Promise((resolve) => server.listen(Number(port), "127.0.0.1", resolve)), close: () => server.close() };
}

function client(baseUrl) {
    async function rest(method, path, body, { raw } = {}) {
        const headers = { "X-API-KEY": apiKey };
        let payload;
        if (body instanceof FormData) payload = body;
        else if (body !== undefined) {
            headers["content-type"] = "application/json";
            payload = JSON.stringify(body);
        }
        const response = await fetch(`${baseUrl}/api/core/v1${path}`, { method, headers, body: payload });
        if (raw) return { status: response.status, bytes: Buffer.from(await response.arrayBuffer()) };
        const text = await response.text();
        return { status: response.status, json: text ? JSON.parse(text) : undefined };
    }
    async function ok(method, path, body, expectedStatus) {
        const r = await rest(method, path, body);
        const expected = expectedStatus ?? (method === "POST" ? 201 : 200);
        expect(r.status === expected, `${baseUrl} ${method} ${path}: status ${r.status} (expected ${expected}) ${JSON.stringify(r.json)}`);
        return r.json?.result;
    }
    const sync = () => ok("POST", "/Account/Sync", {}, 204);
    const upload = async (bytes, filename) => {
        const form = new FormData();
        form.append("file", new Blob([bytes], { type: "application/octet-stream" }), filename);
        form.append("expiresAt", inOneHour());
        form.append("title", filename);
        return ok("POST", "/Files/Own", form);
    };
    const relationshipStatus = async (id) => {
        await sync();
        return (await ok("GET", `/Relationships/${id}`)).status;
    };
    return { rest, ok, sync, upload, relationshipStatus };
}

async function main() {
    const hooksA = receiver(webhookPortA);
    const hooksB = receiver(webhookPortB);
    await hooksA.listen();
    await hooksB.listen();
    const A = client(urlA);
    const B = client(urlB);

    let addressA, addressB;
    await step("identities", async () => {
        addressA = (await A.ok("GET", "/Account/IdentityInfo")).address;
        addressB = (await B.ok("GET", "/Account/IdentityInfo")).address;
        expect(addressA !== addressB && addressA.startsWith("did:e:localhost:dids:"), `${addressA} ${addressB}`);
    }, { fatal: true });

    let template, token;
    await step("template.createdByA", async () => {
        template = await A.ok("POST", "/RelationshipTemplates/Own", {
            content: { "@type": "ArbitraryRelationshipTemplateContent", value: { offer: "from A" } },
            expiresAt: inOneHour(),
            maxNumberOfAllocations: 2
        });
        token = await A.ok("POST", `/RelationshipTemplates/Own/${template.id}/Token`, {});
        expect(token.id.startsWith("TOK") && token.reference.truncated, JSON.stringify(token));
    }, { fatal: true });
    await step("template.loadedByBViaToken", async () => {
        const loaded = await B.ok("POST", "/RelationshipTemplates/Peer", { reference: token.reference.truncated });
        expect(loaded.id === template.id && loaded.isOwn === false && loaded.createdBy === addressA, JSON.stringify(loaded));
        expect(loaded.content.value.offer === "from A", JSON.stringify(loaded.content));
        const again = await B.ok("POST", "/RelationshipTemplates/Peer", { reference: template.reference.url });
        expect(again.id === template.id, "loaded again by URL");
    }, { fatal: true });

    let relationshipId;
    await step("relationship.BRequestsAAccepts", async () => {
        const can = await B.ok("PUT", "/Relationships/CanCreate", { templateId: template.id });
        expect(can.isSuccess === true, JSON.stringify(can));
        const rel = await B.ok("POST", "/Relationships", {
            templateId: template.id,
            creationContent: { "@type": "ArbitraryRelationshipCreationContent", value: { hello: "from B" } }
        });
        relationshipId = rel.id;
        expect(rel.status === "Pending" && rel.peer === addressA, JSON.stringify(rel));
        await A.sync();
        const pending = await A.ok("GET", `/Relationships/${relationshipId}`);
        expect(pending.status === "Pending" && pending.peer === addressB, `A sees ${pending.status}`);
        expect(pending.creationContent.value.hello === "from B", JSON.stringify(pending.creationContent));
        const accepted = await A.ok("PUT", `/Relationships/${relationshipId}/Accept`, {});
        expect(accepted.status === "Active", accepted.status);
        const s = await B.relationshipStatus(relationshipId);
        expect(s === "Active", `B sees ${s}`);
    }, { fatal: true });

    const bytesA = Buffer.from([0, 255, 1, 254, 0, 0, 13, 10, 65]);
    const bytesB = Buffer.concat([Buffer.from("from B: "), Buffer.alloc(70000, 7)]);
    let messageAB, messageBA;
    await step("message.AToBWithAttachment", async () => {
        const file = await A.upload(bytesA, "a.bin");
        messageAB = await A.ok("POST", "/Messages", {
            recipients: [addressB],
            content: { "@type": "Mail", to: [addressB], subject: "A to B", body: "attached" },
            attachments: [file.id]
        });
        await B.sync();
        const m = await B.ok("GET", `/Messages/${messageAB.id}`);
        expect(m.isOwn === false && m.createdBy === addressA && m.content.subject === "A to B", JSON.stringify(m));
        const d = await B.rest("GET", `/Messages/${messageAB.id}/Attachments/${file.id}/Download`, undefined, { raw: true });
        expect(d.status === 200 && d.bytes.equals(bytesA), `B downloads ${d.status} ${d.bytes.toString("hex")}`);
    });
    await step("message.BToAWithAttachment", async () => {
        const file = await B.upload(bytesB, "b.bin");
        messageBA = await B.ok("POST", "/Messages", {
            recipients: [addressA],
            content: { "@type": "Mail", to: [addressA], subject: "B to A", body: "attached too" },
            attachments: [file.id]
        });
        await A.sync();
        const m = await A.ok("GET", `/Messages/${messageBA.id}`);
        expect(m.createdBy === addressB && m.attachments.length === 1, JSON.stringify(m));
        const d = await A.rest("GET", `/Files/${file.id}/Download`, undefined, { raw: true });
        expect(d.status === 200 && d.bytes.equals(bytesB), `A downloads ${d.status}, ${d.bytes.length} bytes`);
    });
    await step("file.BLoadsAFileByReference", async () => {
        const file = await A.upload(Buffer.from("by reference"), "ref.txt");
        const loaded = await B.ok("POST", "/Files/Peer", { reference: file.reference.truncated });
        expect(loaded.id === file.id && loaded.isOwn === false && loaded.filename === "ref.txt", JSON.stringify(loaded));
        const d = await B.rest("GET", `/Files/${file.id}/Download`, undefined, { raw: true });
        expect(d.status === 200 && d.bytes.toString() === "by reference", "bytes");
    });
    await step("file.ALoadsBFileByToken", async () => {
        const file = await B.upload(Buffer.from("by token"), "tok.txt");
        const fileToken = await B.ok("POST", `/Files/${file.id}/Token`, { expiresAt: inOneHour() });
        const loaded = await A.ok("POST", "/Files/Peer", { reference: fileToken.reference.truncated });
        expect(loaded.id === file.id && loaded.isOwn === false, JSON.stringify(loaded));
        const d = await A.rest("GET", `/Files/${file.id}/Download`, undefined, { raw: true });
        expect(d.status === 200 && d.bytes.toString() === "by token", "bytes");
    });

    await step("relationship.ATerminates", async () => {
        expect((await A.ok("PUT", `/Relationships/${relationshipId}/Terminate`, {})).status === "Terminated", "A terminated");
        const s = await B.relationshipStatus(relationshipId);
        expect(s === "Terminated", `B sees ${s}`);
        const blocked = await A.rest("POST", "/Messages", {
            recipients: [addressB],
            content: { "@type": "Mail", to: [addressB], subject: "no", body: "terminated" }
        });
        expect(blocked.status >= 400 && blocked.json?.error?.code, `message while terminated: ${blocked.status} ${JSON.stringify(blocked.json)}`);
    });
    await step("reactivation.BRequestsARejects", async () => {
        await B.ok("PUT", `/Relationships/${relationshipId}/Reactivate`, {});
        await A.sync();
        await A.ok("PUT", `/Relationships/${relationshipId}/Reactivate/Reject`, {});
        const s = await B.relationshipStatus(relationshipId);
        expect(s === "Terminated", `B sees ${s}`);
    });
    await step("reactivation.ARequestsBAccepts", async () => {
        await A.ok("PUT", `/Relationships/${relationshipId}/Reactivate`, {});
        await B.sync();
        const rel = await B.ok("PUT", `/Relationships/${relationshipId}/Reactivate/Accept`, {});
        expect(rel.status === "Active", `B: ${rel.status}`);
        const s = await A.relationshipStatus(relationshipId);
        expect(s === "Active", `A sees ${s}`);
    });
    await step("relationship.BTerminatesAndDecomposesThenA", async () => {
        await B.ok("PUT", `/Relationships/${relationshipId}/Terminate`, {});
        let s = await A.relationshipStatus(relationshipId);
        expect(s === "Terminated", `A sees ${s}`);
        const r = await B.rest("DELETE", `/Relationships/${relationshipId}`);
        expect(r.status === 204, `B decomposes: ${r.status} ${JSON.stringify(r.json)}`);
        expect((await B.rest("GET", `/Relationships/${relationshipId}`)).status === 404, "gone at B");
        s = await A.relationshipStatus(relationshipId);
        expect(s === "DeletionProposed", `A sees ${s}`);
        const r2 = await A.rest("DELETE", `/Relationships/${relationshipId}`);
        expect(r2.status === 204, `A decomposes: ${r2.status}`);
        expect((await A.rest("GET", `/Relationships/${relationshipId}`)).status === 404, "gone at A");
        const messagesA = await A.ok("GET", `/Messages?participant=${encodeURIComponent(addressB)}`);
        expect(messagesA.length === 0, `A still has ${messagesA.length} messages with B`);
    });

    await step("webhooks.exactlyOnceOnBothSides", async () => {
        const deadline = Date.now() + 10000;
        const count = (hooks, trigger, predicate = () => true) =>
            hooks.received.filter((w) => w.trigger === trigger && predicate(w.data)).length;
        while (Date.now() < deadline && (count(hooksA, "transport.relationshipDecomposedBySelf") < 1 || count(hooksB, "transport.relationshipDecomposedBySelf") < 1)) {
            await new Promise((r) => setTimeout(r, 200));
        }
        await new Promise((r) => setTimeout(r, 500));
        const problems = [];
        const check = (name, hooks, trigger, predicate, n) => {
            const c = count(hooks, trigger, predicate);
            if (c !== n) problems.push(`${name} ${trigger}: ${c} (expected ${n})`);
        };
        check("A", hooksA, "transport.messageReceived", (d) => d.id === messageBA.id, 1);
        check("B", hooksB, "transport.messageReceived", (d) => d.id === messageAB.id, 1);
        check("A", hooksA, "transport.messageSent", (d) => d.id === messageAB.id, 1);
        check("B", hooksB, "transport.messageSent", (d) => d.id === messageBA.id, 1);
        check("A", hooksA, "transport.relationshipDecomposedBySelf", (d) => d.relationshipId === relationshipId, 1);
        check("B", hooksB, "transport.relationshipDecomposedBySelf", (d) => d.relationshipId === relationshipId, 1);
        for (const [name, hooks] of [["A", hooksA], ["B", hooksB]]) {
            const statuses = hooks.received.filter((w) => w.trigger === "transport.relationshipChanged" && w.data.id === relationshipId).map((w) => w.data.status);
            for (const status of ["Pending", "Active", "Terminated"]) {
                if (!statuses.includes(status)) problems.push(`${name}: no relationshipChanged with ${status} (${statuses.join(",")})`);
            }
            if (hooks.received.some((w) => w.invalid)) problems.push(`${name}: a webhook without JSON body`);
        }
        expect(problems.length === 0, problems.join("; "));
        return `${hooksA.received.length} + ${hooksB.received.length} webhooks`;
    });
    hooksA.close();
    hooksB.close();
}

main()
    .catch((e) => console.log(`STEP fatal FAILED ${e && e.message}`))
    .finally(finish);
