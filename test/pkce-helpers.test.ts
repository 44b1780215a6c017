import { inspect } from "node:util";
import { describe, expect, test } from "vitest";
import {
  AuthorizationCallbackError,
  createCallbackNonce,
  OpenRouter,
  OpenRouterCore,
  oAuthCompleteAuthorization,
  oAuthCreateAuthorizationUrl,
  oAuthCreateSHA256CodeChallenge,
  oAuthParseAuthorizationCallback,
  oAuthStartAuthorization,
  SDKValidationError,
  withCallbackNonce,
} from "../src/index.js";
import { startRecordingServer } from "./support/recording-server.js";

const core = new OpenRouterCore();

describe("oAuthCreateSHA256CodeChallenge", () => {
  test("reproduces the RFC 7636 Appendix B vector", async () => {
    const res = await oAuthCreateSHA256CodeChallenge({ codeVerifier: "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk" });
    expect(res).toEqual({
      ok: true,
      value: {
        codeVerifier: "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk",
        codeChallenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
      },
    });
  });

  test("a generated verifier is 43 base64url characters, fresh each time, with a matching challenge", async () => {
    const seen = new Set<string>();
    for (let i = 0; i < 20; i++) {
      const res = await oAuthCreateSHA256CodeChallenge();
      if (!res.ok) throw res.error;
      expect(res.value.codeVerifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(res.value.codeChallenge).toMatch(/^[A-Za-z0-9_-]{43}$/);
      const again = await oAuthCreateSHA256CodeChallenge({ codeVerifier: res.value.codeVerifier });
      expect(again.ok && again.value.codeChallenge).toBe(res.value.codeChallenge);
      seen.add(res.value.codeVerifier);
    }
    expect(seen.size).toBe(20);
  });

  test.each([
    ["too short", "a".repeat(42)],
    ["too long", "a".repeat(129)],
    ["a character outside the unreserved set", `${"a".repeat(42)}+`],
    ["not a string", 42],
  ])("rejects a verifier that is %s, without echoing it", async (_, codeVerifier) => {
    const res = await oAuthCreateSHA256CodeChallenge({ codeVerifier: codeVerifier as string });
    expect(res.ok).toBe(false);
    expect(res.error).toBeInstanceOf(SDKValidationError);
    expect(res.error?.field).toBe("codeVerifier");
    if (typeof codeVerifier === "string") expect(res.error?.message).not.toContain(codeVerifier);
  });

  test("accepts the bounds 43 and 128 and every unreserved character", async () => {
    for (const verifier of ["a".repeat(43), "A-._~z9".repeat(18).slice(0, 128)]) {
      expect((await oAuthCreateSHA256CodeChallenge({ codeVerifier: verifier })).ok).toBe(true);
    }
  });
});

describe("oAuthCreateAuthorizationUrl", () => {
  test("builds the consent page URL from the default server", () => {
    const res = oAuthCreateAuthorizationUrl(core, {
      callbackUrl: "https://myapp.com/cb?x=1",
      codeChallenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
      codeChallengeMethod: "S256",
      limit: 100,
    });
    expect(res.ok && res.value).toBe(
      "https://openrouter.ai/auth?callback_url=https%3A%2F%2Fmyapp.com%2Fcb%3Fx%3D1&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256&limit=100",
    );
  });

  test("derives the page from the client's server URL, keeps limit 0, omits an absent limit", () => {
    const local = new OpenRouterCore({ serverURL: "http://127.0.0.1:9999/api/v1" });
    const withZero = oAuthCreateAuthorizationUrl(local, { callbackUrl: "http://localhost:3000/cb", limit: 0 });
    expect(withZero.ok && new URL(withZero.value).origin + new URL(withZero.value).pathname).toBe(
      "http://127.0.0.1:9999/auth",
    );
    expect(withZero.ok && new URL(withZero.value).searchParams.get("limit")).toBe("0");
    const without = oAuthCreateAuthorizationUrl(local, { callbackUrl: new URL("http://127.0.0.1:8976/cb") });
    expect(without.ok && new URL(without.value).searchParams.has("limit")).toBe(false);
    expect(without.ok && new URL(without.value).searchParams.has("code_challenge")).toBe(false);
  });

  test("an explicit authorizationUrl wins", () => {
    const res = oAuthCreateAuthorizationUrl(core, {
      callbackUrl: "https://a.example/cb",
      authorizationUrl: "http://127.0.0.1:5000/auth",
    });
    expect(res.ok && res.value.startsWith("http://127.0.0.1:5000/auth?callback_url=")).toBe(true);
  });

  test.each([
    ["javascript:alert(1)", /https/],
    ["file:///tmp/consent.html", /https/],
    ["http://consent.example/auth", /https \(http only on loopback\)/],
    ["data:text/html,<form>", /https/],
  ])("a consent page override %s is refused, naming authorizationUrl", (authorizationUrl, reason) => {
    const res = oAuthCreateAuthorizationUrl(core, { callbackUrl: "https://a.example/cb", authorizationUrl });
    expect(res.error).toBeInstanceOf(SDKValidationError);
    expect((res.error as SDKValidationError).field).toBe("authorizationUrl");
    expect((res.error as SDKValidationError).reason).toMatch(reason);
  });

  test.each([
    [{ callbackUrl: "http://myapp.com/cb" }, "callbackUrl"],
    [{ callbackUrl: "javascript:alert(1)" }, "callbackUrl"],
    [{ callbackUrl: "data:text/html,<p>x" }, "callbackUrl"],
    [{ callbackUrl: "/relative" }, "callbackUrl"],
    [{ callbackUrl: "https://a.b/cb", codeChallenge: "abc" }, "codeChallengeMethod"],
    [{ callbackUrl: "https://a.b/cb", codeChallengeMethod: "S256" }, "codeChallenge"],
    [{ callbackUrl: "https://a.b/cb", codeChallenge: "abc", codeChallengeMethod: "S512" }, "codeChallengeMethod"],
    [{ callbackUrl: "https://a.b/cb", limit: "5" }, "limit"],
  ])("rejects %j naming %s", (params, field) => {
    const res = oAuthCreateAuthorizationUrl(core, params as never);
    expect(res.ok).toBe(false);
    expect(res.error).toBeInstanceOf(SDKValidationError);
    expect(res.error?.field).toBe(field);
  });

  test("the class method resolves with the URL or rejects, as @openrouter/sdk's does (a promise)", async () => {
    const { oAuth } = new OpenRouter();
    const url = oAuth.createAuthorizationUrl({ callbackUrl: "https://a.b/cb" });
    expect(url).toBeInstanceOf(Promise);
    await expect(url).resolves.toBe("https://openrouter.ai/auth?callback_url=https%3A%2F%2Fa.b%2Fcb");
    await expect(oAuth.createAuthorizationUrl({ callbackUrl: "http://a.b/cb" })).rejects.toBeInstanceOf(
      SDKValidationError,
    );
  });
});

describe("nonces and oAuthParseAuthorizationCallback", () => {
  test("nonces are random and URL-safe; withCallbackNonce keeps the callback's own query", () => {
    const nonce = createCallbackNonce();
    expect(nonce).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(createCallbackNonce()).not.toBe(nonce);
    expect(withCallbackNonce("https://myapp.com/cb?tab=2", nonce)).toBe(`https://myapp.com/cb?tab=2&nonce=${nonce}`);
  });

  test("returns the code when the nonce matches, in the query or as the last path segment", () => {
    expect(oAuthParseAuthorizationCallback("https://a.b/cb?nonce=N1&code=C1", { expectedNonce: "N1" })).toEqual({
      ok: true,
      value: { code: "C1" },
    });
    expect(oAuthParseAuthorizationCallback("http://127.0.0.1:5/callback/N2?code=C2", { expectedNonce: "N2" })).toEqual({
      ok: true,
      value: { code: "C2" },
    });
    expect(oAuthParseAuthorizationCallback("https://a.b/cb?code=C3", { skipNonceCheck: true })).toEqual({
      ok: true,
      value: { code: "C3" },
    });
  });

  test("no expected nonce, or an empty one, is an error naming expectedNonce, not a skipped check", () => {
    const forged = "https://a.b/cb?code=ATTACKER-CODE";
    for (const options of [
      undefined,
      {},
      { expectedNonce: "" },
      { expectedNonce: undefined },
      { skipNonceCheck: false },
    ]) {
      const res = oAuthParseAuthorizationCallback(forged, options as never);
      expect(res.ok, JSON.stringify(options)).toBe(false);
      expect(res.error).toBeInstanceOf(SDKValidationError);
      expect((res.error as SDKValidationError).field).toBe("expectedNonce");
      expect((res.error as SDKValidationError).reason).toMatch(/skipNonceCheck/);
      expect(inspect(res.error)).not.toContain("ATTACKER-CODE");
    }
    // An empty nonce in the URL does not match an empty expected one either.
    expect(oAuthParseAuthorizationCallback("https://a.b/cb?nonce=&code=C", { expectedNonce: "" }).ok).toBe(false);
    // The class method follows the same rule.
    expect(() => new OpenRouter().oAuth.parseAuthorizationCallback(forged, { expectedNonce: "" })).toThrow(
      SDKValidationError,
    );
  });

  test("a nonce mismatch is reported before anything else, without the code", () => {
    const res = oAuthParseAuthorizationCallback("https://a.b/cb?nonce=evil&code=SECRET-CODE", { expectedNonce: "N" });
    expect(res.error).toBeInstanceOf(AuthorizationCallbackError);
    expect((res.error as AuthorizationCallbackError).kind).toBe("nonce_mismatch");
    expect(`${res.error?.message} ${inspect(res.error)}`).not.toContain("SECRET-CODE");
    const missing = oAuthParseAuthorizationCallback("https://a.b/cb?code=C", { expectedNonce: "N" });
    expect((missing.error as AuthorizationCallbackError).kind).toBe("nonce_mismatch");
  });

  test("a denied request carries error and error_description", () => {
    const res = oAuthParseAuthorizationCallback(
      "https://a.b/cb?nonce=N&error=access_denied&error_description=User%20said%20no%20%3Cb%3E",
      { expectedNonce: "N" },
    );
    const error = res.error as AuthorizationCallbackError;
    expect(error.kind).toBe("denied");
    expect(error.error).toBe("access_denied");
    expect(error.errorDescription).toBe("User said no <b>");
    expect(error.message).toBe("The authorization was not granted (access_denied: User said no <b>)");
  });

  test("no code, or no URL at all", () => {
    expect(
      (
        oAuthParseAuthorizationCallback("https://a.b/cb?nonce=N", { expectedNonce: "N" })
          .error as AuthorizationCallbackError
      ).kind,
    ).toBe("missing_code");
    expect(oAuthParseAuthorizationCallback("not a url", { expectedNonce: "N" }).error).toBeInstanceOf(
      SDKValidationError,
    );
  });
});

describe("start and complete", () => {
  test("start gives a consent URL whose callback carries the nonce and whose challenge matches the verifier", async () => {
    const res = await oAuthStartAuthorization(core, { callbackUrl: "https://myapp.com/cb", limit: 5 });
    if (!res.ok) throw res.error;
    const url = new URL(res.value.authorizationUrl);
    const callback = new URL(url.searchParams.get("callback_url") ?? "");
    expect(callback.searchParams.get("nonce")).toBe(res.value.nonce);
    expect(url.searchParams.get("code_challenge_method")).toBe("S256");
    expect(url.searchParams.get("limit")).toBe("5");
    const pair = await oAuthCreateSHA256CodeChallenge({ codeVerifier: res.value.codeVerifier });
    expect(pair.ok && pair.value.codeChallenge).toBe(url.searchParams.get("code_challenge"));
    expect(res.value.authorizationUrl).not.toContain(res.value.codeVerifier);
  });

  test("start rejects a bad callback URL", async () => {
    const res = await oAuthStartAuthorization(core, { callbackUrl: "http://myapp.com/cb" });
    expect(res.error?.field).toBe("callbackUrl");
  });

  test("complete checks the callback and exchanges with the verifier", async () => {
    const server = await startRecordingServer();
    try {
      const client = new OpenRouterCore({ serverURL: `${server.url}/api/v1` });
      const res = await oAuthCompleteAuthorization(client, {
        callbackUrl: "https://myapp.com/cb?nonce=N&code=THE-CODE",
        codeVerifier: "V".repeat(43),
        nonce: "N",
      });
      expect(res.ok).toBe(true);
      expect(server.requests.map((r) => [r.url, r.json()])).toEqual([
        ["/api/v1/auth/keys", { code: "THE-CODE", code_verifier: "V".repeat(43), code_challenge_method: "S256" }],
      ]);
      const forged = await oAuthCompleteAuthorization(client, {
        callbackUrl: "https://myapp.com/cb?nonce=X&code=THE-CODE",
        codeVerifier: "V".repeat(43),
        nonce: "N",
      });
      expect((forged.error as AuthorizationCallbackError).kind).toBe("nonce_mismatch");
      const noVerifier = await oAuthCompleteAuthorization(client, { callbackUrl: "https://a.b", nonce: "N" } as never);
      expect((noVerifier.error as SDKValidationError).field).toBe("codeVerifier");
      await expect(oAuthCompleteAuthorization(client, null as never)).resolves.toMatchObject({ ok: false });
      expect(server.requests).toHaveLength(1);
    } finally {
      await server.close();
    }
  });
});
