// `npm run test:runtimes`: the runtime suite (test/runtimes/suite/) run for real on Node 20 (this Node),
// Node 22 and 24, Bun, Deno and workerd, against the packed tarball installed in a consumer project as a
// user would, never against src/. On each runtime, also the server example (examples/server) served
// through that runtime's own entry, signed in over HTTP; and on each but workerd, the CLI
// (`openrouter-oauth login`) from that install: approve, deny, time limit, a pasted address (and on Deno,
// no network permission). Prints one table, check × runtime, and exits 1 on any miss.
//
// The runtimes come from this folder's package.json and lockfile (installed here with `npm ci` when
// missing). Servers, all on 127.0.0.1: Prism (the spec's mock), a misbehaving server, and two consent
// stand-ins (one approves, one denies); nothing reaches beyond loopback.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { cp, mkdir, mkdtemp, readFile, realpath, rm } from "node:fs/promises";
import { createServer, type ServerResponse } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Writable } from "node:stream";
import { build } from "esbuild";
import { redirectTarget, visitConsentPage } from "../support/browser-simulator.js";
import { childEnv, describeChild, repoRoot, requireBuiltDist, runChild } from "../support/build-once.js";
import { type ConsentStandIn, startConsentStandIn } from "../support/consent-stand-in.js";
import { createConsumer, npmPack, offlineNpmEnv, runNpm } from "../support/consumer-project.js";
import { freePort } from "../support/free-port.js";
import { listenOnLoopback } from "../support/loopback-server.js";
import { startPrism } from "../support/prism.js";
import type { CheckResult, SuiteConfig, SuiteReport } from "./suite/report.js";

const here = join(repoRoot, "test/runtimes");
const bin = (name: string) => join(here, "node_modules/.bin", name);
const SUITE_TIMEOUT_MS = 120_000;
const CLI_TIMEOUT_MS = 20_000;

interface Runtime {
  /** Column title, e.g. "node 22". */
  readonly name: string;
  /** What the runtime must call itself in its report (checked, so the column is the runtime it names). */
  readonly reportsAs: RegExp;
  /** Its version, as its binary prints it. */
  version(): Promise<string>;
  /** Runs the bundled suite (a file in the consumer project). */
  suite(file: string): [string, string[]];
  /** Runs the CLI installed in the consumer project the way a user of this runtime would. */
  cli(args: readonly string[]): [string, string[]];
  /** The CLI with the runtime's permissions withheld, when the runtime has permissions (Deno). */
  cliWithoutPermissions?(args: readonly string[]): [string, string[]];
  /** Serves the server example through its entry for this runtime (examples/server/<entry>.ts, bundled). */
  serveExample(entries: ExampleEntries): [string, string[]];
}

/** The server example's runtime entries, bundled into the consumer project. */
interface ExampleEntries {
  readonly node: string;
  readonly bun: string;
  readonly deno: string;
  readonly worker: string;
}

/** The version a binary prints with --version, its number only ("v22.1.0", "deno 2.9.6 (…)" → "22.1.0", "2.9.6"). */
const versionOf = async (command: string) => {
  const result = await runChild(command, ["--version"], { timeoutMs: 30_000 });
  if (result.code !== 0) throw new Error(`${command} --version ${describeChild(result)}`);
  const line = result.stdout.split("\n")[0]!.trim();
  return /(\d[\w.-]*)/.exec(line)?.[1] ?? line;
};

const nodeRuntime = (major: number, node: string): Runtime => ({
  name: "node",
  reportsAs: new RegExp(`^node ${major}\\.`),
  version: () => versionOf(node),
  suite: (file) => [node, [file]],
  // The bin file npm linked, run by this Node (`npx openrouter-oauth` would pick the Node on PATH).
  cli: (args) => [node, ["node_modules/.bin/openrouter-oauth", ...args]],
  serveExample: (entries) => [node, [entries.node]],
});

const processRuntimes: readonly Runtime[] = [
  nodeRuntime(20, process.execPath),
  nodeRuntime(22, join(here, "node_modules/node22/bin/node")),
  nodeRuntime(24, join(here, "node_modules/node24/bin/node")),
  {
    name: "bun",
    reportsAs: /^bun /,
    version: () => versionOf(bin("bun")),
    suite: (file) => [bin("bun"), [file]],
    // bunx, with --bun: the bin's `#!/usr/bin/env node` would otherwise hand it to Node.
    cli: (args) => [bin("bun"), ["x", "--bun", "openrouter-oauth", ...args]],
    // Bun serves the entry's default export ({ port, hostname, fetch }) by itself.
    serveExample: (entries) => [bin("bun"), [entries.bun]],
  },
  {
    name: "deno",
    reportsAs: /^deno /,
    version: () => versionOf(bin("deno")),
    suite: (file) => [bin("deno"), ["run", "-A", file]],
    // npm: specifiers resolve from the project's node_modules (Deno's "bring your own node_modules").
    cli: (args) => [bin("deno"), ["run", "-A", "npm:openrouter-oauth", ...args]],
    cliWithoutPermissions: (args) => [bin("deno"), ["run", "npm:openrouter-oauth", ...args]],
    // Exactly the permissions the example's README gives.
    serveExample: (entries) => [bin("deno"), ["run", "--allow-net", "--allow-env", entries.deno]],
  },
];

// ---------------------------------------------------------------------------------------------------
// Servers

/** Answers that no real API gives on purpose: an HTML error page, an HTML 200, and no answer at all. */
async function startFaultServer() {
  const hung = new Set<ServerResponse>();
  const server = createServer((req, res) => {
    req.resume();
    const path = new URL(req.url ?? "/", "http://127.0.0.1").pathname;
    const html = (status: number, text: string) => {
      res.writeHead(status, { "content-type": "text/html", "access-control-allow-origin": "*" });
      res.end(`<!doctype html><html><body><h1>${text}</h1></body></html>`);
    };
    if (path.startsWith("/html502/")) return html(502, "Bad gateway");
    if (path.startsWith("/html200/")) return html(200, "Welcome");
    if (path.startsWith("/hang/")) return void hung.add(res);
    res.writeHead(404).end();
  });
  const listener = await listenOnLoopback(server);
  return { url: listener.origin, close: listener.close };
}

// ---------------------------------------------------------------------------------------------------
// Consumer project

/** npm pack of the package (and of hono and @hono/node-server, for the server example), installed offline. */
async function installConsumer(work: string): Promise<string> {
  const env = offlineNpmEnv(join(work, "npm-cache"));
  const tarballs = join(work, "tarballs");
  await mkdir(tarballs);
  const own = await npmPack(".", tarballs, env);
  const hono = await npmPack("./node_modules/hono", tarballs, env);
  const honoNode = await npmPack("./node_modules/@hono/node-server", tarballs, env);
  const consumer = join(work, "consumer");
  await createConsumer(consumer, "module", [own.tarball, hono.tarball, honoNode.tarball], env);
  return consumer;
}

/**
 * Bundles the suite's two entry points inside the consumer project (sources copied there, so every
 * import of "openrouter-oauth" and "hono" resolves to its node_modules): for processes with both left
 * as imports, for workerd with everything in. Fails if the worker bundle took the package from
 * anywhere but the installed tarball.
 */
async function bundleSuite(consumer: string, config: SuiteConfig) {
  await cp(join(here, "suite"), join(consumer, "test/runtimes/suite"), { recursive: true });
  await cp(join(repoRoot, "examples/server"), join(consumer, "examples/server"), {
    recursive: true,
    filter: (source) => !source.endsWith(".json") && !source.endsWith(".md"),
  });
  const common = {
    absWorkingDir: consumer,
    bundle: true,
    format: "esm",
    target: "es2022",
    logLevel: "warning",
    metafile: true,
  } as const;
  const processSuite = join(consumer, "suite.mjs");
  await build({
    ...common,
    entryPoints: [join(consumer, "test/runtimes/suite/process-entry.ts")],
    outfile: processSuite,
    platform: "neutral",
    external: ["openrouter-oauth", "openrouter-oauth/*", "hono", "hono/*"],
    define: { SUITE_CONFIG: JSON.stringify(config) },
  });
  const workerSuite = join(consumer, "worker.mjs");
  const worker = await build({
    ...common,
    entryPoints: [join(consumer, "test/runtimes/suite/worker-entry.ts")],
    outfile: workerSuite,
    platform: "browser",
    conditions: ["workerd", "worker", "browser"],
  });
  const exampleWorker = await build({
    ...common,
    entryPoints: [join(consumer, "examples/server/worker.ts")],
    outfile: join(consumer, "example-worker.mjs"),
    platform: "browser",
    conditions: ["workerd", "worker", "browser"],
  });
  for (const bundle of [worker, exampleWorker]) {
    const inputs = Object.keys(bundle.metafile.inputs);
    const sdk = inputs.filter((input) => input.includes("openrouter-oauth/"));
    if (sdk.length === 0 || sdk.some((input) => !input.startsWith("node_modules/openrouter-oauth/dist/esm/"))) {
      throw new Error(`a worker bundle must take the package from the installed tarball, not ${sdk.join(", ")}`);
    }
  }
  // The process entries, with the packages left as imports from the consumer's node_modules.
  const entries: Record<string, string> = {};
  for (const name of ["node", "bun", "deno"]) {
    entries[name] = join(consumer, `example-${name}.mjs`);
    await build({
      ...common,
      entryPoints: [join(consumer, `examples/server/${name}.ts`)],
      outfile: entries[name],
      platform: "neutral",
      external: ["openrouter-oauth", "openrouter-oauth/*", "hono", "hono/*", "@hono/node-server"],
    });
  }
  const example: ExampleEntries = {
    node: entries["node"]!,
    bun: entries["bun"]!,
    deno: entries["deno"]!,
    worker: join(consumer, "example-worker.mjs"),
  };
  return { processSuite, workerSuite, example };
}

// ---------------------------------------------------------------------------------------------------
// Runs

/** Parses a suite report from a child's stdout (its last line), or reports why there is none. */
function parseReport(stdout: string): SuiteReport {
  const line = stdout.trim().split("\n").at(-1) ?? "";
  return JSON.parse(line) as SuiteReport;
}

async function runSuite(runtime: Runtime, file: string, consumer: string): Promise<CheckResult[]> {
  const [command, args] = runtime.suite(file);
  const result = await runChild(command, args, { cwd: consumer, env: childEnv({}), timeoutMs: SUITE_TIMEOUT_MS });
  try {
    const report = parseReport(result.stdout);
    if (!runtime.reportsAs.test(report.runtime)) {
      return [{ check: "runtime identity", ok: false, detail: `it reported itself as ${report.runtime}` }];
    }
    return [...report.results];
  } catch {
    return [{ check: "suite ran", ok: false, detail: describeChild(result) }];
  }
}

async function runWorkerSuite(file: string, config: SuiteConfig): Promise<CheckResult[]> {
  const node = join(here, "node_modules/node24/bin/node");
  const driver = join(here, "workerd-driver.mjs");
  const result = await runChild(node, [driver, "suite", file, JSON.stringify(config)], {
    cwd: here,
    env: childEnv({}),
    timeoutMs: SUITE_TIMEOUT_MS,
  });
  try {
    const report = parseReport(result.stdout);
    if (!report.runtime.startsWith("workerd")) throw new Error(report.runtime);
    return [...report.results];
  } catch {
    return [{ check: "suite ran", ok: false, detail: describeChild(result) }];
  }
}

/** The key a stand-in minted in its latest successful exchange. */
function lastMintedKey(standIn: ConsentStandIn): string | undefined {
  const exchanges = standIn.requests.filter((r) => r.url === "/api/v1/auth/keys" && r.status === 200);
  const last = exchanges.at(-1);
  return last === undefined ? undefined : (JSON.parse(last.response) as { key: string }).key;
}

interface CliOutcome {
  readonly code: number | null;
  readonly timedOut: boolean;
  readonly stdout: string;
  readonly stderr: string;
  readonly elapsedMs: number;
}

/**
 * Runs `openrouter-oauth login …` with `runtime` in the consumer project; once it has printed the consent
 * page URL, `user` plays the person at the browser. Killed after CLI_TIMEOUT_MS (reported as a hang).
 */
async function runCli(
  runtime: Runtime,
  consumer: string,
  args: readonly string[],
  user: (authorizationUrl: string, stdin: Writable | null) => Promise<void>,
  options: { withoutPermissions?: boolean; stdin?: "pipe" | "ignore" } = {},
): Promise<CliOutcome> {
  const launch = options.withoutPermissions ? runtime.cliWithoutPermissions! : runtime.cli;
  const [command, commandArgs] = launch(["login", "--no-open", ...args]);
  const started = Date.now();
  const child = spawn(command, commandArgs, {
    cwd: consumer,
    env: childEnv({}),
    stdio: [options.stdin ?? "ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  let userDone: Promise<void> = Promise.resolve();
  let urlSeen = false;
  child.stdout!.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
  child.stderr!.setEncoding("utf8").on("data", (chunk: string) => {
    stderr += chunk;
    const match = /(http:\/\/127\.0\.0\.1:\d+\/auth\?\S+)/.exec(stderr);
    if (!urlSeen && match && stderr.includes("Waiting for you to approve")) {
      urlSeen = true;
      userDone = user(match[1]!, child.stdin).catch((error: unknown) => {
        stderr += `\n[harness] the simulated browser failed: ${String(error)}`;
      });
    }
  });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    if (child.pid !== undefined) process.kill(child.pid, "SIGKILL");
  }, CLI_TIMEOUT_MS);
  const code = await new Promise<number | null>((resolve) => child.once("close", (exitCode) => resolve(exitCode)));
  clearTimeout(timer);
  await userDone;
  return { code, timedOut, stdout, stderr, elapsedMs: Date.now() - started };
}

const cliDetail = (outcome: CliOutcome) =>
  outcome.timedOut
    ? `hung: killed after ${CLI_TIMEOUT_MS} ms\n${outcome.stderr}`
    : `exit ${outcome.code} after ${outcome.elapsedMs} ms\n--- stderr ---\n${outcome.stderr}`;

async function cliChecks(
  runtime: Runtime,
  consumer: string,
  approving: ConsentStandIn,
  denying: ConsentStandIn,
): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  const browse = async (url: string) => {
    await visitConsentPage(url);
  };

  const approve = await runCli(runtime, consumer, ["--server-url", approving.apiUrl], browse);
  const key = lastMintedKey(approving);
  const approved = approve.code === 0 && key !== undefined && approve.stdout === `${key}\n`;
  results.push({
    check: "CLI login: approve",
    ok: approved,
    detail: approved
      ? ""
      : `${cliDetail(approve)}\n(stdout ${approve.stdout === "" ? "empty" : "is not the key alone"})`,
  });

  const deny = await runCli(runtime, consumer, ["--server-url", denying.apiUrl], browse);
  const denied = deny.code === 1 && deny.stdout === "" && /denied/i.test(deny.stderr);
  results.push({ check: "CLI login: deny", ok: denied, detail: denied ? "" : cliDetail(deny) });

  const late = await runCli(runtime, consumer, ["--server-url", approving.apiUrl, "--timeout", "1"], async () => {});
  const timedOut = late.code === 3 && late.stdout === "" && late.elapsedMs < CLI_TIMEOUT_MS;
  results.push({ check: "CLI login: time limit", ok: timedOut, detail: timedOut ? "" : cliDetail(late) });

  // On a terminal-less machine (SSH, containers) the user pastes the address the browser ended on; stdin
  // stays open, as a terminal's would, and the CLI must still exit once signed in.
  const paste = await runCli(
    runtime,
    consumer,
    ["--server-url", approving.apiUrl],
    async (url, stdin) => {
      stdin?.write(`${await redirectTarget(url)}\n`);
    },
    { stdin: "pipe" },
  );
  const pastedKey = lastMintedKey(approving);
  const pasted = paste.code === 0 && pastedKey !== key && paste.stdout === `${pastedKey}\n`;
  results.push({ check: "CLI login: pasted address", ok: pasted, detail: pasted ? "" : cliDetail(paste) });

  if (runtime.cliWithoutPermissions !== undefined) {
    // stdin is not a terminal, so nothing can grant the permission: a clear error and exit 4, no stack trace.
    const denied = await runCli(runtime, consumer, ["--server-url", approving.apiUrl], async () => {}, {
      withoutPermissions: true,
    });
    const clear = denied.code === 4 && /--allow-net/.test(denied.stderr) && !/Uncaught|\n\s+at /.test(denied.stderr);
    results.push({ check: "CLI login: no net permission", ok: clear, detail: clear ? "" : cliDetail(denied) });
  }
  return results;
}

/** Kills a child by its PID (SIGTERM, then SIGKILL after 5 s) and waits until it has exited. */
async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("close", () => resolve()));
  const force = setTimeout(() => child.pid !== undefined && process.kill(child.pid, "SIGKILL"), 5_000);
  if (child.pid !== undefined) process.kill(child.pid, "SIGTERM");
  await exited;
  clearTimeout(force);
}

const EXAMPLE_SECRET = "test:runtimes server example secret, 32+ characters";
const EXAMPLE_CHECK = "server example entry over HTTP";

/**
 * Serves the server example through a runtime's own entry (`command`), then signs in over real HTTP: GET
 * /login, the consent page, the callback with the login cookie (a Connected page without the key), and the
 * same callback replayed (409). `origin` tells where it listens once it does (from its output, or a port).
 */
async function exampleOverHttp(
  command: string,
  args: readonly string[],
  cwd: string,
  env: Record<string, string>,
  approving: ConsentStandIn,
  origin: (stdout: string) => string | undefined,
): Promise<CheckResult> {
  const child = spawn(command, args, { cwd, env: childEnv(env), stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout!.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
  child.stderr!.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
  try {
    const deadline = Date.now() + 20_000;
    let base: string | undefined;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`it exited with ${child.exitCode}`);
      if (Date.now() > deadline) throw new Error("it was not serving within 20 s");
      base = origin(output);
      const home = base === undefined ? undefined : await fetch(`${base}/`).catch(() => undefined);
      if (home?.status === 200 && (await home.text()).includes("Connect OpenRouter")) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const login = await fetch(`${base}/login`, { redirect: "manual" });
    const consentUrl = login.headers.get("location");
    const cookie = login.headers.getSetCookie().find((line) => line.startsWith("openrouter_login="));
    if (login.status !== 302 || consentUrl === null || cookie === undefined) {
      throw new Error(`GET /login answered ${login.status} (location ${consentUrl}, cookie ${cookie !== undefined})`);
    }
    const consent = await fetch(consentUrl, { redirect: "manual" });
    const callbackUrl = consent.headers.get("location") ?? "";
    if (!callbackUrl.startsWith(`${base}/callback?`))
      throw new Error(`the consent page sent the user to ${callbackUrl}`);
    const headers = { cookie: cookie.split(";")[0]! };
    const callback = await fetch(callbackUrl, { headers });
    const page = await callback.text();
    const key = lastMintedKey(approving);
    if (callback.status !== 200 || !page.includes("Connected") || key === undefined || page.includes(key)) {
      throw new Error(
        `the callback answered ${callback.status} (${page.includes("Connected") ? "" : "not "}Connected)`,
      );
    }
    const replay = await fetch(callbackUrl, { headers });
    await replay.body?.cancel();
    if (replay.status !== 409) throw new Error(`the replayed callback answered ${replay.status}, not 409`);
    return { check: EXAMPLE_CHECK, ok: true, detail: "" };
  } catch (error) {
    return { check: EXAMPLE_CHECK, ok: false, detail: `${String(error)}\n--- output ---\n${output}` };
  } finally {
    await stopChild(child);
  }
}

// ---------------------------------------------------------------------------------------------------
// Table

interface Column {
  readonly title: string;
  readonly results: readonly CheckResult[];
  /** The checks that do not apply to this runtime; any other check it did not report is a miss. */
  readonly notApplicable: (check: string) => boolean;
}

function printTable(columns: readonly Column[]): number {
  const checks = [...new Set(columns.flatMap((column) => column.results.map((result) => result.check)))];
  const cell = (column: Column, check: string) => {
    const result = column.results.find((r) => r.check === check);
    if (result === undefined) return column.notApplicable(check) ? "n/a" : "MISSING";
    return result.ok ? "ok" : "FAIL";
  };
  const header = ["check", ...columns.map((column) => column.title)];
  const rows = checks.map((check) => [check, ...columns.map((column) => cell(column, check))]);
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: readonly string[]) => `| ${cells.map((text, i) => text.padEnd(widths[i]!)).join(" | ")} |`;
  console.log(line(header));
  console.log(`|${widths.map((width) => "-".repeat(width + 2)).join("|")}|`);
  for (const row of rows) console.log(line(row));

  let misses = rows.flat().filter((text) => text === "MISSING").length;
  for (const column of columns) {
    for (const result of column.results.filter((r) => !r.ok)) {
      misses++;
      console.log(`\nFAIL ${column.title}: ${result.check}\n${result.detail}`);
    }
  }
  return misses;
}

// ---------------------------------------------------------------------------------------------------

async function main(): Promise<number> {
  requireBuiltDist();
  if (!existsSync(bin("bun")) || !existsSync(bin("miniflare"))) {
    console.log("installing the runtimes (test/runtimes: npm ci)");
    const result = await runNpm(["ci", "--prefer-offline", "--no-audit", "--no-fund"], here, process.env, 300_000);
    if (result.code !== 0) throw new Error(`npm ci in test/runtimes failed: ${describeChild(result)}`);
  }
  const work = await realpath(await mkdtemp(join(tmpdir(), "openrouter-oauth-runtimes-")));
  const stops: (() => Promise<void>)[] = [];
  try {
    // Each server is registered for stopping as soon as it is up, so a failure of another leaks none.
    const up = <T>(server: Promise<T>, stop: (value: T) => () => Promise<void>) =>
      server.then((value) => {
        stops.push(stop(value));
        return value;
      });
    const starting = [
      installConsumer(work),
      up(startPrism(), (prism) => prism.stop),
      up(startFaultServer(), (fault) => fault.close),
      up(startConsentStandIn(), (standIn) => standIn.close),
      up(startConsentStandIn({ decision: "deny" }), (standIn) => standIn.close),
    ] as const;
    const failed = (await Promise.allSettled(starting)).find((outcome) => outcome.status === "rejected");
    if (failed !== undefined) throw failed.reason;
    const [consumer, prism, fault, approving, denying] = await Promise.all(starting);
    const config: SuiteConfig = {
      prismUrl: prism.url,
      faultUrl: fault.url,
      approvingApiUrl: approving.apiUrl,
      denyingApiUrl: denying.apiUrl,
    };
    const { processSuite, workerSuite, example } = await bundleSuite(consumer, config);
    const exampleEnv = { SESSION_SECRET: EXAMPLE_SECRET, OPENROUTER_SERVER_URL: approving.apiUrl };

    const columns: Column[] = [];
    for (const runtime of processRuntimes) {
      const started = Date.now();
      const version = await runtime.version();
      const port = String(await freePort());
      const [serve, serveArgs] = runtime.serveExample(example);
      const results = [
        ...(await runSuite(runtime, processSuite, consumer)),
        await exampleOverHttp(serve, serveArgs, consumer, { ...exampleEnv, PORT: port }, approving, () => {
          return `http://127.0.0.1:${port}`;
        }),
        ...(await cliChecks(runtime, consumer, approving, denying)),
      ];
      const withPermissions = runtime.cliWithoutPermissions !== undefined;
      columns.push({
        title: `${runtime.name} ${version}`,
        results,
        notApplicable: (check) => !withPermissions && check === "CLI login: no net permission",
      });
      console.log(
        `${runtime.name} ${version}: ${results.filter((r) => r.ok).length}/${results.length} in ${Date.now() - started} ms`,
      );
    }
    const started = Date.now();
    const workerd = await versionOf(bin("workerd"));
    const miniflare = (
      JSON.parse(await readFile(join(here, "node_modules/miniflare/package.json"), "utf8")) as {
        version: string;
      }
    ).version;
    const workerResults = [
      ...(await runWorkerSuite(workerSuite, config)),
      await exampleOverHttp(
        join(here, "node_modules/node24/bin/node"),
        [join(here, "workerd-driver.mjs"), "serve", example.worker, JSON.stringify(exampleEnv)],
        here,
        {},
        approving,
        (output) => /^listening (\S+?)\/?$/m.exec(output)?.[1],
      ),
    ];
    columns.push({
      title: `workerd ${workerd}`,
      results: workerResults,
      // No sockets to listen on, no processes: the loopback login and the CLI are not for workers.
      notApplicable: (check) => /^(loginWithLoopback|CLI login):/.test(check),
    });
    console.log(
      `workerd ${workerd} (miniflare ${miniflare}): ${workerResults.filter((r) => r.ok).length}/${workerResults.length} in ${Date.now() - started} ms`,
    );
    console.log("");
    const misses = printTable(columns);
    console.log(misses === 0 ? "\nevery check passed on every runtime" : `\n${misses} miss(es)`);
    return misses === 0 ? 0 : 1;
  } finally {
    for (const stop of stops) await stop();
    await rm(work, { recursive: true, force: true });
  }
}

process.exitCode = await main();
