// Bad input is refused on this side of the wire: an SDKValidationError naming the field and the
// reason, returned by the standalone functions and thrown by the class methods, with no request sent.
import { inspect } from "node:util";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import {
  OpenRouter,
  OpenRouterCore,
  oAuthCreateAuthCode,
  oAuthExchangeAuthCodeForAPIKey,
  type RequestOptions,
  type SDKOptions,
  SDKValidationError,
} from "../src/index.js";
import { type RecordingServer, startRecordingServer } from "./support/recording-server.js";

let server: RecordingServer;
let fetchCalls = 0;

beforeAll(async () => {
  server = await startRecordingServer();
});
afterAll(async () => {
  await server?.close();
});
beforeEach(() => {
  server.reset();
  fetchCalls = 0;
});

/** A fetch that counts calls, so "no request" also covers URLs the recording server could never see. */
const countingFetch = (request: Request): Promise<Response> => {
  fetchCalls++;
  return globalThis.fetch(request);
};

type Operation = "create" | "exchange";

/** Input the types forbid, on purpose. */
const bad = (value: unknown) => value as never;

const clientOptions = (extra: SDKOptions = {}): SDKOptions => ({
  apiKey: "sk-or-v1-validation-test",
  serverURL: server.url,
  fetch: countingFetch,
  ...extra,
});

async function callFunction(op: Operation, request: unknown, options?: RequestOptions, client?: SDKOptions) {
  const core = new OpenRouterCore(clientOptions(client));
  const merged: RequestOptions = { retries: { strategy: "none" }, ...options };
  const promise =
    op === "create"
      ? oAuthCreateAuthCode(core, bad(request), merged)
      : oAuthExchangeAuthCodeForAPIKey(core, bad(request), merged);
  return promise;
}

async function callMethod(op: Operation, request: unknown, options?: RequestOptions, client?: SDKOptions) {
  const sdk = new OpenRouter(clientOptions(client));
  const merged: RequestOptions = { retries: { strategy: "none" }, ...options };
  return op === "create"
    ? sdk.oAuth.createAuthCode(bad(request), merged)
    : sdk.oAuth.exchangeAuthCodeForAPIKey(bad(request), merged);
}

interface Expected {
  field: string;
  /** Exact reason, or a pattern it must match. Either way it must be non-empty. */
  reason?: string | RegExp;
}

/** Asserts both call styles refuse the input with the same SDKValidationError and send nothing. */
async function expectRefused(
  op: Operation,
  request: unknown,
  expected: Expected,
  options?: RequestOptions,
  client?: SDKOptions,
): Promise<SDKValidationError> {
  const result = await callFunction(op, request, options, client);
  expect(result.ok).toBe(false);
  const error = result.error;
  expect(error).toBeInstanceOf(SDKValidationError);
  const validation = error as SDKValidationError;
  expect(validation.name).toBe("SDKValidationError");
  expect(validation.field).toBe(expected.field);
  expect(validation.field.startsWith("request.")).toBe(false);
  expect(typeof validation.reason).toBe("string");
  expect(validation.reason.trim().length).toBeGreaterThan(0);
  if (typeof expected.reason === "string") expect(validation.reason).toBe(expected.reason);
  else if (expected.reason) expect(validation.reason).toMatch(expected.reason);
  expect(validation.message).toBe(`Invalid ${expected.field}: ${validation.reason}`);

  const thrown = await callMethod(op, request, options, client).then(
    (value) => ({ resolved: value }),
    (rejection: unknown) => ({ rejection }),
  );
  expect(thrown).toHaveProperty("rejection");
  const rejection = (thrown as { rejection: unknown }).rejection;
  expect(rejection).toBeInstanceOf(SDKValidationError);
  expect((rejection as SDKValidationError).field).toBe(expected.field);
  expect((rejection as SDKValidationError).message).toBe(validation.message);

  expect(server.requests).toHaveLength(0);
  expect(fetchCalls).toBe(0);
  return validation;
}

const validCreateBody = { callbackUrl: "https://myapp.com/auth/callback" };
const createWith = (fields: Record<string, unknown>) => ({ requestBody: { ...validCreateBody, ...fields } });
const exchangeWith = (fields: Record<string, unknown>) => ({
  requestBody: { code: "auth_code_abc123def456", ...fields },
});

describe("createAuthCode request validation", () => {
  test("missing requestBody", async () => {
    await expectRefused("create", {}, { field: "requestBody", reason: "is required" });
  });

  test("missing callbackUrl", async () => {
    await expectRefused("create", { requestBody: {} }, { field: "requestBody.callbackUrl", reason: "is required" });
  });

  test("callbackUrl that is not a URL", async () => {
    await expectRefused("create", createWith({ callbackUrl: "not a url" }), {
      field: "requestBody.callbackUrl",
      reason: "must be an absolute URL",
    });
  });

  test("callbackUrl that is a relative path", async () => {
    await expectRefused("create", createWith({ callbackUrl: "/auth/callback" }), { field: "requestBody.callbackUrl" });
  });

  test("callbackUrl on plain http to a host that is not loopback", async () => {
    await expectRefused("create", createWith({ callbackUrl: "http://example.com" }), {
      field: "requestBody.callbackUrl",
      reason: /https/,
    });
  });

  test("callbackUrl that is not a string", async () => {
    await expectRefused("create", createWith({ callbackUrl: 42 }), {
      field: "requestBody.callbackUrl",
      reason: /string/,
    });
  });

  test.each(["http://localhost:3000/cb", "http://127.0.0.1:8976/cb", "https://myapp.com/auth/callback/nonce-123?x=1"])(
    "callbackUrl %s is accepted and sent",
    async (callbackUrl) => {
      const result = await callFunction("create", createWith({ callbackUrl }));
      expect(result.ok).toBe(true);
      expect(server.requests).toHaveLength(1);
      expect(server.requests[0]!.json()).toEqual({ callback_url: callbackUrl });
    },
  );

  test('codeChallengeMethod "S512"', async () => {
    await expectRefused("create", createWith({ codeChallengeMethod: "S512" }), {
      field: "requestBody.codeChallengeMethod",
      reason: 'must be one of "S256", "plain"',
    });
  });

  test('limit "100" (a string)', async () => {
    await expectRefused("create", createWith({ limit: "100" }), { field: "requestBody.limit", reason: /number/ });
  });

  test("keyLabel of 101 characters (100 is accepted)", async () => {
    await expectRefused("create", createWith({ keyLabel: "x".repeat(101) }), {
      field: "requestBody.keyLabel",
      reason: /100/,
    });
    const atLimit = await callFunction("create", createWith({ keyLabel: "x".repeat(100) }));
    expect(atLimit.ok).toBe(true);
    expect(server.requests).toHaveLength(1);
  });

  test('workspaceId "not-a-uuid"', async () => {
    await expectRefused("create", createWith({ workspaceId: "not-a-uuid" }), {
      field: "requestBody.workspaceId",
      reason: /UUID/i,
    });
  });

  test('expiresAt "tomorrow"', async () => {
    await expectRefused("create", createWith({ expiresAt: "tomorrow" }), {
      field: "requestBody.expiresAt",
      reason: /ISO 8601/,
    });
  });

  test("expiresAt as a date without a time zone", async () => {
    await expectRefused("create", createWith({ expiresAt: "2027-12-31T23:59:59" }), { field: "requestBody.expiresAt" });
  });

  test("expiresAt as an invalid Date", async () => {
    await expectRefused("create", createWith({ expiresAt: new Date("not a date") }), {
      field: "requestBody.expiresAt",
      reason: /a Date \(years 0000-9999\)/,
    });
  });

  // What the server refuses, refused first (issue: input the server will refuse): it documents that
  // minute-precision timestamps are rejected, and a date that does not exist is no instant at all.
  test.each([
    ["2024-02-30T00:00:00Z", "February 30th"],
    ["2023-02-29T00:00:00Z", "February 29th of a common year"],
    ["2027-04-31T12:00:00Z", "April 31st"],
    ["2027-13-01T00:00:00Z", "month 13"],
    ["2027-12-31T24:00:00Z", "hour 24"],
    ["2027-12-31T23:60:00Z", "minute 60"],
    ["2027-12-31T23:59:60Z", "second 60"],
    ["2027-12-31T23:59Z", "no seconds"],
    ["2027-12-31T23:59:59+25:00", "an offset of 25 hours"],
    ["2027-12-31", "a date alone"],
  ])("expiresAt %s (%s) is refused", async (expiresAt) => {
    await expectRefused("create", createWith({ expiresAt }), { field: "requestBody.expiresAt", reason: /seconds/ });
  });

  test.each([
    [new Date(Date.UTC(10_000, 0, 1)), "year 10000"],
    [new Date(Date.UTC(-1, 0, 1)), "year -1"],
    [new Date(8.64e15), "the last representable instant"],
  ])("expiresAt as the Date %s (%s) is refused: its ISO string needs a six-digit year", async (expiresAt) => {
    await expectRefused("create", createWith({ expiresAt }), { field: "requestBody.expiresAt", reason: /0000-9999/ });
  });

  test.each([
    ["2024-02-29T23:59:59Z"],
    ["2027-12-31T23:59:59.999+05:30"],
    ["0000-02-29T00:00:00Z"],
    ["9999-12-31T23:59:59z"],
  ])("expiresAt %s is accepted", async (expiresAt) => {
    const core = new OpenRouterCore({ apiKey: "sk-app", serverURL: server.url });
    await oAuthCreateAuthCode(core, createWith({ expiresAt }), { retries: { strategy: "none" } });
    expect(server.requests).toHaveLength(1);
  });

  test.each([0, -1, -0.5, Number.POSITIVE_INFINITY, Number.NaN])("limit %s is refused", async (limit) => {
    await expectRefused("create", createWith({ limit }), { field: "requestBody.limit" });
  });

  test('codeChallenge "" is refused', async () => {
    await expectRefused("create", createWith({ codeChallenge: "", codeChallengeMethod: "S256" }), {
      field: "requestBody.codeChallenge",
      reason: "must not be empty",
    });
  });

  test("a codeChallenge without codeChallengeMethod is refused, naming the method", async () => {
    await expectRefused("create", createWith({ codeChallenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM" }), {
      field: "requestBody.codeChallengeMethod",
      reason: "is required with a codeChallenge",
    });
  });

  test('usageLimitType "yearly"', async () => {
    await expectRefused("create", createWith({ usageLimitType: "yearly" }), {
      field: "requestBody.usageLimitType",
      reason: 'must be one of "daily", "weekly", "monthly"',
    });
  });

  test("an unknown field in requestBody (a typo)", async () => {
    await expectRefused("create", createWith({ someTypo: 1 }), {
      field: "requestBody.someTypo",
      reason: /known|unknown|unrecognized/i,
    });
  });

  test("snake_case field names are refused, not silently dropped", async () => {
    await expectRefused("create", createWith({ code_challenge: "abc" }), { field: "requestBody.code_challenge" });
  });

  test("an unknown field beside requestBody", async () => {
    await expectRefused("create", { requestBody: validCreateBody, appName: "x" }, { field: "appName" });
  });

  test("an app header field that is not a string", async () => {
    await expectRefused(
      "create",
      { requestBody: validCreateBody, appTitle: 5 },
      { field: "appTitle", reason: /string/ },
    );
  });

  test("an app header value with a line break", async () => {
    await expectRefused(
      "create",
      { requestBody: validCreateBody, appTitle: "My App\r\nX-Injected: 1" },
      { field: "appTitle" },
    );
  });
});

describe("exchangeAuthCodeForAPIKey request validation", () => {
  test("missing requestBody", async () => {
    await expectRefused("exchange", {}, { field: "requestBody", reason: "is required" });
  });

  test("missing code", async () => {
    await expectRefused("exchange", { requestBody: {} }, { field: "requestBody.code", reason: "is required" });
  });

  test('code ""', async () => {
    await expectRefused("exchange", { requestBody: { code: "" } }, { field: "requestBody.code", reason: /empty/ });
  });

  test("code that is not a string", async () => {
    await expectRefused("exchange", { requestBody: { code: 123 } }, { field: "requestBody.code", reason: /string/ });
  });

  test('codeChallengeMethod "S512"', async () => {
    await expectRefused("exchange", exchangeWith({ codeChallengeMethod: "S512" }), {
      field: "requestBody.codeChallengeMethod",
      reason: 'must be one of "S256", "plain"',
    });
  });

  test("codeVerifier that is not a string", async () => {
    await expectRefused("exchange", exchangeWith({ codeVerifier: 42 }), {
      field: "requestBody.codeVerifier",
      reason: /string/,
    });
  });

  test("an unknown field in requestBody (a typo)", async () => {
    await expectRefused("exchange", exchangeWith({ someTypo: "x" }), {
      field: "requestBody.someTypo",
      reason: /known|unknown|unrecognized/i,
    });
  });
});

describe.each<Operation>(["create", "exchange"])("%s: the request itself", (op) => {
  test("null request", async () => {
    await expectRefused(op, null, { field: "request" });
  });

  test("undefined request", async () => {
    await expectRefused(op, undefined, { field: "request" });
  });

  test("a string as the request", async () => {
    await expectRefused(op, "auth_code_abc123def456", { field: "request" });
  });

  test("requestBody null", async () => {
    await expectRefused(op, { requestBody: null }, { field: "requestBody" });
  });
});

describe.each<{ op: Operation; request: unknown }>([
  { op: "create", request: { requestBody: validCreateBody } },
  { op: "exchange", request: { requestBody: { code: "auth_code_abc123def456" } } },
])("$op: bad options", ({ op, request }) => {
  test("timeoutMs: -1", async () => {
    await expectRefused(op, request, { field: "options.timeoutMs" }, { timeoutMs: -1 });
  });

  test("timeoutMs: NaN", async () => {
    await expectRefused(op, request, { field: "options.timeoutMs" }, { timeoutMs: Number.NaN });
  });

  test('client serverURL: "not a url"', async () => {
    await expectRefused(op, request, { field: "serverURL" }, undefined, { serverURL: "not a url" });
  });

  test('per-call serverURL: "not a url"', async () => {
    await expectRefused(op, request, { field: "options.serverURL" }, { serverURL: "not a url" });
  });

  test("client serverURL with a non-http scheme", async () => {
    await expectRefused(op, request, { field: "serverURL" }, undefined, { serverURL: "ftp://127.0.0.1/api" });
  });

  test('retries: { strategy: "sometimes" }', async () => {
    const result = await callFunction(op, request, { retries: bad({ strategy: "sometimes" }) });
    expect(result.ok).toBe(false);
    expect(result.error).toBeInstanceOf(SDKValidationError);
    const error = result.error as SDKValidationError;
    expect(error.field.startsWith("options.retries")).toBe(true);
    expect(error.reason.length).toBeGreaterThan(0);
    expect(error.message).toBe(`Invalid ${error.field}: ${error.reason}`);
    await expect(callMethod(op, request, { retries: bad({ strategy: "sometimes" }) })).rejects.toBeInstanceOf(
      SDKValidationError,
    );
    expect(server.requests).toHaveLength(0);
    expect(fetchCalls).toBe(0);
  });
});

describe.each<{ op: Operation; request: unknown }>([
  { op: "create", request: { requestBody: validCreateBody } },
  { op: "exchange", request: { requestBody: { code: "auth_code_abc123def456" } } },
])("$op: client options are checked like request input", ({ op, request }) => {
  test.each([
    ["apikey", "apiKey"],
    ["APIKEY", "apiKey"],
    ["apiKye", "apiKey"],
    ["serverUrl", "serverURL"],
    ["serverurl", "serverURL"],
    ["timeout", "timeoutMs"],
    ["retryconfig", "retryConfig"],
    ["debuglogger", "debugLogger"],
    ["httpclient", "httpClient"],
    ["appTitel", "appTitle"],
  ])("a misspelled option %j is refused with the option it resembles", async (name, like) => {
    await expectRefused(
      op,
      request,
      { field: name, reason: `is not a known option; did you mean ${like}?` },
      undefined,
      {
        [name]: "sk-or-v1-misspelled",
      } as SDKOptions,
    );
  });

  test.each(["headers", "retries", "baseURL", "hooks"])("an unknown option %j with no close match", async (name) => {
    await expectRefused(op, request, { field: name, reason: "is not a known option" }, undefined, {
      [name]: {},
    } as SDKOptions);
  });

  test("an unknown option set to undefined is still refused", async () => {
    await expectRefused(op, request, { field: "apikey" }, undefined, bad({ apikey: undefined }));
  });

  test.each<[string, unknown, string]>([
    ["timeoutMs", "30s", "must be of type number"],
    ["maxResponseBytes", "1mb", "must be of type number"],
    ["apiKey", 42, "must be of type string or function"],
    ["httpReferer", null, "must be of type string"],
    ["appTitle", ["My App"], "must be of type string"],
    ["serverURL", 8080, "must be of type string or object"],
    ["fetch", "globalThis.fetch", "must be of type function"],
    ["retryConfig", "none", "must be of type object"],
    ["debugLogger", "console", "must be of type object"],
    ["debugLogger", {}, "must have a log method"],
    ["httpClient", { fetch }, "must have a request method"],
    ["server", "staging", 'must be "production"'],
    ["server", "Production", 'must be "production"'],
  ])("%s: %j is refused", async (name, value, reason) => {
    await expectRefused(op, request, { field: name, reason }, undefined, bad({ [name]: value }));
  });

  test("httpClient and fetch together are refused", async () => {
    const httpClient = { request: countingFetch };
    await expectRefused(op, request, { field: "httpClient", reason: "cannot be combined with fetch" }, undefined, {
      httpClient,
    });
  });

  test('server: "production" is the production URL; serverURL wins over it', async () => {
    const urls: string[] = [];
    const recordingFetch = async (req: Request) => {
      urls.push(req.url);
      return new Response("{}", { status: 418 });
    };
    const options = {
      retryConfig: { strategy: "none" as const },
      fetch: recordingFetch,
      server: "production" as const,
    };
    const call = op === "create" ? oAuthCreateAuthCode : oAuthExchangeAuthCodeForAPIKey;
    await call(new OpenRouterCore(options), bad(request));
    await call(new OpenRouterCore({ ...options, serverURL: "https://other.example/v1" }), bad(request));
    const path = op === "create" ? "/auth/keys/code" : "/auth/keys";
    expect(urls).toEqual([`https://openrouter.ai/api/v1${path}`, `https://other.example/v1${path}`]);
  });
});

describe("a rejected value never appears in the error", () => {
  const SECRET = "sk-or-v1-5ecret5ecret-d0-n0t-l0g-7f3a9c";

  const cases: { name: string; op: Operation; request: unknown; field: string }[] = [
    {
      name: "codeChallengeMethod",
      op: "exchange",
      request: exchangeWith({ codeChallengeMethod: SECRET }),
      field: "requestBody.codeChallengeMethod",
    },
    {
      name: "code beside a bad codeVerifier",
      op: "exchange",
      request: { requestBody: { code: SECRET, codeVerifier: 42 } },
      field: "requestBody.codeVerifier",
    },
    {
      name: "code beside a bad method",
      op: "exchange",
      request: { requestBody: { code: SECRET, codeChallengeMethod: "S512" } },
      field: "requestBody.codeChallengeMethod",
    },
    {
      name: "an unknown field's value",
      op: "exchange",
      request: exchangeWith({ extra: SECRET }),
      field: "requestBody.extra",
    },
    {
      name: "workspaceId",
      op: "create",
      request: createWith({ workspaceId: SECRET }),
      field: "requestBody.workspaceId",
    },
    { name: "expiresAt", op: "create", request: createWith({ expiresAt: SECRET }), field: "requestBody.expiresAt" },
    {
      name: "usageLimitType",
      op: "create",
      request: createWith({ usageLimitType: SECRET }),
      field: "requestBody.usageLimitType",
    },
    { name: "limit", op: "create", request: createWith({ limit: SECRET }), field: "requestBody.limit" },
    {
      name: "callbackUrl",
      op: "create",
      request: createWith({ callbackUrl: `http://${SECRET}.example/cb` }),
      field: "requestBody.callbackUrl",
    },
    {
      name: "callbackUrl with a scheme a browser runs",
      op: "create",
      request: createWith({ callbackUrl: `javascript:alert("${SECRET}")` }),
      field: "requestBody.callbackUrl",
    },
    {
      name: "keyLabel",
      op: "create",
      request: createWith({ keyLabel: SECRET.repeat(5) }),
      field: "requestBody.keyLabel",
    },
  ];

  test.each(cases)("$name", async ({ op, request, field }) => {
    const error = await expectRefused(op, request, { field });
    expect(error.message).not.toContain(SECRET);
    expect(error.reason).not.toContain(SECRET);
    expect(String(error)).not.toContain(SECRET);
    expect(JSON.stringify(error)).not.toContain(SECRET);
    expect(inspect(error, { depth: 5 })).not.toContain(SECRET);
  });

  test("an apiKey with a line break is refused without echoing it", async () => {
    const error = await expectRefused("exchange", { requestBody: { code: "c1" } }, { field: "apiKey" }, undefined, {
      apiKey: `${SECRET}\r\nX-Injected: 1`,
    });
    expect(error.message).not.toContain(SECRET);
    expect(inspect(error, { depth: 5 })).not.toContain(SECRET);
  });
});
