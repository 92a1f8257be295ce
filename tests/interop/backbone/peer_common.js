// Shared helpers for the Node peers that run the official @nmshd/transport / @nmshd/runtime 7.0.0
// against our C++ backbone (started by backbone_process.cpp). Reusable by other scripts here.
//
// Protocol with the C++ test (stdout/stdin, one line each):
//   "STEP <name> OK [detail]" / "STEP <name> FAILED <reason>"   results the test asserts on
//   "@@restart-backbone"   asks the test to restart the backbone on the same port and database;
//                          the test answers "@@restarted" on stdin
//   "SUMMARY <json>"       last line: {"ok": n, "failed": n, "failures": [...]}
const readline = require("readline");
const { Transport } = require("@nmshd/transport");
const { EventEmitter2EventBus } = require("@js-soft/ts-utils");

const levels = ["trace", "debug", "info", "warn", "error", "fatal"];
const minLevel = levels.indexOf(process.env.NMSHD_PEER_LOG || "fatal");
const loggerFactory = {
    getLogger: (name) => {
        const n = typeof name === "function" ? name.name : name;
        const l = {};
        for (const lv of levels) {
            l[lv] = (...m) => {
                if (levels.indexOf(lv) >= minLevel) {
                    console.error(`[lib ${lv}] ${n}:`, ...m.map((x) => (x instanceof Error ? x.message : typeof x === "object" ? JSON.stringify(x) : x)));
                }
            };
        }
        return l;
    }
};

const results = { ok: 0, failed: 0, failures: [] };

function describeError(e) {
    if (!e) return "unknown error";
    const code = e.code ? `${e.code}: ` : "";
    return `${e.constructor?.name ?? "Error"} ${code}${e.message ?? String(e)}`.replace(/\s+/g, " ");
}

// Runs one named step; a failure is recorded and (unless `fatal`) the script continues.
async function step(name, fn, { fatal = false } = {}) {
    try {
        const detail = await fn();
        results.ok++;
        console.log(`STEP ${name} OK${detail === undefined ? "" : " " + (typeof detail === "string" ? detail : JSON.stringify(detail))}`);
        return detail;
    } catch (e) {
        results.failed++;
        results.failures.push(`${name}: ${describeError(e)}`);
        console.log(`STEP ${name} FAILED ${describeError(e)}`);
        if (fatal) throw e;
        return undefined;
    }
}

function expect(condition, message) {
    if (!condition) throw new Error(`expectation failed: ${message}`);
}

// Expects `fn` to throw (or return a failed Result) with an error code containing `codePart`.
async function expectFailure(fn, codePart) {
    let error;
    try {
        const r = await fn();
        if (r && r.isError) error = r.error;
    } catch (e) {
        error = e;
    }
    expect(error, `expected an error containing '${codePart}', but the call succeeded`);
    const text = `${error.code ?? ""} ${error.message ?? ""}`;
    expect(text.includes(codePart), `expected '${codePart}', got '${text}'`);
    return error.code ?? text;
}

async function newTransport(baseUrl, clientId, clientSecret, extra = {}) {
    const eventBus = new EventEmitter2EventBus(() => {});
    return await new Transport(
        { baseUrl, platformClientId: clientId, platformClientSecret: clientSecret, supportedIdentityVersion: 1, platformTimeout: 20000, ...extra },
        eventBus,
        loggerFactory
    ).init();
}

const stdinLines = readline.createInterface({ input: process.stdin });
const waiting = [];
stdinLines.on("line", (line) => {
    const w = waiting.shift();
    if (w) w(line.trim());
});

// Asks the C++ test to restart the backbone (in-memory access tokens are lost) and waits.
function restartBackbone() {
    return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error("no @@restarted from the test within 60 s")), 60000);
        waiting.push((line) => {
            clearTimeout(timer);
            if (line === "@@restarted") resolve();
            else reject(new Error(`unexpected control line '${line}'`));
        });
        console.log("@@restart-backbone");
    });
}

function finish() {
    console.log(`SUMMARY ${JSON.stringify(results)}`);
    stdinLines.close();
    setTimeout(() => process.exit(results.failed === 0 ? 0 : 1), 100).unref();
}

module.exports = { loggerFactory, step, expect, expectFailure, newTransport, restartBackbone, finish, results, describeError };
