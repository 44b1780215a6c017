// What goes on the wire: camelCase fields sent snake_case, method, paths, headers (content type,
// bearer key, app headers and their overrides), checked against a recording server.
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import {
  OpenRouter,
  OpenRouterCore,
  oAuthCreateAuthCode,
  oAuthExchangeAuthCodeForAPIKey,
  type RequestOptions,
  SDK_VERSION,
  type SDKOptions,
} from "../src/index.js";
import { type RecordedRequest, type RecordingServer, startRecordingServer } from "./support/recording-server.js";

let server: RecordingServer;
let other: RecordingServer;

beforeAll(async () => {
  server = await startRecordingServer();
  other = await startRecordingServer();
});
afterAll(async () => {
  await server?.close();
  await other?.close();
});
beforeEach(() => {
  server.reset();
  other.reset();
});

const noRetries: RequestOptions = { retries: { strategy: "none" } };

/** The one request the server saw. */
function only(srv: RecordingServer = server): RecordedRequest {
  expect(srv.requests).toHaveLength(1);
  return srv.requests[0]!;
}

const create = (
  clientOptions: SDKOptions,
  requestBody: Parameters<typeof oAuthCreateAuthCode>[1]["requestBody"],
  options?: RequestOptions,
) =>
  oAuthCreateAuthCode(
    new OpenRouterCore({ serverURL: server.url, ...clientOptions }),
    { requestBody },
    { ...noRetries, ...options },
  );

const exchange = (
  clientOptions: SDKOptions,
  requestBody: Parameters<typeof oAuthExchangeAuthCodeForAPIKey>[1]["requestBody"],
  options?: RequestOptions,
) =>
  oAuthExchangeAuthCodeForAPIKey(
    new OpenRouterCore({ serverURL: server.url, ...clientOptions }),
    { requestBody },
    {
      ...noRetries,
      ...options,
    },
  );

describe("createAuthCode body", () => {
  test("every field is sent snake_case with its value", async () => {
    const result = await create(
      { apiKey: "sk-app" },
      {
        callbackUrl: "https://myapp.com/auth/callback",
        codeChallenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
        codeChallengeMethod: "S256",
        limit: 12.5,
        expiresAt: "2027-12-31T23:59:59Z",
        keyLabel: "My CLI on laptop",
        usageLimitType: "weekly",
        workspaceId: "3fa85f64-5717-4562-b3fc-2c963f66afa6",
      },
    );
    expect(result.ok).toBe(true);
    const sent = only();
    expect(sent.json()).toEqual({
      callback_url: "https://myapp.com/auth/callback",
      code_challenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
      code_challenge_method: "S256",
      limit: 12.5,
      expires_at: "2027-12-31T23:59:59Z",
      key_label: "My CLI on laptop",
      usage_limit_type: "weekly",
      workspace_id: "3fa85f64-5717-4562-b3fc-2c963f66afa6",
    });
    expect(Object.keys(sent.json() as object).sort()).toEqual([
      "callback_url",
      "code_challenge",
      "code_challenge_method",
      "expires_at",
      "key_label",
      "limit",
      "usage_limit_type",
      "workspace_id",
    ]);
    // No camelCase key leaks into the raw text.
    expect(sent.body).not.toMatch(/callbackUrl|codeChallenge|expiresAt|keyLabel|usageLimitType|workspaceId/);
  });

  test("fields left undefined are absent from the JSON", async () => {
    const result = await create(
      { apiKey: "sk-app" },
      {
        callbackUrl: "http://localhost:3000/cb",
        codeChallenge: undefined,
        codeChallengeMethod: undefined,
        limit: undefined,
        expiresAt: undefined,
        keyLabel: undefined,
        usageLimitType: undefined,
        workspaceId: undefined,
      },
    );
    expect(result.ok).toBe(true);
    const sent = only();
    expect(sent.body).toBe('{"callback_url":"http://localhost:3000/cb"}');
  });

  test("a fractional limit is sent as it is", async () => {
    await create({ apiKey: "sk-app" }, { callbackUrl: "https://myapp.com/cb", limit: 0.01 });
    expect(only().json()).toEqual({ callback_url: "https://myapp.com/cb", limit: 0.01 });
  });

  test("expiresAt as a Date is sent as its ISO string", async () => {
    const result = await create(
      { apiKey: "sk-app" },
      { callbackUrl: "https://myapp.com/cb", expiresAt: new Date(Date.UTC(2027, 11, 31, 23, 59, 59, 123)) },
    );
    expect(result.ok).toBe(true);
    expect(only().json()).toEqual({ callback_url: "https://myapp.com/cb", expires_at: "2027-12-31T23:59:59.123Z" });
  });

  test("expiresAt null stays null", async () => {
    await create({ apiKey: "sk-app" }, { callbackUrl: "https://myapp.com/cb", expiresAt: null });
    const sent = only();
    expect(sent.json()).toEqual({ callback_url: "https://myapp.com/cb", expires_at: null });
    expect(sent.body).toContain('"expires_at":null');
  });

  test("expiresAt as an ISO string with an offset is sent as given", async () => {
    await create({ apiKey: "sk-app" }, { callbackUrl: "https://myapp.com/cb", expiresAt: "2027-06-01T12:00:00+02:00" });
    expect(only().json()).toEqual({ callback_url: "https://myapp.com/cb", expires_at: "2027-06-01T12:00:00+02:00" });
  });

  test("the 200 body is mapped to camelCase", async () => {
    const result = await create({ apiKey: "sk-app" }, { callbackUrl: "https://myapp.com/cb" });
    expect(result).toEqual({
      ok: true,
      value: { data: { id: "auth_code_recorded", appId: 7, createdAt: "2026-01-02T03:04:05Z" } },
    });
  });
});

describe("exchangeAuthCodeForAPIKey body", () => {
  test("code, code_verifier and code_challenge_method are sent snake_case", async () => {
    const result = await exchange(
      {},
      {
        code: "auth_code_abc123def456",
        codeVerifier: "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk",
        codeChallengeMethod: "plain",
      },
    );
    expect(result).toEqual({ ok: true, value: { key: "sk-or-v1-recorded", userId: "user_recorded" } });
    const sent = only();
    expect(sent.json()).toEqual({
      code: "auth_code_abc123def456",
      code_verifier: "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk",
      code_challenge_method: "plain",
    });
    expect(sent.body).not.toMatch(/codeVerifier|codeChallengeMethod/);
  });

  test("codeChallengeMethod null is sent as null", async () => {
    await exchange({}, { code: "c1", codeChallengeMethod: null });
    const sent = only();
    expect(sent.json()).toEqual({ code: "c1", code_challenge_method: null });
    expect(sent.body).toContain('"code_challenge_method":null');
  });

  test("fields left undefined are absent", async () => {
    await exchange({}, { code: "c1", codeVerifier: undefined, codeChallengeMethod: undefined });
    expect(only().body).toBe('{"code":"c1"}');
  });
});

describe.each([
  {
    name: "createAuthCode",
    path: "/auth/keys/code",
    send: (o: SDKOptions, r?: RequestOptions) => create(o, { callbackUrl: "https://myapp.com/cb" }, r),
  },
  {
    name: "exchangeAuthCodeForAPIKey",
    path: "/auth/keys",
    send: (o: SDKOptions, r?: RequestOptions) => exchange(o, { code: "c1" }, r),
  },
])("$name request line and headers", ({ path, send }) => {
  test(`POST ${path} under the serverURL, JSON content type`, async () => {
    const result = await send({ apiKey: "sk-app" });
    expect(result.ok).toBe(true);
    const sent = only();
    expect(sent.method).toBe("POST");
    expect(sent.url).toBe(path);
    expect(sent.headers["content-type"]).toMatch(/^application\/json(;|$)/);
    expect(sent.headers["accept"]).toBe("application/json");
    expect(sent.headers["user-agent"]).toBe(`openrouter-oauth/${SDK_VERSION}`);
  });

  test(`a serverURL with a path keeps it: /api/v1${path}`, async () => {
    await send({ apiKey: "sk-app", serverURL: `${server.url}/api/v1` });
    expect(only().url).toBe(`/api/v1${path}`);
  });

  test("a serverURL with a trailing slash does not double it", async () => {
    await send({ apiKey: "sk-app", serverURL: `${server.url}/api/v1/` });
    expect(only().url).toBe(`/api/v1${path}`);
  });

  test("a serverURL given as a URL object works", async () => {
    await send({ apiKey: "sk-app", serverURL: new URL(`${server.url}/api/v1`) });
    expect(only().url).toBe(`/api/v1${path}`);
  });

  test("options.serverURL overrides the client's for that call only", async () => {
    const result = await send(
      { apiKey: "sk-app", serverURL: `${server.url}/client` },
      { serverURL: `${other.url}/per-call` },
    );
    expect(result.ok).toBe(true);
    expect(server.requests).toHaveLength(0);
    expect(only(other).url).toBe(`/per-call${path}`);
  });

  test("fetch options flattened into the call's options, as @openrouter/sdk takes them, win over fetchOptions", async () => {
    const result = await send(
      { apiKey: "sk-app" },
      {
        headers: { "x-request-id": "flat" },
        cache: "no-store",
        fetchOptions: { headers: { "x-request-id": "nested", "x-only-nested": "1" } },
      },
    );
    expect(result.ok).toBe(true);
    const { headers } = only();
    expect(headers["x-request-id"]).toBe("flat");
    expect(headers).not.toHaveProperty("x-only-nested");
    await send({ apiKey: "sk-app" }, { fetchOptions: { headers: { "x-request-id": "nested" } } });
    expect(server.requests[1]?.headers["x-request-id"]).toBe("nested");
  });

  test("a flattened headers: undefined keeps fetchOptions' headers", async () => {
    const result = await send(
      { apiKey: "sk-app" },
      { headers: undefined, fetchOptions: { headers: { "x-request-id": "nested" } } },
    );
    expect(result.ok).toBe(true);
    expect(only().headers["x-request-id"]).toBe("nested");
  });

  test("Authorization: Bearer <key> with a key", async () => {
    await send({ apiKey: "sk-or-v1-wire-key" });
    expect(only().headers["authorization"]).toBe("Bearer sk-or-v1-wire-key");
  });

  test("no Authorization header without an apiKey", async () => {
    await send({});
    expect(only().headers).not.toHaveProperty("authorization");
  });

  test('no Authorization header with apiKey ""', async () => {
    await send({ apiKey: "" });
    expect(only().headers).not.toHaveProperty("authorization");
  });

  test("an async apiKey function is awaited", async () => {
    let calls = 0;
    await send({
      apiKey: async () => {
        calls++;
        await new Promise((resolve) => setTimeout(resolve, 20));
        return "sk-from-async";
      },
    });
    expect(calls).toBe(1);
    expect(only().headers["authorization"]).toBe("Bearer sk-from-async");
  });

  test("a sync apiKey function is called per call", async () => {
    let n = 0;
    const apiKey = () => `sk-sync-${++n}`;
    await send({ apiKey });
    await send({ apiKey });
    expect(server.requests.map((r) => r.headers["authorization"])).toEqual(["Bearer sk-sync-1", "Bearer sk-sync-2"]);
  });

  test("an apiKey function resolving to undefined sends no Authorization", async () => {
    await send({ apiKey: async () => undefined });
    expect(only().headers).not.toHaveProperty("authorization");
  });

  test("app headers come from the client options", async () => {
    await send({
      httpReferer: "https://client.example",
      appTitle: "Client App",
      appCategories: "cli-agent,programming-app",
    });
    const { headers } = only();
    expect(headers["http-referer"]).toBe("https://client.example");
    expect(headers["x-openrouter-title"]).toBe("Client App");
    expect(headers["x-openrouter-categories"]).toBe("cli-agent,programming-app");
  });

  test("no app headers when none are set", async () => {
    await send({});
    const { headers } = only();
    expect(headers).not.toHaveProperty("http-referer");
    expect(headers).not.toHaveProperty("x-openrouter-title");
    expect(headers).not.toHaveProperty("x-openrouter-categories");
  });

  test("fetchOptions.headers override the client's app headers and the Authorization", async () => {
    await send(
      {
        apiKey: "sk-client",
        httpReferer: "https://client.example",
        appTitle: "Client App",
        appCategories: "client-cat",
      },
      {
        fetchOptions: {
          headers: {
            "HTTP-Referer": "https://fetch-options.example",
            "X-OpenRouter-Title": "Fetch Options App",
            Authorization: "Bearer sk-override",
            "X-Custom": "yes",
          },
        },
      },
    );
    const { headers } = only();
    expect(headers["http-referer"]).toBe("https://fetch-options.example");
    expect(headers["x-openrouter-title"]).toBe("Fetch Options App");
    expect(headers["x-openrouter-categories"]).toBe("client-cat");
    expect(headers["authorization"]).toBe("Bearer sk-override");
    expect(headers["x-custom"]).toBe("yes");
  });

  test("fetchOptions.headers as a Headers instance are applied", async () => {
    await send(
      { appTitle: "Client App" },
      { fetchOptions: { headers: new Headers({ "X-OpenRouter-Title": "From Headers" }) } },
    );
    expect(only().headers["x-openrouter-title"]).toBe("From Headers");
  });
});

describe("per-request app header fields", () => {
  const client: SDKOptions = {
    apiKey: "sk-app",
    httpReferer: "https://client.example",
    appTitle: "Client App",
    appCategories: "client-cat",
  };

  test("createAuthCode: request fields override the client's, and are not put in the body", async () => {
    const result = await oAuthCreateAuthCode(
      new OpenRouterCore({ ...client, serverURL: server.url }),
      {
        requestBody: { callbackUrl: "https://myapp.com/cb" },
        httpReferer: "https://request.example",
        appTitle: "Request App",
        appCategories: "request-cat",
      },
      noRetries,
    );
    expect(result.ok).toBe(true);
    const sent = only();
    expect(sent.headers["http-referer"]).toBe("https://request.example");
    expect(sent.headers["x-openrouter-title"]).toBe("Request App");
    expect(sent.headers["x-openrouter-categories"]).toBe("request-cat");
    expect(sent.json()).toEqual({ callback_url: "https://myapp.com/cb" });
  });

  test("exchange: only the given request field overrides; the others stay the client's", async () => {
    const result = await oAuthExchangeAuthCodeForAPIKey(
      new OpenRouterCore({ ...client, serverURL: server.url }),
      { requestBody: { code: "c1" }, appTitle: "Request App" },
      noRetries,
    );
    expect(result.ok).toBe(true);
    const sent = only();
    expect(sent.headers["http-referer"]).toBe("https://client.example");
    expect(sent.headers["x-openrouter-title"]).toBe("Request App");
    expect(sent.headers["x-openrouter-categories"]).toBe("client-cat");
    expect(sent.json()).toEqual({ code: "c1" });
  });

  test("fetchOptions.headers override the request fields", async () => {
    await oAuthExchangeAuthCodeForAPIKey(
      new OpenRouterCore({ ...client, serverURL: server.url }),
      { requestBody: { code: "c1" }, httpReferer: "https://request.example", appCategories: "request-cat" },
      { ...noRetries, fetchOptions: { headers: { "http-referer": "https://fetch-options.example" } } },
    );
    const { headers } = only();
    expect(headers["http-referer"]).toBe("https://fetch-options.example");
    expect(headers["x-openrouter-categories"]).toBe("request-cat");
  });
});

describe("the class methods send the same wire format", () => {
  test("createAuthCode and exchangeAuthCodeForAPIKey via OpenRouter", async () => {
    const client = new OpenRouter({ apiKey: "sk-class", serverURL: `${server.url}/api/v1`, appTitle: "Class App" });
    const created = await client.oAuth.createAuthCode(
      { requestBody: { callbackUrl: "http://127.0.0.1:8976/cb", codeChallengeMethod: "plain", keyLabel: "k" } },
      noRetries,
    );
    expect(created).toEqual({ data: { id: "auth_code_recorded", appId: 7, createdAt: "2026-01-02T03:04:05Z" } });
    const exchanged = await client.oAuth.exchangeAuthCodeForAPIKey(
      { requestBody: { code: created.data.id, codeVerifier: "v", codeChallengeMethod: "plain" } },
      noRetries,
    );
    expect(exchanged).toEqual({ key: "sk-or-v1-recorded", userId: "user_recorded" });
    expect(
      server.requests.map((r) => [r.method, r.url, r.headers["authorization"], r.headers["x-openrouter-title"]]),
    ).toEqual([
      ["POST", "/api/v1/auth/keys/code", "Bearer sk-class", "Class App"],
      ["POST", "/api/v1/auth/keys", "Bearer sk-class", "Class App"],
    ]);
    expect(server.requests.map((r) => r.json())).toEqual([
      { callback_url: "http://127.0.0.1:8976/cb", code_challenge_method: "plain", key_label: "k" },
      { code: "auth_code_recorded", code_verifier: "v", code_challenge_method: "plain" },
    ]);
  });
});
