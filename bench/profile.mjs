#!/usr/bin/env node
// npm run bench:profile — where a real call's time goes, per contender: the measurement behind the
// "what is left" of README's Performance section.
//
// The same setting as the throughput part of `npm run bench` (all contenders in one process, alternating
// rounds, against the canned server in its own process), run under V8's sampling profiler. Each sample is
// given to the contender whose round was running when it was taken, and to a part of the runtime by the
// function it landed in: this SDK's own code, undici (Node's fetch), the garbage collector, JSON, socket
// writes, the rest of Node. It prints sampled µs per call for each, and what each contender adds over
// "raw fetch + time limit" (the floor of any client whose calls can time out), then the SDK's hottest lines.
//
// Uses this checkout's dist/ (the npm script builds it when stale). Loopback only. Knobs (env):
// PROFILE_ROUNDS (8), PROFILE_CALLS (1000 per round), PROFILE_CONCURRENCY (32), PROFILE_INTERVAL_US (100).
import { fork, spawn } from "node:child_process";
import { once } from "node:events";
import { readFileSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const env = (name, fallback) => Number(process.env[name] ?? fallback);
const ROUNDS = env("PROFILE_ROUNDS", 8);
const CALLS = env("PROFILE_CALLS", 1000);
const CONCURRENCY = env("PROFILE_CONCURRENCY", 32);
const INTERVAL_US = env("PROFILE_INTERVAL_US", 100);
const CONTENDERS = ["raw fetch", "raw fetch + time limit", "openrouter-oauth functions", "openrouter-oauth class"];
const FLOOR = "raw fetch + time limit";
const dist = new URL("../dist/esm/", import.meta.url).href;

if (process.argv[2] === "--child") await child(JSON.parse(process.argv[3]));
else await parent();

/** Runs the rounds (profiled by the parent's flags); prints the time window of every round as JSON. */
async function child({ serverURL }) {
  const { betweenRounds, check, classCalls, contenders, drive, functionCalls } = await import("./contenders.mjs");
  const sdk = await import(`${dist}src/index.js`);
  const calls = {
    "raw fetch": await contenders["raw fetch"](serverURL),
    "raw fetch + time limit": await contenders["raw fetch + time limit"](serverURL),
    "openrouter-oauth functions": functionCalls(serverURL, sdk, sdk, sdk),
    "openrouter-oauth class": classCalls(serverURL, sdk),
  };
  for (const name of CONTENDERS) for (const i of [0, 1]) check(i, await calls[name](i));
  const modes = { sequential: 1, [`concurrency ${CONCURRENCY}`]: CONCURRENCY };
  for (const name of CONTENDERS) for (const width of Object.values(modes)) await drive(calls[name], 500, width);
  const windows = [];
  for (let round = 0; round < ROUNDS; round++) {
    const order = CONTENDERS.map((_, k) => CONTENDERS[(k + round) % CONTENDERS.length]);
    for (const [mode, width] of Object.entries(modes)) {
      for (const name of order) {
        betweenRounds();
        // The profile's clock: microseconds of the monotonic clock process.hrtime reads.
        const start = Number(process.hrtime.bigint() / 1000n);
        await drive(calls[name], CALLS, width);
        windows.push({ name, mode, start, end: Number(process.hrtime.bigint() / 1000n) });
      }
    }
    process.stderr.write(`  profile round ${round + 1}/${ROUNDS} done\n`);
  }
  process.stdout.write(`${JSON.stringify(windows)}\n`);
}

async function parent() {
  const here = fileURLToPath(new URL(".", import.meta.url));
  const server = fork(join(here, "server.mjs"), [], { execArgv: [], stdio: "inherit" });
  const temp = await mkdtemp(join(tmpdir(), "openrouter-oauth-profile-"));
  try {
    const [{ port }] = await once(server, "message");
    const serverURL = `http://127.0.0.1:${port}/api/v1`;
    const flags = ["--expose-gc", "--cpu-prof", `--cpu-prof-interval=${INTERVAL_US}`, `--cpu-prof-dir=${temp}`];
    const runner = spawn(
      process.execPath,
      [...flags, fileURLToPath(import.meta.url), "--child", JSON.stringify({ serverURL })],
      {
        stdio: ["ignore", "pipe", "inherit"],
      },
    );
    let out = "";
    runner.stdout.on("data", (chunk) => {
      out += chunk;
    });
    const [code] = await once(runner, "close");
    if (code !== 0) throw new Error(`the profiled child exited with ${code}`);
    const windows = JSON.parse(out.trim().split("\n").at(-1));
    const [file] = (await readdir(temp)).filter((name) => name.endsWith(".cpuprofile"));
    report(JSON.parse(await readFile(join(temp, file), "utf8")), windows);
  } finally {
    server.kill();
    await rm(temp, { recursive: true, force: true });
  }
}

/** The part of the runtime a sampled frame belongs to. */
function partOf({ url, functionName }) {
  if (url.startsWith(dist)) return "openrouter-oauth's code";
  if (url.endsWith("/contenders.mjs")) return "the bench client's own code";
  if (url.includes("deps/undici")) return "undici (fetch)";
  if (url.startsWith("wasm://")) return "undici (HTTP parser, wasm)";
  if (url.startsWith("node:")) return "other Node internals (streams, events, timers, AbortSignal)";
  if (functionName === "(garbage collector)") return "garbage collector";
  if (functionName === "(idle)") return "idle (waiting for the server)";
  if (functionName === "parse" || functionName === "stringify") return "JSON.parse / JSON.stringify";
  if (/^(writev|writeUtf8String|writeBuffer|writeLatin1String)$/.test(functionName)) return "socket writes";
  return "other native code";
}

function report(profile, windows) {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  // µs per [mode][contender][part].
  const parts = {};
  const sorted = [...windows].sort((a, b) => a.start - b.start);
  let t = profile.startTime;
  let k = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i];
    while (k < sorted.length && sorted[k].end <= t) k++;
    const w = sorted[k];
    if (!w || t < w.start) continue;
    // A sample stands for the time until the next one.
    const us = profile.timeDeltas[i + 1] ?? INTERVAL_US;
    const node = nodes.get(profile.samples[i]);
    const part = partOf(node.callFrame);
    parts[w.mode] ??= {};
    parts[w.mode][w.name] ??= {};
    parts[w.mode][w.name][part] = (parts[w.mode][w.name][part] ?? 0) + us;
  }
  const allParts = [...new Set(Object.values(parts).flatMap((byName) => Object.values(byName).flatMap(Object.keys)))];
  const perCall = (mode, name, part) => (parts[mode]?.[name]?.[part] ?? 0) / ROUNDS / CALLS;
  console.log(
    `Sampled µs per call, idle included (V8 profiler, a sample every ${INTERVAL_US} µs; ${ROUNDS} rounds × ${CALLS} calls per contender and mode; Node ${process.version})`,
  );
  for (const mode of Object.keys(parts)) {
    console.log(`\n${mode}: µs/call, and in brackets the difference from "${FLOOR}"`);
    console.log(`| part | ${CONTENDERS.join(" | ")} |`);
    console.log(`|---|${CONTENDERS.map(() => "---:").join("|")}|`);
    const rows = [...allParts, "total"];
    for (const part of rows) {
      const value = (name) =>
        part === "total" ? allParts.reduce((sum, p) => sum + perCall(mode, name, p), 0) : perCall(mode, name, part);
      const cells = CONTENDERS.map((name) => {
        const diff = value(name) - value(FLOOR);
        return `${value(name).toFixed(1)}${name === FLOOR ? "" : ` (${diff >= 0 ? "+" : "−"}${Math.abs(diff).toFixed(1)})`}`;
      });
      console.log(`| ${part} | ${cells.join(" | ")} |`);
    }
  }
  // The SDK's lines by their share of its samples (the whole run, warm-up included): V8 counts, per
  // function, the samples that landed on each of its lines.
  const lines = new Map();
  let total = 0;
  for (const node of profile.nodes) {
    if (!node.callFrame.url.startsWith(dist)) continue;
    for (const { line, ticks } of node.positionTicks ?? []) {
      const key = `${node.callFrame.url.slice(dist.length)}:${line}`;
      lines.set(key, (lines.get(key) ?? 0) + ticks);
      total += ticks;
    }
  }
  const sources = new Map();
  console.log("\nopenrouter-oauth's hottest lines (share of its samples; file:line of dist/esm, then the line):");
  for (const [key, ticks] of [...lines].sort((a, b) => b[1] - a[1]).slice(0, 20)) {
    const [file, line] = key.split(":");
    if (!sources.has(file)) sources.set(file, readFileSync(new URL(file, dist), "utf8").split("\n"));
    const text = sources.get(file)[Number(line) - 1]?.trim().slice(0, 100) ?? "";
    console.log(`${((100 * ticks) / total).toFixed(1).padStart(5)}%  ${key.padEnd(28)} ${text}`);
  }
}
