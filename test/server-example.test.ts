// The server example (examples/server): its Hono app served on Node through @hono/node-server at
// http://localhost:PORT, driven in real headless Chromium against the consent stand-in on another site
// (http://127.0.0.1:OTHER_PORT), so the redirect back is a cross-site navigation as in production and the
// SameSite=Lax login cookie must survive it. Approve, deny, forged callbacks, replay. The same app is also
// driven at request level on every runtime by `npm run test:runtimes` (test/runtimes/suite/server-checks.ts).
import type { Server } from "node:http";
import { join } from "node:path";
import { createAdaptorServer } from "@hono/node-server";
import type { Browser, Page, Response as PageResponse } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { type ConnectedAccount, createConnectApp, LOGIN_COOKIE, SESSION_COOKIE } from "../examples/server/app.js";
import { UsedNonces } from "../examples/server/used-nonces.js";
import { describeChild, repoRoot, requireBuiltDist, runChild } from "./support/build-once.js";
import { chromiumSkipReason, type GuardedPage, launchChromium, newGuardedPage } from "./support/chromium.js";
import { type ConsentStandIn, startConsentStandIn } from "./support/consent-stand-in.js";
import { type LoopbackListener, listenOnLoopback } from "./support/loopback-server.js";

const tsc = join(repoRoot, "node_modules/typescript/bin/tsc");
const skipReason = chromiumSkipReason();

describe("server example type-checks against dist/ declarations", () => {
  beforeAll(() => requireBuiltDist());

  test("examples/server/tsconfig.json", { timeout: 120_000 }, async () => {
    const result = await runChild(process.execPath, [tsc, "--listFiles", "-p", "examples/server/tsconfig.json"], {
      timeoutMs: 110_000,
    });
    expect(result.code, describeChild(result)).toBe(0);
    const files = result.stdout.split(/\r?\n/).map((line) => line.trim());
    for (const file of ["app.ts", "sealed-cookie.ts", "node.ts", "bun.ts", "deno.ts", "worker.ts"]) {
      expect(files).toContain(`${repoRoot}/examples/server/${file}`);
    }
    expect(files).toContain(`${repoRoot}/dist/esm/src/funcs/oAuthStartAuthorization.d.ts`);
    expect(files.some((file) => file.startsWith(`${repoRoot}/src/`))).toBe(false);
  });
});

describe("server example at request level", () => {
  const secret = "server-example test secret, at least 32 characters";

  test("GET / clears a session cookie that names no session, and keeps one that does", async () => {
    const accounts = new Map<string, ConnectedAccount>([["known-session", { key: "sk-or-v1-x", userId: null }]]);
    const app = createConnectApp({ secret, serverURL: "http://127.0.0.1:9/api/v1", accounts });
    const forged = await app.request("http://localhost/", { headers: { cookie: `${SESSION_COOKIE}=forged-id` } });
    expect(forged.status).toBe(200);
    expect(await forged.text()).toContain("Connect OpenRouter");
    const cleared = forged.headers.get("set-cookie") ?? "";
    expect(cleared).toMatch(new RegExp(`^${SESSION_COOKIE}=;`));
    expect(cleared).toMatch(/Max-Age=0/i);
    expect(cleared).toMatch(/Path=\//);

    const known = await app.request("http://localhost/", { headers: { cookie: `${SESSION_COOKIE}=known-session` } });
    expect(await known.text()).toContain("Connected");
    expect(known.headers.get("set-cookie")).toBeNull();
    const none = await app.request("http://localhost/");
    expect(none.headers.get("set-cookie")).toBeNull();
  });
});

describe("server example: the used nonces (replay protection) stay bounded", () => {
  const secret = "server-example test secret, at least 32 characters";
  const ORIGIN = "http://localhost:3000";
  let standIn: ConsentStandIn;
  beforeEach(async () => {
    standIn = await startConsentStandIn();
  });
  afterEach(async () => {
    await standIn.close();
  });

  const exchanges = () => standIn.requests.filter((r) => r.method === "POST" && r.url === "/api/v1/auth/keys");
  type App = ReturnType<typeof createConnectApp>;

  /** GET /login: the sealed cookie's value, the consent page URL and the login's nonce. */
  async function startLogin(app: App) {
    const response = await app.request(`${ORIGIN}/login`);
    expect(response.status).toBe(302);
    const line = response.headers.getSetCookie().find((l) => l.startsWith(`${LOGIN_COOKIE}=`)) ?? "";
    const authorizationUrl = response.headers.get("location")!;
    const callbackUrl = new URL(new URL(authorizationUrl).searchParams.get("callback_url")!);
    return {
      cookie: line.split(";")[0]!.slice(LOGIN_COOKIE.length + 1),
      authorizationUrl,
      nonce: callbackUrl.searchParams.get("nonce")!,
    };
  }
  /** GET /callback as a browser holding `cookie` (a copy of it, for a replay). */
  const callback = (app: App, url: string, cookie: string) =>
    app.request(url, { headers: { cookie: `${LOGIN_COOKIE}=${cookie}` } });
  /** The consent page approving (or denying): where it sends the browser back. */
  const consent = async (authorizationUrl: string) =>
    (await fetch(authorizationUrl, { redirect: "manual" })).headers.get("location")!;

  test("junk /login + /callback pairs (no code, another login's nonce, a denial) record no nonce", async () => {
    const usedNonces = new UsedNonces(4);
    const app = createConnectApp({ secret, serverURL: standIn.apiUrl, usedNonces });
    for (let i = 0; i < 30; i += 1) {
      const login = await startLogin(app);
      const junk = [
        [`${ORIGIN}/callback?nonce=${login.nonce}`, 400],
        [`${ORIGIN}/callback?nonce=${login.nonce}&other=${i}`, 400],
        [`${ORIGIN}/callback?nonce=another-logins-nonce&code=auth_code_forged`, 400],
        [`${ORIGIN}/callback?nonce=${login.nonce}&error=access_denied`, 403],
      ] as const;
      for (const [url, status] of junk) expect((await callback(app, url, login.cookie)).status).toBe(status);
      expect(usedNonces.size).toBe(0);
    }
    expect(exchanges()).toHaveLength(0);
  });

  test("a callback without a code does not spend its login's nonce: the login's real callback still completes", async () => {
    const accounts = new Map<string, ConnectedAccount>();
    const app = createConnectApp({ secret, serverURL: standIn.apiUrl, accounts });
    const login = await startLogin(app);
    expect((await callback(app, `${ORIGIN}/callback?nonce=${login.nonce}`, login.cookie)).status).toBe(400);
    const real = await callback(app, await consent(login.authorizationUrl), login.cookie);
    expect(real.status).toBe(200);
    expect(accounts.size).toBe(1);
  });

  test("callbacks that reach the exchange never hold more than the cap; a recent one replayed is still refused", async () => {
    const usedNonces = new UsedNonces(3);
    const app = createConnectApp({ secret, serverURL: standIn.apiUrl, usedNonces });
    let last: { url: string; cookie: string } | undefined;
    for (let i = 0; i < 12; i += 1) {
      const login = await startLogin(app);
      // This login's nonce and a code OpenRouter does not know: the exchange is attempted, and refused.
      last = { url: `${ORIGIN}/callback?nonce=${login.nonce}&code=auth_code_unknown_${i}`, cookie: login.cookie };
      expect((await callback(app, last.url, last.cookie)).status).toBe(400);
      expect(usedNonces.size).toBe(Math.min(i + 1, 3));
    }
    expect(exchanges()).toHaveLength(12);
    expect((await callback(app, last!.url, last!.cookie)).status).toBe(409);
    expect(exchanges()).toHaveLength(12);
  });

  test("replay: an approved callback loaded again with a copy of its cookie gets 409; one exchange, one account", async () => {
    const accounts = new Map<string, ConnectedAccount>();
    const usedNonces = new UsedNonces(2);
    const app = createConnectApp({ secret, serverURL: standIn.apiUrl, accounts, usedNonces });
    const login = await startLogin(app);
    const returnedTo = await consent(login.authorizationUrl);
    expect((await callback(app, returnedTo, login.cookie)).status).toBe(200);
    const replayed = await callback(app, returnedTo, login.cookie);
    expect(replayed.status).toBe(409);
    expect(await replayed.text()).toContain("already been used");
    expect(accounts.size).toBe(1);
    expect(exchanges()).toHaveLength(1);
    expect(usedNonces.size).toBe(1);
  });
});

describe("UsedNonces", () => {
  test("claims a nonce once; forgets it once its time has passed, on a later claim", () => {
    const nonces = new UsedNonces(10);
    expect(nonces.claim("a", 1_000, 0)).toBe(true);
    expect(nonces.claim("a", 1_000, 500)).toBe(false);
    expect(nonces.claim("b", 2_000, 600)).toBe(true);
    expect(nonces.size).toBe(2);
    expect(nonces.claim("c", 3_000, 1_000)).toBe(true); // "a" expired at 1000: pruned
    expect(nonces.size).toBe(2);
    expect(nonces.claim("a", 4_000, 1_000)).toBe(true);
    expect(nonces.claim("d", 9_000, 5_000)).toBe(true); // b, c, a all expired
    expect(nonces.size).toBe(1);
  });

  test("never holds more than its capacity: past it, the oldest is forgotten first", () => {
    const nonces = new UsedNonces(3);
    for (let i = 0; i < 1_000; i += 1) {
      expect(nonces.claim(`n${i}`, Number.POSITIVE_INFINITY, i)).toBe(true);
      expect(nonces.size).toBeLessThanOrEqual(3);
    }
    expect(nonces.claim("n999", Number.POSITIVE_INFINITY, 1_000)).toBe(false);
    expect(nonces.claim("n997", Number.POSITIVE_INFINITY, 1_000)).toBe(false);
    expect(nonces.claim("n996", Number.POSITIVE_INFINITY, 1_000)).toBe(true); // forgotten: the oldest went
    expect(nonces.claim("n997", Number.POSITIVE_INFINITY, 1_000)).toBe(true); // pushed out by n996
    expect(nonces.size).toBe(3);
  });

  test("refuses a capacity that is not a positive integer", () => {
    for (const capacity of [0, -1, 1.5, Number.NaN]) expect(() => new UsedNonces(capacity)).toThrow(RangeError);
  });
});

if (skipReason !== undefined) {
  console.warn(`server example in headless Chromium: ${skipReason}`);
  describe("server example in headless Chromium", () => {
    test.skip(skipReason, () => {});
  });
} else {
  describe("server example in headless Chromium", () => {
    const accounts = new Map<string, ConnectedAccount>();
    let standIn: ConsentStandIn | undefined;
    let listener: LoopbackListener | undefined;
    let browser: Browser | undefined;
    let tab: GuardedPage | undefined;
    let appOrigin = "";
    let standInSeen = 0;

    beforeAll(async () => {
      requireBuiltDist();
      standIn = await startConsentStandIn();
      const app = createConnectApp({
        secret: "server-example test secret, at least 32 characters",
        serverURL: standIn.apiUrl,
        accounts,
      });
      listener = await listenOnLoopback(createAdaptorServer({ fetch: app.fetch }) as Server);
      // localhost for the app, 127.0.0.1 for the consent page: two sites, as in production.
      appOrigin = `http://localhost:${listener.port}`;
      browser = await launchChromium();
    });

    afterAll(async () => {
      const results = await Promise.allSettled([browser?.close(), listener?.close(), standIn?.close()]);
      const failed = results.find((result) => result.status === "rejected");
      if (failed) throw failed.reason;
    });

    beforeEach(async () => {
      accounts.clear();
      standIn!.setDecision("approve");
      standInSeen = standIn!.requests.length;
      tab = await newGuardedPage(browser!);
    });

    afterEach(async () => {
      const { blocked } = tab!;
      await tab?.close();
      expect(blocked, "requests that left loopback").toEqual([]);
    });

    const exchanges = () =>
      standIn!.requests
        .slice(standInSeen)
        .filter((request) => request.method === "POST" && request.url === "/api/v1/auth/keys");
    const heading = (page: Page) => page.locator("h1").textContent();

    /** Clicks "Connect OpenRouter" on the home page; returns the /login and /callback responses. */
    async function connect(page: Page): Promise<{ login: PageResponse; callback: PageResponse }> {
      await page.goto(`${appOrigin}/`);
      const login = page.waitForResponse((response) => new URL(response.url()).pathname === "/login");
      const callback = page.waitForResponse((response) => new URL(response.url()).pathname === "/callback");
      await page.getByRole("link", { name: "Connect OpenRouter" }).click();
      const result = { login: await login, callback: await callback };
      await page.waitForLoadState();
      return result;
    }

    test("approve: a Connected page without the key, the key kept on the server, the login cookie gone", async () => {
      const { page, context, seen } = tab!;
      const { login, callback } = await connect(page);

      const loginCookie = (await login.allHeaders())["set-cookie"] ?? "";
      expect(loginCookie).toMatch(new RegExp(`^${LOGIN_COOKIE}=[A-Za-z0-9_-]{40,};`));
      expect(loginCookie).toMatch(/HttpOnly/i);
      expect(loginCookie).toMatch(/SameSite=Lax/i);
      expect(loginCookie).not.toMatch(/Secure/i); // loopback http: a Secure cookie would be dropped
      // The consent page, on the other site, was visited, and sent the browser back with the cookie.
      const consentVisits = standIn!.requests.slice(standInSeen).filter((r) => r.url.startsWith("/auth?"));
      expect(consentVisits.map((r) => r.status)).toEqual([302]);
      expect(seen[0]).toBe(`GET ${appOrigin}/`);
      expect(await callback.request().headerValue("cookie")).toContain(`${LOGIN_COOKIE}=`);

      expect(callback.status()).toBe(200);
      expect(await heading(page)).toBe("Connected");
      expect(exchanges()).toHaveLength(1);
      expect(accounts.size).toBe(1);
      const [account] = [...accounts.values()];
      const minted = JSON.parse(exchanges()[0]!.response) as { key: string; user_id: string };
      expect(account).toEqual({ key: minted.key, userId: minted.user_id });
      expect(await page.content()).not.toContain(minted.key);

      const cookies = await context.cookies(appOrigin);
      expect(cookies.map((cookie) => cookie.name)).toEqual([SESSION_COOKIE]);
      expect(cookies[0]).toMatchObject({ httpOnly: true, sameSite: "Lax" });
      expect(accounts.has(cookies[0]!.value)).toBe(true);
      // Back home, the session shows as connected.
      await page.goto(`${appOrigin}/`);
      expect(await heading(page)).toBe("Connected");
    });

    test("deny: a 403 page, nothing stored, no exchange", async () => {
      standIn!.setDecision("deny");
      const { page, context } = tab!;
      const { callback } = await connect(page);
      expect(callback.status()).toBe(403);
      expect(await heading(page)).toBe("Not connected");
      expect(accounts.size).toBe(0);
      expect(exchanges()).toHaveLength(0);
      expect(await context.cookies(appOrigin)).toEqual([]);
    });

    test("forged callbacks: no login in progress, a forged cookie, another login's nonce: 400, nothing stored", async () => {
      const { page, context } = tab!;
      const forgedUrl = `${appOrigin}/callback?nonce=attackers-nonce&code=auth_code_attackers_code`;

      const noLogin = await page.goto(forgedUrl);
      expect(noLogin?.status()).toBe(400);
      expect(await heading(page)).toBe("No sign-in in progress");

      await context.addCookies([{ name: LOGIN_COOKIE, value: "A".repeat(80), domain: "localhost", path: "/callback" }]);
      const forgedCookie = await page.goto(forgedUrl);
      expect(forgedCookie?.status()).toBe(400);
      expect(await heading(page)).toBe("Sign-in not verified");

      // A genuine login in progress (GET /login without following it to the consent page), then a link to
      // an attacker's callback.
      await page.goto(`${appOrigin}/`);
      await page.evaluate(async () => {
        await fetch("/login", { redirect: "manual" });
      });
      const pending = await context.cookies(`${appOrigin}/callback`);
      expect(pending.map((cookie) => cookie.name)).toEqual([LOGIN_COOKIE]);
      expect(pending[0]!.value).not.toBe("A".repeat(80));
      const otherNonce = await page.goto(forgedUrl);
      expect(otherNonce?.status()).toBe(400);
      expect(await heading(page)).toBe("Sign-in not verified");

      expect(accounts.size).toBe(0);
      expect(exchanges()).toHaveLength(0);
    });

    test("replay: the callback loaded again gets a 4xx page; still one account, one exchange", async () => {
      const { page } = tab!;
      const { callback } = await connect(page);
      expect(callback.status()).toBe(200);
      const again = await page.goto(callback.url());
      expect(again?.status()).toBe(400);
      expect(await heading(page)).toBe("No sign-in in progress");
      expect(accounts.size).toBe(1);
      expect(exchanges()).toHaveLength(1);
    });
  });
}
