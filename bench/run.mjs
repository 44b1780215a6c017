#!/usr/bin/env node
// npm run bench — openrouter-oauth against a hand-written raw fetch client and @openrouter/sdk.
//
// 1. builds the package (npm run build) and packs it (npm pack) into a temporary folder;
// 2. installs, in a temporary consumer folder, bench/package-lock.json (npm ci: the pinned @openrouter/sdk,
//    esbuild, zod) and then the fresh tarball (npm install --no-save), both --prefer-offline;
// 3. starts the canned server (server.mjs) in its own process on a free 127.0.0.1 port;
// 4. measures, each in fresh processes started in the consumer folder: cold start (node -e import),
//    memory (the median of several processes per contender), per-call throughput (one process, alternating
//    rounds) and bundle sizes (esbuild + gzip);
// 5. prints one table (Markdown) on stdout, progress on stderr, and exits 1 when a goal is missed.
//
// Nothing but the npm installs leaves loopback. Knobs (env): BENCH_CALLS (1000 per round), BENCH_ROUNDS (15),
// BENCH_MEMORY_CALLS (5000), BENCH_MEMORY_RUNS (5 processes per contender), BENCH_CONCURRENCY (32),
// BENCH_COLD_RUNS (20), BENCH_KEEP=1 keeps the temporary folder, BENCH_GC=full runs a full GC rather than a
// minor one before each throughput round (see betweenRounds).
import { fork, spawn, spawnSync } from "node:child_process";
import { once } from "node:events";
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { arch, cpus, loadavg, platform, release, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { median } from "./contenders.mjs";

const bench = dirname(fileURLToPath(import.meta.url));
const root = resolve(bench, "..");
const env = (name, fallback) => Number(process.env[name] ?? fallback);
// Many short rounds rather than a few long ones: the contenders of a round run back to back, so a burst of
// other work on the machine skews one round's ratios, not the median of fifteen.
const CALLS = env("BENCH_CALLS", 1000);
const ROUNDS = env("BENCH_ROUNDS", 15);
const MEMORY_CALLS = env("BENCH_MEMORY_CALLS", 5000);
// RSS after a burst of calls depends on how high the heap peaked and on the pages V8 keeps pooled, and one
// process of the same client lands up to ~15 MiB away from the next: the median of several, interleaved.
const MEMORY_RUNS = env("BENCH_MEMORY_RUNS", 5);
const CONCURRENCY = env("BENCH_CONCURRENCY", 32);
const COLD_RUNS = env("BENCH_COLD_RUNS", 20);
const GC_BETWEEN_ROUNDS = process.env["BENCH_GC"] === "full" ? "a full" : "a minor";
const WARMUP = Math.min(500, CALLS);
const MiB = 1024 * 1024;
const KB = 1024;
const GOALS = { throughputRatio: 0.9, coldStartMs: 15, cliLaunchMs: 30, memoryMiB: 10 };

const started = performance.now();
const loadAtStart = loadavg()[0];
const log = (line) => process.stderr.write(`[bench ${((performance.now() - started) / 1000).toFixed(1)}s] ${line}\n`);

/** Runs a command, its output on our stderr (stdout stays for the table); throws when it fails. */
function run(command, args, cwd) {
  const result = spawnSync(command, args, { cwd, stdio: ["ignore", 2, 2] });
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} failed in ${cwd} (exit ${result.status})`);
}

/** Runs `node args` in `cwd`; resolves with the JSON its last stdout line holds. */
function nodeJson(args, cwd) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, args, { cwd, stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (chunk) => {
      out += chunk;
    });
    child.on("error", reject);
    child.on("close", (code) => {
      if (code !== 0) return reject(new Error(`node ${args.join(" ")} exited with ${code}`));
      resolvePromise(JSON.parse(out.trim().split("\n").at(-1)));
    });
  });
}

// ---- 1-2. build, pack, install -------------------------------------------------------------------
const temp = await mkdtemp(join(tmpdir(), "openrouter-oauth-bench-"));
const consumer = join(temp, "consumer");
let server;
try {
  log("npm run build");
  run("npm", ["run", "build"], root);
  log("npm pack");
  await mkdir(join(temp, "pack"));
  run("npm", ["pack", "--pack-destination", join(temp, "pack")], root);
  const tarballs = (await readdir(join(temp, "pack"))).filter((file) => file.endsWith(".tgz"));
  if (tarballs.length !== 1) throw new Error(`npm pack made ${tarballs.length} tarballs`);
  const tarball = join(temp, "pack", tarballs[0]);

  log(`installing bench/package-lock.json and ${tarballs[0]} into ${consumer}`);
  await mkdir(consumer);
  for (const file of ["package.json", "package-lock.json"]) await copyFile(join(bench, file), join(consumer, file));
  const quiet = ["--prefer-offline", "--no-audit", "--no-fund", "--ignore-scripts", "--loglevel=error"];
  run("npm", ["ci", ...quiet], consumer);
  run("npm", ["install", "--no-save", ...quiet, tarball], consumer);
  for (const file of ["contenders.mjs", "throughput.mjs", "memory.mjs", "sizes.mjs", "server.mjs"]) {
    await copyFile(join(bench, file), join(consumer, file));
  }
  // The bundle measurement scripts/size.mjs uses; its esbuild import then resolves to the consumer's.
  await copyFile(join(bench, "..", "scripts", "bundle-size.mjs"), join(consumer, "bundle-size.mjs"));
  const versionOf = async (name) =>
    JSON.parse(await readFile(join(consumer, "node_modules", name, "package.json"), "utf8")).version;
  const ours = await versionOf("openrouter-oauth");
  const official = await versionOf("@openrouter/sdk");

  // ---- 3. the canned server, in its own process ---------------------------------------------------
  server = fork(join(consumer, "server.mjs"), [], { cwd: consumer, execArgv: [], stdio: "inherit" });
  const port = await new Promise((resolvePromise, reject) => {
    server.once("message", (message) => resolvePromise(message.port));
    server.once("exit", (code) => reject(new Error(`the canned server exited (${code})`)));
  });
  const serverURL = `http://127.0.0.1:${port}/api/v1`;
  log(`canned server on ${serverURL} (pid ${server.pid})`);

  // ---- 4a. cold start ------------------------------------------------------------------------------
  // The floor: what importing any package costs Node (its ESM loader, resolution, one file), measured with a
  // package holding one empty module.
  const floor = join(consumer, "node_modules", "empty-esm-package");
  await mkdir(floor);
  await writeFile(
    join(floor, "package.json"),
    '{ "name": "empty-esm-package", "type": "module", "exports": "./index.js" }\n',
  );
  await writeFile(join(floor, "index.js"), "export {};\n");
  const coldCases = [
    ["bare node", "void 0"],
    ["an empty ESM package (the floor)", `await import("empty-esm-package")`],
    ["openrouter-oauth (root)", `await import("openrouter-oauth")`],
    [
      "openrouter-oauth core.js + 1 function",
      `await Promise.all([import("openrouter-oauth/core.js"), import("openrouter-oauth/funcs/oAuthExchangeAuthCodeForAPIKey.js")])`,
    ],
    ["@openrouter/sdk (root)", `await import("@openrouter/sdk")`],
  ];
  log(`cold start: ${COLD_RUNS} runs of each, interleaved, after one unmeasured pass`);
  const coldTimes = coldCases.map(() => []);
  for (let pass = -1; pass < COLD_RUNS; pass++) {
    coldCases.forEach(([name, code], k) => {
      const t0 = performance.now();
      const result = spawnSync(process.execPath, ["--input-type=module", "-e", code], {
        cwd: consumer,
        stdio: "inherit",
      });
      const ms = performance.now() - t0;
      if (result.status !== 0) throw new Error(`cold start of ${name} failed (exit ${result.status})`);
      if (pass >= 0) coldTimes[k].push(ms);
    });
  }
  const cold = coldCases.map(([name], k) => ({ name, ms: median(coldTimes[k]) }));

  // ---- 4a'. CLI launch: from spawn to the consent URL on stderr --------------------------------------
  // Against `node -e` printing a URL the same way: what the CLI itself adds. The login is then killed.
  const untilUrl = async (args) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, args, { cwd: consumer, stdio: ["ignore", "ignore", "pipe"] });
    let text = "";
    let ms;
    child.stderr.setEncoding("utf8");
    for await (const chunk of child.stderr) {
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
  };
  // The installed package's own bin, as `npx openrouter-oauth` would run it.
  const binOf = JSON.parse(await readFile(join(consumer, "node_modules/openrouter-oauth/package.json"), "utf8")).bin;
  const cliCases = [
    ["node -e printing a URL", ["-e", `process.stderr.write("${serverURL}/auth?x=1\\n"); setInterval(() => {}, 1e3)`]],
    [
      "openrouter-oauth login --no-open",
      [
        join(consumer, "node_modules/openrouter-oauth", binOf["openrouter-oauth"]),
        "login",
        "--no-open",
        "--server-url",
        serverURL,
      ],
    ],
  ];
  log(`CLI launch: ${COLD_RUNS} runs of each, interleaved, after one unmeasured pass`);
  const cliTimes = cliCases.map(() => []);
  for (let pass = -1; pass < COLD_RUNS; pass++) {
    for (const [k, [, args]] of cliCases.entries()) {
      const ms = await untilUrl(args);
      if (pass >= 0) cliTimes[k].push(ms);
    }
  }
  const cli = cliCases.map(([name], k) => ({ name, ms: median(cliTimes[k]) }));

  // ---- 4b. memory, fresh processes per contender ----------------------------------------------------
  const names = [
    "raw fetch",
    "raw fetch + time limit",
    "openrouter-oauth functions",
    "openrouter-oauth class",
    "@openrouter/sdk",
  ];
  log(
    `memory: ${MEMORY_CALLS} calls at concurrency ${CONCURRENCY}, ${MEMORY_RUNS} fresh processes per contender, interleaved`,
  );
  const samples = Object.fromEntries(names.map((name) => [name, []]));
  for (let pass = 0; pass < MEMORY_RUNS; pass++) {
    // The order rotates, so that no contender always runs first (or last) in a pass.
    for (const name of names.map((_, k) => names[(k + pass) % names.length])) {
      samples[name].push(
        await nodeJson(
          [
            "--expose-gc",
            "memory.mjs",
            JSON.stringify({ serverURL, name, calls: MEMORY_CALLS, concurrency: CONCURRENCY }),
          ],
          consumer,
        ),
      );
    }
  }
  // Per contender and phase, the median RSS and the median heap (each over the runs, independently).
  const memory = Object.fromEntries(
    names.map((name) => [
      name,
      Object.fromEntries(
        ["afterImport", "afterCalls"].map((phase) => [
          phase,
          {
            rss: median(samples[name].map((sample) => sample[phase].rss)),
            heapUsed: median(samples[name].map((sample) => sample[phase].heapUsed)),
          },
        ]),
      ),
    ]),
  );

  // ---- 4c. per-call throughput, all contenders in one process ---------------------------------------
  log(
    `throughput: ${ROUNDS} rounds x ${CALLS} calls per contender and mode (sequential, concurrency ${CONCURRENCY}), ${GC_BETWEEN_ROUNDS} GC before each`,
  );
  const throughput = await nodeJson(
    [
      "--expose-gc",
      "throughput.mjs",
      JSON.stringify({ serverURL, calls: CALLS, rounds: ROUNDS, concurrency: CONCURRENCY, warmup: WARMUP }),
    ],
    consumer,
  );

  // ---- 4d. bundle sizes ----------------------------------------------------------------------------
  log("bundle sizes (esbuild, minified, gzip -9)");
  const sizes = await nodeJson(["sizes.mjs"], consumer);

  // Every request the server saw was one of the two operations.
  server.send("stats");
  const { counts } = await new Promise((resolvePromise) => server.once("message", resolvePromise));
  if (counts.other !== 0) throw new Error(`the canned server answered ${counts.other} unexpected requests with 404`);

  // ---- 5. the table --------------------------------------------------------------------------------
  const rows = [];
  const misses = [];
  const goal = (met, text) => {
    if (!met) misses.push(text);
    return `${text} ${met ? "ok" : "MISSED"}`;
  };
  const label = (name) =>
    name === "raw fetch, again"
      ? "raw fetch, again (same code: the bench's own noise)"
      : name === "@openrouter/sdk"
        ? `@openrouter/sdk ${official}`
        : name.replace("openrouter-oauth", `openrouter-oauth ${ours}`);
  const isOurs = (name) => name.startsWith("openrouter-oauth");

  const throughputNames = ["raw fetch", "raw fetch, again", ...names.slice(1)];
  for (const mode of Object.keys(throughput)) {
    const byName = throughput[mode];
    const base = byName["raw fetch"];
    throughputNames.forEach((name, k) => {
      // The ratio is the median of the per-round ratios: each round's runs sit next to each other in time.
      const ratio = median(byName[name].map(({ rate }, round) => rate / base[round].rate));
      const cpuRatio = median(byName[name].map(({ cpuMicros }, round) => base[round].cpuMicros / cpuMicros));
      rows.push([
        k === 0
          ? `calls/s, ${mode} (median of ${ROUNDS} rounds × ${CALLS}, ${GC_BETWEEN_ROUNDS} GC before each); client CPU µs/call`
          : "",
        label(name),
        `${Math.round(median(byName[name].map(({ rate }) => rate))).toLocaleString("en-US")}; ${Math.round(median(byName[name].map(({ cpuMicros }) => cpuMicros)))} µs`,
        `${ratio.toFixed(2)}× raw fetch (CPU ${cpuRatio.toFixed(2)}×)`,
        isOurs(name) ? goal(ratio >= GOALS.throughputRatio, `≥ ${GOALS.throughputRatio.toFixed(2)}×`) : "",
      ]);
    });
  }

  const bare = cold[0].ms;
  cold.forEach(({ name, ms }, k) => {
    const over = ms - bare;
    rows.push([
      k === 0 ? `cold start, ms (median of ${COLD_RUNS} node -e import)` : "",
      label(name),
      ms.toFixed(1),
      k === 0 ? "" : `+${over.toFixed(1)} ms over bare node`,
      isOurs(name) ? goal(over <= GOALS.coldStartMs, `≤ +${GOALS.coldStartMs} ms`) : "",
    ]);
  });

  cli.forEach(({ name, ms }, k) => {
    const over = ms - cli[0].ms;
    rows.push([
      k === 0 ? `CLI launch to the URL on stderr, ms (median of ${COLD_RUNS})` : "",
      k === 0 ? name : label(name),
      ms.toFixed(1),
      k === 0 ? "" : `+${over.toFixed(1)} ms over node -e`,
      k === 0 ? "" : goal(over <= GOALS.cliLaunchMs, `≤ +${GOALS.cliLaunchMs} ms`),
    ]);
  });

  for (const [phase, title] of [
    ["afterImport", "after import"],
    ["afterCalls", `after ${MEMORY_CALLS} calls`],
  ]) {
    const base = memory["raw fetch"][phase];
    names.forEach((name, k) => {
      const { rss, heapUsed } = memory[name][phase];
      const dRss = (rss - base.rss) / MiB;
      const dHeap = (heapUsed - base.heapUsed) / MiB;
      const signed = (x) => `${x >= 0 ? "+" : "−"}${Math.abs(x).toFixed(1)}`;
      rows.push([
        k === 0 ? `memory ${title}, RSS / heap MiB (after gc, median of ${MEMORY_RUNS} processes)` : "",
        label(name),
        `${(rss / MiB).toFixed(1)} / ${(heapUsed / MiB).toFixed(1)}`,
        k === 0 ? "" : `${signed(dRss)} / ${signed(dHeap)} over raw fetch`,
        isOurs(name) ? goal(dRss <= GOALS.memoryMiB && dHeap <= GOALS.memoryMiB, `≤ +${GOALS.memoryMiB} MiB`) : "",
      ]);
    });
  }

  sizes.forEach(({ label: what, contender, gzip, minified, budget }, k) => {
    rows.push([
      k === 0 ? "bundle, gzip KB (minified KB)" : "",
      `${what}: ${contender === "@openrouter/sdk" ? `@openrouter/sdk ${official}` : `openrouter-oauth ${ours}`}`,
      `${(gzip / KB).toFixed(2)} (${(minified / KB).toFixed(1)})`,
      "",
      budget === undefined ? "" : goal(gzip <= budget, `≤ ${budget / KB} KB`),
    ]);
  });

  const header = ["measure", "contender", "result", "relative", "goal"];
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((row) => row[c].length)));
  const line = (cells) => `| ${cells.map((cell, c) => cell.padEnd(widths[c])).join(" | ")} |`;
  const cpu = cpus();
  const machine = `${cpu[0]?.model.trim() ?? "unknown CPU"}, ${cpu.length} cores, Node ${process.version}, ${platform()} ${release()} ${arch()}`;
  // Other work on the machine skews every figure: the 1-minute load average says how busy it was.
  const load = `load average ${loadAtStart.toFixed(1)} at the start, ${loadavg()[0].toFixed(1)} at the end`;
  process.stdout.write(
    [
      `Machine: ${machine} (${load})`,
      `Server: node:http in its own process on 127.0.0.1, keep-alive; every client uses Node's global fetch (undici).`,
      "",
      line(header),
      line(widths.map((w) => "-".repeat(w))),
      ...rows.map(line),
      "",
      misses.length === 0 ? "All goals met." : `${misses.length} goal(s) MISSED: see the rows marked MISSED above.`,
      `(${((performance.now() - started) / 1000).toFixed(0)} s in all)`,
      "",
    ].join("\n"),
  );
  process.exitCode = misses.length === 0 ? 0 : 1;
} catch (error) {
  console.error(error);
  process.exitCode = 2;
} finally {
  if (server?.connected) {
    server.send("close");
    await new Promise((resolvePromise) => server.once("exit", resolvePromise));
  } else {
    server?.kill();
  }
  if (process.env["BENCH_KEEP"] === "1") log(`kept ${temp}`);
  else await rm(temp, { recursive: true, force: true });
}
