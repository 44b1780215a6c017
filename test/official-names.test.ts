// Names a program written for @openrouter/sdk 1.3.19 uses with these operations, under the same entry
// points: the enums as values and types, the named request and response types, the class's promise from
// createAuthorizationUrl, HTTPClient from the root, and the errors built with the official constructor arguments.
// Each block is what such a program writes; the type checks run in `npm run typecheck` (test/tsconfig.json),
// the values here.
import { describe, expect, expectTypeOf, test } from "vitest";
import type { CreateAuthorizationUrlRequest } from "../src/funcs/oAuthCreateAuthorizationUrl.js";
import type {
  CreateSHA256CodeChallengeRequest,
  CreateSHA256CodeChallengeResponse,
} from "../src/funcs/oAuthCreateSHA256CodeChallenge.js";
import {
  type Fetcher,
  HTTPClient,
  type HTTPClientOptions,
  OpenRouter,
  HTTPClient as RootHTTPClient,
  type SDKOptions,
} from "../src/index.js";
import { HTTPClient as LibHTTPClient } from "../src/lib/http.js";
import * as errors from "../src/models/errors/index.js";
import * as operations from "../src/models/operations/index.js";
import type { OpenEnum } from "../src/types/index.js";

describe("models/operations: the enums are values and types", () => {
  test("CreateAuthKeysCodeCodeChallengeMethod, ExchangeAuthCodeForAPIKeyCodeChallengeMethod, UsageLimitType", () => {
    expect(operations.CreateAuthKeysCodeCodeChallengeMethod).toEqual({ S256: "S256", Plain: "plain" });
    expect(operations.ExchangeAuthCodeForAPIKeyCodeChallengeMethod).toEqual({ S256: "S256", Plain: "plain" });
    expect(operations.UsageLimitType).toEqual({ Daily: "daily", Weekly: "weekly", Monthly: "monthly" });
    // Open, as @openrouter/sdk types them: the values, or any other string (checked, and refused, at run time).
    expectTypeOf<operations.CreateAuthKeysCodeCodeChallengeMethod>().toEqualTypeOf<
      OpenEnum<{ S256: "S256"; Plain: "plain" }>
    >();
    expectTypeOf<operations.ExchangeAuthCodeForAPIKeyCodeChallengeMethod>().toEqualTypeOf<
      OpenEnum<{ S256: "S256"; Plain: "plain" }>
    >();
    expectTypeOf<operations.UsageLimitType>().toEqualTypeOf<
      OpenEnum<{ Daily: "daily"; Weekly: "weekly"; Monthly: "monthly" }>
    >();
    expectTypeOf<"S256">().toExtend<operations.CreateAuthKeysCodeCodeChallengeMethod>();
  });

  test("a request built from the enums is a request of ours", () => {
    const request: operations.CreateAuthKeysCodeRequest = {
      requestBody: {
        callbackUrl: "https://myapp.example/callback",
        codeChallenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
        codeChallengeMethod: operations.CreateAuthKeysCodeCodeChallengeMethod.S256,
        usageLimitType: operations.UsageLimitType.Monthly,
      },
    };
    const exchange: operations.ExchangeAuthCodeForAPIKeyRequest = {
      requestBody: { code: "c", codeChallengeMethod: operations.ExchangeAuthCodeForAPIKeyCodeChallengeMethod.Plain },
    };
    expect(request.requestBody.usageLimitType).toBe("monthly");
    expect(exchange.requestBody.codeChallengeMethod).toBe("plain");
  });

  test("CreateAuthKeysCodeData and the Globals types", () => {
    expectTypeOf<operations.CreateAuthKeysCodeData>().toEqualTypeOf<operations.CreateAuthKeysCodeResponse["data"]>();
    expectTypeOf<operations.CreateAuthKeysCodeGlobals>().toEqualTypeOf<{
      httpReferer?: string | undefined;
      appTitle?: string | undefined;
      appCategories?: string | undefined;
    }>();
    expectTypeOf<operations.ExchangeAuthCodeForAPIKeyGlobals>().toEqualTypeOf<operations.CreateAuthKeysCodeGlobals>();
  });
});

describe("funcs: the helpers' parameter and result types under the official names", () => {
  test("CreateAuthorizationUrlRequest, CreateSHA256CodeChallengeRequest and …Response", async () => {
    const params: CreateAuthorizationUrlRequest = { callbackUrl: new URL("https://myapp.example/cb"), limit: 5 };
    const openRouter = new OpenRouter();
    const pairRequest: CreateSHA256CodeChallengeRequest = {};
    const pair: CreateSHA256CodeChallengeResponse = await openRouter.oAuth.createSHA256CodeChallenge(pairRequest);
    expect(pair.codeVerifier).toMatch(/^[A-Za-z\d_-]{43}$/);
    // As in @openrouter/sdk, the class's createAuthorizationUrl returns a promise.
    const url = await openRouter.oAuth.createAuthorizationUrl({
      ...params,
      codeChallenge: pair.codeChallenge,
      codeChallengeMethod: "S256",
    });
    expect(new URL(url).searchParams.get("code_challenge")).toBe(pair.codeChallenge);
    expectTypeOf(openRouter.oAuth.createAuthorizationUrl).returns.toEqualTypeOf<Promise<string>>();
  });
});

describe("the root", () => {
  test("exports HTTPClient (the same class as lib/http.js's) and its option types", () => {
    expect(RootHTTPClient).toBe(LibHTTPClient);
    const fetcher: Fetcher = (input, init) => fetch(input, init);
    const options: HTTPClientOptions = { fetcher };
    const sdkOptions: SDKOptions = { httpClient: new HTTPClient(options) };
    expect(sdkOptions.httpClient).toBeInstanceOf(LibHTTPClient);
  });
});

describe("models/errors: built with @openrouter/sdk's constructor arguments", () => {
  const httpMeta = (status: number, body: string, contentType = "application/json") => ({
    response: new Response(body, { status, headers: { "content-type": contentType } }),
    request: new Request("https://openrouter.ai/api/v1/auth/keys", { method: "POST" }),
    body,
  });
  const data = {
    error: { code: 403, message: "Authorization code expired" },
    userId: "user_1",
    openrouterMetadata: null,
  };

  test("the response errors take (data, httpMeta) and carry error, userId, openrouterMetadata, contentType", () => {
    for (const ErrorClass of [
      errors.BadRequestResponseError,
      errors.UnauthorizedResponseError,
      errors.ForbiddenResponseError,
      errors.ConflictResponseError,
      errors.InternalServerResponseError,
    ]) {
      const error = new ErrorClass(data, httpMeta(403, JSON.stringify(data)));
      expect(error).toBeInstanceOf(errors.OpenRouterError);
      expect(error.message).toBe("Authorization code expired");
      expect(error.error).toEqual({ code: 403, message: "Authorization code expired" });
      expect(error.userId).toBe("user_1");
      expect(error.openrouterMetadata).toBeNull();
      expect(error.data$).toBe(data);
      expect(error.statusCode).toBe(403);
      expect(error.contentType).toBe("application/json");
      expect(error.body).toBe(JSON.stringify(data));
    }
    expect(new errors.ForbiddenResponseError(data, httpMeta(403, "")).reason).toBe("expired_code");
  });

  test("OpenRouterError and OpenRouterDefaultError take (message, httpMeta); contentType is '' without one", () => {
    const error = new errors.OpenRouterDefaultError("Bad gateway", {
      response: new Response("<html/>", { status: 502 }),
      body: "<html/>",
    });
    expect(error).toBeInstanceOf(errors.OpenRouterError);
    expect([error.message, error.statusCode, error.body]).toEqual(["Bad gateway", 502, "<html/>"]);
    expect(error.contentType).toBe("text/plain;charset=UTF-8");
    const bare = new errors.OpenRouterError("no type", { response: new Response(null, { status: 418 }), body: "" });
    expect(bare.contentType).toBe("");
  });

  test("ResponseValidationError takes (message, { response, request, body, cause, rawValue, rawMessage })", () => {
    const error = new errors.ResponseValidationError("Response validation failed", {
      ...httpMeta(200, "{}"),
      cause: new Error("zod said no"),
      rawValue: {},
      rawMessage: "Response validation failed",
    });
    expect([error.rawMessage, error.rawValue, error.statusCode]).toEqual(["Response validation failed", {}, 200]);
    expect(error.pretty()).toBe("ResponseValidationError: Response validation failed");
  });

  test("SDKValidationError takes (message, cause, rawValue); rawMessage and pretty()", () => {
    const error = new errors.SDKValidationError("requestBody.code", "must not be empty", { requestBody: { code: "" } });
    expect(error.message).toBe("Invalid requestBody.code: must not be empty");
    expect([error.field, error.reason, error.rawMessage]).toEqual([
      "requestBody.code",
      "must not be empty",
      "Invalid requestBody.code",
    ]);
    expect(error.rawValue).toEqual({ requestBody: { code: "" } });
    expect(error.pretty()).toBe("SDKValidationError: Invalid requestBody.code: must not be empty");
    // A cause that is not a string, as the official SDK passes a zod error: the reason is its text.
    expect(new errors.SDKValidationError("Input validation failed", new Error("bad")).reason).toBe("Error: bad");
  });
});
