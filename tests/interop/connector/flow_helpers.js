// What the end-to-end scripts next to a connector share: a webhook receiver collecting what the
// connector posts, polling until a condition holds, and comparing JSON across the two sides.
"use strict";
const http = require("http");

// Collects every webhook body (JSON, or {invalid: text}) posted to 127.0.0.1:<port>.
function webhookReceiver() {
    const webhooks = [];
    const server = http.createServer((req, res) => {
        let body = "";
        req.on("data", (c) => (body += c));
        req.on("end", () => {
            try {
                webhooks.push(JSON.parse(body));
            } catch (e) {
                webhooks.push({ invalid: body });
            }
            res.writeHead(200);
            res.end();
        });
    });
    return {
        webhooks,
        listen: (port) => new Promise((r) => server.listen(Number(port), "127.0.0.1", r)),
        close: () => server.close(),
        // The received webhooks of one trigger whose data satisfies `pred`.
        hooks: (trigger, pred = () => true) => webhooks.filter((w) => w.trigger === trigger && pred(w.data))
    };
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Polls `fn` every 100 ms until it returns something truthy, which is returned.
async function until(what, fn, timeoutMs = 20000) {
    const end = Date.now() + timeoutMs;
    while (Date.now() < end) {
        const last = await fn();
        if (last) return last;
        await sleep(100);
    }
    throw new Error(`timed out waiting for ${what}`);
}

module.exports = { webhookReceiver, sleep, until };
