import { inspect } from "node:util";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import {
  BadRequestResponseError,
  ConflictResponseError,
  ConnectionError,
  ForbiddenResponseError,
  HTTPClientError,
  InternalServerResponseError,
  InvalidRequestError,
  OpenRouter,
  OpenRouterCore,
  OpenRouterDefaultError,
  oAuthCreateAuthCode,
  oAuthExchangeAuthCodeForAPIKey,
  RequestAbortedError,
  type RetryConfig,
  SDKValidationError,
  UnauthorizedResponseError,
} from "../src/index.js";
import {
  createOkBody,
  createRequest,
  destroySocket,
  errorJson,
  exchangeOkBody,
  exchangeRequest,
  type FaultServer,
  fastRetries,
  json,
  respond,
  startFaultServer,
  timed,
  truncated,
} from "./support/fault-server.js";

let server: FaultServer;

beforeEach(async () => {
  server = await startFaultServer();
});

afterEach(async () => {
  await server.close();
});

describe("retried statuses", () => {
  test("500 then 200 with the default policy succeeds after one backoff wait of 250–500 ms", async () => {
    server.setScript([errorJson(500, "boom"), json(200, createOkBody)]);
    const core = new OpenRouterCore({ apiKey: "sk-test", serverURL: server.url });
    const { ms, value } = await timed(() => oAuthCreateAuthCode(core, createRequest));
    expect(value?.ok).toBe(true);
    expect(value?.value?.data.id).toBe("auth_code_xyz789");
    expect(server.count).toBe(2);
    // Default initialInterval 500, jittered between half and all of it.
    expect(ms).toBeGreaterThanOrEqual(240);
    expect(ms).toBeLessThan(2_000);
  });

  test("the class retries too: exchange 502 then 200 resolves with the key", async () => {
    server.setScript([errorJson(502, "bad gateway"), json(200, exchangeOkBody)]);
    const client = new OpenRouter({ serverURL: server.url, retryConfig: fastRetries });
    await expect(client.oAuth.exchangeAuthCodeForAPIKey(exchangeRequest)).resolves.toEqual({
      key: "sk-or-v1-minted",
      userId: "user_123",
    });
    expect(server.count).toBe(2);
  });

  test("every retry sends the same request body again", async () => {
    server.setScript([errorJson(500, "a"), errorJson(503, "b"), json(200, exchangeOkBody)]);
    const core = new OpenRouterCore({ serverURL: server.url, retryConfig: fastRetries });
    const result = await oAuthExchangeAuthCodeForAPIKey(core, exchangeRequest);
    expect(result.ok).toBe(true);
    expect(server.count).toBe(3);
    const bodies = server.requests.map((r) => JSON.parse(r.body) as unknown);
    expect(bodies[0]).toEqual({
      code: "auth_code_xyz789",
      code_verifier: "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk",
      code_challenge_method: "S256",
    });
    expect(bodies[1]).toEqual(bodies[0]);
    expect(bodies[2]).toEqual(bodies[0]);
  });

  test("429 is retried by default", async () => {
    server.setScript([errorJson(429, "slow down", { "retry-after": "0" }), json(200, createOkBody)]);
    const core = new OpenRouterCore({ apiKey: "sk-test", serverURL: server.url });
    const result = await oAuthCreateAuthCode(core, createRequest);
    expect(result.ok).toBe(true);
    expect(server.count).toBe(2);
  });

  test("503 with Retry-After: 0 then 200: the backoff's own wait (250–500 ms by default) still holds", async () => {
    server.setScript([errorJson(503, "unavailable", { "retry-after": "0" }), json(200, createOkBody)]);
    const core = new OpenRouterCore({ apiKey: "sk-test", serverURL: server.url });
    const { ms, value } = await timed(() => oAuthCreateAuthCode(core, createRequest));
    expect(value?.ok).toBe(true);
    expect(server.count).toBe(2);
    expect(ms).toBeGreaterThanOrEqual(245);
    expect(ms).toBeLessThan(1_500);
  });

  test("Retry-After in seconds is honoured", async () => {
    server.setScript([errorJson(503, "unavailable", { "retry-after": "1" }), json(200, exchangeOkBody)]);
    const core = new OpenRouterCore({ serverURL: server.url, retryConfig: fastRetries, timeoutMs: 5_000 });
    // fastRetries' budget is 300 ms; use a budget that admits the 1 s wait.
    const { ms, value } = await timed(() =>
      oAuthExchangeAuthCodeForAPIKey(core, exchangeRequest, {
        retries: { strategy: "backoff", backoff: { initialInterval: 10, maxElapsedTime: 5_000 } },
      }),
    );
    expect(value?.ok).toBe(true);
    expect(server.count).toBe(2);
    expect(ms).toBeGreaterThanOrEqual(950);
    expect(ms).toBeLessThan(2_500);
  });

  test("Retry-After as an HTTP-date is honoured", async () => {
    const at = new Date(Date.now() + 2_000).toUTCString(); // whole seconds: 1–2 s from now
    server.setScript([errorJson(503, "unavailable", { "retry-after": at }), json(200, createOkBody)]);
    const core = new OpenRouterCore({ apiKey: "sk-test", serverURL: server.url });
    const { ms, value } = await timed(() => oAuthCreateAuthCode(core, createRequest));
    expect(value?.ok).toBe(true);
    expect(server.count).toBe(2);
    expect(ms).toBeGreaterThanOrEqual(900);
    expect(ms).toBeLessThan(2_900);
  });

  test("a Retry-After beyond the retry budget is not waited for: the 500 comes back at once", async () => {
    server.setScript([errorJson(500, "down for maintenance", { "retry-after": "3600" }), json(200, createOkBody)]);
    const core = new OpenRouterCore({ apiKey: "sk-test", serverURL: server.url });
    const { ms, value } = await timed(() => oAuthCreateAuthCode(core, createRequest));
    expect(value?.ok).toBe(false);
    expect(value?.error).toBeInstanceOf(InternalServerResponseError);
    expect(value?.error?.message).toBe("down for maintenance");
    expect(server.count).toBe(1);
    expect(ms).toBeLessThan(800);
  });

  test("a Retry-After beyond the budget on another status gives the default error at once (class rejects)", async () => {
    server.setScript([errorJson(503, "later", { "retry-after": "3600" }), json(200, exchangeOkBody)]);
    const client = new OpenRouter({ serverURL: server.url });
    const { ms, error } = await timed(() => client.oAuth.exchangeAuthCodeForAPIKey(exchangeRequest));
    expect(error).toBeInstanceOf(OpenRouterDefaultError);
    expect((error as OpenRouterDefaultError).statusCode).toBe(503);
    expect(server.count).toBe(1);
    expect(ms).toBeLessThan(800);
  });

  test("the default retry budget is 20 s: a 19 s Retry-After is waited for, a 21 s one is not", async () => {
    server.setScript([errorJson(503, "later", { "retry-after": "21" }), json(200, createOkBody)]);
    const core = new OpenRouterCore({ apiKey: "sk-test", serverURL: server.url });
    const quick = await timed(() => oAuthCreateAuthCode(core, createRequest));
    expect(quick.value?.error).toBeInstanceOf(OpenRouterDefaultError);
    expect(quick.ms).toBeLessThan(800);
    expect(server.count).toBe(1);

    server.setScript([errorJson(503, "later", { "retry-after": "19" }), json(200, createOkBody)]);
    const controller = new AbortController();
    const pending = timed(() => oAuthCreateAuthCode(core, createRequest, { signal: controller.signal }));
    // If the SDK were not waiting, the call would have settled by now.
    await new Promise((resolve) => setTimeout(resolve, 400));
    controller.abort();
    const waited = await pending;
    expect(waited.value?.error).toBeInstanceOf(RequestAbortedError);
    expect(waited.ms).toBeGreaterThanOrEqual(390);
    expect(server.count).toBe(2);
  });
});

describe("statuses never retried", () => {
  const cases = [
    [400, BadRequestResponseError],
    [401, UnauthorizedResponseError],
    [403, ForbiddenResponseError],
    [409, ConflictResponseError],
  ] as const;

  test.each(cases)("%i is not retried (standalone create)", async (status, ErrorClass) => {
    server.setScript([errorJson(status, `status ${status}`), json(200, createOkBody)]);
    const core = new OpenRouterCore({ apiKey: "sk-test", serverURL: server.url, retryConfig: fastRetries });
    const result = await oAuthCreateAuthCode(core, createRequest);
    expect(result.ok).toBe(false);
    expect(result.error).toBeInstanceOf(ErrorClass);
    expect(server.count).toBe(1);
  });

  test.each(cases)("%i is not retried (class exchange)", async (status, ErrorClass) => {
    server.setScript([errorJson(status, `status ${status}`), json(200, exchangeOkBody)]);
    const client = new OpenRouter({ serverURL: server.url, retryConfig: fastRetries });
    await expect(client.oAuth.exchangeAuthCodeForAPIKey(exchangeRequest)).rejects.toBeInstanceOf(ErrorClass);
    expect(server.count).toBe(1);
  });
});

describe("turning retries off or narrowing them", () => {
  const none: RetryConfig = { strategy: "none" };

  test("client retryConfig { strategy: 'none' } sends exactly one request", async () => {
    server.setScript([errorJson(500, "boom"), json(200, createOkBody)]);
    const core = new OpenRouterCore({ apiKey: "sk-test", serverURL: server.url, retryConfig: none });
    const result = await oAuthCreateAuthCode(core, createRequest);
    expect(result.error).toBeInstanceOf(InternalServerResponseError);
    expect(server.count).toBe(1);
  });

  test("per-call retries { strategy: 'none' } overrides the client's backoff", async () => {
    server.setScript([errorJson(503, "boom", { "retry-after": "0" }), json(200, exchangeOkBody)]);
    const client = new OpenRouter({ serverURL: server.url, retryConfig: fastRetries });
    await expect(client.oAuth.exchangeAuthCodeForAPIKey(exchangeRequest, { retries: none })).rejects.toBeInstanceOf(
      OpenRouterDefaultError,
    );
    expect(server.count).toBe(1);
  });

  test("per-call retries backoff overrides a client 'none'", async () => {
    server.setScript([errorJson(500, "boom"), json(200, createOkBody)]);
    const core = new OpenRouterCore({ apiKey: "sk-test", serverURL: server.url, retryConfig: none });
    const result = await oAuthCreateAuthCode(core, createRequest, { retries: fastRetries });
    expect(result.ok).toBe(true);
    expect(server.count).toBe(2);
  });

  test("per-call retryCodes ['429']: a 500 is not retried", async () => {
    server.setScript([errorJson(500, "boom"), json(200, createOkBody)]);
    const core = new OpenRouterCore({ apiKey: "sk-test", serverURL: server.url, retryConfig: fastRetries });
    const result = await oAuthCreateAuthCode(core, createRequest, { retryCodes: ["429"] });
    expect(result.error).toBeInstanceOf(InternalServerResponseError);
    expect(server.count).toBe(1);
  });

  test("per-call retryCodes ['429']: a 429 is retried", async () => {
    server.setScript([errorJson(429, "slow down"), errorJson(429, "slow down"), json(200, createOkBody)]);
    const core = new OpenRouterCore({ apiKey: "sk-test", serverURL: server.url, retryConfig: fastRetries });
    const result = await oAuthCreateAuthCode(core, createRequest, { retryCodes: ["429"] });
    expect(result.ok).toBe(true);
    expect(server.count).toBe(3);
  });

  test("client retryCodes ['5XX']: a 429 is no longer retried", async () => {
    server.setScript([errorJson(429, "slow down"), json(200, exchangeOkBody)]);
    const core = new OpenRouterCore({ serverURL: server.url, retryConfig: fastRetries, retryCodes: ["5XX"] });
    const result = await oAuthExchangeAuthCodeForAPIKey(core, exchangeRequest);
    expect(result.error).toBeInstanceOf(OpenRouterDefaultError);
    expect((result.error as OpenRouterDefaultError).statusCode).toBe(429);
    expect(server.count).toBe(1);
  });
});

describe("a server that asks for retries at once cannot make a storm", () => {
  /** MaxListenersExceededWarnings the process emits while `run` runs. */
  async function warningsDuring(run: () => Promise<unknown>): Promise<string[]> {
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(warning.name);
    process.on("warning", onWarning);
    try {
      await run();
      // Warnings are emitted on the next tick.
      await new Promise((resolve) => setTimeout(resolve, 10));
    } finally {
      process.off("warning", onWarning);
    }
    return warnings.filter((name) => name === "MaxListenersExceededWarning");
  }

  test.each([
    ["503, Retry-After: 0", errorJson(503, "busy", { "retry-after": "0" })],
    [
      "429, Retry-After: a date in the past",
      errorJson(429, "slow down", { "retry-after": "Wed, 21 Oct 2015 07:28:00 GMT" }),
    ],
  ])("%s: 10 requests in all (the default cap), each wait at least the backoff's", async (_name, answer) => {
    server.setScript([answer]);
    // A short backoff and a budget long enough for all ten attempts: only the cap stops the call.
    const core = new OpenRouterCore({ apiKey: "sk-test", serverURL: server.url, timeoutMs: 60_000 });
    const times: number[] = [];
    server.setScript(() => {
      times.push(performance.now());
      return answer;
    });
    const warnings = await warningsDuring(async () => {
      const result = await oAuthCreateAuthCode(core, createRequest, {
        retries: { strategy: "backoff", backoff: { initialInterval: 150, maxInterval: 150, maxElapsedTime: 50_000 } },
      });
      expect(result.ok).toBe(false);
    });
    expect(times).toHaveLength(10);
    // The backoff's jittered step is 75–150 ms here; the floor makes it at least 100.
    for (const [i, gap] of times.slice(1).map((t, i) => [i, t - times[i]!] as const)) {
      expect(gap, `wait ${i + 1}`).toBeGreaterThanOrEqual(95);
    }
    expect(warnings).toEqual([]);
  });

  test("with a 1 ms backoff, each wait is still at least 100 ms", async () => {
    const times: number[] = [];
    server.setScript(() => {
      times.push(performance.now());
      return errorJson(503, "busy", { "retry-after": "0" });
    });
    const core = new OpenRouterCore({ apiKey: "sk-test", serverURL: server.url });
    const { ms } = await timed(() =>
      oAuthCreateAuthCode(core, createRequest, {
        retries: { strategy: "backoff", backoff: { initialInterval: 1, maxInterval: 1 }, maxAttempts: 4 },
      }),
    );
    expect(times).toHaveLength(4);
    for (const gap of times.slice(1).map((t, i) => t - times[i]!)) expect(gap).toBeGreaterThanOrEqual(95);
    expect(ms).toBeGreaterThanOrEqual(295);
  });

  test("maxAttempts caps connection retries too, and is checked", async () => {
    server.setScript([destroySocket()]);
    const core = new OpenRouterCore({ serverURL: server.url });
    const retries = { strategy: "backoff", backoff: { initialInterval: 1, maxInterval: 1 }, maxAttempts: 2 } as const;
    const result = await oAuthExchangeAuthCodeForAPIKey(core, exchangeRequest, { retries });
    expect(result.error).toBeInstanceOf(ConnectionError);
    expect(server.count).toBe(2);
    for (const maxAttempts of [0, 1.5, -1, Number.NaN]) {
      const bad = await oAuthExchangeAuthCodeForAPIKey(core, exchangeRequest, { retries: { ...retries, maxAttempts } });
      expect(bad.error).toMatchObject({ name: "SDKValidationError", field: "options.retries.maxAttempts" });
    }
    expect(server.count).toBe(2);
  });
});

describe("errors the client would only repeat are not retried", () => {
  test("a fetchOptions value fetch refuses (mode: 'bogus'): InvalidRequestError at once, nothing sent", async () => {
    server.setScript([json(200, exchangeOkBody)]);
    const core = new OpenRouterCore({ apiKey: "sk-or-v1-SECRET-IN-HEADER", serverURL: server.url });
    const { ms, value } = await timed(() =>
      oAuthExchangeAuthCodeForAPIKey(core, exchangeRequest, {
        fetchOptions: { mode: "bogus" } as unknown as RequestInit,
      }),
    );
    expect(value?.error).toBeInstanceOf(InvalidRequestError);
    expect(value?.error).toBeInstanceOf(HTTPClientError);
    expect((value?.error as InvalidRequestError | undefined)?.cause).toBeInstanceOf(TypeError);
    expect(inspect(value?.error, { showHidden: true, getters: true })).not.toContain("SECRET-IN-HEADER");
    expect(server.count).toBe(0);
    expect(ms).toBeLessThan(1_000);
  });

  test("a server URL with a user name or password: refused by the constructor, per call and from the variable", async () => {
    const withPassword = `http://user:hunter2@127.0.0.1:${new URL(server.url).port}/api/v1`;
    let thrown: unknown;
    try {
      new OpenRouterCore({ serverURL: withPassword });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(SDKValidationError);
    expect(thrown).toMatchObject({ field: "serverURL", reason: "must not carry a user name or password" });
    expect(() => new OpenRouter({ serverURL: new URL(withPassword) })).toThrow(SDKValidationError);
    const perCall = await oAuthExchangeAuthCodeForAPIKey(new OpenRouterCore(), exchangeRequest, {
      serverURL: withPassword,
    });
    expect(perCall.error).toMatchObject({ name: "SDKValidationError", field: "options.serverURL" });
    vi.stubEnv("OPENROUTER_BASE_URL", withPassword);
    try {
      const fromEnv = await oAuthExchangeAuthCodeForAPIKey(new OpenRouterCore(), exchangeRequest);
      expect(fromEnv.error).toMatchObject({ name: "SDKValidationError", field: "OPENROUTER_BASE_URL" });
      for (const error of [thrown, perCall.error, fromEnv.error]) {
        expect(inspect(error, { showHidden: true, getters: true })).not.toContain("hunter2");
      }
    } finally {
      vi.unstubAllEnvs();
    }
    expect(server.count).toBe(0);
  });
});

describe("custom backoff", () => {
  test("500 forever with a 500 ms budget settles quickly with InternalServerResponseError after several requests", async () => {
    server.setScript([errorJson(500, "always down")]);
    const core = new OpenRouterCore({
      apiKey: "sk-test",
      serverURL: server.url,
      retryConfig: {
        strategy: "backoff",
        backoff: { initialInterval: 10, maxInterval: 20, exponent: 2, maxElapsedTime: 500 },
      },
    });
    const { ms, value } = await timed(() => oAuthCreateAuthCode(core, createRequest));
    expect(value?.error).toBeInstanceOf(InternalServerResponseError);
    expect(value?.error?.message).toBe("always down");
    // Waits of at least 100 ms each (the floor under a 10-20 ms backoff) within the 500 ms budget.
    expect(server.count).toBeGreaterThanOrEqual(4);
    expect(server.count).toBeLessThanOrEqual(6);
    // The budget ends retries after ~500 ms; the last attempt adds one round trip.
    expect(ms).toBeGreaterThanOrEqual(300);
    expect(ms).toBeLessThan(1_200);
  });

  test("the class with the same policy rejects with the last error", async () => {
    server.setScript([errorJson(500, "always down")]);
    const client = new OpenRouter({ serverURL: server.url, retryConfig: fastRetries });
    const { ms, error } = await timed(() => client.oAuth.exchangeAuthCodeForAPIKey(exchangeRequest));
    expect(error).toBeInstanceOf(InternalServerResponseError);
    expect(server.count).toBeGreaterThanOrEqual(4);
    expect(ms).toBeLessThan(1_200);
  });

  test("the waits grow with the exponent and stop at maxInterval", async () => {
    server.setScript([errorJson(500, "down")]);
    const core = new OpenRouterCore({
      apiKey: "sk-test",
      serverURL: server.url,
      retryConfig: {
        strategy: "backoff",
        backoff: { initialInterval: 100, maxInterval: 200, exponent: 2, maxElapsedTime: 700 },
      },
    });
    const times: number[] = [];
    server.setScript(() => {
      times.push(performance.now());
      return errorJson(500, "down");
    });
    const result = await oAuthCreateAuthCode(core, createRequest);
    expect(result.error).toBeInstanceOf(InternalServerResponseError);
    // Steps 100, 200, 200, ...: waits jittered into [50,100], [100,200], [100,200] ...
    // With a 700 ms budget that is between 4 and ~9 requests.
    expect(times.length).toBeGreaterThanOrEqual(4);
    expect(times.length).toBeLessThanOrEqual(10);
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    expect(gaps[0]).toBeGreaterThanOrEqual(45);
    for (const gap of gaps.slice(1)) expect(gap).toBeGreaterThanOrEqual(95);
    for (const gap of gaps) expect(gap).toBeLessThan(600);
  });
});

describe("connection errors", () => {
  test("retryConnectionErrors: false gives ConnectionError after one request", async () => {
    server.setScript([destroySocket(), json(200, createOkBody)]);
    const core = new OpenRouterCore({
      apiKey: "sk-test",
      serverURL: server.url,
      retryConfig: { ...fastRetries, retryConnectionErrors: false },
    });
    const result = await oAuthCreateAuthCode(core, createRequest);
    expect(result.ok).toBe(false);
    expect(result.error).toBeInstanceOf(ConnectionError);
    expect(server.count).toBe(1);
  });

  test("connection resets are retried by default until success (default policy)", async () => {
    server.setScript([destroySocket(), json(200, exchangeOkBody)]);
    const client = new OpenRouter({ serverURL: server.url });
    const { ms, value } = await timed(() => client.oAuth.exchangeAuthCodeForAPIKey(exchangeRequest));
    expect(value).toEqual({ key: "sk-or-v1-minted", userId: "user_123" });
    expect(server.count).toBe(2);
    expect(ms).toBeLessThan(2_500);
  });

  test("connection resets are retried by a backoff policy that does not mention them", async () => {
    server.setScript([destroySocket(), destroySocket(), destroySocket(), json(200, createOkBody)]);
    const core = new OpenRouterCore({ apiKey: "sk-test", serverURL: server.url, retryConfig: fastRetries });
    const result = await oAuthCreateAuthCode(core, createRequest);
    expect(result.ok).toBe(true);
    expect(server.count).toBe(4);
  });

  test("a body cut short is a connection error, retried like one", async () => {
    server.setScript([truncated(200), json(200, exchangeOkBody)]);
    const core = new OpenRouterCore({ serverURL: server.url, retryConfig: fastRetries });
    const result = await oAuthExchangeAuthCodeForAPIKey(core, exchangeRequest);
    expect(result.ok).toBe(true);
    expect(server.count).toBe(2);
  });

  test("a body cut short without retries gives ConnectionError", async () => {
    server.setScript([truncated(200), json(200, exchangeOkBody)]);
    const core = new OpenRouterCore({ serverURL: server.url, retryConfig: { strategy: "none" } });
    const result = await oAuthExchangeAuthCodeForAPIKey(core, exchangeRequest);
    expect(result.error).toBeInstanceOf(ConnectionError);
    expect(server.count).toBe(1);
  });

  test("connection resets forever end in ConnectionError once the budget is spent", async () => {
    server.setScript([destroySocket()]);
    const core = new OpenRouterCore({ apiKey: "sk-test", serverURL: server.url, retryConfig: fastRetries });
    const { ms, value } = await timed(() => oAuthCreateAuthCode(core, createRequest));
    expect(value?.error).toBeInstanceOf(ConnectionError);
    expect(server.count).toBeGreaterThanOrEqual(3);
    expect(ms).toBeLessThan(1_500);
  });
});

describe("a 403 after a retried exchange", () => {
  test("explains that an earlier attempt may have used the single-use code", async () => {
    server.setScript([errorJson(500, "boom"), errorJson(403, "Invalid code or code_verifier")]);
    const core = new OpenRouterCore({ serverURL: server.url, retryConfig: fastRetries });
    const result = await oAuthExchangeAuthCodeForAPIKey(core, exchangeRequest);
    expect(result.error).toBeInstanceOf(ForbiddenResponseError);
    expect(result.error?.message).toBe(
      "Invalid code or code_verifier (an earlier attempt of this call may have used the single-use code before failing)",
    );
    expect((result.error as ForbiddenResponseError).reason).toBe("invalid_code");
    expect(server.count).toBe(2);
  });

  test("the class rejects with the same message", async () => {
    server.setScript([errorJson(502, "bad gateway"), errorJson(403, "Authorization code expired")]);
    const client = new OpenRouter({ serverURL: server.url, retryConfig: fastRetries });
    const { error } = await timed(() => client.oAuth.exchangeAuthCodeForAPIKey(exchangeRequest));
    expect(error).toBeInstanceOf(ForbiddenResponseError);
    expect((error as Error).message).toBe(
      "Authorization code expired (an earlier attempt of this call may have used the single-use code before failing)",
    );
    expect((error as ForbiddenResponseError).reason).toBe("expired_code");
  });

  test("a first-attempt 403 keeps the server's message verbatim", async () => {
    server.setScript([errorJson(403, "Invalid code or code_verifier")]);
    const core = new OpenRouterCore({ serverURL: server.url, retryConfig: fastRetries });
    const result = await oAuthExchangeAuthCodeForAPIKey(core, exchangeRequest);
    expect(result.error?.message).toBe("Invalid code or code_verifier");
    expect(server.count).toBe(1);
  });

  test("createAuthCode adds no such note", async () => {
    server.setScript([errorJson(500, "boom"), errorJson(403, "Forbidden for this app")]);
    const core = new OpenRouterCore({ apiKey: "sk-test", serverURL: server.url, retryConfig: fastRetries });
    const result = await oAuthCreateAuthCode(core, createRequest);
    expect(result.error).toBeInstanceOf(ForbiddenResponseError);
    expect(result.error?.message).toBe("Forbidden for this app");
    expect(server.count).toBe(2);
  });
});

test("create is a POST to /auth/keys/code; a 204 without a body is not a usable result", async () => {
  server.setScript([respond(204)]);
  const core = new OpenRouterCore({ apiKey: "sk-test", serverURL: server.url, retryConfig: fastRetries });
  const result = await oAuthCreateAuthCode(core, createRequest);
  expect(result.ok).toBe(false);
  expect(server.count).toBe(1);
  expect(server.requests[0]?.method).toBe("POST");
  expect(server.requests[0]?.url).toBe("/auth/keys/code");
});
