// Contract of `POST /auth/keys` against a Prism mock of the spec: the 200 (with and without an API
// key) and every documented error example, through the class method and the standalone function.
import { describe, expect, inject, test } from "vitest";
import {
  BadRequestResponseError,
  ConflictResponseError,
  type ExchangeAuthCodeForAPIKeyRequest,
  type ExchangeAuthCodeForAPIKeyResponse,
  type ForbiddenReason,
  ForbiddenResponseError,
  InternalServerResponseError,
  OpenRouter,
  OpenRouterCore,
  OpenRouterError,
  oAuthExchangeAuthCodeForAPIKey,
  type RequestOptions,
  type SDKOptions,
  UnauthorizedResponseError,
} from "../src/index.js";

const prismUrl = inject("prismUrl");

/** The spec's own request example, camelCased. */
const request: ExchangeAuthCodeForAPIKeyRequest = {
  requestBody: {
    code: "auth_code_abc123def456",
    codeVerifier: "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk",
    codeChallengeMethod: "S256",
  },
};

const issued: ExchangeAuthCodeForAPIKeyResponse = {
  key: "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",
  userId: "user_2yOPcMpKoQhcd4bVgSMlELRaIah",
};

type Outcome = { ok: true; value: ExchangeAuthCodeForAPIKeyResponse } | { ok: false; error: unknown };
type Call = (
  clientOptions: SDKOptions,
  options?: RequestOptions,
  req?: ExchangeAuthCodeForAPIKeyRequest,
) => Promise<Outcome>;

const callers: { name: string; call: Call }[] = [
  {
    name: "OpenRouter#oAuth.exchangeAuthCodeForAPIKey (throws)",
    call: async (clientOptions, options, req = request) => {
      const client = new OpenRouter(clientOptions);
      try {
        return { ok: true, value: await client.oAuth.exchangeAuthCodeForAPIKey(req, options) };
      } catch (error) {
        return { ok: false, error };
      }
    },
  },
  {
    name: "oAuthExchangeAuthCodeForAPIKey (Result)",
    call: async (clientOptions, options, req = request) => {
      // Must resolve, never reject: a rejection fails the test right here.
      const result = await oAuthExchangeAuthCodeForAPIKey(new OpenRouterCore(clientOptions), req, options);
      return result.ok ? { ok: true, value: result.value } : { ok: false, error: result.error };
    },
  },
];

const allErrorClasses = [
  BadRequestResponseError,
  UnauthorizedResponseError,
  ForbiddenResponseError,
  ConflictResponseError,
  InternalServerResponseError,
];

const errorCases: {
  status: number;
  /** The named example of our overlay; none: upstream's only example for the status. */
  example?: string;
  errorClass: (typeof allErrorClasses)[number];
  message: string;
  reason?: ForbiddenReason;
}[] = [
  {
    status: 400,
    example: "invalidChallengeMethod",
    errorClass: BadRequestResponseError,
    message: "Invalid code_challenge_method",
  },
  {
    status: 400,
    example: "invalidParameters",
    errorClass: BadRequestResponseError,
    message: "Invalid request parameters",
  },
  {
    status: 403,
    example: "invalidCode",
    errorClass: ForbiddenResponseError,
    message: "Invalid code or code_verifier",
    reason: "invalid_code",
  },
  {
    status: 403,
    example: "expiredCode",
    errorClass: ForbiddenResponseError,
    message: "Authorization code expired",
    reason: "expired_code",
  },
  { status: 500, errorClass: InternalServerResponseError, message: "Internal Server Error" },
];

describe.each(callers)("exchangeAuthCodeForAPIKey contract: $name", ({ call }) => {
  test("200 with NO apiKey: the spec's example, camelCased", async () => {
    const outcome = await call({ serverURL: prismUrl });
    expect(outcome).toEqual({ ok: true, value: issued });
  });

  test('200 with apiKey "" (treated as no key)', async () => {
    const outcome = await call({ apiKey: "", serverURL: prismUrl });
    expect(outcome).toEqual({ ok: true, value: issued });
  });

  test("200 with an apiKey", async () => {
    const outcome = await call({ apiKey: "sk-or-v1-app-key", serverURL: prismUrl });
    expect(outcome).toEqual({ ok: true, value: issued });
  });

  test("200 with only the code, and with codeChallengeMethod null", async () => {
    const onlyCode = await call({ serverURL: prismUrl }, undefined, {
      requestBody: { code: "auth_code_abc123def456" },
    });
    expect(onlyCode).toEqual({ ok: true, value: issued });
    const nullMethod = await call({ serverURL: prismUrl }, undefined, {
      requestBody: { code: "auth_code_abc123def456", codeVerifier: "verifier", codeChallengeMethod: null },
    });
    expect(nullMethod).toEqual({ ok: true, value: issued });
  });

  test.each(errorCases)(
    "$status ($example) selected with Prefer",
    async ({ status, example, errorClass, message, reason }) => {
      const prefer = example === undefined ? `code=${status}` : `code=${status}, example=${example}`;
      const outcome = await call(
        { serverURL: prismUrl },
        { fetchOptions: { headers: { Prefer: prefer } }, retries: { strategy: "none" } },
      );
      // Our examples carry the body as servers send it; upstream's (the 500) only `error.code` and `.message`.
      const detail = example === undefined ? { code: status, message } : { code: status, message, metadata: null };
      const wire = example === undefined ? { error: detail } : { error: detail, user_id: null };
      expect(outcome.ok).toBe(false);
      if (outcome.ok) return;
      const error = outcome.error;
      expect(error).toBeInstanceOf(errorClass);
      expect(error).toBeInstanceOf(OpenRouterError);
      expect(error).toBeInstanceOf(Error);
      for (const other of allErrorClasses) {
        if (other !== errorClass) expect(error).not.toBeInstanceOf(other);
      }
      const httpError = error as OpenRouterError;
      expect(httpError.name).toBe(errorClass.name);
      expect(httpError.statusCode).toBe(status);
      // The server's message, verbatim (integrators need e.g. "Invalid code_challenge_method" as is).
      expect(httpError.message).toBe(message);
      // Absent user fields read as null.
      expect(httpError.data$).toStrictEqual({ error: detail, userId: null, openrouterMetadata: null });
      expect(typeof httpError.body).toBe("string");
      if (example !== undefined) expect(httpError.body).toContain('"user_id"');
      expect(JSON.parse(httpError.body)).toStrictEqual(wire);
      expect(httpError.headers).toBeInstanceOf(Headers);
      expect(httpError.headers.get("content-type")).toMatch(/^application\/json/);
      if (status === 403) {
        expect((error as ForbiddenResponseError).reason).toBe(reason);
      }
    },
  );

  test("the error examples also come back with an apiKey set", async () => {
    const outcome = await call(
      { apiKey: "sk-or-v1-app-key", serverURL: prismUrl },
      { fetchOptions: { headers: { Prefer: "code=403, example=expiredCode" } } },
    );
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.error).toBeInstanceOf(ForbiddenResponseError);
    expect((outcome.error as ForbiddenResponseError).reason).toBe("expired_code");
    expect((outcome.error as ForbiddenResponseError).message).toBe("Authorization code expired");
  });
});
