"use strict";
// Interop peer for the core types: the official @nmshd packages produce and check identity
// addresses and truncated references / reference URLs.
//   node core_peer.js generate <out.json>  - fresh random vectors made by the official code
//   node core_peer.js verify <in.json>     - checks vectors another implementation wrote; exits 1 on
//                                            any mismatch, printing "<n> checked, <m> failures"
const fs = require("fs");
const { CoreBuffer, CryptoEncryption, CryptoSignaturePublicKey, CryptoSecretKey, SodiumWrapper } = require("@nmshd/crypto");
const { CoreIdHelper, FileReference, Reference, SharedPasswordProtection } = require("@nmshd/core-types");
const { IdentityUtil, TokenReference, RelationshipTemplateReference } = require("@nmshd/transport");
const nodeCrypto = require("crypto");

const CLASSES = { token: TokenReference, relationshipTemplate: RelationshipTemplateReference, file: FileReference, any: Reference };
const PREFIXES = { token: "TOK", relationshipTemplate: "RLT", file: "FIL", any: "MSG" };
const DOMAINS = ["localhost", "127.0.0.1", "example.com", "bb-1.sub.enmeshed.eu"];
const BASE_URLS = ["http://127.0.0.1:8090", "https://backbone.example.com", "https://bb.example.org/base/path", "http://localhost"];
const PASSWORD_TYPES = ["pw", "pin4", "pin5", "pin6", "pin8", "pin10", "pin16"];

const pick = (list) => list[nodeCrypto.randomInt(list.length)];
const b64url = (bytes) => CoreBuffer.from(bytes).toBase64URL();

async function addressFor(publicKeyBytes, domain) {
    const pk = CryptoSignaturePublicKey.from({ publicKey: CoreBuffer.from(publicKeyBytes), algorithm: 3 });
    return (await IdentityUtil.createAddress(pk, domain)).toString();
}

function describe(ref) {
    const pp = ref.passwordProtection;
    return {
        id: ref.id.toString(),
        backboneBaseUrl: ref.backboneBaseUrl ? ref.backboneBaseUrl : null,
        key: ref.key.secretKey.toBase64URL(),
        alg: ref.key.algorithm,
        forIdentityTruncated: ref.forIdentityTruncated ?? null,
        passwordProtection: pp
            ? {
                  passwordType: pp.passwordType,
                  salt: pp.salt.toBase64(),
                  passwordLocationIndicator: pp.passwordLocationIndicator ?? null,
                  password: pp.password ?? null
              }
            : null
    };
}

async function generate(outFile) {
    const addresses = [];
    for (const domain of DOMAINS) {
        for (let i = 0; i < 3; i++) {
            const pk = nodeCrypto.randomBytes(32);
            addresses.push({ publicKey: b64url(pk), domain, address: await addressFor(pk, domain) });
        }
    }

    const references = [];
    let n = 0;
    for (const kind of Object.keys(CLASSES)) {
        for (const withBaseUrl of [true, false]) {
            for (const withForIdentity of [false, true]) {
                for (const protection of ["none", "plain", "indicator", "cleartext"]) {
                    n++;
                    const baseUrl = withBaseUrl ? pick(BASE_URLS) : undefined;
                    const type = protection === "cleartext" ? pick(PASSWORD_TYPES.filter((t) => t !== "pw")) : pick(PASSWORD_TYPES);
                    const passwordProtection =
                        protection === "none"
                            ? undefined
                            : SharedPasswordProtection.from({
                                  passwordType: type,
                                  salt: CoreBuffer.from(nodeCrypto.randomBytes(16)),
                                  passwordLocationIndicator: protection === "plain" ? undefined : nodeCrypto.randomInt(100),
                                  password: protection === "cleartext" ? String(nodeCrypto.randomInt(10 ** 4)).padStart(4, "0") : undefined
                              });
                    const forIdentityTruncated = withForIdentity ? pick(addresses).address.slice(-4) : undefined;
                    const ref = CLASSES[kind].from({
                        id: await new CoreIdHelper(PREFIXES[kind]).generate(),
                        backboneBaseUrl: baseUrl,
                        key: await CryptoEncryption.generateKey(),
                        forIdentityTruncated,
                        passwordProtection
                    });
                    const appId = withBaseUrl && n % 3 === 0 ? "eu.enmeshed.app" : null;
                    references.push({
                        kind,
                        ...describe(ref),
                        appId,
                        truncated: ref.truncate(),
                        url: withBaseUrl ? ref.toUrl(appId ?? undefined) : null
                    });
                }
            }
        }
    }

    // Inputs the official parser refuses, each with the code our implementation must throw.
    const key = b64url(nodeCrypto.randomBytes(32));
    const salt = CoreBuffer.from(nodeCrypto.randomBytes(16)).toBase64();
    const enc = (s) => CoreBuffer.fromUtf8(s).toBase64URL();
    const id = "TOK" + "A".repeat(17);
    const candidates = [
        ["token", enc(`${id}|3|${key}|`), "error.core.reference.wrongComponentCount"],
        ["token", enc(`${id}|3`), "error.core.reference.wrongComponentCount"],
        ["token", enc(`${id}|1|${key}||`), "error.core.reference.invalidAlgorithm"],
        ["token", enc(`${id}|x|${key}||`), "error.core.reference.invalidAlgorithm"],
        ["token", enc(`${id}|3|${b64url(nodeCrypto.randomBytes(31))}||`), "error.core.reference.invalidKey"],
        ["token", enc(`${id}|3|${key}||pw&${CoreBuffer.from(nodeCrypto.randomBytes(15)).toBase64()}`), "error.core.reference.wrongSaltLength"],
        ["token", enc(`${id}|3|${key}||pin3&${salt}`), "error.core.reference.invalidPasswordType"],
        ["token", enc(`${id}|3|${key}||pin17&${salt}`), "error.core.reference.invalidPasswordType"],
        ["token", enc(`${id}|3|${key}||pw&${salt}&100`), "error.core.reference.invalidPasswordLocationIndicator"],
        ["token", enc(`${id}|3|${key}||pw`), "error.core.reference.invalidPasswordProtection"],
        ["token", enc(`TOK${"A".repeat(16)}|3|${key}||`), "error.core.reference.invalidId"],
        ["file", enc(`${id}|3|${key}||`), "error.core.reference.wrongIdPrefix"],
        ["relationshipTemplate", enc(`${id}|3|${key}||`), "error.core.reference.wrongIdPrefix"],
        ["token", enc(`${id}|3|${key}|ABCD|`), "error.core.reference.invalidForIdentityTruncated"],
        ["token", enc(`${id}|3|${key}||`).slice(0, -2) + "+/", "error.core.reference.invalidBase64"],
        ["token", `http://host/r/${id}#${enc(`3|${b64url(nodeCrypto.randomBytes(16))}||`)}`, "error.core.reference.invalidKey"],
        ["file", `http://host/r/${id}#${enc(`3|${key}||`)}`, "error.core.reference.wrongIdPrefix"]
    ];
    const rejected = [];
    for (const [kind, value, code] of candidates) {
        try {
            CLASSES[kind].from(value);
        } catch (e) {
            rejected.push({ kind, value, code, officialError: String(e.code ?? e.message) });
            continue;
        }
        throw new Error(`the official library accepted an input meant to be invalid: ${kind} ${value}`);
    }

    fs.writeFileSync(outFile, JSON.stringify({ generator: "@nmshd/core-types 7.0.0 + @nmshd/transport 7.0.0", addresses, references, rejected }, null, 1));
    console.log(`generated ${addresses.length} addresses, ${references.length} references, ${rejected.length} rejected inputs`);
}

async function verify(inFile) {
    const data = JSON.parse(fs.readFileSync(inFile, "utf8"));
    let checked = 0;
    const failures = [];
    const expectEqual = (what, actual, expected) => {
        checked++;
        if (JSON.stringify(actual) !== JSON.stringify(expected)) failures.push(`${what}: official ${JSON.stringify(actual)} vs file ${JSON.stringify(expected)}`);
    };

    for (const a of data.addresses ?? []) {
        const pk = CoreBuffer.fromBase64URL(a.publicKey).buffer;
        expectEqual(`address ${a.domain}`, await addressFor(pk, a.domain), a.address);
        const keyObj = CryptoSignaturePublicKey.from({ publicKey: CoreBuffer.from(pk), algorithm: 3 });
        expectEqual(`checkAddress ${a.address}`, await IdentityUtil.checkAddress(a.address, a.domain, keyObj), true);
    }

    for (const r of data.references ?? []) {
        const cls = CLASSES[r.kind];
        const expected = {
            id: r.id,
            backboneBaseUrl: r.backboneBaseUrl,
            key: r.key,
            alg: r.alg,
            forIdentityTruncated: r.forIdentityTruncated,
            passwordProtection: r.passwordProtection
        };
        try {
            expectEqual(`${r.kind} ${r.id} parsed truncated`, describe(cls.from(r.truncated)), expected);
            if (r.url) {
                expectEqual(`${r.kind} ${r.id} parsed url`, describe(cls.from(r.url)), expected);
            }
            const pp = r.passwordProtection;
            const built = cls.from({
                id: r.id,
                backboneBaseUrl: r.backboneBaseUrl ?? undefined,
                key: CryptoSecretKey.from({ secretKey: CoreBuffer.fromBase64URL(r.key), algorithm: r.alg }),
                forIdentityTruncated: r.forIdentityTruncated ?? undefined,
                passwordProtection: pp
                    ? SharedPasswordProtection.from({
                          passwordType: pp.passwordType,
                          salt: CoreBuffer.fromBase64(pp.salt),
                          passwordLocationIndicator: pp.passwordLocationIndicator ?? undefined,
                          password: pp.password ?? undefined
                      })
                    : undefined
            });
            expectEqual(`${r.kind} ${r.id} truncate()`, built.truncate(), r.truncated);
            if (r.url) expectEqual(`${r.kind} ${r.id} toUrl()`, built.toUrl(r.appId ?? undefined), r.url);
        } catch (e) {
            checked++;
            failures.push(`${r.kind} ${r.id}: the official library threw ${e.code ?? ""} ${e.message}`);
        }
    }

    for (const f of failures) console.log("FAIL " + f);
    console.log(`${checked} checked, ${failures.length} failures`);
    process.exit(failures.length === 0 && checked > 0 ? 0 : 1);
}

(async () => {
    await SodiumWrapper.ready();
    const [mode, file] = process.argv.slice(2);
    if (mode === "generate" && file) return await generate(file);
    if (mode === "verify" && file) return await verify(file);
    console.error("usage: node core_peer.js generate|verify <file.json>");
    process.exit(2);
})().catch((e) => {
    console.error(e);
    process.exit(1);
});
