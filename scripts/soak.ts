// npm run soak — not a unit test. 10,000 calls at concurrency 64 against a flaky local server (10% 503 with
// `Retry-After: 0`, 5% connection resets, the rest valid 200s) with retries on. Prints its figures as a
// table and exits non-zero when a bound is missed: 100% success, heap growth < 5 MB, no unhandled
// rejection, no handle left open. On success it does not call process.exit: it must exit by itself.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import {
  OpenRouter,
  OpenRouterCore,
  oAuthCreateAuthCode,
  oAuthExchangeAuthCodeForAPIKey,
  type RetryConfig,
} from "../src/index.js";

const CALLS = 10_000;
const CONCURRENCY = 64;
const WARMUP_CALLS = 500;
/** Small intervals: a 503 says `Retry-After: 0`; a reset waits 5–50 ms. */
const RETRIES: RetryConfig = {
  strategy: "backoff",
  backoff: { initialInterval: 10, maxInterval: 50, exponent: 2, maxElapsedTime: 10_000 },
};
const BOUNDS = { heapGrowthBytes: 5 * 1024 * 1024, durationMs: 120_000 };
const SEED = Number(process.env["SOAK_SEED"] ?? 20_261_125);

let unhandledRejections = 0;
process.on("unhandledRejection", (reason) => {
  unhandledRejections++;
  console.error("unhandled rejection:", reason);
});

/** `gc()`, from --expose-gc or by enabling the flag at run time (npm run soak goes through tsx). */
function exposeGc(): () => void {
  const existing = (globalThis as { gc?: () => void }).gc;
  if (typeof existing === "function") return existing;
  setFlagsFromString("--expose-gc");
  return runInNewContext("gc") as () => void;
}
const gc = exposeGc();
const settleHeap = async () => {
  for (let i = 0; i < 4; i++) {
    gc();
    await new Promise((resolve) => setImmediate(resolve));
  }
  return process.memoryUsage().heapUsed;
};

/** mulberry32: a small seeded PRNG, so a run's fault sequence can be replayed with SOAK_SEED. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

// ---------------------------------------------------------------------------------------------------
// The flaky server: counters only, nothing recorded (recording would grow this process's heap).

const served = { requests: 0, unavailable: 0, resets: 0, ok: 0 };
const random = prng(SEED);
const createBody = JSON.stringify({ data: { id: "auth_code_soak", app_id: 1, created_at: "2026-01-01T00:00:00Z" } });
const exchangeBody = JSON.stringify({ key: "sk-or-v1-soak", user_id: "user_soak" });
const errorBody = JSON.stringify({ error: { code: 503, message: "busy" }, user_id: null, openrouter_metadata: null });

function answer(req: IncomingMessage, res: ServerResponse): void {
  served.requests++;
  const roll = random();
  if (roll < 0.05) {
    served.resets++;
    req.socket.destroy();
    return;
  }
  const [status, body, extra] =
    roll < 0.15
      ? [503, errorBody, { "retry-after": "0" }]
      : [200, req.url === "/auth/keys/code" ? createBody : exchangeBody, {}];
  if (status === 503) served.unavailable++;
  else served.ok++;
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(body), ...extra });
  res.end(body);
}

const server = createServer((req, res) => {
  req.resume();
  req.once("end", () => answer(req, res));
});
server.on("clientError", (_error, socket) => socket.destroy());
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const serverURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

// ---------------------------------------------------------------------------------------------------
// The calls: the four public entry points in turn, on one client of each kind (one per application).

const core = new OpenRouterCore({ apiKey: "sk-or-v1-soak-key", serverURL, retryConfig: RETRIES });
const client = new OpenRouter({ apiKey: "sk-or-v1-soak-key", serverURL, retryConfig: RETRIES });
const createRequest = { requestBody: { callbackUrl: "https://myapp.com/auth/callback" } };
const exchangeRequest = { requestBody: { code: "auth_code_soak", codeVerifier: "v".repeat(43) } };

/** One call; undefined on success, else the name of the error class. */
async function callOnce(i: number): Promise<string | undefined> {
  try {
    switch (i % 4) {
      case 0: {
        const result = await oAuthCreateAuthCode(core, createRequest);
        return result.ok ? undefined : result.error.name;
      }
      case 1: {
        const result = await oAuthExchangeAuthCodeForAPIKey(core, exchangeRequest);
        return result.ok ? undefined : result.error.name;
      }
      case 2:
        await client.oAuth.createAuthCode(createRequest);
        return undefined;
      default:
        await client.oAuth.exchangeAuthCodeForAPIKey(exchangeRequest);
        return undefined;
    }
  } catch (error) {
    return (error as Error | undefined)?.name ?? "non-error thrown";
  }
}

const failures = new Map<string, number>();
const latencies = new Float64Array(CALLS);

/** Runs `count` calls, `CONCURRENCY` at a time; records failures and latencies when `record`. */
async function runCalls(count: number, record: boolean): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      const start = performance.now();
      const failure = await callOnce(i);
      if (!record) continue;
      latencies[i] = performance.now() - start;
      if (failure) failures.set(failure, (failures.get(failure) ?? 0) + 1);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
}

await runCalls(WARMUP_CALLS, false);
Object.assign(served, { requests: 0, unavailable: 0, resets: 0, ok: 0 });
const heapBefore = await settleHeap();
const started = performance.now();
await runCalls(CALLS, true);
const durationMs = performance.now() - started;
const heapAfter = await settleHeap();

// ---------------------------------------------------------------------------------------------------
// Close everything, then look for anything that would keep the process alive.

await new Promise<void>((resolve) => {
  server.close(() => resolve());
  server.closeAllConnections();
});
await new Promise((resolve) => setTimeout(resolve, 100));
// stdin/stdout/stderr show up as TTYWrap or PipeWrap; they do not keep the process alive.
const leftovers = process
  .getActiveResourcesInfo()
  .filter((resource) => resource !== "TTYWrap" && resource !== "PipeWrap");

const failed = [...failures.values()].reduce((sum, n) => sum + n, 0);
const sorted = [...latencies].sort((a, b) => a - b);
const percentile = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;
const growth = heapAfter - heapBefore;

const checks = {
  success: failed === 0,
  heap: growth < BOUNDS.heapGrowthBytes,
  unhandled: unhandledRejections === 0,
  leftovers: leftovers.length === 0,
  duration: durationMs < BOUNDS.durationMs,
};
const mark = (ok: boolean) => (ok ? "ok" : "MISSED");
const rows: [string, string, string][] = [
  ["calls (concurrency)", `${CALLS} (${CONCURRENCY})`, ""],
  [
    "successes",
    `${CALLS - failed} (${(((CALLS - failed) / CALLS) * 100).toFixed(2)}%)`,
    `100% ${mark(checks.success)}`,
  ],
  ["failures by class", failed === 0 ? "none" : [...failures].map(([name, n]) => `${name} ${n}`).join(", "), ""],
  ["requests seen by the server", String(served.requests), ""],
  ["  503 Retry-After: 0", `${served.unavailable} (${((served.unavailable / served.requests) * 100).toFixed(1)}%)`, ""],
  ["  connection resets", `${served.resets} (${((served.resets / served.requests) * 100).toFixed(1)}%)`, ""],
  ["  200", String(served.ok), ""],
  ["retries (requests - calls)", String(served.requests - CALLS), ""],
  ["duration", `${(durationMs / 1000).toFixed(1)} s`, `< ${BOUNDS.durationMs / 1000} s ${mark(checks.duration)}`],
  ["calls/s", (CALLS / (durationMs / 1000)).toFixed(0), ""],
  [
    "latency p50 / p99 / max",
    `${percentile(50).toFixed(1)} / ${percentile(99).toFixed(1)} / ${percentile(100).toFixed(1)} ms`,
    "",
  ],
  ["heap before / after (after gc)", `${mb(heapBefore)} / ${mb(heapAfter)}`, ""],
  ["heap growth", mb(growth), `< ${mb(BOUNDS.heapGrowthBytes)} ${mark(checks.heap)}`],
  ["unhandled rejections", String(unhandledRejections), `0 ${mark(checks.unhandled)}`],
  ["handles left after closing", leftovers.length ? leftovers.join(", ") : "none", `none ${mark(checks.leftovers)}`],
];
const widths = [0, 1, 2].map((c) => Math.max(...rows.map((row) => row[c]!.length)));
console.log(
  `openrouter-oauth soak (node ${process.version}, seed ${SEED}, warm-up ${WARMUP_CALLS} calls not counted)\n`,
);
for (const row of rows)
  console.log(
    row
      .map((cell, c) => cell.padEnd(widths[c]!))
      .join("  ")
      .trimEnd(),
  );

if (Object.values(checks).every(Boolean)) {
  console.log("\nall bounds met; exiting by itself");
  // A watchdog that does not itself keep the process alive: it fires only if something else does.
  setTimeout(() => {
    console.error("the process did not exit by itself; still active:", process.getActiveResourcesInfo());
    process.exit(1);
  }, 10_000).unref();
} else {
  console.error(
    `\nbounds missed: ${Object.entries(checks)
      .filter(([, ok]) => !ok)
      .map(([name]) => name)
      .join(", ")}`,
  );
  process.exitCode = 1;
}
