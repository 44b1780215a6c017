#!/usr/bin/env node
// npm run bench:signal — what a time limit costs a fetch client, part by part: the hand-written raw fetch
// client of contenders.mjs (a) as it is, (b) with an AbortController and a 30 s timer per call whose signal
// is not passed to fetch, (c) with that signal passed ("raw fetch + time limit"), (d) with one signal
// shared by every call passed instead, and (e) as (c), the controller aborted once the call has settled (so
// undici lets go of the request at once instead of at the next full GC); then this checkout's built
// functions (f) as configured by default (a 30 s time limit) and (g) with `timeoutMs: Infinity`, where
// nothing can abort a call and fetch is given no signal. Each runs against the canned server in alternating
// rounds in one process, as in `npm run bench`; ratios are the median of the per-round ratios to (a).
// A diagnostic for README's Performance section, not a goal. Loopback only. Knobs (env): SIGNAL_ROUNDS (40),
// SIGNAL_CALLS (1000 per round), SIGNAL_CONCURRENCY (32).
import { functionCalls, rawClient } from "./contenders.mjs";
import { printPairedRounds, withCannedServer } from "./paired-rounds.mjs";

const env = (name, fallback) => Number(process.env[name] ?? fallback);
const sdk = await import(new URL("../dist/esm/src/index.js", import.meta.url).href);

await withCannedServer(async (serverURL) => {
  const calls = {
    "raw fetch": await rawClient(serverURL),
    "+ AbortController and timer, signal not passed": await rawClient(serverURL, "timer only"),
    "+ its signal passed to fetch (raw fetch + time limit)": await rawClient(serverURL, "signal"),
    "+ one signal shared by every call, passed": await rawClient(serverURL, "shared"),
    "+ its signal passed, aborted once the call has settled": await rawClient(serverURL, "abort after"),
    "openrouter-oauth functions (default 30 s time limit)": functionCalls(serverURL, sdk, sdk, sdk),
    "openrouter-oauth functions, timeoutMs: Infinity (no signal)": functionCalls(serverURL, sdk, sdk, sdk, {
      timeoutMs: Infinity,
    }),
  };
  await printPairedRounds(calls, {
    baseline: "raw fetch",
    rounds: env("SIGNAL_ROUNDS", 40),
    perRound: env("SIGNAL_CALLS", 1000),
    width: env("SIGNAL_CONCURRENCY", 32),
    label: "client",
    progress: "signal",
  });
});
