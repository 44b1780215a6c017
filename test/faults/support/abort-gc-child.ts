// Run by test/faults/abort-gc.test.ts as `node --expose-gc --import tsx test/faults/support/abort-gc-child.ts`.
//
// Aborts and timeouts must never be lost, even when garbage collection runs while a call waits (Node 20
// can collect `AbortSignal.any` / `AbortSignal.timeout` signals that a pending request still depends on).
// Each scenario runs RUNS calls, RUNS_AT_ONCE at a time, forcing `gc()` while they wait, and checks
// that every call settles with the expected error within its bound. Prints one line,
// `ABORT-GC-SUMMARY <json>`, and exits by itself (exit code 1 when a check failed).
import {
  OpenRouter,
  OpenRouterCore,
  oAuthCreateAuthCode,
  oAuthExchangeAuthCodeForAPIKey,
  RequestAbortedError,
  type RequestOptions,
  RequestTimeoutError,
  type SDKOptions,
} from "../../../src/index.js";
import {
  createRequest,
  delay,
  errorJson,
  exchangeRequest,
  type FaultServer,
  hang,
  startFaultServer,
} from "../../support/fault-server.js";

const RUNS = 50;
const RUNS_AT_ONCE = 25;
/** A caller's abort must settle the call within this many ms. */
const ABORT_SETTLE_MS = 1_000;
/** A call with `timeoutMs: t` must settle between t and t + this many ms. */
const TIMEOUT_LATE_MS = 1_500;
/** A call still pending this long after its trigger is counted as a hang. */
const HANG_MS = 10_000;

const gc = (globalThis as { gc?: () => void }).gc;
if (typeof gc !== "function") throw new Error("run with node --expose-gc");
const collect: () => void = gc;

let unhandledRejections = 0;
process.on("unhandledRejection", () => {
  unhandledRejections++;
});

// ---------------------------------------------------------------------------------------------------
// Servers: each request carries an `x-call-id` header, so concurrent calls can be told apart.

const callIdOf = (headers: Record<string, string | string[] | undefined>) => String(headers["x-call-id"]);

/** Never answers. */
const hanging = await startFaultServer([hang()]);
/** 503 with `Retry-After: 5`, forever: the SDK sleeps 5 s (it fits the default 20 s budget) before retrying. */
const backingOff = await startFaultServer([errorJson(503, "busy", { "retry-after": "5" })]);
/** Per call: 503 with `Retry-After: 1`, then never answers. */
const seen = new Map<string, number>();
const sleepThenHang = await startFaultServer((_n, req) => {
  const id = callIdOf(req.headers);
  const count = (seen.get(id) ?? 0) + 1;
  seen.set(id, count);
  return count === 1 ? errorJson(503, "busy", { "retry-after": "1" }) : hang();
});
const servers = [hanging, backingOff, sleepThenHang];

const requestsOf = (server: FaultServer, id: string) =>
  server.requests.filter((request) => callIdOf(request.headers) === id).length;

async function until(condition: () => boolean, ms = 5_000): Promise<void> {
  const start = performance.now();
  while (!condition()) {
    if (performance.now() - start > ms) throw new Error("precondition not reached");
    await delay(2);
  }
}

/** Forces a few full collections with a little time between them. */
async function collectGarbage(): Promise<void> {
  for (let i = 0; i < 3; i++) {
    collect();
    await delay(5 + Math.random() * 10);
  }
}

// ---------------------------------------------------------------------------------------------------
// Scenarios

interface Scenario {
  readonly name: string;
  readonly server: FaultServer;
  readonly expected: typeof RequestAbortedError | typeof RequestTimeoutError;
  /** Requests the server must see from each call. */
  readonly requests: number;
  /** Client options besides serverURL. */
  readonly client?: SDKOptions;
  /** Per-call options (a `signal` is added for abort scenarios). */
  readonly call?: () => RequestOptions;
  /** For timer scenarios: when, after its start, a timer set by `call` must end the call. */
  readonly deadlineMs?: number;
  /** For abort scenarios: resolves when the call has reached the phase in which it must be aborted. */
  readonly reached?: (id: string) => Promise<void>;
  /** For abort scenarios: builds the caller's signal from the controller the child aborts. */
  readonly signalOf?: (controller: AbortController) => AbortSignal;
}

/** An apiKey function that never settles: the call waits before sending anything. */
const pendingKey = () => new Promise<string>(() => {});

const scenarios: readonly Scenario[] = [
  {
    name: "abort before the request (an apiKey function still pending)",
    server: hanging,
    expected: RequestAbortedError,
    requests: 0,
    client: { apiKey: pendingKey },
    reached: () => delay(20),
  },
  {
    name: "abort during the request (the server never answers)",
    server: hanging,
    expected: RequestAbortedError,
    requests: 1,
    reached: (id) => until(() => requestsOf(hanging, id) === 1),
  },
  {
    name: "abort during a backoff sleep (503 with Retry-After: 5)",
    server: backingOff,
    expected: RequestAbortedError,
    requests: 1,
    // The 503 arrived; a little later its body has been read and the SDK sleeps.
    reached: async (id) => {
      await until(() => requestsOf(backingOff, id) === 1);
      await delay(150);
    },
  },
  {
    name: "abort during the request, the caller's signal made with AbortSignal.any",
    server: hanging,
    expected: RequestAbortedError,
    requests: 1,
    reached: (id) => until(() => requestsOf(hanging, id) === 1),
    signalOf: (controller) => AbortSignal.any([controller.signal]),
  },
  {
    name: "timeoutMs 400 before the request (an apiKey function still pending)",
    server: hanging,
    expected: RequestTimeoutError,
    requests: 0,
    client: { apiKey: pendingKey },
    call: () => ({ timeoutMs: 400 }),
    deadlineMs: 400,
  },
  {
    name: "timeoutMs 1000 during the request (the server never answers)",
    server: hanging,
    expected: RequestTimeoutError,
    requests: 1,
    call: () => ({ timeoutMs: 1_000 }),
    deadlineMs: 1_000,
  },
  // The SDK never starts a sleep that would end past the deadline (it returns the last error instead),
  // so a timeout cannot fire inside a sleep: this one fires in the attempt right after a 1 s sleep.
  {
    name: "timeoutMs 3000 right after a backoff sleep (503 with Retry-After: 1, then no answer)",
    server: sleepThenHang,
    expected: RequestTimeoutError,
    requests: 2,
    call: () => ({ timeoutMs: 3_000 }),
    deadlineMs: 3_000,
  },
  {
    name: "the caller's signal is AbortSignal.timeout(1000), during the request",
    server: hanging,
    expected: RequestAbortedError,
    requests: 1,
    call: () => ({ signal: AbortSignal.timeout(1_000) }),
    deadlineMs: 1_000,
  },
];

// ---------------------------------------------------------------------------------------------------
// Running: the calls of a wave start together; collections are forced while they wait (one full
// collection takes ~20 ms here and serves every pending call, so they are shared by the wave).

interface Run {
  readonly hung: boolean;
  readonly ok: boolean;
  readonly problem?: string | undefined;
  /** From the start of the call to its settling. */
  readonly settleMs: number;
  /** From the abort (or the timer's due time) to the settling. */
  readonly afterTriggerMs: number;
}

/** Calls one of the four public entry points (by `i`), normalised to the error it failed with. */
function callEntryPoint(i: number, options: SDKOptions, call: RequestOptions): Promise<unknown> {
  const failure = (result: { ok: boolean; error?: unknown }) => (result.ok ? undefined : result.error);
  switch (i % 4) {
    case 0:
      return oAuthCreateAuthCode(new OpenRouterCore(options), createRequest, call).then(failure);
    case 1:
      return oAuthExchangeAuthCodeForAPIKey(new OpenRouterCore(options), exchangeRequest, call).then(failure);
    case 2:
      return new OpenRouter(options).oAuth.createAuthCode(createRequest, call).then(
        () => undefined,
        (error: unknown) => error,
      );
    default:
      return new OpenRouter(options).oAuth.exchangeAuthCodeForAPIKey(exchangeRequest, call).then(
        () => undefined,
        (error: unknown) => error,
      );
  }
}

interface Pending {
  readonly id: string;
  readonly controller: AbortController;
  readonly start: number;
  triggeredAt: number;
  settledAt: number;
  readonly outcome: Promise<unknown>;
}

function startCall(scenario: Scenario, i: number): Pending {
  const id = `${scenarios.indexOf(scenario)}-${i}`;
  const controller = new AbortController();
  const call: RequestOptions = {
    fetchOptions: { headers: { "x-call-id": id } },
    ...(scenario.reached ? { signal: scenario.signalOf?.(controller) ?? controller.signal } : {}),
    ...scenario.call?.(),
  };
  const start = performance.now();
  const pending: Pending = {
    id,
    controller,
    start,
    triggeredAt: start + (scenario.deadlineMs ?? 0),
    settledAt: Number.NaN,
    outcome: callEntryPoint(i, { serverURL: scenario.server.url, ...scenario.client }, call).then((error) => {
      pending.settledAt = performance.now();
      return error;
    }),
  };
  return pending;
}

async function check(scenario: Scenario, pending: Pending): Promise<Run> {
  let watchdog: ReturnType<typeof setTimeout> | undefined;
  const hung = new Promise<"hung">((resolve) => (watchdog = setTimeout(() => resolve("hung"), HANG_MS)));
  const error = await Promise.race([pending.outcome, hung]);
  clearTimeout(watchdog);
  if (error === "hung") return { hung: true, ok: false, problem: "hung", settleMs: Infinity, afterTriggerMs: Infinity };
  const settleMs = pending.settledAt - pending.start;
  const afterTriggerMs = pending.settledAt - pending.triggeredAt;
  const problems: string[] = [];
  if (!(error instanceof scenario.expected)) {
    problems.push(`expected ${scenario.expected.name}, got ${(error as Error | undefined)?.name ?? "success"}`);
  }
  const requests = requestsOf(scenario.server, pending.id);
  if (requests !== scenario.requests) problems.push(`server saw ${requests} requests, expected ${scenario.requests}`);
  if (scenario.reached && afterTriggerMs > ABORT_SETTLE_MS) problems.push(`settled ${afterTriggerMs} ms after abort`);
  if (!scenario.reached && (afterTriggerMs < -5 || afterTriggerMs > TIMEOUT_LATE_MS)) {
    problems.push(`settled ${Math.round(afterTriggerMs)} ms after the timer was due`);
  }
  return {
    hung: false,
    ok: problems.length === 0,
    problem: problems.join("; ") || undefined,
    settleMs,
    afterTriggerMs,
  };
}

async function runWave(scenario: Scenario, indices: readonly number[]): Promise<Run[]> {
  const calls = indices.map((i) => startCall(scenario, i));
  if (scenario.reached) {
    await Promise.all(calls.map((pending) => scenario.reached?.(pending.id)));
    await collectGarbage();
    // Abort one by one in a random order, collecting now and then in between.
    for (const pending of [...calls].sort(() => Math.random() - 0.5)) {
      pending.triggeredAt = performance.now();
      pending.controller.abort();
      if (Math.random() < 0.2) collect();
      await delay(Math.random() * 3);
    }
  } else {
    // A timer ends the calls: keep collecting until all have settled or are long overdue.
    const due = Math.max(...calls.map((pending) => pending.triggeredAt));
    while (calls.some((pending) => Number.isNaN(pending.settledAt)) && performance.now() < due + HANG_MS) {
      collect();
      await delay(40);
    }
  }
  return Promise.all(calls.map((pending) => check(scenario, pending)));
}

async function runScenario(scenario: Scenario) {
  const runs: Run[] = [];
  for (let wave = 0; wave < RUNS; wave += RUNS_AT_ONCE) {
    const indices = Array.from({ length: Math.min(RUNS_AT_ONCE, RUNS - wave) }, (_, k) => wave + k);
    runs.push(...(await runWave(scenario, indices)));
  }
  const settled = runs.filter((run) => !run.hung);
  return {
    name: scenario.name,
    expected: scenario.expected.name,
    runs: runs.length,
    ok: runs.filter((run) => run.ok).length,
    hangs: runs.length - settled.length,
    maxSettleMs: Math.round(Math.max(0, ...settled.map((run) => run.settleMs))),
    maxAfterTriggerMs: Math.round(Math.max(0, ...settled.map((run) => run.afterTriggerMs))),
    problems: [...new Set(runs.flatMap((run) => (run.problem ? [run.problem] : [])))].slice(0, 5),
  };
}

const started = performance.now();
// Keep collecting in the background too, so collections also land at moments no scenario chose.
const background = setInterval(collect, 150);
const results = [];
try {
  for (const scenario of scenarios) results.push(await runScenario(scenario));
} finally {
  clearInterval(background);
  await Promise.all(servers.map((server) => server.close()));
}

const summary = {
  node: process.version,
  gcExposed: true,
  runsPerScenario: RUNS,
  bounds: { abortSettleMs: ABORT_SETTLE_MS, timeoutLateMs: TIMEOUT_LATE_MS, hangMs: HANG_MS },
  scenarios: results,
  calls: results.reduce((sum, r) => sum + r.runs, 0),
  failures: results.reduce((sum, r) => sum + r.runs - r.ok, 0),
  hangs: results.reduce((sum, r) => sum + r.hangs, 0),
  unhandledRejections,
  durationMs: Math.round(performance.now() - started),
};
console.log(`ABORT-GC-SUMMARY ${JSON.stringify(summary)}`);
if (summary.failures > 0 || summary.hangs > 0 || unhandledRejections > 0) process.exitCode = 1;
// No process.exit: with the servers closed and every call settled, nothing keeps the process alive.
