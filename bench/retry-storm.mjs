#!/usr/bin/env node
// `npm run bench:retry-storm`: one exchange, with default options, against a local server that answers
// every request with 503 and `Retry-After: 0` (a server asking for a retry at once, forever). Prints how
// many requests that one call sent, how long it took, the MaxListenersExceededWarnings the process emitted,
// and the heap growth. The attempt cap and the wait floor bound the first two.
//
// RETRY_STORM_DIST=<a dist/esm folder> measures another build instead (e.g. a checkout of an older commit,
// built), to compare before and after a change.
import { createServer } from "node:http";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

const dist = resolve(process.env.RETRY_STORM_DIST ?? "dist/esm");
const { OpenRouterCore, oAuthExchangeAuthCodeForAPIKey } = await import(pathToFileURL(`${dist}/src/index.js`).href);

let requests = 0;
const server = createServer((request, response) => {
  requests++;
  request.resume();
  response.writeHead(503, { "content-type": "application/json", "retry-after": "0" });
  response.end(JSON.stringify({ error: { code: 503, message: "busy" } }));
});
await new Promise((done) => server.listen(0, "127.0.0.1", done));
const { port } = server.address();

const warnings = [];
process.on("warning", (warning) => warnings.push(warning.name));
globalThis.gc?.();
const heapBefore = process.memoryUsage().heapUsed;
const started = performance.now();
const result = await oAuthExchangeAuthCodeForAPIKey(
  new OpenRouterCore({ serverURL: `http://127.0.0.1:${port}/api/v1` }),
  {
    requestBody: { code: "auth_code_storm" },
  },
);
const elapsed = performance.now() - started;
const heapPeak = process.memoryUsage().heapUsed;
await new Promise((done) => setTimeout(done, 10));
server.close();
server.closeAllConnections();

const listenerWarnings = warnings.filter((name) => name === "MaxListenersExceededWarning").length;
console.log(`build                          ${dist}`);
console.log(
  `outcome                        ${result.ok ? "ok" : `${result.error.name} ${result.error.statusCode ?? ""}`}`,
);
console.log(`requests sent by one call      ${requests}`);
console.log(`call took                      ${(elapsed / 1000).toFixed(1)} s`);
console.log(`MaxListenersExceededWarnings   ${listenerWarnings}`);
console.log(`heap growth during the call    ${((heapPeak - heapBefore) / 2 ** 20).toFixed(1)} MB`);
