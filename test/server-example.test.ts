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
