// The same operations as crypto_bench.cpp, done with the official @nmshd/crypto 2.1.3.
// Prints {"<op>": ops_per_second, ...} as JSON. Usage: node bench.js [seconds-per-op]
"use strict";
const c = require("@nmshd/crypto");

async function measure(fn, seconds) {
    await fn(); // warm-up
    let n = 0;
    const start = process.hrtime.bigint();
    let elapsed = 0;
    while (elapsed < seconds || n < 3) {
        await fn();
        n++;
        elapsed = Number(process.hrtime.bigint() - start) / 1e9;
    }
    return n / elapsed;
}

(async () => {
    await c.SodiumWrapper.ready();
    const seconds = Number(process.argv[2] || 1);
    const out = {};
    for (const [name, size] of [["1k", 1024], ["1m", 1 << 20]]) {
        const key = await c.CryptoEncryption.generateKey();
        const plain = c.CoreBuffer.random(size);
        out[`enc_dec_${name}`] = await measure(async () => {
            const cipher = await c.CryptoEncryption.encrypt(plain, key);
            await c.CryptoEncryption.decrypt(cipher, key);
        }, seconds);
        out[`enc_dec_json_${name}`] = await measure(async () => {
            const wire = (await c.CryptoEncryption.encrypt(plain, key)).toBase64();
            await c.CryptoEncryption.decrypt(c.CryptoCipher.fromBase64(wire), key);
        }, seconds);
    }
    const kp = await c.CryptoSignatures.generateKeypair();
    const msg = c.CoreBuffer.random(256);
    out.sign = await measure(() => c.CryptoSignatures.sign(msg, kp.privateKey), seconds);
    const sig = await c.CryptoSignatures.sign(msg, kp.privateKey);
    out.verify = await measure(() => c.CryptoSignatures.verify(msg, sig, kp.publicKey), seconds);
    const salt = c.CoreBuffer.random(16);
    const pw = c.CoreBuffer.fromUtf8("correct horse");
    out.password = await measure(() => c.CryptoDerivation.deriveKeyFromPassword(pw, salt, 3, "argon2id", 3, 20 * 1024 * 1024), seconds);
    process.stdout.write(JSON.stringify(out) + "\n");
})().catch((e) => {
    console.error("FAILED", e);
    process.exit(1);
});
