#!/usr/bin/env node
// npm run bench: openrouter-oauth, packed and installed, against a hand-written raw fetch client and the
// pinned @openrouter/sdk. bench/README.md says what it measures and how; the knobs are the constants below.
// Prints one Markdown table on stdout (progress on stderr); exits 1 when a goal is missed, 2 when it fails.
// `--write-docs`: also saves the run to bench/results.json and writes its figures into README.md and
// bench/README.md (bench/write-docs.mjs).
import { fork, spawn, spawnSync } from "node:child_process";
import { once } from "node:events";
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { arch, cpus, loadavg, platform, release, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { median } from "./contenders.mjs";
import { RESULTS, writeDocs } from "./write-docs.mjs";

const bench = dirname(fileURLToPath(import.meta.url));
const env = (name, fallback) => Number(process.env[name] ?? fallback);
const CALLS = env("BENCH_CALLS", 1000);
const ROUNDS = env("BENCH_ROUNDS", 15);
const MEMORY_CALLS = env("BENCH_MEMORY_CALLS", 5000);
const MEMORY_RUNS = env("BENCH_MEMORY_RUNS", 5);
const CONCURRENCY = env("BENCH_CONCURRENCY", 32);
const COLD_RUNS = env("BENCH_COLD_RUNS", 20);
const GC = process.env["BENCH_GC"] === "full" ? "a full" : "a minor";
const GOALS = { throughputRatio: 0.9, coldStartMs: 15, cliLaunchMs: 30, memoryMiB: 10 };
const MiB = 1024 * 1024;

const started = performance.now();
const loadAtStart = loadavg()[0];
const seconds = () => ((performance.now() - started) / 1000).toFixed(0);
const log = (line) => process.stderr.write(`[bench ${seconds()}s] ${line}\n`);

/** Runs a command, its output on our stderr (stdout stays for the table); throws when it fails. */
function run(command, args, cwd) {
  const result = spawnSync(command, args, { cwd, stdio: ["ignore", 2, 2] });
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} failed in ${cwd} (exit ${result.status})`);
}

/** Runs `node args` in `cwd`; resolves with the JSON on its last stdout line. */
async function nodeJson(args, cwd) {
  const child = spawn(process.execPath, args, { cwd, stdio: ["ignore", "pipe", "inherit"] });
  let out = "";
  child.stdout.setEncoding("utf8").on("data", (chunk) => (out += chunk));
  const [code] = await once(child, "close");
  if (code !== 0) throw new Error(`node ${args.join(" ")} exited with ${code}`);
  return JSON.parse(out.trim().split("\n").at(-1));
}

/** Medians of `measure(arg)` in ms per [name, arg] case: COLD_RUNS interleaved passes after an unmeasured one. */
async function timeCases(cases, measure) {
  const times = cases.map(() => []);
  for (let pass = -1; pass < COLD_RUNS; pass++) {
    for (const [k, [, arg]] of cases.entries()) {
      const ms = await measure(arg);
      if (pass >= 0) times[k].push(ms);
    }
  }
  return cases.map(([name], k) => ({ name, ms: median(times[k]) }));
}

const temp = await mkdtemp(join(tmpdir(), "openrouter-oauth-bench-"));
const consumer = join(temp, "consumer");
let server;
try {
  // ---- build, pack, install the tarball beside bench/package-lock.json ------------------------------
  log("npm run build, npm pack");
  run("npm", ["run", "build"], resolve(bench, ".."));
  await mkdir(join(temp, "pack"));
  run("npm", ["pack", "--pack-destination", join(temp, "pack")], resolve(bench, ".."));
  const tarballs = (await readdir(join(temp, "pack"))).filter((file) => file.endsWith(".tgz"));
  if (tarballs.length !== 1) throw new Error(`npm pack made ${tarballs.length} tarballs`);
  log(`installing bench/package-lock.json and ${tarballs[0]} into ${consumer}`);
  await mkdir(consumer);
  for (const file of ["package.json", "package-lock.json"]) await copyFile(join(bench, file), join(consumer, file));
  const quiet = ["--prefer-offline", "--no-audit", "--no-fund", "--ignore-scripts", "--loglevel=error"];
  run("npm", ["ci", ...quiet], consumer);
  run("npm", ["install", "--no-save", ...quiet, join(temp, "pack", tarballs[0])], consumer);
  for (const file of ["contenders.mjs", "throughput.mjs", "memory.mjs", "sizes.mjs", "server.mjs"]) {
    await copyFile(join(bench, file), join(consumer, file));
  }
  // scripts/size.mjs's bundle measurement; its esbuild import then resolves to the consumer's.
  await copyFile(join(bench, "../scripts/bundle-size.mjs"), join(consumer, "bundle-size.mjs"));
  const packageOf = async (name) => JSON.parse(await readFile(join(consumer, "node_modules", name, "package.json")));
  const ours = (await packageOf("openrouter-oauth")).version;
  const official = (await packageOf("@openrouter/sdk")).version;

  // ---- the canned server, in its own process -------------------------------------------------------
  server = fork(join(consumer, "server.mjs"), [], { cwd: consumer, execArgv: [], stdio: "inherit" });
  const port = await new Promise((resolvePort, reject) => {
    server.once("message", (message) => resolvePort(message.port));
    server.once("exit", (code) => reject(new Error(`the canned server exited (${code})`)));
  });
  const serverURL = `http://127.0.0.1:${port}/api/v1`;
  log(`canned server on ${serverURL} (pid ${server.pid})`);

  // ---- cold start: node -e import, against bare node and an empty ESM package (the floor) ----------
  const floor = join(consumer, "node_modules/empty-esm-package");
  await mkdir(floor);
  await writeFile(join(floor, "package.json"), '{"name":"empty-esm-package","type":"module","exports":"./index.js"}');
  await writeFile(join(floor, "index.js"), "export {};\n");
  log(`cold start: ${COLD_RUNS} runs of each, interleaved, after one unmeasured pass`);
  const cold = await timeCases(
    [
      ["bare node", "void 0"],
      ["an empty ESM package (the floor)", `await import("empty-esm-package")`],
      ["openrouter-oauth (root)", `await import("openrouter-oauth")`],
      [
        "openrouter-oauth core.js + 1 function",
        `await Promise.all([import("openrouter-oauth/core.js"), import("openrouter-oauth/funcs/oAuthExchangeAuthCodeForAPIKey.js")])`,
      ],
      ["@openrouter/sdk (root)", `await import("@openrouter/sdk")`],
    ],
    (code) => {
      const t0 = performance.now();
      const { status } = spawnSync(process.execPath, ["--input-type=module", "-e", code], {
        cwd: consumer,
        stdio: "inherit",
      });
      if (status !== 0) throw new Error(`node -e '${code}' failed (exit ${status})`);
      return performance.now() - t0;
    },
  );

  // ---- CLI launch: from spawn to the consent URL on stderr, against node -e printing one -----------
  log(`CLI launch: ${COLD_RUNS} runs of each, interleaved, after one unmeasured pass`);
  const bin = join(
    consumer,
    "node_modules/openrouter-oauth",
    (await packageOf("openrouter-oauth")).bin["openrouter-oauth"],
  );
  const printURL = `process.stderr.write("${serverURL}/auth?x=1\\n"); setInterval(() => {}, 1e3)`;
  const cli = await timeCases(
    [
      ["node -e printing a URL", ["-e", printURL]],
      ["openrouter-oauth login --no-open", [bin, "login", "--no-open", "--server-url", serverURL]],
    ],
    async (args) => {
      const t0 = performance.now();
      const child = spawn(process.execPath, args, { cwd: consumer, stdio: ["ignore", "ignore", "pipe"] });
      let text = "";
      let ms;
      for await (const chunk of child.stderr.setEncoding("utf8")) {
        text += chunk;
        if (/^\s*https?:\/\/\S+\n/m.test(text)) {
          ms = performance.now() - t0;
          break;
        }
      }
      child.kill("SIGKILL");
      if (child.exitCode === null && child.signalCode === null) await once(child, "exit");
      if (ms === undefined) throw new Error(`no URL on stderr from node ${args.join(" ")}:\n${text}`);
      return ms;
    },
  );

  // ---- memory: fresh processes per contender, interleaved, the order rotating ----------------------
  const names = [
    "raw fetch",
    "raw fetch + time limit",
    "openrouter-oauth functions",
    "openrouter-oauth class",
    "@openrouter/sdk",
  ];
  log(`memory: ${MEMORY_CALLS} calls at concurrency ${CONCURRENCY}, ${MEMORY_RUNS} processes per contender`);
  const samples = Object.fromEntries(names.map((name) => [name, []]));
  for (let pass = 0; pass < MEMORY_RUNS; pass++) {
    for (const name of names.map((_, k) => names[(k + pass) % names.length])) {
      const job = JSON.stringify({ serverURL, name, calls: MEMORY_CALLS, concurrency: CONCURRENCY });
      samples[name].push(await nodeJson(["--expose-gc", "memory.mjs", job], consumer));
    }
  }
  // The median RSS and the median heap, each over the processes independently.
  const memory = (name, phase, key) => median(samples[name].map((sample) => sample[phase][key]));

  // ---- per-call throughput: every contender in one process, alternating rounds ---------------------
  log(`throughput: ${ROUNDS} rounds × ${CALLS} calls per contender, sequential and ${CONCURRENCY} at a time`);
  const job = { serverURL, calls: CALLS, rounds: ROUNDS, concurrency: CONCURRENCY, warmup: Math.min(500, CALLS) };
  const throughput = await nodeJson(["--expose-gc", "throughput.mjs", JSON.stringify(job)], consumer);

  log("bundle sizes (esbuild, minified, gzip -9)");
  const sizes = await nodeJson(["sizes.mjs"], consumer);

  // Every request the server saw was one of the two operations.
  server.send("stats");
  const [{ counts }] = await once(server, "message");
  if (counts.other !== 0) throw new Error(`the canned server answered ${counts.other} unexpected requests with 404`);

  // ---- the table -----------------------------------------------------------------------------------
  const rows = [];
  const misses = [];
  const goal = (met, text) => {
    if (!met) misses.push(text);
    return `${text} ${met ? "ok" : "MISSED"}`;
  };
  const isOurs = (name) => name.startsWith("openrouter-oauth");
  const label = (name) =>
    name === "raw fetch, again"
      ? "raw fetch, again (same code: the bench's own noise)"
      : name === "@openrouter/sdk"
        ? `@openrouter/sdk ${official}`
        : name.replace("openrouter-oauth", `openrouter-oauth ${ours}`);
  const signed = (x) => `${x >= 0 ? "+" : "−"}${Math.abs(x).toFixed(1)}`;
  const section = (title, entries) => {
    for (const [k, cells] of entries.entries()) rows.push([k === 0 ? title : "", ...cells]);
  };

  for (const [mode, byName] of Object.entries(throughput)) {
    const base = byName["raw fetch"];
    const withLimit = byName["raw fetch + time limit"];
    const median$ = (name, f) => median(byName[name].map(f));
    section(
      `calls/s, ${mode} (median of ${ROUNDS} rounds × ${CALLS}, ${GC} GC before each); client CPU µs/call`,
      ["raw fetch", "raw fetch, again", ...names.slice(1)].map((name) => {
        // The ratio is the median of the per-round ratios: each round's runs sit next to each other in time.
        const ratio = median$(name, ({ rate }, round) => rate / base[round].rate);
        const cpuRatio = median$(name, ({ cpuMicros }, round) => base[round].cpuMicros / cpuMicros);
        // The goal compares like with like: a client whose calls can time out, as ours always can.
        const limited = median$(name, ({ rate }, round) => rate / withLimit[round].rate);
        return [
          label(name),
          `${Math.round(median$(name, (r) => r.rate)).toLocaleString("en-US")}; ${Math.round(median$(name, (r) => r.cpuMicros))} µs`,
          `${ratio.toFixed(2)}× raw fetch (CPU ${cpuRatio.toFixed(2)}×); ${limited.toFixed(2)}× raw fetch + time limit`,
          isOurs(name)
            ? goal(limited >= GOALS.throughputRatio, `≥ ${GOALS.throughputRatio.toFixed(2)}× raw fetch + time limit`)
            : "",
        ];
      }),
    );
  }
  for (const [title, results, over, limit] of [
    [`cold start, ms (median of ${COLD_RUNS} node -e import)`, cold, "bare node", GOALS.coldStartMs],
    [`CLI launch to the URL on stderr, ms (median of ${COLD_RUNS})`, cli, "node -e", GOALS.cliLaunchMs],
  ]) {
    section(
      title,
      results.map(({ name, ms }, k) => [
        label(name),
        ms.toFixed(1),
        k === 0 ? "" : `${signed(ms - results[0].ms)} ms over ${over}`,
        isOurs(name) ? goal(ms - results[0].ms <= limit, `≤ +${limit} ms`) : "",
      ]),
    );
  }
  for (const [phase, title] of [
    ["afterImport", "after import"],
    ["afterCalls", `after ${MEMORY_CALLS} calls`],
  ]) {
    section(
      `memory ${title}, RSS / heap MiB (after gc, median of ${MEMORY_RUNS} processes)`,
      names.map((name, k) => {
        const [rss, heap] = ["rss", "heapUsed"].map((key) => memory(name, phase, key) / MiB);
        const dRss = rss - memory("raw fetch", phase, "rss") / MiB;
        const dHeap = heap - memory("raw fetch", phase, "heapUsed") / MiB;
        return [
          label(name),
          `${rss.toFixed(1)} / ${heap.toFixed(1)}`,
          k === 0 ? "" : `${signed(dRss)} / ${signed(dHeap)} over raw fetch`,
          isOurs(name) ? goal(dRss <= GOALS.memoryMiB && dHeap <= GOALS.memoryMiB, `≤ +${GOALS.memoryMiB} MiB`) : "",
        ];
      }),
    );
  }
  section(
    "bundle, gzip KB (minified KB)",
    sizes.map(({ label: what, contender, gzip, minified, budget }) => [
      `${what}: ${contender === "@openrouter/sdk" ? `@openrouter/sdk ${official}` : `openrouter-oauth ${ours}`}`,
      `${(gzip / 1024).toFixed(2)} (${(minified / 1024).toFixed(1)})`,
      "",
      budget === undefined ? "" : goal(gzip <= budget, `≤ ${budget / 1024} KB`),
    ]),
  );

  const header = ["measure", "contender", "result", "relative", "goal"];
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((row) => row[c].length)));
  const line = (cells) => `| ${cells.map((cell, c) => cell.padEnd(widths[c])).join(" | ")} |`;
  const cpu = cpus();
  const machine = `${cpu[0]?.model.trim() ?? "unknown CPU"}, ${cpu.length} cores, Node ${process.version}, ${platform()} ${release()} ${arch()}`;
  // Other work on the machine skews every figure: the 1-minute load average says how busy it was.
  const load = `load average ${loadAtStart.toFixed(1)} at the start, ${loadavg()[0].toFixed(1)} at the end`;
  const summary =
    misses.length === 0 ? "All goals met." : `${misses.length} goal(s) MISSED: see the rows marked MISSED.`;
  process.stdout.write(
    [
      `Machine: ${machine} (${load})`,
      "Server: node:http in its own process on 127.0.0.1, keep-alive; every client uses Node's global fetch (undici).",
      "",
      line(header),
      line(widths.map((w) => "-".repeat(w))),
      ...rows.map(line),
      "",
      summary,
      `(${seconds()} s in all)\n`,
    ].join("\n"),
  );
  process.exitCode = misses.length === 0 ? 0 : 1;

  if (process.argv.includes("--write-docs")) {
    // The figures README.md quotes, from the same measurements as the table.
    const overBare = (name) => cold.find((c) => c.name === name).ms - cold[0].ms;
    const sequential = throughput.sequential;
    const ratio = (name) =>
      median(sequential[name].map(({ rate }, round) => rate / sequential["raw fetch + time limit"][round].rate));
    const rssOver = (name) => (memory(name, "afterImport", "rss") - memory("raw fetch", "afterImport", "rss")) / MiB;
    const results = {
      machine: `${machine} (${load})`,
      officialVersion: official,
      table: [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n"),
      summary,
      headline: {
        coldStart: { ours: overBare("openrouter-oauth (root)"), official: overBare("@openrouter/sdk (root)") },
        throughput: { ours: ratio("openrouter-oauth functions"), official: ratio("@openrouter/sdk") },
        memory: { ours: rssOver("openrouter-oauth functions"), official: rssOver("@openrouter/sdk") },
      },
    };
    await writeFile(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
    await writeDocs();
  }
} catch (error) {
  console.error(error);
  process.exitCode = 2;
} finally {
  if (server?.connected) server.send("close");
  else server?.kill();
  if (server && server.exitCode === null && server.signalCode === null) await once(server, "exit");
  if (process.env["BENCH_KEEP"] === "1") log(`kept ${temp}`);
  else await rm(temp, { recursive: true, force: true });
}
