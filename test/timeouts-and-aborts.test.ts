import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import {
  InternalServerResponseError,
  OpenRouter,
  OpenRouterCore,
  OpenRouterDefaultError,
  oAuthCreateAuthCode,
  oAuthExchangeAuthCodeForAPIKey,
  RequestAbortedError,
  RequestTimeoutError,
} from "../src/index.js";
import {
  createOkBody,
  createRequest,
  delay,
  errorJson,
  exchangeOkBody,
  exchangeRequest,
  type FaultServer,
  hang,
  json,
  since,
  startFaultServer,
  timed,
  trickle,
} from "./support/fault-server.js";

let server: FaultServer;

beforeEach(async () => {
  server = await startFaultServer();
});

afterEach(async () => {
  await server.close();
});

/** Resolves once the server has seen `n` requests (or fails after `ms`). */
async function requestsSeen(n: number, ms = 2_000): Promise<void> {
  const start = performance.now();
  while (server.count < n) {
    if (since(start) > ms) throw new Error(`server saw ${server.count} requests, expected ${n}`);
    await delay(5);
  }
}

/** Resolves once the server noticed the client closing the connection of request `index`. */
async function connectionClosed(index: number, ms = 1_000): Promise<boolean> {
  const start = performance.now();
  while (!server.requests[index]?.closedEarly) {
    if (since(start) > ms) return false;
    await delay(5);
  }
  return true;
}

describe("timeoutMs", () => {
  test("a server that never answers: client timeoutMs 200 → RequestTimeoutError in ~200 ms", async () => {
    server.setScript([hang()]);
    const core = new OpenRouterCore({ apiKey: "sk-test", serverURL: server.url, timeoutMs: 200 });
    const { ms, value } = await timed(() => oAuthCreateAuthCode(core, createRequest));
    expect(value?.ok).toBe(false);
    expect(value?.error).toBeInstanceOf(RequestTimeoutError);
    expect(value?.error?.message).toContain("200");
    expect(ms).toBeGreaterThanOrEqual(180);
    expect(ms).toBeLessThan(700);
    expect(server.count).toBe(1);
    // The request was really cancelled on the wire, not just abandoned.
    expect(await connectionClosed(0)).toBe(true);
  });

  test("per-call timeoutMs overrides the client's (class rejects)", async () => {
    server.setScript([hang()]);
    const client = new OpenRouter({ serverURL: server.url, timeoutMs: 30_000 });
    const { ms, error } = await timed(() =>
      client.oAuth.exchangeAuthCodeForAPIKey(exchangeRequest, { timeoutMs: 200 }),
    );
    expect(error).toBeInstanceOf(RequestTimeoutError);
    expect(ms).toBeGreaterThanOrEqual(180);
    expect(ms).toBeLessThan(700);
  });

  test("a longer per-call timeoutMs lifts a short client one", async () => {
    server.setScript([json(200, exchangeOkBody, {}, 300)]);
    const core = new OpenRouterCore({ serverURL: server.url, timeoutMs: 100 });
    const result = await oAuthExchangeAuthCodeForAPIKey(core, exchangeRequest, { timeoutMs: 3_000 });
    expect(result.ok).toBe(true);
  });

  test("timeoutMs Infinity is accepted", async () => {
    server.setScript([json(200, createOkBody)]);
    const core = new OpenRouterCore({ apiKey: "sk-test", serverURL: server.url, timeoutMs: Infinity });
    expect((await oAuthCreateAuthCode(core, createRequest)).ok).toBe(true);
  });

  // One signal per attempt: what fetch attaches to a signal stays until garbage collection, so a shared
  // one would gather a listener per retry (a MaxListenersExceededWarning after a few).
  test.each([
    { name: "the default 30 s limit", client: {}, call: {} },
    { name: "timeoutMs Infinity", client: { timeoutMs: Infinity }, call: {} },
    { name: "the caller's signal", client: {}, call: { signal: new AbortController().signal } },
  ])("every attempt's request has a signal of its own: $name", async ({ client, call }) => {
    server.setScript([json(500, { error: { code: 500, message: "again" } }), json(200, exchangeOkBody)]);
    const signals: AbortSignal[] = [];
    const realFetch = globalThis.fetch;
    vi.stubGlobal("fetch", (input: string, init: RequestInit) => {
      if (init.signal) signals.push(init.signal);
      return realFetch(input, init);
    });
    try {
      const core = new OpenRouterCore({ serverURL: server.url, ...client });
      const fast = { strategy: "backoff", backoff: { initialInterval: 1, maxInterval: 1 } } as const;
      expect((await oAuthExchangeAuthCodeForAPIKey(core, exchangeRequest, { ...call, retries: fast })).ok).toBe(true);
    } finally {
      vi.unstubAllGlobals();
    }
    expect(signals).toHaveLength(2);
    expect(signals[0]).not.toBe(signals[1]);
  });

  test("an abort reaches the attempt in flight, and retries leave no listener on the caller's signal", async () => {
    server.setScript([json(503, { error: { code: 503, message: "busy" } }), json(503, {}), hang()]);
    const controller = new AbortController();
    const listeners = new Set<unknown>();
    let most = 0;
    const add = controller.signal.addEventListener.bind(controller.signal);
    const remove = controller.signal.removeEventListener.bind(controller.signal);
    controller.signal.addEventListener = ((type: string, listener: EventListener) => {
      listeners.add(listener);
      most = Math.max(most, listeners.size);
      add(type, listener);
    }) as typeof add;
    controller.signal.removeEventListener = ((type: string, listener: EventListener) => {
      listeners.delete(listener);
      remove(type, listener);
    }) as typeof remove;
    const seen: AbortSignal[] = [];
    const core = new OpenRouterCore({
      serverURL: server.url,
      fetch: (request) => {
        seen.push(request.signal);
        if (seen.length === 3) setTimeout(() => controller.abort(), 50);
        return fetch(request);
      },
    });
    const fast = { strategy: "backoff", backoff: { initialInterval: 1, maxInterval: 1 } } as const;
    const result = await oAuthExchangeAuthCodeForAPIKey(core, exchangeRequest, {
      signal: controller.signal,
      retries: fast,
    });
    expect(result.error).toBeInstanceOf(RequestAbortedError);
    expect(seen).toHaveLength(3);
    expect(seen.map((signal) => signal.aborted)).toEqual([false, false, true]);
    expect(most).toBe(1);
    expect(listeners.size).toBe(0);
    expect(await connectionClosed(2)).toBe(true);
  });

  test("a body that trickles in slowly → RequestTimeoutError", async () => {
    server.setScript([trickle({ intervalMs: 30 })]);
    const core = new OpenRouterCore({ serverURL: server.url, timeoutMs: 300 });
    const { ms, value } = await timed(() => oAuthExchangeAuthCodeForAPIKey(core, exchangeRequest));
    expect(value?.error).toBeInstanceOf(RequestTimeoutError);
    expect(ms).toBeGreaterThanOrEqual(280);
    expect(ms).toBeLessThan(800);
    expect(server.count).toBe(1);
    expect(await connectionClosed(0)).toBe(true);
  });

  test("the limit covers the whole call, retries included", async () => {
    // Each attempt takes ~150 ms and fails with a retryable 500; the retry budget alone would allow 10 s.
    server.setScript([json(500, { error: { code: 500, message: "slow failure" } }, {}, 150)]);
    const core = new OpenRouterCore({
      apiKey: "sk-test",
      serverURL: server.url,
      timeoutMs: 400,
      retryConfig: { strategy: "backoff", backoff: { initialInterval: 10, maxInterval: 20, maxElapsedTime: 10_000 } },
    });
    const { ms, value } = await timed(() => oAuthCreateAuthCode(core, createRequest));
    expect(value?.error).toBeInstanceOf(RequestTimeoutError);
    expect(server.count).toBeGreaterThanOrEqual(2);
    expect(ms).toBeGreaterThanOrEqual(380);
    expect(ms).toBeLessThan(900);
  });

  test("the limit covers backoff sleeps: a 5xx storm with a 10 s budget ends at timeoutMs", async () => {
    server.setScript([errorJson(503, "busy")]);
    const client = new OpenRouter({
      serverURL: server.url,
      timeoutMs: 300,
      retryConfig: { strategy: "backoff", backoff: { initialInterval: 40, maxInterval: 40, maxElapsedTime: 10_000 } },
    });
    const { ms, error } = await timed(() => client.oAuth.exchangeAuthCodeForAPIKey(exchangeRequest));
    // Either a sleep was cut short by the deadline, or the SDK did not start one that would overrun it.
    expect(error instanceof RequestTimeoutError || error instanceof OpenRouterDefaultError).toBe(true);
    expect(server.count).toBeGreaterThanOrEqual(3);
    expect(ms).toBeLessThan(300 + 200);
  });

  test("a Retry-After longer than timeoutMs is not slept: settles within timeoutMs + 200 ms", async () => {
    server.setScript([errorJson(503, "come back later", { "retry-after": "5" }), json(200, createOkBody)]);
    const core = new OpenRouterCore({ apiKey: "sk-test", serverURL: server.url, timeoutMs: 500 });
    const { ms, value } = await timed(() => oAuthCreateAuthCode(core, createRequest));
    expect(value?.ok).toBe(false);
    expect(value?.error instanceof OpenRouterDefaultError || value?.error instanceof RequestTimeoutError).toBe(true);
    expect(server.count).toBe(1);
    expect(ms).toBeLessThan(500 + 200);
  });

  test("a backoff step longer than timeoutMs is not slept: settles within timeoutMs + 200 ms", async () => {
    server.setScript([errorJson(500, "down"), json(200, exchangeOkBody)]);
    const core = new OpenRouterCore({
      serverURL: server.url,
      timeoutMs: 500,
      retryConfig: {
        strategy: "backoff",
        backoff: { initialInterval: 4_000, maxInterval: 4_000, maxElapsedTime: 20_000 },
      },
    });
    const { ms, value } = await timed(() => oAuthExchangeAuthCodeForAPIKey(core, exchangeRequest));
    expect(value?.error instanceof InternalServerResponseError || value?.error instanceof RequestTimeoutError).toBe(
      true,
    );
    expect(server.count).toBe(1);
    expect(ms).toBeLessThan(500 + 200);
  });

  test("an apiKey function that never settles is bounded by timeoutMs too", async () => {
    const core = new OpenRouterCore({
      serverURL: server.url,
      timeoutMs: 200,
      apiKey: () => new Promise<string>(() => {}),
    });
    const { ms, value } = await timed(() => oAuthCreateAuthCode(core, createRequest));
    expect(value?.error).toBeInstanceOf(RequestTimeoutError);
    expect(ms).toBeLessThan(700);
    expect(server.count).toBe(0);
  });

  test("a custom fetch that ignores the signal still times out", async () => {
    const core = new OpenRouterCore({
      serverURL: server.url,
      timeoutMs: 200,
      fetch: () => new Promise<Response>(() => {}),
    });
    const { ms, value } = await timed(() => oAuthExchangeAuthCodeForAPIKey(core, exchangeRequest));
    expect(value?.error).toBeInstanceOf(RequestTimeoutError);
    expect(ms).toBeLessThan(700);
  });

  test("a custom fetch whose body stalls, signal ignored: the call times out and the body is cancelled", async () => {
    let cancelled: unknown = "not cancelled";
    const body = new ReadableStream<Uint8Array>({
      start: (controller) => controller.enqueue(new TextEncoder().encode('{"key":')),
      cancel: (reason) => {
        cancelled = reason;
      },
    });
    const core = new OpenRouterCore({
      serverURL: server.url,
      timeoutMs: 150,
      fetch: async () => new Response(body, { status: 200, headers: { "content-type": "application/json" } }),
    });
    const { ms, value } = await timed(() => oAuthExchangeAuthCodeForAPIKey(core, exchangeRequest));
    expect(value?.error).toBeInstanceOf(RequestTimeoutError);
    expect(ms).toBeLessThan(700);
    await delay(20);
    expect(cancelled).not.toBe("not cancelled");
  });

  test("a call that succeeds leaves no timer behind: later calls are unaffected", async () => {
    server.setScript([json(200, createOkBody)]);
    const core = new OpenRouterCore({ apiKey: "sk-test", serverURL: server.url, timeoutMs: 150 });
    expect((await oAuthCreateAuthCode(core, createRequest)).ok).toBe(true);
    await delay(200);
    expect((await oAuthCreateAuthCode(core, createRequest)).ok).toBe(true);
    expect(server.count).toBe(2);
  });
});

describe("aborts", () => {
  test("options.signal aborted before the call → RequestAbortedError, nothing sent", async () => {
    const core = new OpenRouterCore({ apiKey: "sk-test", serverURL: server.url });
    const result = await oAuthCreateAuthCode(core, createRequest, { signal: AbortSignal.abort() });
    expect(result.ok).toBe(false);
    expect(result.error).toBeInstanceOf(RequestAbortedError);
    await delay(50);
    expect(server.count).toBe(0);
  });

  test("fetchOptions.signal aborted before the call → RequestAbortedError, nothing sent", async () => {
    const core = new OpenRouterCore({ serverURL: server.url });
    const result = await oAuthExchangeAuthCodeForAPIKey(core, exchangeRequest, {
      fetchOptions: { signal: AbortSignal.abort() },
    });
    expect(result.error).toBeInstanceOf(RequestAbortedError);
    await delay(50);
    expect(server.count).toBe(0);
  });

  test("the class rejects with RequestAbortedError for a pre-aborted signal", async () => {
    const client = new OpenRouter({ apiKey: "sk-test", serverURL: server.url });
    await expect(client.oAuth.createAuthCode(createRequest, { signal: AbortSignal.abort() })).rejects.toBeInstanceOf(
      RequestAbortedError,
    );
    await delay(50);
    expect(server.count).toBe(0);
  });

  // With timeoutMs Infinity only the caller's signal can end the call: fetch must still follow it.
  test.each([
    { limit: "the default time limit", client: {} },
    { limit: "timeoutMs Infinity", client: { timeoutMs: Infinity } },
  ])("options.signal aborted during the request → RequestAbortedError promptly ($limit)", async ({ client }) => {
    server.setScript([hang()]);
    const core = new OpenRouterCore({ apiKey: "sk-test", serverURL: server.url, ...client });
    const controller = new AbortController();
    const pending = oAuthCreateAuthCode(core, createRequest, { signal: controller.signal });
    await requestsSeen(1);
    const abortedAt = performance.now();
    controller.abort(new Error("user pressed cancel"));
    const result = await pending;
    expect(since(abortedAt)).toBeLessThan(100);
    expect(result.error).toBeInstanceOf(RequestAbortedError);
    expect(server.count).toBe(1);
    expect(await connectionClosed(0)).toBe(true);
  });

  test("fetchOptions.signal aborted during the request (class rejects promptly)", async () => {
    server.setScript([hang()]);
    const client = new OpenRouter({ serverURL: server.url });
    const controller = new AbortController();
    const pending = timed(() =>
      client.oAuth.exchangeAuthCodeForAPIKey(exchangeRequest, { fetchOptions: { signal: controller.signal } }),
    );
    await requestsSeen(1);
    const abortedAt = performance.now();
    controller.abort();
    const { error } = await pending;
    expect(since(abortedAt)).toBeLessThan(100);
    expect(error).toBeInstanceOf(RequestAbortedError);
  });

  test("aborted while the body trickles in → RequestAbortedError promptly", async () => {
    server.setScript([trickle({ intervalMs: 20 })]);
    const core = new OpenRouterCore({ serverURL: server.url });
    const controller = new AbortController();
    const pending = oAuthExchangeAuthCodeForAPIKey(core, exchangeRequest, { signal: controller.signal });
    await requestsSeen(1);
    await delay(100);
    const abortedAt = performance.now();
    controller.abort();
    const result = await pending;
    expect(since(abortedAt)).toBeLessThan(100);
    expect(result.error).toBeInstanceOf(RequestAbortedError);
  });

  test("aborted during a backoff sleep (Retry-After: 5, 20 s budget) → RequestAbortedError within ~100 ms", async () => {
    server.setScript([errorJson(503, "busy", { "retry-after": "5" }), json(200, createOkBody)]);
    const core = new OpenRouterCore({ apiKey: "sk-test", serverURL: server.url });
    const controller = new AbortController();
    const started = performance.now();
    const pending = oAuthCreateAuthCode(core, createRequest, { signal: controller.signal });
    await requestsSeen(1);
    await delay(200); // the 503 has been read by now; the SDK is sleeping
    const abortedAt = performance.now();
    controller.abort();
    const result = await pending;
    expect(since(abortedAt)).toBeLessThan(100);
    expect(since(started)).toBeLessThan(1_000);
    expect(result.error).toBeInstanceOf(RequestAbortedError);
    expect(server.count).toBe(1);
  });

  test("the class rejects promptly when aborted during a backoff sleep", async () => {
    server.setScript([errorJson(500, "busy", { "retry-after": "5" }), json(200, exchangeOkBody)]);
    const client = new OpenRouter({ serverURL: server.url });
    const controller = new AbortController();
    const pending = timed(() => client.oAuth.exchangeAuthCodeForAPIKey(exchangeRequest, { signal: controller.signal }));
    await requestsSeen(1);
    await delay(200);
    const abortedAt = performance.now();
    controller.abort();
    const { error } = await pending;
    expect(since(abortedAt)).toBeLessThan(100);
    expect(error).toBeInstanceOf(RequestAbortedError);
    expect(server.count).toBe(1);
  });

  test("aborting after the call settled changes nothing", async () => {
    server.setScript([json(200, createOkBody)]);
    const core = new OpenRouterCore({ apiKey: "sk-test", serverURL: server.url });
    const controller = new AbortController();
    const result = await oAuthCreateAuthCode(core, createRequest, { signal: controller.signal });
    controller.abort();
    expect(result.ok).toBe(true);
    // The same signal, now aborted, stops the next call before it sends anything.
    const next = await oAuthCreateAuthCode(core, createRequest, { signal: controller.signal });
    expect(next.error).toBeInstanceOf(RequestAbortedError);
    expect(server.count).toBe(1);
  });

  test("an abort beats a pending timeout: RequestAbortedError, not RequestTimeoutError", async () => {
    server.setScript([hang()]);
    const core = new OpenRouterCore({ serverURL: server.url, timeoutMs: 2_000 });
    const controller = new AbortController();
    const pending = oAuthExchangeAuthCodeForAPIKey(core, exchangeRequest, { signal: controller.signal });
    await requestsSeen(1);
    controller.abort();
    expect((await pending).error).toBeInstanceOf(RequestAbortedError);
  });

  test("a timeout that fires first is reported as RequestTimeoutError even with a signal", async () => {
    server.setScript([hang()]);
    const core = new OpenRouterCore({ serverURL: server.url, timeoutMs: 150 });
    const controller = new AbortController();
    const result = await oAuthExchangeAuthCodeForAPIKey(core, exchangeRequest, { signal: controller.signal });
    controller.abort();
    expect(result.error).toBeInstanceOf(RequestTimeoutError);
  });
});
