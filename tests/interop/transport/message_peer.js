// Official side of the message interop test: the real MessageController.sendMessage / loadPeerMessage
// and RelationshipSecretController of @nmshd/transport 7.0.0 (and FileController for attachments,
// see file_peer.js) on controllers whose Backbone client, database and relationships are stubs.
//
// The request comes as one JSON object on stdin, its "command" selects what to do:
//   setup   {} -> {A, B, C: addresses; AtoB, BfromA, AtoC, CfromA: serialized CryptoRelationshipSecrets}
//           A is the templator towards B and the requestor towards C (both roles get exercised).
//   send    {sender, recipients: [{address, secrets}], content, attachments: [file_peer seal inputs]}
//           -> {request: <the createMessage body>, secrets: [updated secrets per recipient],
//               files: [{id, owner, metadataKey, upload, devicePublicKey}], createdAt}
//   receive {me, sender, secrets, message: {id, body, attachments, recipients: [{address, encryptedKey}]},
//            files: {<id>: {owner, upload}}}
//           -> {content, createdAt, recipients, attachments: [{id, backboneBaseUrl, plain, metadata}],
//               storedMessageAttachments} or {error: <code>, message}
// Output is one JSON line on stdout.
require("@nmshd/content");
const fs = require("fs");
const c = require("@nmshd/crypto");
const ct = require("@nmshd/core-types");
const t = require("@nmshd/transport");
const { fileController, sealFile, metadataDto, newDevice, randomId, quietLog } = require("./file_peer");

// Relationship lookups and secrets keyed by the peer address; nothing persisted.
function relationshipStubs(peers) {
    const secrets = new Map();
    const relationships = new Map();
    for (const { address, secrets: serialized } of peers) {
        secrets.set(`RS-${address}`, c.CryptoRelationshipSecrets.deserialize(serialized));
        relationships.set(address, {
            id: ct.CoreId.from(randomId("REL")),
            relationshipSecretId: ct.CoreId.from(`RS-${address}`),
            status: t.RelationshipStatus.Active
        });
    }
    const sc = Object.create(t.RelationshipSecretController.prototype);
    sc._log = quietLog;
    sc.getSecret = async (id) => secrets.get(id.toString());
    const rc = { getRelationshipToIdentity: async (address) => relationships.get(address.toString()) };
    return { sc, rc, secrets };
}

function messageController({ me, sc, rc, files }) {
    const mc = Object.create(t.MessageController.prototype);
    mc._log = quietLog;
    mc._parent = {
        config: { baseUrl: "http://localhost" },
        transport: { config: { baseUrl: "http://localhost" }, eventBus: { publish() {} } },
        identity: {
            address: ct.CoreAddress.from(me),
            identity: { address: ct.CoreAddress.from(me) },
            isMe: (a) => a.toString() === me
        },
        activeDevice: { id: ct.CoreId.from(randomId("DVC")) },
        files
    };
    mc.relationships = rc;
    mc.secrets = sc;
    mc.created = [];
    mc.messages = { create: async (m) => mc.created.push(m) };
    return mc;
}

async function setup() {
    const identities = {};
    for (const name of ["A", "B", "C"]) identities[name] = await c.CryptoSignatures.generateKeypair(3);
    const address = async (name) => (await t.IdentityUtil.createAddress(identities[name].publicKey, "localhost")).toString();
    // The templator's identity key is what the requestor knows as peer identity key.
    const pair = async (templator, requestor) => {
        const templateKeypair = await c.CryptoExchange.generateKeypair(3);
        const request = await c.CryptoRelationshipRequestSecrets.fromPeer(templateKeypair.publicKey, identities[templator].publicKey);
        const templatorSecrets = await c.CryptoRelationshipSecrets.fromRelationshipRequest(request.toPublicRequest(), templateKeypair);
        const requestorSecrets = await c.CryptoRelationshipSecrets.fromRelationshipResponse(templatorSecrets.toPublicResponse(), request);
        return { templator: templatorSecrets.serialize(), requestor: requestorSecrets.serialize() };
    };
    const ab = await pair("A", "B");
    const ca = await pair("C", "A");
    return {
        A: await address("A"), B: await address("B"), C: await address("C"),
        AtoB: ab.templator, BfromA: ab.requestor, AtoC: ca.requestor, CfromA: ca.templator
    };
}

async function send(input) {
    const { sc, rc, secrets } = relationshipStubs(input.recipients);
    const { deviceKeypair } = await newDevice();
    const fc = fileController({ owner: input.sender, deviceKeypair });
    const files = [];
    const attachments = [];
    for (const a of input.attachments ?? []) {
        const { file, upload } = await sealFile(a, fc);
        attachments.push(file);
        files.push({
            id: file.id.toString(), owner: input.sender, metadataKey: file.secretKey.toJSON(false), upload,
            devicePublicKey: deviceKeypair.publicKey.toJSON(false)
        });
    }
    const mc = messageController({ me: input.sender, sc, rc, files: fc });
    let request;
    mc.client = {
        createMessage: async (body) => {
            request = body;
            return { value: { id: randomId("MSG"), createdAt: ct.CoreDate.utc().toString() } };
        }
    };
    const message = await mc.sendMessage({
        recipients: input.recipients.map((r) => ct.CoreAddress.from(r.address)),
        content: input.content,
        attachments
    });
    return {
        request,
        secrets: input.recipients.map((r) => secrets.get(`RS-${r.address}`).serialize()),
        files,
        createdAt: message.createdAt.toString()
    };
}

async function receive(input) {
    const { sc, rc } = relationshipStubs([{ address: input.sender, secrets: input.secrets }]);
    const backboneFiles = {};
    for (const [id, f] of Object.entries(input.files ?? {})) {
        backboneFiles[id] = { dto: metadataDto(id, f.owner, f.upload), blob: c.CoreBuffer.fromBase64URL(f.upload.content).buffer };
    }
    const fc = fileController({ owner: input.me, deviceKeypair: undefined, backboneFiles });
    const references = [];
    const files = { getOrLoadFileByReference: async (ref) => references.push(ref) };
    const mc = messageController({ me: input.me, sc, rc, files });
    const dto = {
        id: input.message.id, createdAt: ct.CoreDate.utc().toString(), createdBy: input.sender,
        createdByDevice: randomId("DVC"), body: input.message.body, attachments: input.message.attachments,
        recipients: input.message.recipients.map((r) => ({ ...r, receivedAt: null, receivedByDevice: null }))
    };
    mc.client = { getMessage: async () => ({ value: dto }) };
    const message = await mc.loadPeerMessage(ct.CoreId.from(input.message.id));
    // loadPeerMessage keeps the envelope's date; the signed wrapper's own date and recipient list come
    // from the same official decryption path.
    const relationship = await rc.getRelationshipToIdentity(input.sender);
    const [wrapper] = await mc.decryptPeerEnvelope(mc.getEnvelopeFromBackboneGetMessagesResponse(dto), relationship);
    const attachments = [];
    for (const ref of references) {
        const file = await fc.getOrLoadFileByReference(ref);
        const plain = await fc.downloadFileContent(file);
        attachments.push({
            id: ref.id.toString(), backboneBaseUrl: ref.backboneBaseUrl ?? null, plain: plain.toBase64URL(),
            metadata: { filename: file.filename, mimetype: file.mimetype, filesize: file.filesize, title: file.title ?? null }
        });
    }
    return {
        content: message.content.toJSON(),
        createdAt: wrapper.createdAt.toString(),
        recipients: wrapper.recipients.map((r) => r.toString()),
        attachments,
        storedMessageAttachments: message.attachments.map((a) => a.toString())
    };
}

async function main(cmd, input) {
    if (cmd === "setup") return await setup();
    if (cmd === "send") return await send(input);
    if (cmd === "receive") {
        try {
            return await receive(input);
        } catch (e) {
            return { error: e.code ?? e.constructor?.name ?? "Error", message: e.message };
        }
    }
    throw new Error(`unknown command ${cmd}`);
}

if (require.main === module) {
    (async () => {
        await c.SodiumWrapper.ready();
        const input = JSON.parse(fs.readFileSync(0, "utf8"));
        console.log(JSON.stringify(await main(input.command, input)));
    })().catch((e) => {
        console.error(e);
        process.exit(1);
    });
}
