#!/usr/bin/env node
// npm run bench:overhead — the SDK's own JavaScript per call, without the network: in one process,
// globalThis.fetch is replaced by a canned responder (a fresh Response per call, as fetch would return),
// and each contender of contenders.mjs makes the same calls as in `npm run bench`, in alternating rounds.
// It prints the median µs per call and what each adds over raw fetch. Not a goal: it tells the SDK's own
// cost apart from undici's, which the real benchmark cannot (there, both share the machine's noise).
//
// Uses the built dist/ of this checkout (the npm script builds it when stale). Knobs (env): OVERHEAD_CALLS
// (20000 per round), OVERHEAD_ROUNDS (9).
import { check, classCalls, contenders, functionCalls } from "./contenders.mjs";

const CALLS = Number(process.env.OVERHEAD_CALLS ?? 20_000);
const ROUNDS = Number(process.env.OVERHEAD_ROUNDS ?? 9);
const SERVER_URL = "http://127.0.0.1:9/api/v1"; // never reached: fetch is replaced below
const bodies = {
  "/auth/keys/code": JSON.stringify({
    data: { id: "auth_code_xyz789", app_id: 12345, created_at: "2025-08-24T10:30:00Z" },
  }),
  "/auth/keys": JSON.stringify({ key: "sk-or-v1-abc", user_id: "user_1" }),
};

globalThis.fetch = async (input) => {
  const body = bodies[String(input).slice(SERVER_URL.length)];
  if (body === undefined) throw new TypeError(`unexpected request to ${input}`);
  return new Response(body, {
    status: 200,
    headers: { "content-type": "application/json", "content-length": String(body.length) },
  });
};

// contenders.mjs imports the SDK by its package name (the installed tarball, in `npm run bench`); here the
// same calls go to this checkout's dist/.
const sdk = await import(new URL("../dist/esm/src/index.js", import.meta.url).href);
const ours = {
  "openrouter-oauth functions": () => functionCalls(SERVER_URL, sdk, sdk, sdk),
  "openrouter-oauth class": () => classCalls(SERVER_URL, sdk),
};

const names = ["raw fetch", "raw fetch + time limit", ...Object.keys(ours)];
const calls = {
  "raw fetch": await contenders["raw fetch"](SERVER_URL),
  "raw fetch + time limit": await contenders["raw fetch + time limit"](SERVER_URL),
  ...Object.fromEntries(Object.entries(ours).map(([name, make]) => [name, make()])),
};

// Every contender must return the right values, or this would time something else.
for (const name of names) for (const i of [0, 1]) check(i, await calls[name](i));

const perCall = Object.fromEntries(names.map((name) => [name, []]));
// Round -1 warms up (JIT, lazy schemas) and is not counted.
for (let round = -1; round < ROUNDS; round++) {
  for (const name of names) {
    const call = calls[name];
    const started = performance.now();
    for (let i = 0; i < CALLS; i++) await call(i);
    if (round >= 0) perCall[name].push(((performance.now() - started) * 1000) / CALLS);
  }
}

const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];
const base = median(perCall["raw fetch"]);
console.log(
  `median of ${ROUNDS} rounds × ${CALLS} calls, fetch replaced by a canned responder (Node ${process.version})`,
);
for (const name of names) {
  const us = median(perCall[name]);
  console.log(`${name.padEnd(28)} ${us.toFixed(1).padStart(6)} µs/call   +${(us - base).toFixed(1)} µs over raw fetch`);
}
