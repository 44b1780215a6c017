// Contract of `POST /auth/keys/code` against a Prism mock of the spec: the 200 and every documented
// error status, through the throwing class method and the standalone Result-returning function.
import { describe, expect, inject, test } from "vitest";
import {
  BadRequestResponseError,
  ConflictResponseError,
  type CreateAuthKeysCodeRequest,
  type CreateAuthKeysCodeResponse,
  ForbiddenResponseError,
  InternalServerResponseError,
  OpenRouter,
  OpenRouterCore,
  OpenRouterError,
  oAuthCreateAuthCode,
  type RequestOptions,
  type SDKOptions,
  UnauthorizedResponseError,
} from "../src/index.js";

const prismUrl = inject("prismUrl");
const apiKey = "sk-or-v1-contract-test-key";

/** The spec's own request example, camelCased. */
const request: CreateAuthKeysCodeRequest = {
  requestBody: {
    callbackUrl: "https://myapp.com/auth/callback",
    codeChallenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
    codeChallengeMethod: "S256",
    limit: 100,
  },
};

/** The two ways to call the operation, both normalised to a Result so one table of cases covers both. */
type Outcome = { ok: true; value: CreateAuthKeysCodeResponse } | { ok: false; error: unknown };
const callers: { name: string; call: (clientOptions: SDKOptions, options?: RequestOptions) => Promise<Outcome> }[] = [
  {
    name: "OpenRouter#oAuth.createAuthCode (throws)",
    call: async (clientOptions, options) => {
      const client = new OpenRouter(clientOptions);
      try {
        return { ok: true, value: await client.oAuth.createAuthCode(request, options) };
      } catch (error) {
        return { ok: false, error };
      }
    },
  },
  {
    name: "oAuthCreateAuthCode (Result)",
    call: async (clientOptions, options) => {
      const promise = oAuthCreateAuthCode(new OpenRouterCore(clientOptions), request, options);
      // Must resolve, never reject: a rejection fails the test right here.
      const result = await promise;
      return result.ok ? { ok: true, value: result.value } : { ok: false, error: result.error };
    },
  },
];

// Upstream's error examples for this operation: one per status, `{ error: { code, message } }` only.
const errorBody = (code: number, message: string) => ({
  wire: { error: { code, message } },
  // Absent user fields read as null.
  data$: { error: { code, message }, userId: null, openrouterMetadata: null },
});

const errorCases = [
  { status: 400, errorClass: BadRequestResponseError, message: "Invalid request parameters" },
  { status: 401, errorClass: UnauthorizedResponseError, message: "Missing Authentication header" },
  { status: 403, errorClass: ForbiddenResponseError, message: "Only management keys can perform this operation" },
  { status: 409, errorClass: ConflictResponseError, message: "Resource conflict. Please try again later." },
  { status: 500, errorClass: InternalServerResponseError, message: "Internal Server Error" },
] as const;

const allErrorClasses = [
  BadRequestResponseError,
  UnauthorizedResponseError,
  ForbiddenResponseError,
  ConflictResponseError,
  InternalServerResponseError,
];

function expectHTTPError(
  outcome: Outcome,
  expected: { status: number; errorClass: (typeof allErrorClasses)[number]; message: string },
): void {
  expect(outcome.ok).toBe(false);
  if (outcome.ok) return;
  const error = outcome.error;
  expect(error).toBeInstanceOf(expected.errorClass);
  expect(error).toBeInstanceOf(OpenRouterError);
  expect(error).toBeInstanceOf(Error);
  // Exactly this class: not any sibling.
  for (const other of allErrorClasses) {
    if (other !== expected.errorClass) expect(error).not.toBeInstanceOf(other);
  }
  const httpError = error as OpenRouterError;
  expect(httpError.name).toBe(expected.errorClass.name);
  expect(httpError.statusCode).toBe(expected.status);
  expect(httpError.message).toBe(expected.message);
  const { wire, data$ } = errorBody(expected.status, expected.message);
  expect(httpError.data$).toStrictEqual(data$);
  expect(typeof httpError.body).toBe("string");
  // The raw text, as the server sent it.
  expect(httpError.body).toContain(`"message":"${expected.message}"`);
  expect(JSON.parse(httpError.body)).toEqual(wire);
  expect(httpError.headers).toBeInstanceOf(Headers);
  expect(httpError.headers.get("content-type")).toMatch(/^application\/json/);
}

describe.each(callers)("createAuthCode contract: $name", ({ call }) => {
  test("200: the spec's example, camelCased", async () => {
    const outcome = await call({ apiKey, serverURL: prismUrl });
    expect(outcome).toEqual({
      ok: true,
      value: { data: { id: "auth_code_xyz789", appId: 12345, createdAt: "2025-08-24T10:30:00Z" } },
    });
  });

  test("200 with only the required callbackUrl and with every optional field", async () => {
    const client = { apiKey, serverURL: prismUrl };
    const minimal = await call(client);
    expect(minimal.ok).toBe(true);
    const core = new OpenRouterCore(client);
    const full = await oAuthCreateAuthCode(core, {
      requestBody: {
        callbackUrl: "http://127.0.0.1:8976/callback",
        codeChallenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
        codeChallengeMethod: "plain",
        limit: 12.5,
        expiresAt: new Date("2027-12-31T23:59:59Z"),
        keyLabel: "My CLI on laptop",
        usageLimitType: "monthly",
        workspaceId: "3fa85f64-5717-4562-b3fc-2c963f66afa6",
      },
      httpReferer: "https://myapp.com",
      appTitle: "My App",
      appCategories: "cli-agent,programming-app",
    });
    // Prism validates the request against the spec: a wrongly mapped field would give 422, not 200.
    expect(full).toEqual({
      ok: true,
      value: { data: { id: "auth_code_xyz789", appId: 12345, createdAt: "2025-08-24T10:30:00Z" } },
    });
  });

  test.each(errorCases)(
    "$status (the spec's example) selected with Prefer",
    async ({ status, errorClass, message }) => {
      const outcome = await call(
        { apiKey, serverURL: prismUrl },
        { fetchOptions: { headers: { Prefer: `code=${status}` } }, retries: { strategy: "none" } },
      );
      expectHTTPError(outcome, { status, errorClass, message });
    },
  );

  test("401 from Prism when the client has no apiKey", async () => {
    const outcome = await call({ serverURL: prismUrl }, { retries: { strategy: "none" } });
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.error).toBeInstanceOf(UnauthorizedResponseError);
    expect(outcome.error).toBeInstanceOf(OpenRouterError);
    expect((outcome.error as UnauthorizedResponseError).statusCode).toBe(401);
  });

  test("403 on create has no exchange reason", async () => {
    const outcome = await call({ apiKey, serverURL: prismUrl }, { fetchOptions: { headers: { Prefer: "code=403" } } });
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.error).toBeInstanceOf(ForbiddenResponseError);
    expect((outcome.error as ForbiddenResponseError).reason).toBeUndefined();
  });
});
