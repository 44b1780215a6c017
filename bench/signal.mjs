#!/usr/bin/env node
// npm run bench:signal — what a time limit costs a fetch client, part by part: the hand-written raw fetch
// client of contenders.mjs (a) as it is, (b) with an AbortController and a 30 s timer per call whose signal
// is not passed to fetch, (c) with that signal passed ("raw fetch + time limit"), and (d) with one signal
// shared by every call passed instead. Each runs against the canned server in alternating rounds in one
// process, as in `npm run bench`; ratios are the median of the per-round ratios to (a). A diagnostic for
// README's Performance section, not a goal. Loopback only. Knobs (env): SIGNAL_ROUNDS (40), SIGNAL_CALLS
// (1000 per round), SIGNAL_CONCURRENCY (32).
import { fork } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { betweenRounds, check, drive, median, rawClient } from "./contenders.mjs";

const env = (name, fallback) => Number(process.env[name] ?? fallback);
const ROUNDS = env("SIGNAL_ROUNDS", 40);
const CALLS = env("SIGNAL_CALLS", 1000);
const WIDTH = env("SIGNAL_CONCURRENCY", 32);
const BASELINE = "raw fetch";

const server = fork(fileURLToPath(new URL("server.mjs", import.meta.url)), [], { execArgv: [], stdio: "inherit" });
try {
  const [{ port }] = await once(server, "message");
  const serverURL = `http://127.0.0.1:${port}/api/v1`;
  const calls = {
    [BASELINE]: await rawClient(serverURL),
    "+ AbortController and timer, signal not passed": await rawClient(serverURL, "timer only"),
    "+ its signal passed to fetch (raw fetch + time limit)": await rawClient(serverURL, "signal"),
    "+ one signal shared by every call, passed": await rawClient(serverURL, "shared"),
  };
  const all = Object.keys(calls);
  for (const name of all) for (const i of [0, 1]) check(i, await calls[name](i));
  for (const name of all) await drive(calls[name], 500, WIDTH);
  const rounds = Object.fromEntries(all.map((name) => [name, []]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const name of all.map((_, k) => all[(k + round) % all.length])) {
      betweenRounds();
      const cpu = process.cpuUsage();
      const rate = await drive(calls[name], CALLS, WIDTH);
      const { user, system } = process.cpuUsage(cpu);
      rounds[name].push({ rate, cpu: (user + system) / CALLS });
    }
  }
  console.log(
    `${ROUNDS} rounds × ${CALLS} calls at concurrency ${WIDTH}, one process (Node ${process.version}); ratio: median of the per-round ratios to "${BASELINE}"`,
  );
  console.log(`| client | calls/s | × ${BASELINE} | client CPU µs/call |`);
  console.log("|---|---:|---:|---:|");
  for (const name of all) {
    const ratio = median(rounds[name].map((r, i) => r.rate / rounds[BASELINE][i].rate));
    const rate = median(rounds[name].map((r) => r.rate));
    const cpu = median(rounds[name].map((r) => r.cpu));
    console.log(`| ${name} | ${rate.toFixed(0)} | ${ratio.toFixed(3)} | ${cpu.toFixed(0)} |`);
  }
} finally {
  server.kill();
}
