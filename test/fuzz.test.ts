// Property-based tests: whatever a caller passes and whatever a server answers, a standalone function
// resolves a Result holding an SDK error class, and a class method throws only SDK error classes.
// No request leaves the process: the client's fetch is a stub that answers from the generated case.
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  AuthorizationCallbackError,
  ConnectionError,
  OpenRouter,
  OpenRouterCore,
  OpenRouterError,
  oAuthCompleteAuthorization,
  oAuthCreateAuthCode,
  oAuthCreateAuthorizationUrl,
  oAuthCreateSHA256CodeChallenge,
  oAuthExchangeAuthCodeForAPIKey,
  oAuthParseAuthorizationCallback,
  oAuthStartAuthorization,
  RequestAbortedError,
  RequestTimeoutError,
  SDKValidationError,
  UnexpectedClientError,
} from "../src/index.js";

const sdkErrors = [
  OpenRouterError,
  SDKValidationError,
  ConnectionError,
  RequestTimeoutError,
  RequestAbortedError,
  UnexpectedClientError,
  AuthorizationCallbackError,
];
const isSDKError = (error: unknown) => sdkErrors.some((type) => error instanceof type);

/** A server answer: any status, any body (JSON-ish or not), sometimes a thrown network error. */
const answer = fc.oneof(
  fc.record({
    status: fc.integer({ min: 200, max: 599 }),
    body: fc.oneof(
      fc.string(),
      fc.json(),
      fc.constant('{"key":"sk-or-v1-x","user_id":null}'),
      fc.constant('{"data":{"id":"c","app_id":1,"created_at":"t"}}'),
      fc.constant('{"error":{"code":400,"message":"bad"}}'),
    ),
    contentType: fc.constantFrom("application/json", "text/html", "text/plain", ""),
  }),
  fc.constant("network-error" as const),
);

function stubClient(reply: typeof answer extends fc.Arbitrary<infer T> ? T : never, extra: object = {}) {
  const fetch = async () => {
    if (reply === "network-error") throw new TypeError("fetch failed");
    const noBody = [204, 205, 304].includes(reply.status);
    return new Response(noBody ? null : reply.body, {
      status: reply.status,
      headers: reply.contentType ? { "content-type": reply.contentType } : {},
    });
  };
  return { fetch, serverURL: "http://127.0.0.1:9/api/v1", retryConfig: { strategy: "none" as const }, ...extra };
}

const hostile = fc.oneof(
  fc.anything(),
  fc.record({ requestBody: fc.anything(), httpReferer: fc.anything(), appTitle: fc.anything() }, { requiredKeys: [] }),
  fc.record({
    requestBody: fc.record(
      {
        callbackUrl: fc.oneof(fc.webUrl(), fc.string(), fc.anything()),
        code: fc.oneof(fc.string(), fc.anything()),
        codeVerifier: fc.string(),
        codeChallenge: fc.string(),
        codeChallengeMethod: fc.constantFrom("S256", "plain", null, "x"),
        limit: fc.oneof(fc.double(), fc.string()),
        expiresAt: fc.oneof(fc.date({ noInvalidDate: false }), fc.string(), fc.constant(null)),
        keyLabel: fc.string({ maxLength: 120 }),
        workspaceId: fc.oneof(fc.uuid(), fc.string()),
      },
      { requiredKeys: [] },
    ),
  }),
);
const hostileOptions = fc.oneof(
  fc.constant(undefined),
  fc.anything(),
  fc.record(
    {
      timeoutMs: fc.oneof(fc.integer({ min: -5, max: 50 }), fc.double(), fc.anything()),
      retries: fc.oneof(fc.constant({ strategy: "none" }), fc.anything()),
      retryCodes: fc.oneof(fc.array(fc.string()), fc.anything()),
      serverURL: fc.oneof(fc.webUrl(), fc.string()),
      fetchOptions: fc.oneof(fc.constant({ headers: { "x-a": "b" } }), fc.anything()),
    },
    { requiredKeys: [] },
  ),
);

describe("standalone functions never throw or reject, and fail only with SDK errors", () => {
  test("the two operations, with hostile requests, options and server answers", async () => {
    await fc.assert(
      fc.asyncProperty(hostile, hostileOptions, answer, fc.boolean(), async (request, options, reply, create) => {
        const core = new OpenRouterCore(stubClient(reply));
        const call = create ? oAuthCreateAuthCode : oAuthExchangeAuthCodeForAPIKey;
        const result = await call(core, request as never, options as never);
        expect(typeof result.ok).toBe("boolean");
        if (!result.ok) expect(isSDKError(result.error)).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  test("hostile client options", async () => {
    const clientOptions = fc.record(
      {
        apiKey: fc.oneof(
          fc.string(),
          fc.anything(),
          fc.constant(() => Promise.reject(new Error("vault down"))),
        ),
        timeoutMs: fc.anything(),
        retryConfig: fc.anything(),
        retryCodes: fc.anything(),
        serverURL: fc.anything(),
        maxResponseBytes: fc.anything(),
        appTitle: fc.oneof(fc.string(), fc.anything()),
        userAgent: fc.anything(),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(clientOptions, answer, async (options, reply) => {
        const core = new OpenRouterCore({ ...stubClient(reply), ...(options as object) } as never);
        const result = await oAuthExchangeAuthCodeForAPIKey(core, { requestBody: { code: "c" } });
        if (!result.ok) expect(isSDKError(result.error)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  test("the PKCE helpers", async () => {
    const core = new OpenRouterCore();
    await fc.assert(
      fc.asyncProperty(fc.anything(), fc.anything(), async (a, b) => {
        const results = [
          oAuthCreateAuthorizationUrl(core, a as never),
          await oAuthCreateSHA256CodeChallenge(a as never),
          oAuthParseAuthorizationCallback(a as never, b as never),
          await oAuthStartAuthorization(core, a as never),
          await oAuthCompleteAuthorization(new OpenRouterCore(stubClient("network-error")), a as never),
        ];
        for (const result of results) if (!result.ok) expect(isSDKError(result.error)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  test("callback URLs of any shape", () => {
    fc.assert(
      fc.property(fc.webUrl({ withQueryParameters: true, withFragments: true }), fc.string(), (url, nonce) => {
        const result = oAuthParseAuthorizationCallback(url, { expectedNonce: nonce });
        if (!result.ok) expect(isSDKError(result.error)).toBe(true);
        else expect(typeof result.value.code).toBe("string");
      }),
      { numRuns: 500 },
    );
  });
});

test("class methods throw only SDK error classes", async () => {
  await fc.assert(
    fc.asyncProperty(hostile, hostileOptions, answer, async (request, options, reply) => {
      const { oAuth } = new OpenRouter(stubClient(reply));
      for (const call of [
        () => oAuth.createAuthCode(request as never, options as never),
        () => oAuth.exchangeAuthCodeForAPIKey(request as never, options as never),
        async () => oAuth.createAuthorizationUrl(request as never),
        () => oAuth.createSHA256CodeChallenge(request as never),
        async () => oAuth.parseAuthorizationCallback(request as never, options as never),
      ]) {
        try {
          await call();
        } catch (error) {
          expect(isSDKError(error)).toBe(true);
        }
      }
    }),
    { numRuns: 200 },
  );
});
