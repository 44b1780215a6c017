// The local stand-in for the consent page and the OAuth API (test/support/consent-stand-in.ts): it must
// validate and redirect like the real page and verify PKCE pairs like the real API, or the loopback,
// demo and browser tests built on it would prove nothing.
import { createHash } from "node:crypto";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import {
  BadRequestResponseError,
  ForbiddenResponseError,
  OpenRouter,
  OpenRouterCore,
  oAuthCreateAuthCode,
  oAuthExchangeAuthCodeForAPIKey,
  UnauthorizedResponseError,
} from "../src/index.js";
import { load } from "./support/browser-simulator.js";
import { type ConsentStandIn, startConsentStandIn } from "./support/consent-stand-in.js";
import { connectionRefused } from "./support/loopback-server.js";

// RFC 7636 Appendix B.
const VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
const CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
const CALLBACK = "http://127.0.0.1:9/callback/n0nce?keep=1&also=two";

let standIn: ConsentStandIn;
let clock: number;

beforeEach(async () => {
  clock = Date.parse("2026-03-01T12:00:00Z");
  standIn = await startConsentStandIn({ now: () => clock });
});
afterEach(async () => {
  await standIn.close();
});

function consentUrl(params: Record<string, string>): string {
  const url = new URL(standIn.authUrl);
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  return url.href;
}

/** Approves a consent request and returns the code it redirected with. */
async function approvedCode(params: Record<string, string> = {}): Promise<string> {
  const page = await load(
    consentUrl({ callback_url: CALLBACK, code_challenge: CHALLENGE, code_challenge_method: "S256", ...params }),
  );
  expect(page.status).toBe(302);
  const code = new URL(String(page.headers["location"])).searchParams.get("code");
  expect(code).toBeTruthy();
  return code!;
}

const exchange = (body: unknown) =>
  fetch(`${standIn.apiUrl}/auth/keys`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });

describe("GET /auth, the consent page", () => {
  test("approves by default: 302 to the callback with a code added to its own query, its path and query kept, no state", async () => {
    const page = await load(
      consentUrl({ callback_url: CALLBACK, code_challenge: CHALLENGE, code_challenge_method: "S256", limit: "0" }),
    );
    expect(page.status).toBe(302);
    const location = new URL(String(page.headers["location"]));
    expect(location.origin + location.pathname).toBe("http://127.0.0.1:9/callback/n0nce");
    expect([...location.searchParams.keys()].sort()).toEqual(["also", "code", "keep"]);
    expect(location.searchParams.get("keep")).toBe("1");
    expect(location.searchParams.get("also")).toBe("two");
    expect(location.searchParams.has("state")).toBe(false);

    const code = location.searchParams.get("code")!;
    expect(code).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(standIn.issuedCodes.get(code)).toMatchObject({
      code,
      source: "consent",
      callbackUrl: CALLBACK,
      codeChallenge: CHALLENGE,
      codeChallengeMethod: "S256",
      limit: 0,
      issuedAt: clock,
      used: false,
    });
  });

  test("issues a fresh code per approval", async () => {
    const first = await approvedCode();
    const second = await approvedCode();
    expect(first).not.toBe(second);
    expect(standIn.issuedCodes.size).toBe(2);
  });

  test("accepts https callbacks and http ones on localhost or 127.0.0.1 on any port, without a challenge", async () => {
    for (const callback of [
      "https://myapp.example/auth/callback",
      "http://localhost:3000/cb",
      "http://127.0.0.1:65535/x",
      "http://localhost/cb",
    ]) {
      const page = await load(consentUrl({ callback_url: callback }));
      expect(page.status, callback).toBe(302);
      expect(String(page.headers["location"]).startsWith(new URL(callback).origin), callback).toBe(true);
    }
    const plain = await load(
      consentUrl({ callback_url: CALLBACK, code_challenge: "abc", code_challenge_method: "plain" }),
    );
    expect(plain.status).toBe(302);
  });

  test.each([
    ["vscode://saoudrizwan.claude-dev/openrouter", "vscode://saoudrizwan.claude-dev/openrouter?code="],
    ["cursor://rooveterinaryinc.roo-cline/openrouter", "cursor://rooveterinaryinc.roo-cline/openrouter?code="],
    ["jetbrains://idea/kilocode?provider=openrouter", "jetbrains://idea/kilocode?provider=openrouter&code="],
    ["com.example.app:/oauth2redirect", "com.example.app:/oauth2redirect?code="],
  ])("sends an app's own scheme %s back with the code added to its query", async (callback, prefix) => {
    const page = await load(consentUrl({ callback_url: callback }));
    expect(page.status).toBe(302);
    expect(String(page.headers["location"])).toMatch(new RegExp(`^${prefix.replace(/[.?+]/g, "\\$&")}auth_code_`));
  });

  test.each([
    ["no callback_url", {}, "callback_url is required"],
    ["an empty callback_url", { callback_url: "" }, "callback_url is required"],
    ["a relative callback_url", { callback_url: "/callback" }, "absolute URL"],
    ["http on another host", { callback_url: "http://myapp.example/cb" }, "https"],
    ["http on a look-alike host", { callback_url: "http://127.0.0.1.evil.example/cb" }, "https"],
    ["a javascript: URL", { callback_url: "javascript:alert(1)" }, "forbidden scheme"],
    ["plain http off loopback", { callback_url: "http://myapp.example/cb" }, "https"],
    [
      "an unknown method",
      { callback_url: CALLBACK, code_challenge: "x", code_challenge_method: "S512" },
      "S256 or plain",
    ],
    [
      "a challenge without a method",
      { callback_url: CALLBACK, code_challenge: CHALLENGE },
      "needs a code_challenge_method",
    ],
    [
      "a method without a challenge",
      { callback_url: CALLBACK, code_challenge_method: "S256" },
      "needs a code_challenge",
    ],
    ["a negative limit", { callback_url: CALLBACK, limit: "-1" }, "non-negative number"],
    ["a limit that is not a number", { callback_url: CALLBACK, limit: "lots" }, "non-negative number"],
    ["an empty limit", { callback_url: CALLBACK, limit: "" }, "non-negative number"],
  ])("refuses %s with a 400 page and no redirect", async (_name, params, reason) => {
    const page = await load(consentUrl(params));
    expect(page.status).toBe(400);
    expect(page.headers["location"]).toBeUndefined();
    expect(page.headers["content-type"]).toMatch(/^text\/html/);
    expect(page.body).toContain(reason);
    expect(standIn.issuedCodes.size).toBe(0);
  });

  test("the error page escapes what it echoes", async () => {
    const page = await load(consentUrl({ callback_url: CALLBACK, code_challenge: "x", code_challenge_method: "<b>" }));
    expect(page.status).toBe(400);
    expect(page.body).not.toContain("<b>");
  });

  test("deny: redirects with error=access_denied and a description, no code", async () => {
    standIn.setDecision("deny");
    const page = await load(consentUrl({ callback_url: CALLBACK }));
    expect(page.status).toBe(302);
    const location = new URL(String(page.headers["location"]));
    expect(location.pathname).toBe("/callback/n0nce");
    expect(location.searchParams.get("keep")).toBe("1");
    expect(location.searchParams.get("error")).toBe("access_denied");
    expect(location.searchParams.get("error_description")).toBeTruthy();
    expect(location.searchParams.has("code")).toBe(false);
    expect(standIn.issuedCodes.size).toBe(0);
  });

  test("a decision can be a function of the query, and a denial can carry any error and description", async () => {
    standIn.setDecision((query) =>
      query.get("limit") === "5" ? { error: "server_error", errorDescription: "<script>x</script>" } : "approve",
    );
    const denied = new URL(
      String((await load(consentUrl({ callback_url: CALLBACK, limit: "5" }))).headers["location"]),
    );
    expect(denied.searchParams.get("error")).toBe("server_error");
    expect(denied.searchParams.get("error_description")).toBe("<script>x</script>");
    const approved = new URL(String((await load(consentUrl({ callback_url: CALLBACK }))).headers["location"]));
    expect(approved.searchParams.get("code")).toBeTruthy();
  });

  test("the decision can be set when starting", async () => {
    const denying = await startConsentStandIn({ decision: "deny" });
    try {
      const page = await load(`${denying.authUrl}?callback_url=${encodeURIComponent("https://a.example/cb")}`);
      expect(page.status).toBe(302);
      expect(page.headers["location"]).toMatch(/^https:\/\/a\.example\/cb\?error=access_denied&error_description=/);
    } finally {
      await denying.close();
    }
  });
});

describe("POST /api/v1/auth/keys, the exchange", () => {
  test("S256: the right verifier gets a key and a user id, once", async () => {
    const code = await approvedCode();
    const res = await exchange({ code, code_verifier: VERIFIER, code_challenge_method: "S256" });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { key: string; user_id: string };
    expect(body.key).toMatch(/^sk-or-v1-[0-9a-f]{64}$/);
    expect(body.user_id).toMatch(/^user_[A-Za-z0-9]+$/);
    expect(standIn.issuedCodes.get(code)!.used).toBe(true);

    const again = await exchange({ code, code_verifier: VERIFIER, code_challenge_method: "S256" });
    expect(again.status).toBe(403);
    expect(await again.json()).toEqual({
      error: { code: 403, message: "Invalid code or code_verifier", metadata: null },
      user_id: null,
      openrouter_metadata: null,
    });
  });

  test("the method may be left out: the code's own is used", async () => {
    const code = await approvedCode();
    expect((await exchange({ code, code_verifier: VERIFIER })).status).toBe(200);
  });

  test("a wrong verifier is refused with 403 and does not use up the code", async () => {
    const code = await approvedCode();
    const wrong = await exchange({ code, code_verifier: `${VERIFIER.slice(0, -1)}A`, code_challenge_method: "S256" });
    expect(wrong.status).toBe(403);
    expect(((await wrong.json()) as { error: { message: string } }).error.message).toBe(
      "Invalid code or code_verifier",
    );
    // The challenge itself is not a verifier either.
    expect((await exchange({ code, code_verifier: CHALLENGE, code_challenge_method: "S256" })).status).toBe(403);
    expect((await exchange({ code, code_challenge_method: "S256" })).status).toBe(403);
    expect((await exchange({ code, code_verifier: VERIFIER, code_challenge_method: "S256" })).status).toBe(200);
  });

  test("a method other than the code's is a 400 Invalid code_challenge_method", async () => {
    const code = await approvedCode();
    const res = await exchange({ code, code_verifier: VERIFIER, code_challenge_method: "plain" });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: number; message: string } }).error).toEqual({
      code: 400,
      message: "Invalid code_challenge_method",
      metadata: null,
    });
    // A code made without a challenge refuses a method too.
    const bare = new URL(String((await load(consentUrl({ callback_url: CALLBACK }))).headers["location"]));
    const bareCode = bare.searchParams.get("code")!;
    expect((await exchange({ code: bareCode, code_verifier: VERIFIER, code_challenge_method: "S256" })).status).toBe(
      400,
    );
    expect((await exchange({ code: bareCode })).status).toBe(200);
  });

  test("plain: the verifier must equal the challenge", async () => {
    const code = await approvedCode({ code_challenge: VERIFIER, code_challenge_method: "plain" });
    expect((await exchange({ code, code_verifier: CHALLENGE, code_challenge_method: "plain" })).status).toBe(403);
    expect((await exchange({ code, code_verifier: VERIFIER, code_challenge_method: "plain" })).status).toBe(200);
  });

  test("a code older than the time to live is a 403 Authorization code expired", async () => {
    const code = await approvedCode();
    clock += 10 * 60_000 + 1;
    const res = await exchange({ code, code_verifier: VERIFIER, code_challenge_method: "S256" });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { message: string } }).error.message).toBe("Authorization code expired");
  });

  test("the time to live is configurable", async () => {
    const short = await startConsentStandIn({ codeTtlMs: 1_000, now: () => clock });
    try {
      const page = await load(`${short.authUrl}?callback_url=${encodeURIComponent(CALLBACK)}`);
      const code = new URL(String(page.headers["location"])).searchParams.get("code")!;
      clock += 1_001;
      const res = await fetch(`${short.apiUrl}/auth/keys`, { method: "POST", body: JSON.stringify({ code }) });
      expect(res.status).toBe(403);
      expect(await res.text()).toContain("Authorization code expired");
    } finally {
      await short.close();
    }
  });

  test("an unknown code is a 403; a body without a code, or not JSON, a 400; a GET a 405", async () => {
    expect((await exchange({ code: "auth_code_never_issued", code_verifier: VERIFIER })).status).toBe(403);
    expect((await exchange({ code_verifier: VERIFIER })).status).toBe(400);
    expect((await exchange([])).status).toBe(400);
    const notJson = await fetch(`${standIn.apiUrl}/auth/keys`, { method: "POST", body: "{" });
    expect(notJson.status).toBe(400);
    expect(((await notJson.json()) as { error: { code: number } }).error.code).toBe(400);
    expect((await fetch(`${standIn.apiUrl}/auth/keys`)).status).toBe(405);
  });

  test("through the SDK: a key on success, and typed errors with the server's messages verbatim", async () => {
    const core = new OpenRouterCore({ serverURL: standIn.apiUrl, retryConfig: { strategy: "none" } });
    const code = await approvedCode();
    const wrongMethod = await oAuthExchangeAuthCodeForAPIKey(core, {
      requestBody: { code, codeVerifier: VERIFIER, codeChallengeMethod: "plain" },
    });
    expect(wrongMethod.error).toBeInstanceOf(BadRequestResponseError);
    expect(wrongMethod.error?.message).toBe("Invalid code_challenge_method");

    const res = await oAuthExchangeAuthCodeForAPIKey(core, {
      requestBody: { code, codeVerifier: VERIFIER, codeChallengeMethod: "S256" },
    });
    expect(res.ok).toBe(true);
    expect(res.value?.key).toMatch(/^sk-or-v1-[0-9a-f]{64}$/);

    const reused = await oAuthExchangeAuthCodeForAPIKey(core, {
      requestBody: { code, codeVerifier: VERIFIER, codeChallengeMethod: "S256" },
    });
    expect(reused.error).toBeInstanceOf(ForbiddenResponseError);
    expect((reused.error as ForbiddenResponseError).reason).toBe("invalid_code");

    const expiring = await approvedCode();
    clock += 11 * 60_000;
    const expired = await oAuthExchangeAuthCodeForAPIKey(core, {
      requestBody: { code: expiring, codeVerifier: VERIFIER, codeChallengeMethod: "S256" },
    });
    expect((expired.error as ForbiddenResponseError).reason).toBe("expired_code");
  });
});

describe("POST /api/v1/auth/keys/code, createAuthCode", () => {
  test("needs a bearer key: 401 without one", async () => {
    const res = await oAuthCreateAuthCode(new OpenRouterCore({ serverURL: standIn.apiUrl }), {
      requestBody: { callbackUrl: CALLBACK },
    });
    expect(res.error).toBeInstanceOf(UnauthorizedResponseError);
    expect(standIn.issuedCodes.size).toBe(0);
  });

  test("creates a code bound to the challenge, which the exchange then verifies", async () => {
    const server = new OpenRouter({ apiKey: "sk-or-v1-server", serverURL: standIn.apiUrl });
    const { data } = await server.oAuth.createAuthCode({
      requestBody: { callbackUrl: CALLBACK, codeChallenge: CHALLENGE, codeChallengeMethod: "S256", limit: 10 },
    });
    expect(data.appId).toBe(1);
    expect(data.createdAt).toBe(new Date(clock).toISOString());
    expect(standIn.issuedCodes.get(data.id)).toMatchObject({
      source: "api",
      codeChallenge: CHALLENGE,
      codeChallengeMethod: "S256",
      limit: 10,
    });
    const recorded = standIn.requests.at(-1)!;
    expect(recorded.headers.authorization).toBe("Bearer sk-or-v1-server");
    expect(JSON.parse(recorded.body)).toMatchObject({ callback_url: CALLBACK, code_challenge: CHALLENGE });

    const app = new OpenRouter({ serverURL: standIn.apiUrl });
    await expect(
      app.oAuth.exchangeAuthCodeForAPIKey({ requestBody: { code: data.id, codeVerifier: "x".repeat(43) } }),
    ).rejects.toBeInstanceOf(ForbiddenResponseError);
    const { key } = await app.oAuth.exchangeAuthCodeForAPIKey({
      requestBody: { code: data.id, codeVerifier: VERIFIER, codeChallengeMethod: "S256" },
    });
    expect(key).toMatch(/^sk-or-v1-/);
  });

  test("refuses what the real API refuses, with 400 and OpenRouter's error body", async () => {
    const post = (body: unknown) =>
      fetch(`${standIn.apiUrl}/auth/keys/code`, {
        method: "POST",
        headers: { authorization: "Bearer sk-or-v1-server", "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    for (const body of [
      {},
      { callback_url: "http://myapp.example/cb" },
      { callback_url: CALLBACK, code_challenge: CHALLENGE },
      { callback_url: CALLBACK, code_challenge: CHALLENGE, code_challenge_method: "S384" },
      { callback_url: CALLBACK, limit: -3 },
    ]) {
      const res = await post(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect((await res.json()) as object).toMatchObject({ error: { code: 400 }, user_id: null });
    }
    expect(standIn.issuedCodes.size).toBe(0);
  });
});

describe("CORS, logging and closing", () => {
  test("OPTIONS preflights get 204 with the CORS headers a browser app needs", async () => {
    const res = await fetch(`${standIn.apiUrl}/auth/keys`, {
      method: "OPTIONS",
      headers: {
        origin: "http://localhost:5173",
        "access-control-request-method": "POST",
        "access-control-request-headers": "content-type, x-openrouter-title",
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(res.headers.get("access-control-allow-methods")).toContain("POST");
    const allowed = res.headers.get("access-control-allow-headers")!.split(/,\s*/);
    expect(allowed).toEqual(
      expect.arrayContaining([
        "authorization",
        "content-type",
        "http-referer",
        "x-openrouter-title",
        "x-openrouter-categories",
        "user-agent",
      ]),
    );
  });

  test("every response carries Access-Control-Allow-Origin, errors and redirects too", async () => {
    const responses = [
      await exchange({ code: "nope" }),
      await fetch(`${standIn.origin}/nowhere`),
      await fetch(`${standIn.authUrl}?callback_url=${encodeURIComponent(CALLBACK)}`, { redirect: "manual" }),
      await fetch(`${standIn.authUrl}`, { redirect: "manual" }),
    ];
    expect(responses.map((r) => r.status)).toEqual([403, 404, 302, 400]);
    for (const res of responses) expect(res.headers.get("access-control-allow-origin")).toBe("*");
  });

  test("logs every request with its status", async () => {
    await exchange({ code: "nope", code_verifier: VERIFIER });
    await load(consentUrl({ callback_url: CALLBACK }));
    expect(standIn.requests.map((r) => [r.method, r.url.split("?")[0], r.status])).toEqual([
      ["POST", "/api/v1/auth/keys", 403],
      ["GET", "/auth", 302],
    ]);
    expect(JSON.parse(standIn.requests[0]!.body)).toEqual({ code: "nope", code_verifier: VERIFIER });
  });

  test("close() ends keep-alive connections and frees the port", async () => {
    const other = await startConsentStandIn();
    const port = Number(new URL(other.origin).port);
    // fetch keeps its connection alive in its pool: close() must not wait for it.
    await (await fetch(`${other.apiUrl}/auth/keys`, { method: "POST", body: "{}" })).text();
    const started = Date.now();
    await other.close();
    await other.close(); // a second close is harmless
    expect(Date.now() - started).toBeLessThan(1_000);
    await expect(connectionRefused(port)).resolves.toBe(true);
  });

  test("its own hash helper agrees with RFC 7636 (sanity check of the test vector)", () => {
    expect(createHash("sha256").update(VERIFIER).digest("base64url")).toBe(CHALLENGE);
  });
});
