import { afterEach, beforeEach, describe, expect, test } from "vitest";
import {
  BadRequestResponseError,
  ConflictResponseError,
  ConnectionError,
  ForbiddenResponseError,
  InternalServerResponseError,
  OpenRouter,
  OpenRouterCore,
  OpenRouterDefaultError,
  OpenRouterError,
  oAuthCreateAuthCode,
  oAuthExchangeAuthCodeForAPIKey,
  ResponseTooLargeError,
  ResponseValidationError,
  type SDKError,
  UnauthorizedResponseError,
  UnexpectedClientError,
} from "../src/index.js";
import {
  createOkBody,
  createRequest,
  errorJson,
  exchangeOkBody,
  exchangeRequest,
  type FaultServer,
  fastRetries,
  html,
  huge,
  json,
  malformedJson,
  refusedURL,
  respond,
  startFaultServer,
  text,
  timed,
} from "./support/fault-server.js";

let server: FaultServer;

beforeEach(async () => {
  server = await startFaultServer();
});

afterEach(async () => {
  await server.close();
});

const none = { strategy: "none" } as const;
const coreFor = (extra: ConstructorParameters<typeof OpenRouterCore>[0] = {}) =>
  new OpenRouterCore({ apiKey: "sk-test", serverURL: server.url, retryConfig: none, ...extra });
const clientFor = (extra: ConstructorParameters<typeof OpenRouter>[0] = {}) =>
  new OpenRouter({ apiKey: "sk-test", serverURL: server.url, retryConfig: none, ...extra });

/** Runs the standalone function, checks it resolved `{ ok: false }`, and returns the error. */
async function createError(core: OpenRouterCore): Promise<SDKError> {
  const result = await oAuthCreateAuthCode(core, createRequest);
  expect(result.ok).toBe(false);
  if (result.ok) throw new Error("expected a failure");
  return result.error;
}

async function exchangeError(core: OpenRouterCore): Promise<SDKError> {
  const result = await oAuthExchangeAuthCodeForAPIKey(core, exchangeRequest);
  expect(result.ok).toBe(false);
  if (result.ok) throw new Error("expected a failure");
  return result.error;
}

/** Runs the class method, checks that it rejected, and returns what it rejected with. */
async function classExchangeError(client: OpenRouter): Promise<unknown> {
  const { value, error } = await timed(() => client.oAuth.exchangeAuthCodeForAPIKey(exchangeRequest));
  expect(value).toBeUndefined();
  expect(error).toBeDefined();
  return error;
}

describe("documented error statuses with OpenRouter's JSON error body", () => {
  const cases = [
    [400, BadRequestResponseError, "Invalid code_challenge_method"],
    [401, UnauthorizedResponseError, "No auth credentials found"],
    [403, ForbiddenResponseError, "Invalid code or code_verifier"],
    [409, ConflictResponseError, "Conflict with an existing code"],
    [500, InternalServerResponseError, "Internal Server Error"],
  ] as const;

  test.each(cases)("%i → its own class (standalone create)", async (status, ErrorClass, message) => {
    server.setScript([errorJson(status, message)]);
    const error = await createError(coreFor());
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error).toBeInstanceOf(OpenRouterError);
    expect(error).toBeInstanceOf(Error);
    const e = error as OpenRouterError;
    expect(e.name).toBe(ErrorClass.name);
    expect(e.statusCode).toBe(status);
    // The server's message, verbatim.
    expect(e.message).toBe(message);
    expect(e.data$?.error.code).toBe(status);
    expect(e.data$?.error.message).toBe(message);
    expect(JSON.parse(e.body)).toEqual({
      error: { code: status, message, metadata: null },
      user_id: null,
      openrouter_metadata: null,
    });
    expect(e.headers.get("content-type")).toBe("application/json");
    expect(e.rawResponse.status).toBe(status);
    expect(server.count).toBe(1);
  });

  test.each(cases)("%i → its own class (class exchange rejects)", async (status, ErrorClass, message) => {
    server.setScript([errorJson(status, message)]);
    const error = await classExchangeError(clientFor());
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error).toBeInstanceOf(OpenRouterError);
    expect((error as OpenRouterError).statusCode).toBe(status);
    expect((error as OpenRouterError).message).toBe(message);
  });

  test("a numeric string `code` still maps by the HTTP status, read as its number", async () => {
    server.setScript([errorJson(400, "Invalid request parameters", {}, "400")]);
    const error = await createError(coreFor());
    expect(error).toBeInstanceOf(BadRequestResponseError);
    expect((error as BadRequestResponseError).data$.error.code).toBe(400);
    expect((error as BadRequestResponseError).error.code).toBe(400);
    expect(error.message).toBe("Invalid request parameters");
  });

  test("error metadata and unknown fields in the error body are tolerated", async () => {
    server.setScript([
      json(403, {
        error: { code: 403, message: "Authorization code expired", metadata: { hint: "start again" }, extra: 1 },
        user_id: "user_1",
        openrouter_metadata: null,
        something_new: true,
      }),
    ]);
    const error = await exchangeError(coreFor());
    expect(error).toBeInstanceOf(ForbiddenResponseError);
    expect((error as ForbiddenResponseError).reason).toBe("expired_code");
    expect((error as ForbiddenResponseError).data$.error.metadata).toEqual({ hint: "start again" });
  });
});

describe("other statuses → OpenRouterDefaultError", () => {
  test.each([404, 405, 418, 429, 502, 503])("%i with the JSON error body", async (status) => {
    server.setScript([errorJson(status, `server says ${status}`)]);
    const error = await createError(coreFor());
    expect(error).toBeInstanceOf(OpenRouterDefaultError);
    expect(error).toBeInstanceOf(OpenRouterError);
    const e = error as OpenRouterDefaultError;
    expect(e.statusCode).toBe(status);
    expect(e.message).toContain(`server says ${status}`);
    expect(JSON.parse(e.body)).toMatchObject({ error: { code: status } });
    expect(server.count).toBe(1);
  });

  test("429 with retries off, from the class", async () => {
    server.setScript([errorJson(429, "Rate limited", { "retry-after": "0" })]);
    const error = await classExchangeError(clientFor());
    expect(error).toBeInstanceOf(OpenRouterDefaultError);
    expect((error as OpenRouterDefaultError).statusCode).toBe(429);
    expect((error as OpenRouterDefaultError).headers.get("retry-after")).toBe("0");
    expect(server.count).toBe(1);
  });
});

describe("error bodies that are not OpenRouter's JSON error", () => {
  const page = "<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1><p>cloudflare</p></body></html>";
  const bodies = [
    ["an HTML 502", 502, html(502, page), page],
    ["an HTML 500", 500, html(500, page), page],
    ["an empty 500", 500, respond(500), ""],
    ["an empty 400", 400, respond(400), ""],
    [
      "JSON of another shape on 400",
      400,
      json(400, { message: "nope", status: 400 }),
      '{"message":"nope","status":400}',
    ],
    [
      "JSON with a non-string message on 403",
      403,
      json(403, { error: { code: 403, message: 42 } }),
      '{"error":{"code":403,"message":42}}',
    ],
    ["malformed JSON on 401", 401, malformedJson(401, '{"error":{"code":401,'), '{"error":{"code":401,'],
    ["plain text on 409", 409, text(409, "conflict!"), "conflict!"],
  ] as const;

  test.each(bodies)(
    "%s → OpenRouterDefaultError with the status and the raw text",
    async (_name, status, behaviour, raw) => {
      server.setScript([behaviour]);
      const error = await createError(coreFor());
      expect(error).toBeInstanceOf(OpenRouterDefaultError);
      expect(error).toBeInstanceOf(OpenRouterError);
      const e = error as OpenRouterDefaultError;
      expect(e.statusCode).toBe(status);
      expect(e.body).toBe(raw);
      expect(e.data$).toBeUndefined();
      expect(e.message).toContain(String(status));
      expect(server.count).toBe(1);
    },
  );

  test("the class rejects with the same for an exchange HTML 502", async () => {
    server.setScript([html(502, page)]);
    const error = await classExchangeError(clientFor());
    expect(error).toBeInstanceOf(OpenRouterDefaultError);
    expect((error as OpenRouterDefaultError).body).toBe(page);
    expect((error as OpenRouterDefaultError).message).toContain("502");
  });

  test("an HTML 502 retried until the budget ends still ends typed", async () => {
    server.setScript([html(502, page)]);
    const error = await createError(coreFor({ retryConfig: fastRetries }));
    expect(error).toBeInstanceOf(OpenRouterDefaultError);
    expect((error as OpenRouterDefaultError).body).toBe(page);
    expect(server.count).toBeGreaterThanOrEqual(3);
  });
});

describe("2xx responses that cannot be used → ResponseValidationError", () => {
  const cases = [
    ["malformed JSON", malformedJson(200, '{"data":{"id":"x",'), '{"data":{"id":"x",'],
    ["the wrong shape", json(200, { data: { id: 1 } }), { data: { id: 1 } }],
    ["a non-JSON content type and text body", text(200, "OK, all good"), "OK, all good"],
    ["an HTML page", html(200, "<html>login</html>"), "<html>login</html>"],
    ["an empty body", respond(200), ""],
    ["JSON null", json(200, null), null],
    ["a JSON array", json(200, [createOkBody]), [createOkBody]],
  ] as const;

  test.each(cases)("create: %s (standalone resolves { ok: false })", async (_name, behaviour, rawValue) => {
    server.setScript([behaviour]);
    const result = await oAuthCreateAuthCode(coreFor({ retryConfig: fastRetries }), createRequest);
    expect(result.ok).toBe(false);
    expect(result.error).toBeInstanceOf(ResponseValidationError);
    expect(result.error).toBeInstanceOf(OpenRouterError);
    expect(result.error).not.toBeInstanceOf(SyntaxError);
    const e = result.error as ResponseValidationError;
    expect(e.statusCode).toBe(200);
    expect(e.rawValue).toEqual(rawValue);
    expect(e.data$).toBeUndefined();
    expect(typeof e.body).toBe("string");
    // Never retried: a 2xx is an answer.
    expect(server.count).toBe(1);
  });

  test.each(cases)("exchange: %s (class rejects with ResponseValidationError)", async (_name, behaviour) => {
    server.setScript([behaviour]);
    const error = await classExchangeError(clientFor({ retryConfig: fastRetries }));
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(error).not.toBeInstanceOf(SyntaxError);
    expect((error as ResponseValidationError).statusCode).toBe(200);
  });

  test("the exchange's wrong shape keeps the parsed value in rawValue", async () => {
    server.setScript([json(200, { key: 12345, user_id: "user_1" })]);
    const error = await exchangeError(coreFor());
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect((error as ResponseValidationError).rawValue).toEqual({ key: 12345, user_id: "user_1" });
    expect((error as ResponseValidationError).body).toBe('{"key":12345,"user_id":"user_1"}');
  });
});

describe("2xx bodies that are fine", () => {
  test("exchange without user_id → userId null", async () => {
    server.setScript([json(200, { key: "sk-or-v1-minted" })]);
    const result = await oAuthExchangeAuthCodeForAPIKey(coreFor(), exchangeRequest);
    expect(result).toEqual({ ok: true, value: { key: "sk-or-v1-minted", userId: null } });
  });

  test("exchange with user_id null → userId null", async () => {
    server.setScript([json(200, { key: "sk-or-v1-minted", user_id: null })]);
    const client = clientFor();
    await expect(client.oAuth.exchangeAuthCodeForAPIKey(exchangeRequest)).resolves.toEqual({
      key: "sk-or-v1-minted",
      userId: null,
    });
  });

  test("unknown extra fields are ignored (exchange)", async () => {
    server.setScript([json(200, { ...exchangeOkBody, created_at: "2026-01-01T00:00:00Z", scopes: ["a"] })]);
    const result = await oAuthExchangeAuthCodeForAPIKey(coreFor(), exchangeRequest);
    expect(result).toEqual({ ok: true, value: { key: "sk-or-v1-minted", userId: "user_123" } });
  });

  test("unknown extra fields are ignored (create)", async () => {
    server.setScript([json(200, { data: { ...createOkBody.data, expires_at: null }, meta: { x: 1 } })]);
    const client = clientFor();
    await expect(client.oAuth.createAuthCode(createRequest)).resolves.toEqual({
      data: { id: "auth_code_xyz789", appId: 12345, createdAt: "2025-08-24T10:30:00Z" },
    });
  });

  test("a JSON body with a charset and a text/plain content type still parses", async () => {
    server.setScript([text(200, JSON.stringify(exchangeOkBody), "text/plain")]);
    const result = await oAuthExchangeAuthCodeForAPIKey(coreFor(), exchangeRequest);
    expect(result.ok).toBe(true);
  });
});

describe("response size limit", () => {
  test("a 10 KB body with maxResponseBytes 1024 → ResponseTooLargeError (declared length)", async () => {
    server.setScript([huge(10 * 1024)]);
    const error = await createError(coreFor({ maxResponseBytes: 1024 }));
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect(error).toBeInstanceOf(OpenRouterError);
    expect((error as ResponseTooLargeError).statusCode).toBe(200);
    expect(error.message).toContain("1024");
  });

  test("a 10 KB chunked body with maxResponseBytes 1024 → ResponseTooLargeError (counted while reading)", async () => {
    server.setScript([huge(10 * 1024, { declareLength: false })]);
    const error = await exchangeError(coreFor({ maxResponseBytes: 1024 }));
    expect(error).toBeInstanceOf(ResponseTooLargeError);
  });

  test("a body just under the limit is read", async () => {
    const body = JSON.stringify({ ...exchangeOkBody, padding: "x".repeat(900) });
    expect(Buffer.byteLength(body)).toBeLessThanOrEqual(1024);
    server.setScript([respond(200, { headers: { "content-type": "application/json" }, body })]);
    const result = await oAuthExchangeAuthCodeForAPIKey(coreFor({ maxResponseBytes: 1024 }), exchangeRequest);
    expect(result).toEqual({ ok: true, value: { key: "sk-or-v1-minted", userId: "user_123" } });
  });

  test("a 5 MB body with the default 1 MiB limit → ResponseTooLargeError, quickly", async () => {
    server.setScript([huge(5 * 1024 * 1024, { declareLength: false })]);
    const client = clientFor();
    const { ms, error } = await timed(() => client.oAuth.createAuthCode(createRequest));
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect((error as ResponseTooLargeError).message).toContain(String(1024 * 1024));
    expect(ms).toBeLessThan(2_000);
  });

  test("a 5 MB body with a declared length and the default limit → ResponseTooLargeError", async () => {
    server.setScript([huge(5 * 1024 * 1024)]);
    const error = await createError(coreFor());
    expect(error).toBeInstanceOf(ResponseTooLargeError);
  });

  test("a too-large error body is also ResponseTooLargeError, with its status", async () => {
    server.setScript([huge(10 * 1024, { status: 400 })]);
    const error = await createError(coreFor({ maxResponseBytes: 1024 }));
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect((error as ResponseTooLargeError).statusCode).toBe(400);
  });
});

describe("client-side failures", () => {
  test("connection refused → ConnectionError (standalone)", async () => {
    const core = new OpenRouterCore({ serverURL: await refusedURL(), retryConfig: none });
    const { ms, value } = await timed(() => oAuthExchangeAuthCodeForAPIKey(core, exchangeRequest));
    expect(value?.ok).toBe(false);
    expect(value?.error).toBeInstanceOf(ConnectionError);
    expect(value?.error).not.toBeInstanceOf(OpenRouterError);
    expect(value?.error?.message).toContain("127.0.0.1");
    // The low-level reason stays reachable for diagnosis.
    expect((value?.error as ConnectionError | undefined)?.cause).toBeDefined();
    expect(ms).toBeLessThan(1_000);
  });

  test("connection refused → ConnectionError (class), after retrying within the budget", async () => {
    const client = new OpenRouter({ apiKey: "sk-test", serverURL: await refusedURL(), retryConfig: fastRetries });
    const { ms, error } = await timed(() => client.oAuth.createAuthCode(createRequest));
    expect(error).toBeInstanceOf(ConnectionError);
    expect(ms).toBeGreaterThanOrEqual(150);
    expect(ms).toBeLessThan(1_500);
  });

  test("an async apiKey function that throws → UnexpectedClientError, nothing sent", async () => {
    const boom = new Error("vault unavailable");
    const core = new OpenRouterCore({
      serverURL: server.url,
      apiKey: async () => {
        throw boom;
      },
    });
    const result = await oAuthCreateAuthCode(core, createRequest);
    expect(result.ok).toBe(false);
    expect(result.error).toBeInstanceOf(UnexpectedClientError);
    expect((result.error as UnexpectedClientError).cause).toBe(boom);
    expect(server.count).toBe(0);
  });

  test("a sync apiKey function that throws → the class rejects with UnexpectedClientError", async () => {
    const client = new OpenRouter({
      serverURL: server.url,
      apiKey: () => {
        throw new TypeError("no key");
      },
    });
    await expect(client.oAuth.exchangeAuthCodeForAPIKey(exchangeRequest)).rejects.toBeInstanceOf(UnexpectedClientError);
    expect(server.count).toBe(0);
  });

  test("an async apiKey function is called per call and its key is sent", async () => {
    let calls = 0;
    server.setScript([json(200, createOkBody)]);
    const core = new OpenRouterCore({
      serverURL: server.url,
      apiKey: async () => `sk-rotating-${++calls}`,
    });
    expect((await oAuthCreateAuthCode(core, createRequest)).ok).toBe(true);
    expect((await oAuthCreateAuthCode(core, createRequest)).ok).toBe(true);
    expect(server.requests.map((r) => r.headers.authorization)).toEqual([
      "Bearer sk-rotating-1",
      "Bearer sk-rotating-2",
    ]);
  });
});

describe("debugLogger", () => {
  test("receives lines for each attempt, response and retry", async () => {
    const lines: unknown[][] = [];
    server.setScript([errorJson(500, "boom"), json(200, createOkBody)]);
    const core = coreFor({ retryConfig: fastRetries, debugLogger: { log: (...args) => lines.push(args) } });
    const result = await oAuthCreateAuthCode(core, createRequest);
    expect(result.ok).toBe(true);
    const text = lines.map((args) => args.map(String).join(" "));
    // At least a line per attempt.
    expect(text.length).toBeGreaterThanOrEqual(2);
    expect(text.some((line) => line.includes("/auth/keys/code"))).toBe(true);
    expect(text.some((line) => line.includes("500"))).toBe(true);
    expect(text.some((line) => line.includes("200"))).toBe(true);
    expect(text.some((line) => /retr/i.test(line))).toBe(true);
  });

  // SDKOptions.debugLogger: "one line per request, response and retry" — a request that fails counts too.
  test("receives a line for a connection failure", async () => {
    const lines: string[] = [];
    const core = new OpenRouterCore({
      serverURL: await refusedURL(),
      retryConfig: none,
      debugLogger: { log: (...args) => lines.push(args.map(String).join(" ")) },
    });
    const result = await oAuthExchangeAuthCodeForAPIKey(core, exchangeRequest);
    expect(result.error).toBeInstanceOf(ConnectionError);
    expect(lines.length).toBeGreaterThanOrEqual(1);
    expect(lines.some((line) => line.includes("/auth/keys"))).toBe(true);
  });
});

describe("redirects", () => {
  test("a redirect is not followed: the body with the code and verifier is never resent elsewhere", async () => {
    const target = await startFaultServer();
    try {
      target.setScript([json(200, exchangeOkBody)]);
      server.setScript([respond(307, { headers: { location: `${target.url}/auth/keys` } })]);
      const res = await oAuthExchangeAuthCodeForAPIKey(coreFor(), exchangeRequest);
      expect(res.ok).toBe(false);
      expect(res.error).toBeInstanceOf(OpenRouterDefaultError);
      expect((res.error as OpenRouterDefaultError).statusCode).toBe(307);
      expect(res.error?.message).toContain("redirect, not followed");
      expect(server.requests).toHaveLength(1);
      expect(target.requests).toHaveLength(0);
    } finally {
      await target.close();
    }
  });
});
