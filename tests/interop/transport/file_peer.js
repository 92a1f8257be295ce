// Official side of the file interop test: runs the real FileController.sendFile / getOrLoadFile /
// downloadFileContent of @nmshd/transport 7.0.0 on a controller whose Backbone client, database and
// device are small stubs, so every byte is produced and checked by the official code.
//
// The request comes as one JSON object on stdin, its "command" selects what to do:
//   seal  {plain (b64url), filename, mimetype, title?, description?, tags?, filemodified?, expiresAt}
//         -> {upload: <the createFile request, content as b64url>, metadataKey, cipherKey,
//             plaintextHash, devicePublicKey, owner}
//   open  {id, metadataKey, owner, devicePublicKey?, upload: {content, cipherHash, ownerSignature,
//          expiresAt, encryptedProperties}}
//         -> {plain (b64url), metadata: {...}, ownerSignatureValid} or {error: <code>, message}
// Output is one JSON line on stdout.
require("@nmshd/content");
const fs = require("fs");
const c = require("@nmshd/crypto");
const ct = require("@nmshd/core-types");
const t = require("@nmshd/transport");

const quietLog = { trace() {}, debug() {}, info() {}, warn() {}, error() {}, fatal() {} };

// A FileController without Transport/AccountController: only what sendFile and the load paths use.
function fileController({ owner, deviceKeypair, backboneFiles = {} }) {
    const fc = Object.create(t.FileController.prototype);
    fc._log = quietLog;
    fc._parent = {
        config: { platformMaxUnencryptedFileSize: 10 * 1024 * 1024, baseUrl: "http://localhost" },
        identity: { address: ct.CoreAddress.from(owner), isMe: (a) => a.toString() === owner },
        activeDevice: { sign: async (content) => await t.CoreCrypto.sign(content, deviceKeypair.privateKey) }
    };
    fc.created = [];
    fc.files = { create: async (f) => fc.created.push(f), read: async () => undefined };
    fc.client = {
        createFile: async (input) => {
            fc.lastUpload = input;
            const now = ct.CoreDate.utc().toString();
            return {
                value: {
                    id: randomId("FIL"), createdAt: now, createdBy: owner, createdByDevice: randomId("DVC"),
                    owner, ownershipToken: "x".repeat(20), expiresAt: input.expiresAt
                }
            };
        },
        getFile: async (id) => ({ value: backboneFiles[id].dto }),
        downloadFile: async (id) => ({ value: backboneFiles[id].blob })
    };
    return fc;
}

function randomId(prefix) {
    const chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    let s = prefix;
    while (s.length < 20) s += chars[Math.floor(Math.random() * chars.length)];
    return s;
}

// The request FileController.sendFile posts, with the content bytes as base64url.
function uploadJson(upload) {
    return { ...upload, content: c.CoreBuffer.from(upload.content).toBase64URL() };
}

async function sealFile(input, fc) {
    const file = await fc.sendFile({
        buffer: c.CoreBuffer.fromBase64URL(input.plain),
        filename: input.filename,
        mimetype: input.mimetype,
        title: input.title,
        description: input.description,
        tags: input.tags,
        filemodified: input.filemodified ? ct.CoreDate.from(input.filemodified) : undefined,
        expiresAt: ct.CoreDate.from(input.expiresAt)
    });
    return { file, upload: uploadJson(fc.lastUpload) };
}

// The FileMetadataDTO the Backbone would answer for an upload.
function metadataDto(id, owner, upload) {
    const now = ct.CoreDate.utc().toString();
    return {
        id, createdAt: now, createdBy: owner, createdByDevice: randomId("DVC"), modifiedAt: now,
        owner, ownerSignature: upload.ownerSignature, ownershipIsLocked: false,
        cipherSize: c.CoreBuffer.fromBase64URL(upload.content).length, cipherHash: upload.cipherHash,
        expiresAt: upload.expiresAt, encryptedProperties: upload.encryptedProperties
    };
}

// Loads by reference and downloads with the official code; verifies the owner signature the way a
// peer who knows the device key would (the official client never checks it).
async function openFile({ id, metadataKey, owner, devicePublicKey, upload }, reader) {
    const backboneFiles = {
        [id]: { dto: metadataDto(id, owner, upload), blob: c.CoreBuffer.fromBase64URL(upload.content).buffer }
    };
    const fc = fileController({ owner: reader, deviceKeypair: undefined, backboneFiles });
    const key = c.CryptoSecretKey.fromJSON(metadataKey);
    const file = await fc.getOrLoadFileByReference(ct.FileReference.from({ id: ct.CoreId.from(id), key }));
    const plain = await fc.downloadFileContent(file);
    let ownerSignatureValid = null;
    if (devicePublicKey) {
        const hashBuffer = c.CoreBuffer.fromBase64URL(file.plaintextHash.hash);
        ownerSignatureValid = await c.CryptoSignatures.verify(
            hashBuffer, c.CryptoSignature.fromBase64(upload.ownerSignature),
            c.CryptoSignaturePublicKey.fromJSON(devicePublicKey));
    }
    return {
        plain: plain.toBase64URL(),
        metadata: {
            filename: file.filename, mimetype: file.mimetype, title: file.title ?? null,
            description: file.description ?? null, tags: file.tags ?? null, filesize: file.filesize,
            filemodified: file.filemodified ? file.filemodified.toString() : null,
            plaintextHash: file.plaintextHash.hash, cipherHash: file.cipherHash.hash
        },
        ownerSignatureValid
    };
}

async function newDevice() {
    const deviceKeypair = await c.CryptoSignatures.generateKeypair(3);
    const identity = await c.CryptoSignatures.generateKeypair(3);
    const owner = (await t.IdentityUtil.createAddress(identity.publicKey, "localhost")).toString();
    return { deviceKeypair, owner };
}

async function main(cmd, input) {
    if (cmd === "seal") {
        const { deviceKeypair, owner } = await newDevice();
        const fc = fileController({ owner, deviceKeypair });
        const { file, upload } = await sealFile(input, fc);
        return {
            upload, owner, metadataKey: file.secretKey.toJSON(false), cipherKey: file.cipherKey.toJSON(false),
            plaintextHash: file.plaintextHash.hash, devicePublicKey: deviceKeypair.publicKey.toJSON(false)
        };
    }
    if (cmd === "open") {
        try {
            return await openFile(input, (await newDevice()).owner);
        } catch (e) {
            return { error: e.code ?? e.constructor?.name ?? "Error", message: e.message };
        }
    }
    throw new Error(`unknown command ${cmd}`);
}

module.exports = { fileController, sealFile, openFile, metadataDto, newDevice, randomId, quietLog };

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
