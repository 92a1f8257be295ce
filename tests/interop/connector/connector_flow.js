// An official @nmshd/runtime 7.0.0 peer and our C++ connector on our backbone: the whole
// transport half of the Connector REST API, driven over HTTP (/api/core/v1) while the peer uses the
// runtime's own services. Started by connector_interop_test.cpp:
//
//   node connector_flow.js <connectorUrl> <apiKey> <backboneUrl> <clientId> <clientSecret> <webhookPort> <mode>
//
// mode "manual": the connector accepts the relationship over REST; "auto": the connector runs the
// autoAcceptPendingRelationships module and accepts by itself.
// A webhook receiver on <webhookPort> records every {trigger, data} the connector posts; at the end
// the script checks that every expected event arrived exactly once.
const http = require("http");
const { step, expect, finish } = require("../backbone/peer_common");
const { startPeer, value, inOneHour } = require("../backbone/runtime_peer");

const [connectorUrl, apiKey, backboneUrl, clientId, clientSecret, webhookPortText, mode] = process.argv.slice(2);

const webhooks = [];
const receiver = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
        try {
            webhooks.push({ url: req.url, body: JSON.parse(body), correlationId: req.headers["x-correlation-id"] });
        } catch (e) {
            webhooks.push({ url: req.url, invalid: body });
        }
        res.writeHead(200);
        res.end();
    });
});

async function rest(method, path, body, { accept, raw } = {}) {
    const headers = { "X-API-KEY": apiKey };
    if (accept) headers.accept = accept;
    let payload;
    if (body instanceof FormData) payload = body;
    else if (body !== undefined) {
        headers["content-type"] = "application/json";
        payload = JSON.stringify(body);
    }
    const response = await fetch(`${connectorUrl}/api/core/v1${path}`, { method, headers, body: payload });
    if (raw) return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
    const text = await response.text();
    const json = text ? JSON.parse(text) : undefined;
    return { status: response.status, json, headers: response.headers };
}

async function ok(method, path, body, expectedStatus) {
    const r = await rest(method, path, body);
    const expected = expectedStatus ?? (method === "POST" ? 201 : 200);
    expect(r.status === expected, `${method} ${path}: status ${r.status} (expected ${expected}) ${JSON.stringify(r.json)}`);
    return r.json?.result;
}

const sync = () => ok("POST", "/Account/Sync", {}, 204);
const waitFor = async (what, fn, timeoutMs = 20000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
        const result = await fn();
        if (result) return result;
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
        await new Promise((r) => setTimeout(r, 200));
    }
};
const triggers = () => webhooks.map((w) => w.body?.trigger);
const countOf = (trigger, predicate = () => true) => webhooks.filter((w) => w.body?.trigger === trigger && predicate(w.body.data)).length;

async function main() {
    await new Promise((resolve) => receiver.listen(Number(webhookPortText), "127.0.0.1", resolve));
    let peer;
    await step("peer.start", async () => {
        peer = await startPeer("p", { baseUrl: backboneUrl, clientId, clientSecret });
        return peer.address;
    }, { fatal: true });
    const P = peer.transport;

    let connectorAddress;
    await step("connector.identity", async () => {
        const info = await ok("GET", "/Account/IdentityInfo");
        expect(info.address.startsWith("did:e:localhost:dids:"), `address ${info.address}`);
        connectorAddress = info.address;
        return info.address;
    }, { fatal: true });

    // --- template and token over REST, loaded by the official runtime ---------------------------------
    let template, token;
    await step("template.create", async () => {
        template = await ok("POST", "/RelationshipTemplates/Own", {
            content: { "@type": "ArbitraryRelationshipTemplateContent", value: { greeting: "hello from C++" } },
            expiresAt: inOneHour(),
            maxNumberOfAllocations: 5
        });
        expect(template.id.startsWith("RLT") && template.isOwn === true, JSON.stringify(template));
        expect(template.reference && template.reference.truncated && template.reference.url, "template reference");
        return template.id;
    }, { fatal: true });
    await step("template.qr", async () => {
        const r = await rest("GET", `/RelationshipTemplates/${template.id}`, undefined, { accept: "image/png", raw: true });
        expect(r.status === 200 && r.headers.get("content-type").startsWith("image/png"), `status ${r.status}`);
        expect(r.bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])), "PNG signature");
    });
    await step("token.create", async () => {
        token = await ok("POST", `/RelationshipTemplates/Own/${template.id}/Token`, {});
        expect(token.id.startsWith("TOK"), JSON.stringify(token));
        return token.id;
    }, { fatal: true });
    await step("peer.loadsTemplateByTokenReference", async () => {
        const loaded = value(await P.account.loadItemFromReference({ reference: token.reference.truncated }), "loadItemFromReference");
        expect(loaded.type === "RelationshipTemplate" && loaded.value.id === template.id, JSON.stringify(loaded));
        expect(loaded.value.content.value.greeting === "hello from C++", "template content");
        expect(loaded.value.createdBy === connectorAddress, "template creator");
    }, { fatal: true });
    await step("peer.loadsTemplateByUrl", async () => {
        const loaded = value(await P.relationshipTemplates.loadPeerRelationshipTemplate({ reference: template.reference.url }), "load by URL");
        expect(loaded.id === template.id, "same template");
    });

    // --- relationship: the peer asks, we accept (REST or auto-accept) ----------------------------------
    let relationshipId;
    await step("relationship.peerRequests", async () => {
        const rel = value(
            await P.relationships.createRelationship({
                templateId: template.id,
                creationContent: { "@type": "ArbitraryRelationshipCreationContent", value: { hi: "from the runtime" } }
            }),
            "createRelationship"
        );
        relationshipId = rel.id;
        return rel.id;
    }, { fatal: true });
    await step("relationship.connectorSeesRequest", async () => {
        await sync();
        const rel = await ok("GET", `/Relationships/${relationshipId}`);
        if (mode === "auto") {
            expect(rel.status === "Active" || rel.status === "Pending", `status ${rel.status}`);
        } else {
            expect(rel.status === "Pending", `status ${rel.status}`);
        }
        expect(rel.peer === peer.address, "peer address");
        expect(rel.creationContent.value.hi === "from the runtime", JSON.stringify(rel.creationContent));
        expect(rel.peerIdentity.address === peer.address, "peerIdentity");
    }, { fatal: true });
    if (mode === "auto") {
        await step("relationship.autoAccepted", async () =>
            waitFor("auto-accept", async () => (await ok("GET", `/Relationships/${relationshipId}`)).status === "Active")
        , { fatal: true });
    } else {
        await step("relationship.connectorAccepts", async () => {
            const rel = await ok("PUT", `/Relationships/${relationshipId}/Accept`, {});
            expect(rel.status === "Active", `status ${rel.status}`);
        }, { fatal: true });
    }
    await step("relationship.peerSeesActive", async () => {
        value(await P.account.syncEverything(), "peer sync");
        const rel = value(await P.relationships.getRelationship({ id: relationshipId }), "getRelationship");
        expect(rel.status === "Active", `status ${rel.status}`);
    }, { fatal: true });

    // --- messages with attachments both ways ---------------------------------------------------------
    const peerBytes = Buffer.from([0, 1, 2, 3, 255, 254, 0, 0, 10, 13, 42]);
    await step("message.peerToConnector", async () => {
        const file = value(
            await P.files.uploadOwnFile({ content: peerBytes, filename: "peer.bin", mimetype: "application/octet-stream", expiresAt: inOneHour(), title: "from peer" }),
            "uploadOwnFile"
        );
        const sent = value(
            await P.messages.sendMessage({
                recipients: [connectorAddress],
                content: { "@type": "Mail", to: [connectorAddress], subject: "Hello C++", body: "with a file" },
                attachments: [file.id]
            }),
            "sendMessage"
        );
        await sync();
        const message = await ok("GET", `/Messages/${sent.id}`);
        expect(message.content.subject === "Hello C++" && message.content["@type"] === "Mail", JSON.stringify(message.content));
        expect(message.createdBy === peer.address && message.isOwn === false, "sender");
        expect(message.attachments.length === 1 && message.attachments[0].id === file.id, "attachment");
        const download = await rest("GET", `/Messages/${sent.id}/Attachments/${file.id}/Download`, undefined, { raw: true });
        expect(download.status === 200, `download status ${download.status}`);
        expect(download.bytes.equals(peerBytes), `bytes ${download.bytes.toString("hex")}`);
        const fileDownload = await rest("GET", `/Files/${file.id}/Download`, undefined, { raw: true });
        expect(fileDownload.status === 200 && fileDownload.bytes.equals(peerBytes), "file download");
        return sent.id;
    });
    const ourBytes = Buffer.concat([Buffer.from("C++ says: "), Buffer.from([0, 0, 7, 255])]);
    await step("message.connectorToPeer", async () => {
        const form = new FormData();
        form.append("file", new Blob([ourBytes], { type: "application/octet-stream" }), "ours.bin");
        form.append("expiresAt", inOneHour());
        form.append("title", "from the connector");
        const file = await ok("POST", "/Files/Own", form);
        expect(file.id.startsWith("FIL") && file.filesize === ourBytes.length, JSON.stringify(file));
        const sent = await ok("POST", "/Messages", {
            recipients: [peer.address],
            content: { "@type": "Mail", to: [peer.address], subject: "Hello runtime", body: "a file from C++" },
            attachments: [file.id]
        });
        expect(sent.isOwn === true, "isOwn");
        value(await P.account.syncEverything(), "peer sync");
        const received = value(await P.messages.getMessage({ id: sent.id }), "peer getMessage");
        expect(received.content.subject === "Hello runtime", JSON.stringify(received.content));
        const bytes = value(await P.messages.downloadAttachment({ id: sent.id, attachmentId: file.id }), "downloadAttachment");
        expect(Buffer.from(bytes.content).equals(ourBytes), "bytes the peer downloaded");
        return sent.id;
    });
    await step("file.peerLoadsOurFileByReference", async () => {
        const form = new FormData();
        form.append("file", new Blob([Buffer.from("by reference")], { type: "text/plain" }), "ref.txt");
        form.append("expiresAt", inOneHour());
        const file = await ok("POST", "/Files/Own", form);
        const loaded = value(await P.files.getOrLoadFile({ reference: file.reference.truncated }), "getOrLoadFile");
        expect(loaded.id === file.id && loaded.filename === "ref.txt", JSON.stringify(loaded));
        const bytes = value(await P.files.downloadFile({ id: file.id }), "downloadFile");
        expect(Buffer.from(bytes.content).toString() === "by reference", "bytes");
    });
    await step("file.connectorLoadsPeerFileByToken", async () => {
        const file = value(
            await P.files.uploadOwnFile({ content: Buffer.from("peer file via token"), filename: "t.txt", mimetype: "text/plain", expiresAt: inOneHour() }),
            "upload"
        );
        const fileToken = value(await P.files.createTokenForFile({ fileId: file.id }), "createTokenForFile");
        const loaded = await ok("POST", "/Files/Peer", { reference: fileToken.reference.truncated });
        expect(loaded.id === file.id && loaded.isOwn === false, JSON.stringify(loaded));
        const d = await rest("GET", `/Files/${file.id}/Download`, undefined, { raw: true });
        expect(d.status === 200 && d.bytes.toString() === "peer file via token", "bytes");
    });

    // --- terminate, reactivate, decompose from both sides -------------------------------------------
    const peerStatus = async () => {
        value(await P.account.syncEverything(), "peer sync");
        return value(await P.relationships.getRelationship({ id: relationshipId }), "get").status;
    };
    const connectorStatus = async () => {
        await sync();
        return (await ok("GET", `/Relationships/${relationshipId}`)).status;
    };
    await step("relationship.connectorTerminates", async () => {
        const rel = await ok("PUT", `/Relationships/${relationshipId}/Terminate`, {});
        expect(rel.status === "Terminated", rel.status);
        const s = await peerStatus();
        expect(s === "Terminated", `peer sees ${s}`);
    });
    await step("reactivation.peerRequestsConnectorRejects", async () => {
        value(await P.relationships.requestRelationshipReactivation({ relationshipId }), "request reactivation");
        await sync();
        await ok("PUT", `/Relationships/${relationshipId}/Reactivate/Reject`, {});
        const s = await peerStatus();
        expect(s === "Terminated", `peer sees ${s}`);
    });
    await step("reactivation.connectorRequestsPeerAccepts", async () => {
        await ok("PUT", `/Relationships/${relationshipId}/Reactivate`, {});
        value(await P.account.syncEverything(), "peer sync");
        value(await P.relationships.acceptRelationshipReactivation({ relationshipId }), "accept reactivation");
        const s = await connectorStatus();
        expect(s === "Active", `connector sees ${s}`);
    });
    await step("relationship.peerTerminatesAndDecomposes", async () => {
        value(await P.relationships.terminateRelationship({ relationshipId }), "peer terminate");
        let s = await connectorStatus();
        expect(s === "Terminated", `connector sees ${s}`);
        value(await P.relationships.decomposeRelationship({ relationshipId }), "peer decompose");
        s = await connectorStatus();
        expect(s === "DeletionProposed", `connector sees ${s}`);
        const r = await rest("DELETE", `/Relationships/${relationshipId}`);
        expect(r.status === 204, `decompose status ${r.status}`);
        const gone = await rest("GET", `/Relationships/${relationshipId}`);
        expect(gone.status === 404, `after decompose: ${gone.status}`);
    });

    // --- webhooks: every expected event exactly once ---------------------------------------------------
    await step("webhooks.exactlyOnce", async () => {
        await waitFor("webhooks", async () => countOf("transport.relationshipDecomposedBySelf") >= 1, 10000);
        await new Promise((r) => setTimeout(r, 500));
        const byRel = (d) => d && d.id === relationshipId;
        const expectations = [
            ["transport.messageReceived", (d) => d && d.createdBy === peer.address, 1],
            ["transport.messageSent", (d) => d && d.isOwn === true && d.content.subject === "Hello runtime", 1],
            // as the official RelationshipsController: our own reactivation operations publish these too
            // (peer requests + we reject; we request + peer accepts)
            ["transport.relationshipReactivationRequested", byRel, 2],
            ["transport.relationshipReactivationCompleted", byRel, 2],
            ["transport.relationshipDecomposedBySelf", (d) => d && d.relationshipId === relationshipId, 1],
            ["transport.peerRelationshipTemplateLoaded", () => true, 0]
        ];
        const problems = [];
        for (const [trigger, predicate, n] of expectations) {
            const c = countOf(trigger, predicate);
            if (c !== n) problems.push(`${trigger}: ${c} (expected ${n})`);
        }
        // relationshipChanged: one per status change we saw (Pending, Active, Terminated, …) — never twice in a row for the same status
        const changes = webhooks.filter((w) => w.body?.trigger === "transport.relationshipChanged" && byRel(w.body.data)).map((w) => w.body.data.status);
        for (let i = 1; i < changes.length; i++) {
            if (changes[i] === changes[i - 1] && changes[i] !== "Terminated") problems.push(`relationshipChanged repeated ${changes[i]}`);
        }
        for (const status of ["Pending", "Active", "Terminated", "DeletionProposed"]) {
            if (!changes.includes(status)) problems.push(`no relationshipChanged with ${status}: ${changes.join(",")}`);
        }
        if (webhooks.some((w) => w.invalid || !w.correlationId)) problems.push("a webhook without JSON body or correlation id");
        if (!webhooks.every((w) => w.url === `/hook/${w.body?.trigger}`)) problems.push("trigger not in the URL");
        expect(problems.length === 0, problems.join("; ") + ` | all: ${triggers().join(",")}`);
        return `${webhooks.length} webhooks`;
    });
    await peer.stop().catch(() => {});
    receiver.close();
}

main()
    .catch((e) => console.log(`STEP fatal FAILED ${e && e.message}`))
    .finally(finish);
