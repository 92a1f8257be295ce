// Shared by template_peer.js, token_peer.js and relationship_peer.js: the official classes, an
// in-memory stand-in for the secret store, and the stdin/stdout JSON protocol. The transport
// controllers' own methods are run with small `this` objects so the official code paths (not copies
// of them) make and check every wire object; only storage and HTTP are replaced.
"use strict";
const { Serializable } = require("@js-soft/ts-serval");
const crypto = require("@nmshd/crypto");
const coreTypes = require("@nmshd/core-types");
const transport = require("@nmshd/transport");
require("@nmshd/content"); // registers ArbitraryRelationshipTemplateContent & co. for ts-serval

const silentLog = { trace() {}, debug() {}, info() {}, warn() {}, error() {} };

// RelationshipSecretController with its storage replaced by a Map (name -> container).
function secretStore() {
    const store = new Map();
    const secrets = Object.create(transport.RelationshipSecretController.prototype);
    secrets.cache = new Map();
    Object.defineProperty(secrets, "log", { value: silentLog }); // a getter on TransportController
    secrets.storeSecret = async (secret, name) => {
        const container = { id: name, name, secret };
        store.set(name, container);
        return container;
    };
    secrets.succeedSecretWithName = secrets.storeSecret;
    secrets.loadActiveSecretByName = async (name) => store.get(name);
    secrets.createExchangeKey = async (name) => {
        const keypair = await transport.CoreCrypto.generateExchangeKeypair();
        return [keypair.publicKey, await secrets.storeSecret(keypair, name)];
    };
    secrets.get = (name) => store.get(name)?.secret;
    return secrets;
}

// A fresh identity as the official AccountController makes one: identity key, address, device key.
async function newIdentity(realm) {
    const identityKeypair = await transport.CoreCrypto.generateSignatureKeypair();
    const deviceKeypair = await transport.CoreCrypto.generateSignatureKeypair();
    const address = await transport.IdentityUtil.createAddress(identityKeypair.publicKey, realm);
    const identity = transport.Identity.from({ address, publicKey: identityKeypair.publicKey });
    return {
        identityKeypair,
        deviceKeypair,
        identity,
        sign: (buffer) => transport.CoreCrypto.sign(buffer, identityKeypair.privateKey),
        deviceSign: (buffer) => transport.CoreCrypto.sign(buffer, deviceKeypair.privateKey),
        toJSON: () => ({
            address: address.toString(),
            identity: identity.toJSON(),
            identityKeypair: identityKeypair.toJSON(),
            devicePublicKey: deviceKeypair.publicKey.toJSON()
        })
    };
}

// decryptRelationshipTemplate of the official RelationshipTemplateController: decrypt, parse,
// verify the signature against the identity key inside the template.
async function loadTemplate(content, secretKeyJson, createdBy) {
    const self = { log: silentLog, secrets: secretStore() };
    const key = crypto.CryptoSecretKey.fromJSON(secretKeyJson);
    return await transport.RelationshipTemplateController.prototype.decryptRelationshipTemplate.call(
        self,
        { content, createdBy, createdByDevice: "DVCaaaaaaaaaaaaaaaaa", createdAt: new Date().toISOString() },
        key
    );
}

async function readStdin() {
    const chunks = [];
    for await (const chunk of process.stdin) chunks.push(chunk);
    return JSON.parse(Buffer.concat(chunks).toString("utf8"));
}

// Runs `commands[request.cmd](request)` and prints its result; an error thrown by the official code
// is printed as {"error":{code,message}} so the C++ side can assert on it.
function serve(commands) {
    (async () => {
        await crypto.SodiumWrapper.ready();
        const request = await readStdin();
        const command = commands[request.cmd];
        if (!command) throw new Error(`unknown command ${request.cmd}`);
        let result;
        try {
            result = await command(request);
        } catch (e) {
            result = { error: { code: e.code ?? e.name ?? "unknown", message: String(e.message ?? e) } };
        }
        process.stdout.write(JSON.stringify(result));
    })().catch((e) => {
        process.stderr.write(`${e.stack ?? e}\n`);
        process.exit(1);
    });
}

module.exports = { Serializable, crypto, coreTypes, transport, silentLog, secretStore, newIdentity, loadTemplate, serve };
