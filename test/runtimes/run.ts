// `npm run test:runtimes`: the runtime suite (test/runtimes/suite/) run for real on Node 20 (this Node),
// Node 22 and 24, Bun, Deno and workerd, against the packed tarball installed in a consumer project as a
// user would, never against src/. On each runtime, also the server example (examples/server) served
// through that runtime's own entry, signed in over HTTP; and on each but workerd, the CLI
// (`openrouter-oauth login`) from that install: approve, deny, time limit, a pasted address (and on Deno,
// no network permission). Prints one table, check × runtime, and exits 1 on any miss.
//
// The runtimes come from this folder's package.json and lockfile (installed here with `npm ci` when
import { existsSync } from "node:fs";
import { mkdtemp, readFile, realpath, rm } from "node:fs/promises";
import { createServer, type ServerResponse } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { childEnv, describeChild, requireBuiltDist, runChild } from "../support/build-once.js";
import { startConsentStandIn } from "../support/consent-stand-in.js";
import { runNpm } from "../support/consumer-project.js";
import { freePort } from "../support/free-port.js";
import { listenOnLoopback } from "../support/loopback-server.js";
import { startPrism } from "../support/prism.js";
import { cliChecks } from "./cli-checks.js";
import { bundleSuite, installConsumer } from "./consumer.js";
import { EXAMPLE_SECRET, exampleOverHttp } from "./example-over-http.js";
import { bin, here, processRuntimes, type Runtime, versionOf } from "./runtimes.js";
import type { CheckResult, SuiteConfig, SuiteReport } from "./suite/report.js";

const SUITE_TIMEOUT_MS = 120_000;

// ---------------------------------------------------------------------------------------------------
// Servers

/**
 * Answers that no real API gives on purpose: an HTML error page, an HTML 200, no answer at all, and a
 * 503 that asks for an immediate retry.
 */
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
    if (path.startsWith("/busy503/")) {
      // Asks for a retry at once, forever: the SDK's attempt cap and wait floor must hold.
      res.writeHead(503, { "content-type": "application/json", "retry-after": "0" });
      return void res.end(JSON.stringify({ error: { code: 503, message: "busy" } }));
    }
    res.writeHead(404).end();
  });
  const listener = await listenOnLoopback(server);
  return { url: listener.origin, close: listener.close };
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
      // No sockets to listen on, no processes: the loopback login and the CLI are not for workers; nor an
      // inspector to ask what it prints.
      notApplicable: (check) => /^(loginWithLoopback|CLI login|inspect):/.test(check),
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
