// The fault suite as a matrix: every case × both operations × the class and the standalone function ×
// default options and a fast retry config. Each cell checks that the call settles within its bound,
// with the right typed error (or the value), that the server saw the expected number of requests, and that
// no secret (API key, code, verifier, returned key) is in the error, the debug log or the client.
//
// The default column runs with the REAL defaults (timeoutMs 30 s, retries within 20 s), so its long cells
// take 15–33 s each. They run concurrently (test.concurrent, longest registered first) so the whole file
// takes about as long as its longest cell. The 50 MB cells measure process memory and run one at a time,
// before the concurrent group.
import { inspect } from "node:util";
import { afterAll, afterEach, describe, type ExpectStatic, type TestContext, test, vi } from "vitest";
import {
  ConnectionError,
  InternalServerResponseError,
  OpenRouter,
  OpenRouterCore,
  OpenRouterDefaultError,
  OpenRouterError,
  oAuthCreateAuthCode,
  oAuthExchangeAuthCodeForAPIKey,
  RequestTimeoutError,
  ResponseTooLargeError,
  ResponseValidationError,
  type RetryConfig,
  type SDKOptions,
} from "../../src/index.js";
import {
  createOkBody,
  createRequest,
  delay,
  destroySocket,
  errorJson,
  exchangeOkBody,
  exchangeRequest,
  type FaultServer,
  hang,
  html,
  huge,
  json,
  malformedJson,
  respond,
  type Script,
  startFaultServer,
  trickle,
  truncated,
} from "../support/fault-server.js";
import { clientRenderings, errorRenderings, type Rendering, secretLeaks } from "../support/secret-leaks.js";
import {
  exposeGc,
  resetAfterHeaders,
  retryAfterDate,
  trickleBody,
  withSocketHeadroom,
} from "./support/extra-behaviours.js";

// ---------------------------------------------------------------------------------------------------
// The bounds: one row per case; per column the outcome, the requests the server must see, and the
// settle time in ms. `fast` is FAST_RETRIES below with every other option at its default, so the 30 s
// timeoutMs still applies there.

/**
 * The fast column's retry config: waits of 5–50 ms (raised to the SDK's 100 ms floor) within a 2 s budget.
 * Not the shared `fastRetries` (500 ms budget): when ~180 cells start together on a loaded 2-core machine,
 * a first round trip can take longer than that, and then no retry fits at all.
 */
const FAST_RETRIES: RetryConfig = {
  strategy: "backoff",
  backoff: { initialInterval: 10, maxInterval: 50, exponent: 2, maxElapsedTime: 2_000 },
};

type ErrorClass = abstract new (...args: never[]) => Error;

interface Expected {
  /** "ok" for the documented value, or the error class the call must fail with. */
  readonly outcome: "ok" | ErrorClass;
  /** The `statusCode` the error carries, for response errors. */
  readonly status?: number;
  /** Requests the server must have seen: exactly, or [min, max]. */
  readonly requests: number | readonly [min: number, max: number];
  /** Settle time of the call in ms, measured around it: [min, max]. */
  readonly ms: readonly [min: number, max: number];
}

interface Row {
  readonly name: string;
  /** What the server does; `target` is a second server (another origin) for the redirect case. */
  readonly script: (op: Op, target: FaultServer) => Script;
  readonly default: Expected;
  readonly fast: Expected;
  /** 50 MB bodies: run one at a time and measure memory. */
  readonly memory?: boolean;
  /** Uses the second server: it must see no request at all. */
  readonly redirect?: boolean;
}

// Default retries (500 ms × 1.5 per retry, each wait ≤ 5 s, none starting after 20 s, at most 10 requests)
// against a server that always fails: the tenth request starts 12.7 s to 20 s into the call (nine jittered
// waits), unless the 20 s budget ends the call first, after seven to nine.
const DEFAULT_STORM = { requests: [7, 10], ms: [12_600, 23_000] } as const;
// The same with FAST_RETRIES: its 5–50 ms waits are raised to the 100 ms floor, so the ten requests the cap
// allows fit in its 2 s budget (fewer on a machine slow enough that round trips eat the budget).
const FAST_STORM = { requests: [5, 10], ms: [850, 4_500] } as const;
// One request, answered at once, that must not be retried.
const AT_ONCE = { requests: 1, ms: [0, 3_000] } as const;
// Only the 30 s timeoutMs ends these (a timeout is final, never retried), in both columns.
const TIMES_OUT = { outcome: RequestTimeoutError, requests: 1, ms: [29_900, 33_500] } as const;
// One failure, then 200: one default backoff wait (250–500 ms), or one FAST_RETRIES wait (5–10 ms).
const DEFAULT_ONE_RETRY = { outcome: "ok", requests: 2, ms: [240, 4_000] } as const;
const FAST_ONE_RETRY = { outcome: "ok", requests: 2, ms: [0, 2_500] } as const;

const rows: readonly Row[] = [
  {
    name: "500 then 200",
    script: (op) => [errorJson(500, "boom"), json(200, op.okBody)],
    default: DEFAULT_ONE_RETRY,
    fast: FAST_ONE_RETRY,
  },
  {
    name: "500 forever",
    script: () => [errorJson(500, "always down")],
    default: { outcome: InternalServerResponseError, status: 500, ...DEFAULT_STORM },
    fast: { outcome: InternalServerResponseError, status: 500, ...FAST_STORM },
  },
  // A Retry-After that fits the retry budget (20 s by default) is waited for; one that does not
  // (FAST_RETRIES' 2 s) is not slept at all: the call returns the response at once.
  {
    name: "503 with Retry-After: 3 (seconds), then 200",
    script: (op) => [errorJson(503, "busy", { "retry-after": "3" }), json(200, op.okBody)],
    default: { outcome: "ok", requests: 2, ms: [2_950, 6_500] },
    fast: { outcome: OpenRouterDefaultError, status: 503, ...AT_ONCE },
  },
  {
    name: "429 with Retry-After: 3 (seconds), then 200",
    script: (op) => [errorJson(429, "slow down", { "retry-after": "3" }), json(200, op.okBody)],
    default: { outcome: "ok", requests: 2, ms: [2_950, 6_500] },
    fast: { outcome: OpenRouterDefaultError, status: 429, ...AT_ONCE },
  },
  // HTTP-dates have whole seconds: "4 s ahead" is a wait of 3 to 4 s.
  {
    name: "503 with Retry-After as an HTTP-date 4 s ahead, then 200",
    script: (op) => [retryAfterDate(503, 4_000), json(200, op.okBody)],
    default: { outcome: "ok", requests: 2, ms: [2_900, 7_500] },
    fast: { outcome: OpenRouterDefaultError, status: 503, ...AT_ONCE },
  },
  {
    name: "429 with Retry-After as an HTTP-date 4 s ahead, then 200",
    script: (op) => [retryAfterDate(429, 4_000), json(200, op.okBody)],
    default: { outcome: "ok", requests: 2, ms: [2_900, 7_500] },
    fast: { outcome: OpenRouterDefaultError, status: 429, ...AT_ONCE },
  },
  {
    name: "502 with an HTML body, forever",
    script: () => [html(502)],
    default: { outcome: OpenRouterDefaultError, status: 502, ...DEFAULT_STORM },
    fast: { outcome: OpenRouterDefaultError, status: 502, ...FAST_STORM },
  },
  {
    name: "200 with malformed JSON",
    script: () => [malformedJson(200)],
    default: { outcome: ResponseValidationError, status: 200, ...AT_ONCE },
    fast: { outcome: ResponseValidationError, status: 200, ...AT_ONCE },
  },
  {
    name: "200 with the wrong shape",
    script: () => [json(200, { result: "ok", id: 42 })],
    default: { outcome: ResponseValidationError, status: 200, ...AT_ONCE },
    fast: { outcome: ResponseValidationError, status: 200, ...AT_ONCE },
  },
  {
    name: "200 with a non-JSON content type (an HTML page)",
    script: () => [html(200, "<html><body>Sign in to the Wi-Fi</body></html>")],
    default: { outcome: ResponseValidationError, status: 200, ...AT_ONCE },
    fast: { outcome: ResponseValidationError, status: 200, ...AT_ONCE },
  },
  {
    name: "200 with an empty body",
    script: () => [respond(200, { headers: { "content-type": "application/json" } })],
    default: { outcome: ResponseValidationError, status: 200, ...AT_ONCE },
    fast: { outcome: ResponseValidationError, status: 200, ...AT_ONCE },
  },
  // A body cut short is a connection error: retried like one.
  {
    name: "a truncated body, then 200",
    script: (op) => [truncated(200), json(200, op.okBody)],
    default: DEFAULT_ONE_RETRY,
    fast: FAST_ONE_RETRY,
  },
  {
    name: "a truncated body, forever",
    script: () => [truncated(200)],
    default: { outcome: ConnectionError, ...DEFAULT_STORM },
    fast: { outcome: ConnectionError, ...FAST_STORM },
  },
  {
    name: "a connection reset before the headers, then 200",
    script: (op) => [destroySocket(), json(200, op.okBody)],
    default: DEFAULT_ONE_RETRY,
    fast: FAST_ONE_RETRY,
  },
  {
    name: "a connection reset before the headers, forever",
    script: () => [destroySocket()],
    default: { outcome: ConnectionError, ...DEFAULT_STORM },
    fast: { outcome: ConnectionError, ...FAST_STORM },
  },
  {
    name: "a connection reset after the headers, then 200",
    script: (op) => [resetAfterHeaders(200), json(200, op.okBody)],
    default: DEFAULT_ONE_RETRY,
    fast: FAST_ONE_RETRY,
  },
  {
    name: "a connection reset after the headers, forever",
    script: () => [resetAfterHeaders(200)],
    default: { outcome: ConnectionError, ...DEFAULT_STORM },
    fast: { outcome: ConnectionError, ...FAST_STORM },
  },
  {
    name: "a server that never answers",
    script: () => [hang()],
    default: TIMES_OUT,
    fast: TIMES_OUT,
  },
  {
    name: "a slow trickle of bytes that never ends",
    script: () => [trickle({ intervalMs: 100 })],
    default: TIMES_OUT,
    fast: TIMES_OUT,
  },
  // Slow but progressing is fine: 4 bytes every 40 ms (46 to 80 bytes: 0.5 to 0.8 s).
  {
    name: "a slow trickle of a complete, valid body",
    script: (op) => [trickleBody(JSON.stringify(op.okBody), 4, 40)],
    default: { outcome: "ok", requests: 1, ms: [400, 6_000] },
    fast: { outcome: "ok", requests: 1, ms: [400, 6_000] },
  },
  // The default maxResponseBytes (1 MiB) stops the read; see MEMORY_BOUND_BYTES for the memory bound.
  {
    name: "a 50 MB body with a declared length",
    script: () => [huge(50 * 1024 * 1024)],
    default: { outcome: ResponseTooLargeError, status: 200, requests: 1, ms: [0, 5_000] },
    fast: { outcome: ResponseTooLargeError, status: 200, requests: 1, ms: [0, 5_000] },
    memory: true,
  },
  {
    name: "a 50 MB chunked body",
    script: () => [huge(50 * 1024 * 1024, { declareLength: false })],
    default: { outcome: ResponseTooLargeError, status: 200, requests: 1, ms: [0, 5_000] },
    fast: { outcome: ResponseTooLargeError, status: 200, requests: 1, ms: [0, 5_000] },
    memory: true,
  },
  // Not followed: the request carries the bearer key, the code and the verifier.
  {
    name: "a 307 redirect to another server",
    script: (op, target) => [respond(307, { headers: { location: `${target.url}${op.path}` } })],
    default: { outcome: OpenRouterDefaultError, status: 307, ...AT_ONCE },
    fast: { outcome: OpenRouterDefaultError, status: 307, ...AT_ONCE },
    redirect: true,
  },
];

/** Peak growth of rss and of arrayBuffers allowed while a 50 MB body is refused (well under 50 MB). */
const MEMORY_BOUND_BYTES = { rss: 24 * 1024 * 1024, arrayBuffers: 8 * 1024 * 1024 };
/** A cell that has not settled this long after its upper bound is reported as a hang. */
const HANG_MARGIN_MS = 5_000;

// ---------------------------------------------------------------------------------------------------
// The other dimensions: operations, API forms, columns.

/** A distinctive key: every request must carry it to the fault server, none to the redirect target. */
const API_KEY = "sk-or-v1-matrix-7f3a9c";

interface Op {
  readonly name: "createAuthCode" | "exchangeAuthCodeForAPIKey";
  readonly path: string;
  readonly okBody: object;
  /** The value a 200 with `okBody` must give. */
  readonly value: unknown;
  readonly viaClass: (client: OpenRouter) => Promise<unknown>;
  readonly viaFunction: (core: OpenRouterCore) => Promise<{ ok: boolean; value?: unknown; error?: unknown }>;
}

const ops: readonly Op[] = [
  {
    name: "createAuthCode",
    path: "/auth/keys/code",
    okBody: createOkBody,
    value: { data: { id: "auth_code_xyz789", appId: 12345, createdAt: "2025-08-24T10:30:00Z" } },
    viaClass: (client) => client.oAuth.createAuthCode(createRequest),
    viaFunction: (core) => oAuthCreateAuthCode(core, createRequest),
  },
  {
    name: "exchangeAuthCodeForAPIKey",
    path: "/auth/keys",
    okBody: exchangeOkBody,
    value: { key: "sk-or-v1-minted", userId: "user_123" },
    viaClass: (client) => client.oAuth.exchangeAuthCodeForAPIKey(exchangeRequest),
    viaFunction: (core) => oAuthExchangeAuthCodeForAPIKey(core, exchangeRequest),
  },
];

type Form = "class" | "function";
const forms: readonly Form[] = ["class", "function"];

type Column = "default" | "fast";
const columnOptions: Record<Column, SDKOptions> = {
  default: {},
  fast: { retryConfig: FAST_RETRIES },
};

interface Cell {
  readonly row: Row;
  readonly column: Column;
  readonly op: Op;
  readonly form: Form;
}

const cells: Cell[] = rows.flatMap((row) =>
  (["default", "fast"] as const).flatMap((column) =>
    ops.flatMap((op) => forms.map((form) => ({ row, column, op, form }))),
  ),
);
const cellName = ({ row, column, op, form }: Cell) => `[${column}] ${row.name} › ${op.name} › ${form}`;

// ---------------------------------------------------------------------------------------------------
// Servers: each cell starts its own (concurrent cells must not share request counts); they are closed
// after each test, and any left over after all of them.

const servers = new Map<string, FaultServer[]>();

async function serverFor(context: TestContext): Promise<FaultServer> {
  const server = await startFaultServer();
  const list = servers.get(context.task.id) ?? [];
  list.push(server);
  servers.set(context.task.id, list);
  return server;
}

afterEach(async (context) => {
  const list = servers.get(context.task.id) ?? [];
  servers.delete(context.task.id);
  await Promise.all(list.map((server) => server.close()));
});

afterAll(async () => {
  await Promise.all([...servers.values()].flat().map((server) => server.close()));
  servers.clear();
});

// ---------------------------------------------------------------------------------------------------
// Running one cell

interface Outcome {
  readonly ms: number;
  /** Not settled within the hang limit. */
  readonly hung: boolean;
  /** The standalone function rejected (it must never). */
  readonly rejected?: unknown;
  readonly value?: unknown;
  readonly error?: unknown;
}

/** Runs the call, normalising both forms to value-or-error, and gives up (hung) after `limitMs`. */
async function settle(call: () => Promise<Omit<Outcome, "ms" | "hung">>, limitMs: number): Promise<Outcome> {
  const start = performance.now();
  let watchdog: ReturnType<typeof setTimeout> | undefined;
  const hung = new Promise<"hung">((resolve) => (watchdog = setTimeout(() => resolve("hung"), limitMs)));
  try {
    const result = await Promise.race([call(), hung]);
    const ms = performance.now() - start;
    return result === "hung" ? { ms, hung: true } : { ms, hung: false, ...result };
  } finally {
    clearTimeout(watchdog);
  }
}

function run(
  cell: Cell,
  server: FaultServer,
  seen: SeenText = { logged: [], clients: [] },
): () => Promise<Omit<Outcome, "ms" | "hung">> {
  const options: SDKOptions = {
    apiKey: API_KEY,
    serverURL: server.url,
    debugLogger: { log: (...args: unknown[]) => seen.logged.push(inspect(args, { depth: 10 })) },
    ...columnOptions[cell.column],
  };
  if (cell.form === "class") {
    const client = new OpenRouter(options);
    seen.clients.push(client);
    return () =>
      cell.op.viaClass(client).then(
        (value) => ({ value }),
        (error: unknown) => ({ error }),
      );
  }
  const core = new OpenRouterCore(options);
  seen.clients.push(core);
  return () =>
    cell.op.viaFunction(core).then(
      (result) => (result.ok ? { value: result.value } : { error: result.error }),
      (rejected: unknown) => ({ rejected }),
    );
}

function checkOutcome(expect: ExpectStatic, cell: Cell, outcome: Outcome, server: FaultServer): void {
  const expected = cell.row[cell.column];
  const [min, max] = expected.ms;
  expect(outcome.hung, `did not settle within ${max + HANG_MARGIN_MS} ms`).toBe(false);
  expect(outcome.rejected, "the standalone function rejected").toBeUndefined();
  if (expected.outcome === "ok") {
    expect(outcome.error, "expected success").toBeUndefined();
    expect(outcome.value).toEqual(cell.op.value);
  } else {
    expect(outcome.value, "expected a failure").toBeUndefined();
    expect(outcome.error).toBeInstanceOf(expected.outcome);
    if (expected.status !== undefined) {
      expect(outcome.error).toBeInstanceOf(OpenRouterError);
      expect((outcome.error as OpenRouterError).statusCode).toBe(expected.status);
    }
  }
  expect(outcome.ms, "settle time (ms)").toBeGreaterThanOrEqual(min);
  expect(outcome.ms, "settle time (ms)").toBeLessThanOrEqual(max);
  const { requests } = expected;
  if (typeof requests === "number") {
    expect(server.count, "requests the server saw").toBe(requests);
  } else {
    expect(server.count, "requests the server saw").toBeGreaterThanOrEqual(requests[0]);
    expect(server.count, "requests the server saw").toBeLessThanOrEqual(requests[1]);
  }
  for (const request of server.requests) {
    expect(request.method).toBe("POST");
    expect(request.url).toBe(cell.op.path);
    expect(request.headers.authorization).toBe(`Bearer ${API_KEY}`);
  }
}

/** What a cell printed or could print: its debug log lines and its clients. */
interface SeenText {
  readonly logged: string[];
  readonly clients: object[];
}

/** The secrets of a cell: the API key, the code and verifier sent, the key the server returns. */
const SECRETS = [
  API_KEY,
  exchangeRequest.requestBody.code,
  exchangeRequest.requestBody.codeVerifier,
  exchangeOkBody.key,
] as const;

/** No secret in the error (however it is printed), the debug log, or the clients. */
function checkNoSecrets(expect: ExpectStatic, outcome: Outcome, seen: SeenText): void {
  const renderings: Rendering[] = [];
  for (const thrown of [outcome.error, outcome.rejected]) {
    if (thrown instanceof Error) renderings.push(...errorRenderings(thrown));
  }
  renderings.push(...seen.clients.flatMap(clientRenderings));
  expect(seen.logged.length, "debug log lines").toBeGreaterThan(0);
  renderings.push(...seen.logged.map((line, i) => [`debugLogger line ${i}`, line] as const));
  expect(secretLeaks(renderings, SECRETS)).toEqual([]);
}

/** Polls `condition` every 10 ms until it holds or `ms` pass; returns whether it held. */
async function eventually(condition: () => boolean, ms: number): Promise<boolean> {
  const start = performance.now();
  while (!condition()) {
    if (performance.now() - start > ms) return false;
    await delay(10);
  }
  return true;
}

async function runCell(cell: Cell, context: TestContext): Promise<void> {
  const { expect } = context;
  const server = await serverFor(context);
  const target = cell.row.redirect ? await serverFor(context) : undefined;
  server.setScript(withSocketHeadroom(cell.row.script(cell.op, target ?? server)));
  target?.setScript([json(200, cell.op.okBody)]);
  const seen: SeenText = { logged: [], clients: [] };
  const outcome = await settle(run(cell, server, seen), cell.row[cell.column].ms[1] + HANG_MARGIN_MS);
  checkOutcome(expect, cell, outcome, server);
  checkNoSecrets(expect, outcome, seen);
  if (target) {
    // Give a followed redirect time to arrive before checking that none did.
    await delay(100);
    expect(target.count, "requests the redirect target saw").toBe(0);
    expect(target.requests.some((request) => request.headers.authorization !== undefined)).toBe(false);
  }
}

// ---------------------------------------------------------------------------------------------------
// The matrix

describe("50 MB bodies: ResponseTooLargeError quickly, with bounded memory (one at a time)", () => {
  const gc = exposeGc();

  for (const cell of cells.filter((c) => c.row.memory)) {
    test(cellName(cell), async (context) => {
      const { expect } = context;
      const server = await serverFor(context);
      server.setScript(cell.row.script(cell.op, server));
      // Warm the client path up first, so one-time allocations (the HTTP client, compiled code) are not
      // counted as growth.
      const warmup = await startFaultServer([json(200, cell.op.okBody)]);
      try {
        await run(cell, warmup)();
      } finally {
        await warmup.close();
      }
      gc();
      const base = process.memoryUsage();
      const peak = { rss: 0, arrayBuffers: 0 };
      const sample = () => {
        const now = process.memoryUsage();
        peak.rss = Math.max(peak.rss, now.rss - base.rss);
        peak.arrayBuffers = Math.max(peak.arrayBuffers, now.arrayBuffers - base.arrayBuffers);
      };
      const seen: SeenText = { logged: [], clients: [] };
      const sampler = setInterval(sample, 2);
      let outcome: Outcome;
      try {
        outcome = await settle(run(cell, server, seen), cell.row[cell.column].ms[1] + HANG_MARGIN_MS);
      } finally {
        clearInterval(sampler);
      }
      sample();
      checkOutcome(expect, cell, outcome, server);
      checkNoSecrets(expect, outcome, seen);
      expect(peak.rss, "peak rss growth (bytes)").toBeLessThan(MEMORY_BOUND_BYTES.rss);
      expect(peak.arrayBuffers, "peak arrayBuffers growth (bytes)").toBeLessThan(MEMORY_BOUND_BYTES.arrayBuffers);
      // The rest of the body is never read: the client closes the connection.
      expect(await eventually(() => server.requests[0]?.closedEarly === true, 2_000), "connection closed early").toBe(
        true,
      );
    });
  }
});

describe.concurrent("the fault matrix", () => {
  // The long default cells run together rather than one after another: let every cell of the file run at once.
  vi.setConfig({ maxConcurrency: 256 });
  const longestFirst = cells.filter((c) => !c.row.memory).sort((a, b) => b.row[b.column].ms[1] - a.row[a.column].ms[1]);
  for (const cell of longestFirst) {
    test(cellName(cell), (context) => runCell(cell, context), cell.row[cell.column].ms[1] + HANG_MARGIN_MS + 10_000);
  }
});

describe("redirects, even when fetchOptions ask to follow them", () => {
  test.for(["follow", "error", "manual"] as const)(
    "redirect: %s: the 307 is a typed error; the other origin sees neither the key, nor the code and verifier",
    async (redirect, context) => {
      const { expect } = context;
      const server = await serverFor(context);
      const target = await serverFor(context);
      server.setScript([respond(307, { headers: { location: `${target.url}/auth/keys` } })]);
      target.setScript([json(200, exchangeOkBody)]);
      const client = new OpenRouter({ apiKey: API_KEY, serverURL: server.url });
      const error = await client.oAuth.exchangeAuthCodeForAPIKey(exchangeRequest, { fetchOptions: { redirect } }).then(
        () => undefined,
        (rejection: unknown) => rejection,
      );
      expect(error).toBeInstanceOf(OpenRouterDefaultError);
      expect((error as OpenRouterDefaultError).statusCode).toBe(307);
      expect((error as Error).message).toMatch(/redirect, not followed/);
      expect(server.count).toBe(1);
      expect(target.count).toBe(0);
    },
  );

  test("a custom fetch that follows the redirect itself: its answer is refused, not taken for the key", async (context) => {
    const { expect } = context;
    const server = await serverFor(context);
    const target = await serverFor(context);
    server.setScript([respond(307, { headers: { location: `${target.url}/auth/keys` } })]);
    target.setScript([json(200, exchangeOkBody)]);
    const following = (request: Request) => fetch(new Request(request, { redirect: "follow" }));
    const core = new OpenRouterCore({ serverURL: server.url, fetch: following });
    const result = await oAuthExchangeAuthCodeForAPIKey(core, exchangeRequest);
    expect(result.ok).toBe(false);
    expect(result.error).toBeInstanceOf(OpenRouterDefaultError);
    expect(result.error?.message).toMatch(/redirect, not followed/);
  });
});
