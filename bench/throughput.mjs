// Per-call throughput (bench/README.md): every contender in this one process, in alternating rounds (the
// order rotates), sequentially and `concurrency` at a time. Run by run.mjs with --expose-gc and a JSON job;
// prints { [mode]: { [contender]: [{ rate: calls/s, cpuMicros: this process's CPU µs per call }] per round } }.
import { betweenRounds, contenders, drive } from "./contenders.mjs";

const { serverURL, calls, rounds, concurrency, warmup } = JSON.parse(process.argv[2]);
const names = Object.keys(contenders);
const modes = { sequential: 1, [`concurrency ${concurrency}`]: concurrency };
const clients = {};
for (const name of names) clients[name] = await contenders[name](serverURL);
// Warm-up: JIT, connection pools and lazy imports (undici) for every contender and mode.
for (const name of names) for (const width of Object.values(modes)) await drive(clients[name], warmup, width);

const results = Object.fromEntries(
  Object.keys(modes).map((mode) => [mode, Object.fromEntries(names.map((n) => [n, []]))]),
);
for (let round = 0; round < rounds; round++) {
  for (const [mode, width] of Object.entries(modes)) {
    for (const name of names.map((_, k) => names[(k + round) % names.length])) {
      betweenRounds();
      const cpu = process.cpuUsage();
      const rate = await drive(clients[name], calls, width);
      const { user, system } = process.cpuUsage(cpu);
      results[mode][name].push({ rate, cpuMicros: (user + system) / calls });
    }
  }
  process.stderr.write(`  throughput round ${round + 1}/${rounds} done\n`);
}
process.stdout.write(`${JSON.stringify(results)}\n`);
