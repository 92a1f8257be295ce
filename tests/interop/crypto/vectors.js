// Crypto interop vectors for the C++ crypto layer, made and checked with the official @nmshd/crypto.
//   node vectors.js generate        -> prints fresh random vectors (JSON) on stdout
//   node vectors.js verify <file>   -> checks vectors (e.g. made by C++): one line per check,
//                                      exit code 1 if any check failed
// Run with cwd or NODE_PATH such that require("@nmshd/crypto") resolves to tests/interop/node_modules.
"use strict";
const fs = require("fs");
const c = require("@nmshd/crypto");

const b64u = (buf) => c.CoreBuffer.from(buf).toBase64URL();
const fromB64u = (s) => c.CoreBuffer.fromBase64URL(s);
const utf8 = (s) => c.CoreBuffer.fromUtf8(s);
const randomText = () => `text ${Math.random().toString(36).slice(2)} äöü €`;

async function generate() {
    const v = { generator: "@nmshd/crypto 2.1.3" };

    v.signatures = [];
    for (const alg of [2, 1]) {
        const kp = await c.CryptoSignatures.generateKeypair();
        const message = utf8(randomText());
        const sig = await c.CryptoSignatures.sign(message, kp.privateKey, alg);
        v.signatures.push({ keypair: kp.toJSON(), publicKeyBase64: kp.publicKey.toBase64(), message: message.toBase64URL(), alg, signature: sig.toBase64() });
    }

    v.ciphers = [];
    for (const size of [0, 1, 100, 5000]) {
        const key = await c.CryptoEncryption.generateKey();
        const plain = c.CoreBuffer.random(size);
        const cipher = await c.CryptoEncryption.encrypt(plain, key);
        v.ciphers.push({ key: key.toJSON(), plaintext: plain.toBase64URL(), cipher: cipher.toBase64(), cipherJson: cipher.serialize() });
    }

    v.counterCiphers = [];
    for (const counter of [0, 1, 255, 256, 65537, 4294967295]) {
        const key = await c.CryptoEncryption.generateKey();
        const nonce = c.CoreBuffer.random(24);
        const plain = utf8(randomText());
        const cipher = await c.CryptoEncryption.encryptWithCounter(plain, key, nonce, counter);
        v.counterCiphers.push({ key: key.toJSON(), nonce: nonce.toBase64URL(), counter, plaintext: plain.toBase64URL(), cipher: cipher.toBase64() });
    }

    v.exchange = [];
    for (let i = 0; i < 2; i++) {
        const requestor = await c.CryptoExchange.generateKeypair();
        const templator = await c.CryptoExchange.generateKeypair();
        const rs = await c.CryptoExchange.deriveRequestor(requestor, templator.publicKey);
        const ts = await c.CryptoExchange.deriveTemplator(templator, requestor.publicKey);
        v.exchange.push({ requestor: requestor.toJSON(), templator: templator.toJSON(), requestorSecrets: rs.toJSON(), templatorSecrets: ts.toJSON() });
    }

    v.kdf = [];
    for (const context of ["REQTMP01", "RELREQ01", "RELTEM01", "SECRET01", "DEVICE01", "DataSync"]) {
        const base = c.CoreBuffer.random(32);
        const keyId = Math.floor(Math.random() * 1000);
        const key = await c.CryptoDerivation.deriveKeyFromBase(base, keyId, context);
        v.kdf.push({ base: base.toBase64URL(), keyId, context, key: key.toJSON() });
    }

    v.passwords = [];
    for (const password of [randomText(), "a"]) {
        const salt = c.CoreBuffer.random(16);
        const key = await c.CryptoDerivation.deriveKeyFromPassword(utf8(password), salt, 3, "argon2id", 3, 20 * 1024 * 1024);
        v.passwords.push({ password, salt: salt.toBase64URL(), key: key.toJSON(), hash: key.secretKey.toBase64() });
    }

    v.hashes = [];
    for (const size of [0, 3, 1000]) {
        const data = c.CoreBuffer.random(size);
        v.hashes.push({
            data: data.toBase64URL(),
            sha256: (await c.CryptoHash.hash(data, 1)).toString(c.Encoding.Hex),
            sha512: (await c.CryptoHash.hash(data, 2)).toString(c.Encoding.Hex)
        });
    }

    const templateKeypair = await c.CryptoExchange.generateKeypair();
    const templatorIdentity = await c.CryptoSignatures.generateKeypair();
    const request = await c.CryptoRelationshipRequestSecrets.fromPeer(templateKeypair.publicKey, templatorIdentity.publicKey);
    const requestContent = utf8(randomText());
    const publicRequest = request.toPublicRequest();
    const templator = await c.CryptoRelationshipSecrets.fromRelationshipRequest(publicRequest, templateKeypair);
    const templatorSecrets = templator.serialize();
    const publicResponse = templator.toPublicResponse();
    const requestor = await c.CryptoRelationshipSecrets.fromRelationshipResponse(publicResponse, request);
    const requestorSecrets = requestor.serialize();
    const responseContent = utf8(randomText());
    const messages = async (side, n) => {
        const out = [];
        for (let i = 0; i < n; i++) {
            const plain = utf8(randomText());
            out.push({ plaintext: plain.toBase64URL(), cipher: (await side.encrypt(plain)).toBase64() });
        }
        return out;
    };
    v.relationship = {
        templateKeypair: templateKeypair.toJSON(),
        templatorIdentity: templatorIdentity.toJSON(),
        requestSecrets: request.serialize(),
        publicRequest: publicRequest.toBase64(),
        requestContent: requestContent.toBase64URL(),
        requestCipher: (await request.encryptRequest(requestContent)).toBase64(),
        requestSignature: (await request.sign(requestContent)).toBase64(),
        templatorSecrets,
        publicResponse: publicResponse.toBase64(),
        requestorSecrets,
        responseContent: responseContent.toBase64URL(),
        responseSignature: (await templator.sign(responseContent)).toBase64(),
        templatorMessages: await messages(templator, 3),
        requestorMessages: await messages(requestor, 3)
    };
    return v;
}

async function verify(v) {
    let failures = 0;
    let count = 0;
    const check = async (name, fn) => {
        count++;
        try {
            const result = await fn();
            if (result !== true) throw new Error(`check returned ${JSON.stringify(result)}`);
            console.log(`ok ${name}`);
        } catch (e) {
            failures++;
            console.log(`FAIL ${name}: ${e && e.message ? e.message : e}`);
        }
    };
    const same = (a, b, what) => {
        if (a !== b) throw new Error(`${what}: ${a} !== ${b}`);
        return true;
    };

    for (const [i, s] of (v.signatures || []).entries()) {
        await check(`signature[${i}]`, async () => {
            const kp = c.CryptoSignatureKeypair.fromJSON(s.keypair);
            same(JSON.stringify(kp.toJSON()), JSON.stringify(s.keypair), "keypair JSON");
            same(kp.publicKey.toBase64(), s.publicKeyBase64, "public key toBase64");
            same(JSON.stringify((await kp.privateKey.toPublicKey()).toJSON()), JSON.stringify(kp.publicKey.toJSON()), "private->public");
            const sig = c.CryptoSignature.fromBase64(s.signature);
            same(sig.toBase64(), s.signature, "signature toBase64");
            same(sig.algorithm, s.alg, "signature alg");
            const msg = fromB64u(s.message);
            same(await c.CryptoSignatures.verify(msg, sig, kp.publicKey), true, "verify");
            same(await c.CryptoSignatures.verify(utf8("tampered"), sig, kp.publicKey), false, "verify tampered");
            // Ed25519 is deterministic: re-signing must give the same bytes.
            return same((await c.CryptoSignatures.sign(msg, kp.privateKey, s.alg)).toBase64(), s.signature, "re-sign");
        });
    }
    for (const [i, x] of (v.ciphers || []).entries()) {
        await check(`cipher[${i}]`, async () => {
            const key = c.CryptoSecretKey.fromJSON(x.key);
            same(JSON.stringify(key.toJSON()), JSON.stringify(x.key), "key JSON");
            const cipher = c.CryptoCipher.fromBase64(x.cipher);
            same(cipher.toBase64(), x.cipher, "cipher toBase64");
            same(cipher.serialize(), x.cipherJson, "cipher JSON");
            same((await c.CryptoEncryption.decrypt(cipher, key)).toBase64URL(), x.plaintext, "decrypt");
            const again = await c.CryptoEncryption.encrypt(fromB64u(x.plaintext), key, cipher.nonce);
            return same(again.toBase64(), x.cipher, "re-encrypt with the same nonce");
        });
    }
    for (const [i, x] of (v.counterCiphers || []).entries()) {
        await check(`counterCipher[${i}] cnt=${x.counter}`, async () => {
            const key = c.CryptoSecretKey.fromJSON(x.key);
            const cipher = c.CryptoCipher.fromBase64(x.cipher);
            same(cipher.toBase64(), x.cipher, "cipher toBase64");
            same(cipher.counter, x.counter, "cnt");
            const nonce = fromB64u(x.nonce);
            same((await c.CryptoEncryption.decryptWithCounter(cipher, key, nonce, x.counter)).toBase64URL(), x.plaintext, "decrypt");
            const again = await c.CryptoEncryption.encryptWithCounter(fromB64u(x.plaintext), key, nonce, x.counter);
            return same(again.toBase64(), x.cipher, "re-encrypt");
        });
    }
    for (const [i, x] of (v.exchange || []).entries()) {
        await check(`exchange[${i}]`, async () => {
            const r = c.CryptoExchangeKeypair.fromJSON(x.requestor);
            const t = c.CryptoExchangeKeypair.fromJSON(x.templator);
            same(JSON.stringify(r.toJSON()), JSON.stringify(x.requestor), "requestor keypair JSON");
            same(JSON.stringify((await r.privateKey.toPublicKey()).toJSON()), JSON.stringify(r.publicKey.toJSON()), "private->public");
            const rs = await c.CryptoExchange.deriveRequestor(r, t.publicKey);
            const ts = await c.CryptoExchange.deriveTemplator(t, r.publicKey);
            same(JSON.stringify(rs.toJSON()), JSON.stringify(x.requestorSecrets), "requestor secrets");
            return same(JSON.stringify(ts.toJSON()), JSON.stringify(x.templatorSecrets), "templator secrets");
        });
    }
    for (const [i, x] of (v.kdf || []).entries()) {
        await check(`kdf[${i}] ${x.context}`, async () => {
            const key = await c.CryptoDerivation.deriveKeyFromBase(fromB64u(x.base), x.keyId, x.context);
            return same(JSON.stringify(key.toJSON()), JSON.stringify(x.key), "derived key");
        });
    }
    for (const [i, x] of (v.passwords || []).entries()) {
        await check(`password[${i}]`, async () => {
            const key = await c.CryptoDerivation.deriveKeyFromPassword(utf8(x.password), fromB64u(x.salt), 3, "argon2id", 3, 20 * 1024 * 1024);
            same(JSON.stringify(key.toJSON()), JSON.stringify(x.key), "password key");
            return same(key.secretKey.toBase64(), x.hash, "hashed password (standard base64)");
        });
    }
    for (const [i, x] of (v.hashes || []).entries()) {
        await check(`hash[${i}]`, async () => {
            const data = fromB64u(x.data);
            same((await c.CryptoHash.hash(data, 1)).toString(c.Encoding.Hex), x.sha256, "sha256");
            return same((await c.CryptoHash.hash(data, 2)).toString(c.Encoding.Hex), x.sha512, "sha512");
        });
    }
    const r = v.relationship;
    if (r) {
        const templateKeypair = c.CryptoExchangeKeypair.fromJSON(r.templateKeypair);
        const request = c.CryptoRelationshipRequestSecrets.deserialize(r.requestSecrets);
        const publicRequest = c.CryptoRelationshipPublicRequest.fromBase64(r.publicRequest);
        const publicResponse = c.CryptoRelationshipPublicResponse.fromBase64(r.publicResponse);
        const templator = c.CryptoRelationshipSecrets.deserialize(r.templatorSecrets);
        const requestContent = fromB64u(r.requestContent);
        await check("relationship requestSecrets JSON", () => same(request.serialize(), r.requestSecrets, "serialize"));
        await check("relationship templatorSecrets JSON", () => same(templator.serialize(), r.templatorSecrets, "serialize"));
        await check("relationship publicRequest", () => same(request.toPublicRequest().toBase64(), r.publicRequest, "toPublicRequest"));
        await check("relationship publicResponse", () => same(templator.toPublicResponse().toBase64(), r.publicResponse, "toPublicResponse"));
        await check("relationship request key (templator recomputes)", async () => {
            const master = await c.CryptoExchange.deriveTemplator(templateKeypair, publicRequest.ephemeralKey);
            const key = await c.CryptoDerivation.deriveKeyFromBase(master.receivingKey, 1, "REQTMP01");
            same(key.serialize(), request.secretKey.serialize(), "requestor's key");
            return same(key.serialize(), templator.requestSecretKey.serialize(), "templator's rsk");
        });
        await check("relationship request cipher + signature", async () => {
            const cipher = c.CryptoCipher.fromBase64(r.requestCipher);
            same((await templator.decryptRequest(cipher)).toBase64URL(), r.requestContent, "templator decrypts request");
            const own = await c.CryptoRelationshipSecrets.fromRelationshipRequest(publicRequest, templateKeypair);
            same((await own.decryptRequest(cipher)).toBase64URL(), r.requestContent, "fresh templator decrypts request");
            const sig = c.CryptoSignature.fromBase64(r.requestSignature);
            same(sig.algorithm, 1, "relationship signature alg");
            return same(await templator.verifyPeer(requestContent, sig), true, "verify request signature");
        });
        await check("relationship templator state keys", async () => {
            const derived = await c.CryptoExchange.deriveTemplator(templator.exchangeKeypair, publicRequest.exchangeKey);
            const tx = await c.CryptoDerivation.deriveKeyFromBase(derived.transmissionKey, 1, "RELTEM01");
            const rx = await c.CryptoDerivation.deriveKeyFromBase(derived.receivingKey, 1, "RELREQ01");
            same(tx.secretKey.toBase64URL(), templator.transmitState.secretKey.toBase64URL(), "tx");
            return same(rx.secretKey.toBase64URL(), templator.receiveState.secretKey.toBase64URL(), "rx");
        });
        const requestor = await c.CryptoRelationshipSecrets.fromRelationshipResponse(publicResponse, request);
        await check("relationship requestor completes handshake identically", () => same(requestor.serialize(), r.requestorSecrets, "requestor secrets"));
        await check("relationship response signature", async () =>
            same(await requestor.verifyPeer(fromB64u(r.responseContent), c.CryptoSignature.fromBase64(r.responseSignature)), true, "verify"));
        for (const [i, m] of r.templatorMessages.entries()) {
            await check(`relationship templator->requestor message[${i}]`, async () =>
                same((await requestor.decryptPeer(c.CryptoCipher.fromBase64(m.cipher))).toBase64URL(), m.plaintext, "decryptPeer"));
        }
        for (const [i, m] of r.requestorMessages.entries()) {
            await check(`relationship requestor->templator message[${i}]`, async () =>
                same((await templator.decryptPeer(c.CryptoCipher.fromBase64(m.cipher))).toBase64URL(), m.plaintext, "decryptPeer"));
        }
        await check("relationship new message after handshake", async () => {
            const plain = utf8("reply from the verifier");
            const cipher = await requestor.encrypt(plain);
            const fresh = c.CryptoRelationshipSecrets.deserialize(r.templatorSecrets);
            return same((await fresh.decryptPeer(cipher, true)).toUtf8(), "reply from the verifier", "decrypt");
        });
    }
    console.log(`${count - failures}/${count} checks passed`);
    return failures === 0;
}

(async () => {
    await c.SodiumWrapper.ready();
    const mode = process.argv[2];
    if (mode === "generate") {
        process.stdout.write(JSON.stringify(await generate(), null, 1) + "\n");
    } else if (mode === "verify" && process.argv[3]) {
        const ok = await verify(JSON.parse(fs.readFileSync(process.argv[3], "utf8")));
        process.exit(ok ? 0 : 1);
    } else {
        console.error("usage: node vectors.js generate | verify <file>");
        process.exit(2);
    }
})().catch((e) => {
    console.error("FAILED", e);
    process.exit(1);
});
