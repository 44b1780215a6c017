// No secret — the app's API key, the authorization code, the PKCE verifier, or the key the server
// returns — may show in any printed form of an error or a client, nor in a debug log line.
import { inspect } from "node:util";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import {
  BadRequestResponseError,
  ConnectionError,
  ForbiddenResponseError,
  InternalServerResponseError,
  OpenRouter,
  OpenRouterCore,
  oAuthCreateAuthCode,
  oAuthExchangeAuthCodeForAPIKey,
  RequestAbortedError,
  RequestTimeoutError,
  ResponseTooLargeError,
  ResponseValidationError,
  type Result,
  type SDKOptions,
  SDKValidationError,
  UnexpectedClientError,
} from "../src/index.js";
import { HTTPClient } from "../src/lib/http.js";
import {
  destroySocket,
  errorJson,
  type FaultServer,
  fastRetries,
  hang,
  json,
  malformedJson,
  refusedURL,
  respond,
  startFaultServer,
  truncated,
} from "./support/fault-server.js";
import { clientRenderings, errorRenderings, type Rendering, secretLeaks } from "./support/secret-leaks.js";

const API_KEY = "sk-or-v1-SECRETKEY-1234567890";
const CODE = "CODE-SECRET-XYZ";
const VERIFIER = "VERIFIER-SECRET-abcdefghijklmnopqrstuvwxyz0123456789";
const RETURNED_KEY = "sk-or-v1-RETURNED-SECRET";

/** The secrets, and distinctive pieces of them, so that a partly printed secret is caught too. */
const FORBIDDEN = [
  API_KEY,
  CODE,
  VERIFIER,
  RETURNED_KEY,
  "SECRETKEY",
  "1234567890",
  "CODE-SECRET",
  "VERIFIER-SECRET",
  "RETURNED-SECRET",
];

const exchangeRequest = { requestBody: { code: CODE, codeVerifier: VERIFIER, codeChallengeMethod: "S256" as const } };
const createRequest = {
  requestBody: {
    callbackUrl: "https://myapp.com/auth/callback",
    codeChallenge: VERIFIER,
    codeChallengeMethod: "plain" as const,
  },
};
const wrongShape = { key: RETURNED_KEY, user_id: 5 };

let server: FaultServer;
let logged: string[];

beforeEach(async () => {
  server = await startFaultServer();
  logged = [];
});

afterEach(async () => {
  await server.close();
});

function options(extra: SDKOptions = {}): SDKOptions {
  return {
    apiKey: API_KEY,
    serverURL: server.url,
    retryConfig: { strategy: "none" },
    debugLogger: { log: (...args: unknown[]) => logged.push(inspect(args, { depth: 10 })) },
    ...extra,
  };
}

function expectClean(renderings: Iterable<Rendering>): void {
  expect(secretLeaks(renderings, FORBIDDEN)).toEqual([]);
}

/** Every ordinary way an error (and the Result holding it) gets printed or serialized. */
function expectErrorClean(error: unknown, result?: unknown): void {
  expect(error).toBeInstanceOf(Error);
  expectClean(errorRenderings(error as Error));
  if (result !== undefined) expectClean([["util.inspect(result)", inspect(result, { depth: 10 })]]);
}

function expectClientsClean(...clients: OpenRouterCore[]): void {
  expectClean(clients.flatMap(clientRenderings));
}

/** Every debug line is clean; `minLines` guards against a vacuous pass where something was surely logged. */
function expectLogClean(minLines = 1): void {
  expect(logged.length).toBeGreaterThanOrEqual(minLines);
  expectClean(logged.map((line, i) => [`debugLogger line ${i}`, line] as const));
}

/** Runs the exchange both ways (standalone on a Core, method on an OpenRouter) and checks both. */
async function exchangeBothWays(
  extra: SDKOptions = {},
  minLines = 1,
): Promise<{ errors: unknown[]; result: Result<unknown, unknown> }> {
  const core = new OpenRouterCore(options(extra));
  const client = new OpenRouter(options(extra));
  const result = await oAuthExchangeAuthCodeForAPIKey(core, exchangeRequest);
  expect(result.ok).toBe(false);
  let thrown: unknown;
  try {
    await client.oAuth.exchangeAuthCodeForAPIKey(exchangeRequest);
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeDefined();
  expectErrorClean(result.error, result);
  expectErrorClean(thrown);
  expectClientsClean(core, client);
  expectLogClean(minLines);
  return { errors: [result.error, thrown], result };
}

/** The server really got the secrets: otherwise a clean output would prove nothing. */
function expectSecretsSent(): void {
  const first = server.requests[0];
  expect(first?.headers.authorization).toBe(`Bearer ${API_KEY}`);
  expect(first?.body).toContain(CODE);
  expect(first?.body).toContain(VERIFIER);
}

describe("exchange failures print no secret", () => {
  test("400 whose error metadata echoes the code", async () => {
    server.setScript([
      json(400, {
        error: {
          code: 400,
          message: "Invalid code_challenge_method",
          metadata: { code: CODE, code_verifier: VERIFIER },
        },
      }),
    ]);
    const { errors } = await exchangeBothWays();
    for (const error of errors) expect(error).toBeInstanceOf(BadRequestResponseError);
    expectSecretsSent();
    // The data is still there for whoever asks for it, under the official names too.
    for (const error of errors as BadRequestResponseError[]) {
      expect(error.body).toContain(CODE);
      expect(error.error.metadata).toEqual({ code: CODE, code_verifier: VERIFIER });
      expect(error.data$.error).toBe(error.error);
    }
  });

  test("403 invalid code", async () => {
    server.setScript([errorJson(403, "Invalid code or code_verifier")]);
    const { errors } = await exchangeBothWays();
    for (const error of errors) expect(error).toBeInstanceOf(ForbiddenResponseError);
    expectSecretsSent();
  });

  test("500 after retries", async () => {
    server.setScript([errorJson(500, "Internal Server Error")]);
    const { errors } = await exchangeBothWays({ retryConfig: fastRetries });
    for (const error of errors) expect(error).toBeInstanceOf(InternalServerResponseError);
    expect(server.count).toBeGreaterThanOrEqual(6);
    expect(logged.some((line) => /retr/i.test(line))).toBe(true);
    expectSecretsSent();
  });

  test("200 of the wrong shape that carries the returned key", async () => {
    server.setScript([json(200, wrongShape)]);
    const { errors } = await exchangeBothWays();
    for (const error of errors) expect(error).toBeInstanceOf(ResponseValidationError);
    // Kept, but only where one must look for it.
    expect((errors[0] as ResponseValidationError).rawValue).toEqual(wrongShape);
    expectSecretsSent();
  });

  test("200 with malformed JSON that carries the returned key", async () => {
    server.setScript([malformedJson(200, `{"key":"${RETURNED_KEY}","user_id":`)]);
    const { errors } = await exchangeBothWays();
    for (const error of errors) expect(error).toBeInstanceOf(ResponseValidationError);
    expect((errors[0] as ResponseValidationError).rawValue).toBe(`{"key":"${RETURNED_KEY}","user_id":`);
  });

  test("200 too large, starting with the returned key", async () => {
    const body = JSON.stringify({ key: RETURNED_KEY, padding: "x".repeat(4_000) });
    server.setScript([respond(200, { headers: { "content-type": "application/json" }, body })]);
    const { errors } = await exchangeBothWays({ maxResponseBytes: 1024 }, 0);
    for (const error of errors) expect(error).toBeInstanceOf(ResponseTooLargeError);
  });

  test("a body cut short after the returned key", async () => {
    server.setScript([truncated(200, `{"key":"${RETURNED_KEY}"`)]);
    const { errors } = await exchangeBothWays({}, 0);
    for (const error of errors) expect(error).toBeInstanceOf(ConnectionError);
  });

  test("timeout", async () => {
    server.setScript([hang()]);
    const { errors } = await exchangeBothWays({ timeoutMs: 150 }, 0);
    for (const error of errors) expect(error).toBeInstanceOf(RequestTimeoutError);
    expectSecretsSent();
  });

  test("abort", async () => {
    server.setScript([hang()]);
    const core = new OpenRouterCore(options());
    const controller = new AbortController();
    const pending = oAuthExchangeAuthCodeForAPIKey(core, exchangeRequest, { signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    const result = await pending;
    expect(result.error).toBeInstanceOf(RequestAbortedError);
    expectErrorClean(result.error, result);
    expectClientsClean(core);
    expectLogClean(0);
  });

  test("connection reset, retried", async () => {
    server.setScript([destroySocket()]);
    const { errors } = await exchangeBothWays({ retryConfig: fastRetries });
    for (const error of errors) expect(error).toBeInstanceOf(ConnectionError);
    expectSecretsSent();
  });

  test("connection refused", async () => {
    const { errors } = await exchangeBothWays({ serverURL: await refusedURL() }, 0);
    for (const error of errors) expect(error).toBeInstanceOf(ConnectionError);
  });
});

describe("createAuthCode failures print no secret", () => {
  test.each([
    ["401", errorJson(401, "No auth credentials found")],
    ["500 retried", errorJson(500, "Internal Server Error")],
    ["200 wrong shape", json(200, { data: { id: RETURNED_KEY } })],
  ] as const)("%s", async (_name, behaviour) => {
    server.setScript([behaviour]);
    const core = new OpenRouterCore(options({ retryConfig: fastRetries }));
    const client = new OpenRouter(options({ retryConfig: fastRetries }));
    const result = await oAuthCreateAuthCode(core, createRequest);
    expect(result.ok).toBe(false);
    expectErrorClean(result.error, result);
    const thrown = await client.oAuth.createAuthCode(createRequest).then(
      () => undefined,
      (error: unknown) => error,
    );
    expectErrorClean(thrown);
    expectClientsClean(core, client);
    expectLogClean();
    expect(server.requests[0]?.headers.authorization).toBe(`Bearer ${API_KEY}`);
  });
});

describe("causes thrown by user code print no secret, and stay readable in code", () => {
  test("a custom fetch that throws an error carrying the Request (with its bearer key)", async () => {
    let thrownByFetch: unknown;
    const fetch = async (request: Request) => {
      thrownByFetch = Object.assign(new TypeError(`fetch failed for ${request.url}`), {
        request,
        headers: Object.fromEntries(request.headers),
      });
      throw thrownByFetch;
    };
    const core = new OpenRouterCore(options({ fetch }));
    const result = await oAuthExchangeAuthCodeForAPIKey(core, exchangeRequest);
    expect(result.error).toBeInstanceOf(ConnectionError);
    expect((result.error as ConnectionError).cause).toBe(thrownByFetch);
    expectErrorClean(result.error, result);
  });

  test("an apiKey function that throws the key itself", async () => {
    const core = new OpenRouterCore(
      options({
        apiKey: () => {
          throw API_KEY;
        },
      }),
    );
    const result = await oAuthCreateAuthCode(core, createRequest);
    expect(result.error).toBeInstanceOf(UnexpectedClientError);
    expect((result.error as UnexpectedClientError).cause).toBe(API_KEY);
    expectErrorClean(result.error, result);
  });

  test("a beforeRequest hook that throws an error holding the request's headers", async () => {
    const httpClient = new HTTPClient().addHook("beforeRequest", (request) => {
      throw Object.assign(new Error("hook failed"), { authorization: request.headers.get("authorization") });
    });
    const client = new OpenRouter(options({ httpClient }));
    const thrown = await client.oAuth.exchangeAuthCodeForAPIKey(exchangeRequest).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(thrown).toBeInstanceOf(UnexpectedClientError);
    expect(((thrown as UnexpectedClientError).cause as { authorization: string }).authorization).toBe(
      `Bearer ${API_KEY}`,
    );
    expectErrorClean(thrown);
  });
});

describe("validation failures print no secret", () => {
  test("a bad codeChallengeMethod holding the verifier", async () => {
    const core = new OpenRouterCore(options());
    const result = await oAuthExchangeAuthCodeForAPIKey(core, {
      requestBody: { code: CODE, codeVerifier: VERIFIER, codeChallengeMethod: VERIFIER as "S256" },
    });
    expect(result.error).toBeInstanceOf(SDKValidationError);
    expect((result.error as SDKValidationError).field).toContain("codeChallengeMethod");
    // The refused input is readable in code (as @openrouter/sdk's rawValue is), never printed.
    expect((result.error as SDKValidationError).rawValue).toEqual({
      requestBody: { code: CODE, codeVerifier: VERIFIER, codeChallengeMethod: VERIFIER },
    });
    expectErrorClean(result.error, result);
    expect(server.count).toBe(0);
  });

  test("a callbackUrl that is not a URL, holding the code", async () => {
    const client = new OpenRouter(options());
    const thrown = await client.oAuth.createAuthCode({ requestBody: { callbackUrl: `not a url ${CODE}` } }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(thrown).toBeInstanceOf(SDKValidationError);
    expectErrorClean(thrown);
    expectClientsClean(client);
  });

  test("a code of the wrong type", async () => {
    const core = new OpenRouterCore(options());
    const result = await oAuthExchangeAuthCodeForAPIKey(core, {
      requestBody: { code: [CODE] as unknown as string, codeVerifier: VERIFIER },
    });
    expect(result.error).toBeInstanceOf(SDKValidationError);
    expectErrorClean(result.error, result);
  });

  test("an API key with a line break inside", async () => {
    const core = new OpenRouterCore(options({ apiKey: "sk-or-v1-SECRETKEY-\r\n1234567890" }));
    const result = await oAuthCreateAuthCode(core, createRequest);
    expect(result.error).toBeInstanceOf(SDKValidationError);
    expectErrorClean(result.error, result);
    expectClientsClean(core);
    expect(server.count).toBe(0);
  });

  test("an API key for a plain-http server that is not loopback", async () => {
    const client = new OpenRouter(options({ serverURL: "http://example.invalid/api/v1" }));
    const thrown = await client.oAuth.createAuthCode(createRequest).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(thrown).toBeInstanceOf(SDKValidationError);
    expectErrorClean(thrown);
    expectClientsClean(client);
  });

  test("an apiKey function returning a non-string", async () => {
    const core = new OpenRouterCore(options({ apiKey: (() => ({ key: API_KEY })) as unknown as () => string }));
    const result = await oAuthCreateAuthCode(core, createRequest);
    expect(result.error).toBeInstanceOf(SDKValidationError);
    expectErrorClean(result.error, result);
  });
});

describe("success paths log no secret", () => {
  test("a successful exchange logs neither the sent secrets nor the returned key", async () => {
    server.setScript([
      errorJson(503, "busy", { "retry-after": "0" }),
      json(200, { key: RETURNED_KEY, user_id: "user_1" }),
    ]);
    const client = new OpenRouter(options({ retryConfig: fastRetries }));
    await expect(client.oAuth.exchangeAuthCodeForAPIKey(exchangeRequest)).resolves.toEqual({
      key: RETURNED_KEY,
      userId: "user_1",
    });
    expect(server.count).toBe(2);
    expectLogClean();
    expectClientsClean(client);
  });

  test("a client with a key-returning function prints no key, before or after a call", async () => {
    server.setScript([json(200, { data: { id: "auth_code_1", app_id: 1, created_at: "2025-08-24T10:30:00Z" } })]);
    const core = new OpenRouterCore(options({ apiKey: async () => API_KEY }));
    const client = new OpenRouter(options());
    expectClientsClean(core, client);
    expect((await oAuthCreateAuthCode(core, createRequest)).ok).toBe(true);
    await client.oAuth.createAuthCode(createRequest);
    expectClientsClean(core, client);
    expectLogClean();
  });
});
