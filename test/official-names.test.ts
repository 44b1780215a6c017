// Names a program written for @openrouter/sdk 1.3.19 uses with these operations, under the same entry
// points: the enums as values and types, the named request and response types, the class's promise from
// createAuthorizationUrl, and HTTPClient from the root. Each block is what such a program writes; the
// type checks run in `npm run typecheck` (test/tsconfig.json), the values here.
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
import * as operations from "../src/models/operations/index.js";

describe("models/operations: the enums are values and types", () => {
  test("CreateAuthKeysCodeCodeChallengeMethod, ExchangeAuthCodeForAPIKeyCodeChallengeMethod, UsageLimitType", () => {
    expect(operations.CreateAuthKeysCodeCodeChallengeMethod).toEqual({ S256: "S256", Plain: "plain" });
    expect(operations.ExchangeAuthCodeForAPIKeyCodeChallengeMethod).toEqual({ S256: "S256", Plain: "plain" });
    expect(operations.UsageLimitType).toEqual({ Daily: "daily", Weekly: "weekly", Monthly: "monthly" });
    expectTypeOf<operations.CreateAuthKeysCodeCodeChallengeMethod>().toEqualTypeOf<"S256" | "plain">();
    expectTypeOf<operations.ExchangeAuthCodeForAPIKeyCodeChallengeMethod>().toEqualTypeOf<"S256" | "plain">();
    expectTypeOf<operations.UsageLimitType>().toEqualTypeOf<"daily" | "weekly" | "monthly">();
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
