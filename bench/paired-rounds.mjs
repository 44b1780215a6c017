// The measurement shared by bench:ablate and bench:signal: clients side by side in one process against the
// canned server (in its own process), in alternating rounds (the order rotates), a minor GC before each
// round (betweenRounds), each client's calls/s read as the median of its per-round ratios to a baseline's.
import { fork } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { betweenRounds, check, drive, median } from "./contenders.mjs";

/** Runs `measure(serverURL)` with the canned server up on a free 127.0.0.1 port; stops the server after. */
export async function withCannedServer(measure) {
  const server = fork(fileURLToPath(new URL("server.mjs", import.meta.url)), [], { execArgv: [], stdio: "inherit" });
  try {
    const [{ port }] = await once(server, "message");
    return await measure(`http://127.0.0.1:${port}/api/v1`);
  } finally {
    server.kill();
  }
}

/**
 * Checks and warms up every client of `calls` (name → (i) => Promise<value>), runs `rounds` rounds of
 * `perRound` calls at concurrency `width`, and prints a Markdown table: per client, median calls/s, the
 * median per-round ratio to `baseline` (a name in `calls`) and median client CPU µs per call. `label`
 * heads the first column; `progress` names the rounds in the lines written to stderr every 10 rounds.
 */
export async function printPairedRounds(calls, { baseline, rounds, perRound, width, label, progress }) {
  const all = Object.keys(calls);
  for (const name of all) for (const i of [0, 1]) check(i, await calls[name](i));
  for (const name of all) await drive(calls[name], 500, width);
  const results = Object.fromEntries(all.map((name) => [name, []]));
  for (let round = 0; round < rounds; round++) {
    for (const name of all.map((_, k) => all[(k + round) % all.length])) {
      betweenRounds();
      const cpu = process.cpuUsage();
      const rate = await drive(calls[name], perRound, width);
      const { user, system } = process.cpuUsage(cpu);
      results[name].push({ rate, cpu: (user + system) / perRound });
    }
    if ((round + 1) % 10 === 0) process.stderr.write(`  ${progress} round ${round + 1}/${rounds} done\n`);
  }
  console.log(
    `${rounds} rounds × ${perRound} calls at concurrency ${width}, one process (Node ${process.version}); ratio: median of the per-round ratios to "${baseline}"`,
  );
  console.log(`| ${label} | calls/s | × ${baseline} | client CPU µs/call |`);
  console.log("|---|---:|---:|---:|");
  for (const name of all) {
    const ratio = median(results[name].map((r, i) => r.rate / results[baseline][i].rate));
    const rate = median(results[name].map((r) => r.rate));
    const cpu = median(results[name].map((r) => r.cpu));
    console.log(`| ${name} | ${rate.toFixed(0)} | ${ratio.toFixed(3)} | ${cpu.toFixed(0)} |`);
  }
}
