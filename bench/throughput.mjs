// Per-call overhead: every contender in this one process, in alternating rounds (the order rotates each
// round), sequentially and at a fixed concurrency, against the canned server (another process).
// Run by run.mjs with --expose-gc: node throughput.mjs '{"serverURL":…,"calls":…,"rounds":…,"concurrency":…}'.
// Prints one JSON line: { [mode]: { [contender]: [{ rate: calls/s, cpuMicros: client CPU µs per call }] per round } }.
// The CPU time is the whole client process's (all its threads), so it is less disturbed than calls/s by
// other work on the machine, but it is not a goal: the goal is calls/s.
import { betweenRounds, contenders, drive } from "./contenders.mjs";

const { serverURL, calls, rounds, concurrency, warmup, only } = JSON.parse(process.argv[2] ?? "{}");
const names = Object.keys(contenders).filter((name) => !only || only.includes(name));
const modes = { sequential: 1, [`concurrency ${concurrency}`]: concurrency };

const calls$ = {};
for (const name of names) calls$[name] = await contenders[name](serverURL);

// Warm-up: JIT, connection pools and lazy imports (undici) for every contender and mode.
for (const name of names) {
  for (const width of Object.values(modes)) await drive(calls$[name], warmup, width);
}

const results = Object.fromEntries(
  Object.keys(modes).map((mode) => [mode, Object.fromEntries(names.map((n) => [n, []]))]),
);
for (let round = 0; round < rounds; round++) {
  const order = names.map((_, k) => names[(k + round) % names.length]);
  for (const [mode, width] of Object.entries(modes)) {
    for (const name of order) {
      betweenRounds();
      const cpu = process.cpuUsage();
      const rate = await drive(calls$[name], calls, width);
      const { user, system } = process.cpuUsage(cpu);
      results[mode][name].push({ rate, cpuMicros: (user + system) / calls });
    }
  }
  process.stderr.write(`  throughput round ${round + 1}/${rounds} done\n`);
}
process.stdout.write(`${JSON.stringify(results)}\n`);
