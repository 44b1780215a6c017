// The `httpClient` option with openrouter-oauth/lib/http.js's HTTPClient, the shape @openrouter/sdk
// documents: a fetcher, hooks added and removed by name, request() and clone(). It runs inside the SDK's
// pipeline, so every guarantee of the `fetch` option must still hold through it: the time limit, the
// caller's signal, the body limit, no redirect followed, typed errors, no secret printed.
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import {
  ConnectionError,
  OpenRouter,
  OpenRouterCore,
  OpenRouterDefaultError,
  oAuthCreateAuthCode,
  oAuthExchangeAuthCodeForAPIKey,
  RequestAbortedError,
  RequestTimeoutError,
  ResponseTooLargeError,
  type SDKOptions,
  SDKValidationError,
  UnexpectedClientError,
} from "../src/index.js";
import { HTTPClient } from "../src/lib/http.js";
import {
  createOkBody,
  delay,
  exchangeOkBody,
  type FaultServer,
  fastRetries,
  hang,
  huge,
  json,
  refusedURL,
  respond,
  startFaultServer,
} from "./support/fault-server.js";
import { errorRenderings, secretLeaks } from "./support/secret-leaks.js";

const API_KEY = "sk-or-v1-HTTPCLIENT-SECRET-4242";
const CODE = "CODE-HTTPCLIENT-SECRET";
const VERIFIER = "VERIFIER-HTTPCLIENT-SECRET-abcdefghijklmnopqrstuvwxyz";
const SECRETS = [API_KEY, CODE, VERIFIER, "HTTPCLIENT-SECRET"];
const exchange = { requestBody: { code: CODE, codeVerifier: VERIFIER, codeChallengeMethod: "S256" as const } };
const create = { requestBody: { callbackUrl: "https://myapp.com/auth/callback" } };

let server: FaultServer;
beforeEach(async () => {
  server = await startFaultServer([json(200, exchangeOkBody)]);
});
afterEach(async () => {
  await server.close();
});

const clientWith = (httpClient: HTTPClient, extra: SDKOptions = {}) =>
  new OpenRouterCore({
    apiKey: API_KEY,
    serverURL: server.url,
    retryConfig: { strategy: "none" },
    httpClient,
    ...extra,
  });

function expectNoSecret(error: unknown): void {
  expect(error).toBeInstanceOf(Error);
  expect(secretLeaks(errorRenderings(error as Error), SECRETS)).toEqual([]);
}

describe("hooks", () => {
  test("run in the order added: beforeRequest hooks, the fetcher, then the response hooks", async () => {
    const seen: string[] = [];
    const httpClient = new HTTPClient({
      fetcher: (request) => {
        seen.push("fetcher");
        return fetch(request);
      },
    })
      .addHook("beforeRequest", () => void seen.push("before 1"))
      .addHook("beforeRequest", () => void seen.push("before 2"))
      .addHook("requestError", () => void seen.push("requestError"))
      .addHook("response", (res, req) => void seen.push(`response 1 ${res.status} ${new URL(req.url).pathname}`))
      .addHook("response", () => void seen.push("response 2"));
    const result = await oAuthExchangeAuthCodeForAPIKey(clientWith(httpClient), exchange);
    expect(result.ok).toBe(true);
    expect(seen).toEqual(["before 1", "before 2", "fetcher", "response 1 200 /auth/keys", "response 2"]);
  });

  test("run on every attempt, requestError included, and the call still ends in a typed error", async () => {
    const seen: string[] = [];
    const httpClient = new HTTPClient()
      .addHook("beforeRequest", () => void seen.push("before"))
      .addHook("requestError", (error, req) => void seen.push(`requestError ${req.method} ${typeof error}`));
    const core = new OpenRouterCore({ serverURL: await refusedURL(), retryConfig: fastRetries, httpClient });
    const result = await oAuthCreateAuthCode(core, create, { timeoutMs: 2_000 });
    expect(result.error).toBeInstanceOf(ConnectionError);
    expect(seen.length).toBeGreaterThanOrEqual(4);
    expect(seen.filter((s) => s === "before").length).toBe(seen.length / 2);
    expect(seen[1]).toBe("requestError POST object");
  });

  test("removeHook removes only that hook; removing one never added is a no-op", async () => {
    const seen: string[] = [];
    const first = () => void seen.push("first");
    const second = () => void seen.push("second");
    const httpClient = new HTTPClient().addHook("beforeRequest", first).addHook("beforeRequest", second);
    httpClient.removeHook("beforeRequest", first).removeHook("response", () => {});
    await oAuthExchangeAuthCodeForAPIKey(clientWith(httpClient), exchange);
    expect(seen).toEqual(["second"]);
  });

  test("clone copies the fetcher and the hooks; each then changes alone", async () => {
    const seen: string[] = [];
    const original = new HTTPClient({
      fetcher: (request) => {
        seen.push("fetcher");
        return fetch(request);
      },
    }).addHook("beforeRequest", () => void seen.push("shared"));
    const copy = original.clone().addHook("beforeRequest", () => void seen.push("copy only"));
    original.addHook("beforeRequest", () => void seen.push("original only"));
    await oAuthExchangeAuthCodeForAPIKey(clientWith(copy), exchange);
    expect(seen).toEqual(["shared", "copy only", "fetcher"]);
    seen.length = 0;
    await oAuthExchangeAuthCodeForAPIKey(clientWith(original), exchange);
    expect(seen).toEqual(["shared", "original only", "fetcher"]);
  });

  test("a beforeRequest hook may change the request or return a new one, which is what gets sent", async () => {
    server.setScript([json(200, createOkBody)]);
    const httpClient = new HTTPClient()
      .addHook("beforeRequest", (request) => {
        request.headers.set("x-trace-id", "trace-1");
      })
      .addHook("beforeRequest", async (request) => {
        const headers = new Headers(request.headers);
        headers.set("x-replaced", "yes");
        // A brand-new Request (no signal, default redirect mode) to another path of the same server.
        return new Request(request.url.replace("/auth/keys/code", "/proxied/auth/keys/code"), {
          method: request.method,
          headers,
          body: await request.text(),
        });
      });
    const result = await oAuthCreateAuthCode(clientWith(httpClient), create);
    expect(result.ok, String(result.error)).toBe(true);
    expect(server.requests).toHaveLength(1);
    const sent = server.requests[0]!;
    expect(sent.url).toBe("/proxied/auth/keys/code");
    expect(sent.headers["x-trace-id"]).toBe("trace-1");
    expect(sent.headers["x-replaced"]).toBe("yes");
    expect(sent.headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(JSON.parse(sent.body)).toEqual({ callback_url: "https://myapp.com/auth/callback" });
  });

  test("addHook refuses an unknown hook name and a hook that is not a function", () => {
    const httpClient = new HTTPClient();
    expect(() => httpClient.addHook("afterResponse" as "response", () => {})).toThrow(SDKValidationError);
    expect(() => httpClient.addHook("response", "log" as never)).toThrow(SDKValidationError);
  });
});

describe("a hook that throws", () => {
  test.each(["beforeRequest", "response"] as const)(
    "in %s: UnexpectedClientError naming the hook, not retried, no secret printed",
    async (kind) => {
      let calls = 0;
      const httpClient = new HTTPClient().addHook(kind as "beforeRequest", () => {
        calls++;
        throw new Error("tracing backend unavailable");
      });
      const core = clientWith(httpClient, { retryConfig: fastRetries });
      const result = await oAuthExchangeAuthCodeForAPIKey(core, exchange);
      expect(result.error).toBeInstanceOf(UnexpectedClientError);
      expect(result.error?.message).toBe(`A ${kind} hook of the httpClient failed`);
      expect((result.error as Error).cause).toBeInstanceOf(Error);
      expect(calls).toBe(1);
      expect(server.count).toBe(kind === "beforeRequest" ? 0 : 1);
      expectNoSecret(result.error);

      const thrown = await new OpenRouter({ apiKey: API_KEY, serverURL: server.url, httpClient }).oAuth
        .exchangeAuthCodeForAPIKey(exchange)
        .catch((error: unknown) => error);
      expect(thrown).toBeInstanceOf(UnexpectedClientError);
      expectNoSecret(thrown);
    },
  );

  test("in requestError: UnexpectedClientError naming the hook", async () => {
    const httpClient = new HTTPClient().addHook("requestError", () => {
      throw new TypeError("logger crashed");
    });
    const core = new OpenRouterCore({ apiKey: API_KEY, serverURL: await refusedURL(), httpClient });
    const result = await oAuthExchangeAuthCodeForAPIKey(core, exchange);
    expect(result.error).toBeInstanceOf(UnexpectedClientError);
    expect(result.error?.message).toBe("A requestError hook of the httpClient failed");
    expectNoSecret(result.error);
  });

  test("a beforeRequest hook that sends a request over plain http off loopback is refused, key or not; nothing is sent", async () => {
    let sent = 0;
    const httpClient = new HTTPClient({
      fetcher: async () => {
        sent++;
        return new Response(JSON.stringify(exchangeOkBody), { headers: { "content-type": "application/json" } });
      },
    }).addHook("beforeRequest", async (request) => {
      return new Request(request.url.replace(/^http:\/\/127\.0\.0\.1:\d+/, "http://proxy.example.com"), {
        method: request.method,
        headers: request.headers,
        body: await request.text(),
      });
    });
    const result = await oAuthCreateAuthCode(clientWith(httpClient), create);
    expect(result.error).toBeInstanceOf(UnexpectedClientError);
    expect((result.error as Error).message).toMatch(/plain http to a host that is not loopback/);
    expectNoSecret(result.error);
    expect(sent).toBe(0);

    // Without a key the exchange still carries the code and verifier out and the user's key back.
    const keyless = await oAuthExchangeAuthCodeForAPIKey(clientWith(httpClient, { apiKey: undefined }), exchange);
    expect(keyless.error).toBeInstanceOf(UnexpectedClientError);
    expectNoSecret(keyless.error);
    expect(sent).toBe(0);
  });

  test("a beforeRequest hook returning something that is not a request: a typed error", async () => {
    const httpClient = new HTTPClient().addHook("beforeRequest", () => ({ url: 5 }) as unknown as Request);
    const result = await oAuthExchangeAuthCodeForAPIKey(clientWith(httpClient), exchange);
    expect(result.error).toBeInstanceOf(UnexpectedClientError);
    expect(server.count).toBe(0);
  });
});

describe("the pipeline's guarantees hold through the httpClient", () => {
  test("the time limit ends a hook that never settles", async () => {
    const httpClient = new HTTPClient().addHook("beforeRequest", () => new Promise<void>(() => {}));
    const started = performance.now();
    const result = await oAuthExchangeAuthCodeForAPIKey(clientWith(httpClient, { timeoutMs: 300 }), exchange);
    expect(result.error).toBeInstanceOf(RequestTimeoutError);
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  test("the time limit aborts the request a hook made without the call's signal", async () => {
    server.setScript([hang()]);
    let sentSignal: AbortSignal | undefined;
    const httpClient = new HTTPClient({
      fetcher: (input) => {
        sentSignal = (input as Request).signal;
        return fetch(input);
      },
    }).addHook(
      "beforeRequest",
      async (request) =>
        new Request(request.url, { method: "POST", headers: request.headers, body: await request.text() }),
    );
    const result = await oAuthExchangeAuthCodeForAPIKey(clientWith(httpClient, { timeoutMs: 300 }), exchange);
    expect(result.error).toBeInstanceOf(RequestTimeoutError);
    expect(sentSignal?.aborted).toBe(true);
    await delay(50);
    expect(server.requests[0]?.closedEarly).toBe(true);
  });

  test("the caller's signal aborts the call inside a hook", async () => {
    const controller = new AbortController();
    const httpClient = new HTTPClient().addHook("beforeRequest", async () => {
      controller.abort();
      await new Promise(() => {});
    });
    const result = await oAuthExchangeAuthCodeForAPIKey(clientWith(httpClient), exchange, {
      signal: controller.signal,
    });
    expect(result.error).toBeInstanceOf(RequestAbortedError);
  });

  test("a redirect is not followed, even for a request a hook made with redirect: 'follow'", async () => {
    server.setScript([respond(307, { headers: { location: "/elsewhere" } }), json(200, exchangeOkBody)]);
    const httpClient = new HTTPClient().addHook(
      "beforeRequest",
      async (request) =>
        new Request(request.url, {
          method: "POST",
          headers: request.headers,
          body: await request.text(),
          redirect: "follow",
        }),
    );
    const result = await oAuthExchangeAuthCodeForAPIKey(clientWith(httpClient), exchange);
    expect(result.error).toBeInstanceOf(OpenRouterDefaultError);
    expect(server.requests.map((r) => r.url)).toEqual(["/auth/keys"]);
  });

  test("the response body limit", async () => {
    server.setScript([huge(64 * 1024)]);
    const httpClient = new HTTPClient();
    const result = await oAuthExchangeAuthCodeForAPIKey(clientWith(httpClient, { maxResponseBytes: 1024 }), exchange);
    expect(result.error).toBeInstanceOf(ResponseTooLargeError);
  });

  test("debug lines through the httpClient hold no secret", async () => {
    const lines: string[] = [];
    const httpClient = new HTTPClient().addHook("beforeRequest", (request) => {
      request.headers.set("x-extra", "1");
    });
    const core = clientWith(httpClient, { debugLogger: { log: (...parts) => lines.push(parts.join(" ")) } });
    const result = await oAuthExchangeAuthCodeForAPIKey(core, exchange);
    expect(result.ok).toBe(true);
    expect(lines).toHaveLength(1);
    expect(secretLeaks([["debug", lines.join("\n")]], SECRETS)).toEqual([]);
  });

  test("any object with a request method serves as httpClient", async () => {
    const seen: string[] = [];
    const httpClient = {
      request: (request: Request) => {
        seen.push(request.method);
        return fetch(request);
      },
    };
    const core = new OpenRouterCore({ serverURL: server.url, httpClient });
    const result = await oAuthExchangeAuthCodeForAPIKey(core, exchange);
    expect(result.ok).toBe(true);
    expect(seen).toEqual(["POST"]);
  });
});
