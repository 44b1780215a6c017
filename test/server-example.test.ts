// The server example (examples/server): its Hono app served on Node through @hono/node-server at
// http://localhost:PORT, driven in real headless Chromium against the consent stand-in on another site
// (http://127.0.0.1:OTHER_PORT), so the redirect back is a cross-site navigation as in production and the
// SameSite=Lax login cookie must survive it. Approve, deny, forged callbacks, replay, sign-out, screenshots.
// Also at request level (the store, cookies, same-origin sign-out) and its Node entry's config errors. Two
// instances sharing Redis: test/server-example-redis.test.ts. Every runtime: `npm run test:runtimes`.
import { spawn } from "node:child_process";
import { mkdir } from "node:fs/promises";
import type { Server } from "node:http";
import { join } from "node:path";
import { createAdaptorServer } from "@hono/node-server";
import type { Browser, Page } from "playwright-core";
import { createStorage, type Storage } from "unstorage";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { createConnectApp, LOGIN_COOKIE, SESSION_COOKIE } from "../examples/server/app.js";
import { createConnectStore } from "../examples/server/store.js";
import { childEnv, describeChild, repoRoot, requireBuiltDist, runChild } from "./support/build-once.js";
import { chromiumSkipReason, type GuardedPage, launchChromium, newGuardedPage } from "./support/chromium.js";
import { closeAll } from "./support/close-all.js";
import { type ConsentStandIn, startConsentStandIn } from "./support/consent-stand-in.js";
import { describeUnless } from "./support/describe-unless.js";
import { type LoopbackListener, listenOnLoopback } from "./support/loopback-server.js";

const tsc = join(repoRoot, "node_modules/typescript/bin/tsc");
const tsx = join(repoRoot, "node_modules/.bin/tsx");
const skipReason = chromiumSkipReason();
const SECRET = "server-example test secret, at least 32 characters";
const SCREENSHOTS = join(repoRoot, "test-results/screenshots");

describe("server example type-checks against dist/ declarations", () => {
  beforeAll(() => requireBuiltDist());

  test("examples/server/tsconfig.json", { timeout: 120_000 }, async () => {
    const result = await runChild(process.execPath, [tsc, "--listFiles", "-p", "examples/server/tsconfig.json"], {
      timeoutMs: 110_000,
    });
    expect(result.code, describeChild(result)).toBe(0);
    const files = result.stdout.split(/\r?\n/).map((line) => line.trim());
    for (const file of ["app.ts", "pages.ts", "seal.ts", "store.ts", "config.ts", "storage.ts", "node.ts", "bun.ts"]) {
      expect(files).toContain(`${repoRoot}/examples/server/${file}`);
    }
    for (const file of ["deno.ts", "worker.ts"]) expect(files).toContain(`${repoRoot}/examples/server/${file}`);
    expect(files).toContain(`${repoRoot}/dist/esm/src/funcs/oAuthStartAuthorization.d.ts`);
    expect(files.some((file) => file.startsWith(`${repoRoot}/src/`))).toBe(false);
  });
});

describe("server example: its Node entry's configuration errors", () => {
  test.each([
    ["no SESSION_SECRET", {}, /^server example: SESSION_SECRET is not set: /],
    ["a short SESSION_SECRET", { SESSION_SECRET: "x".repeat(31) }, /^server example: SESSION_SECRET is too short \(31/],
    ["a bad PORT", { SESSION_SECRET: "x".repeat(32), PORT: "http" }, /^server example: PORT must be a port number/],
  ] as const)("%s: exits 1 with one line on stderr, no stack trace", { timeout: 30_000 }, async (_, env, line) => {
    const result = await runChild(tsx, ["examples/server/node.ts"], { env: childEnv(env), timeoutMs: 25_000 });
    expect(result.code, describeChild(result)).toBe(1);
    expect(result.stderr.trimEnd().split("\n"), describeChild(result)).toHaveLength(1);
    expect(result.stderr).toMatch(line);
    expect(result.stderr).not.toMatch(/\n\s+at |Error:/);
    expect(result.stdout).toBe("");
  });
});

describe("npm run example:server (scripts/example-server.ts)", () => {
  test("unconfigured: a generated secret, the local stand-in, a sign-in end to end, a clean stop on SIGINT", {
    timeout: 30_000,
  }, async () => {
    const child = spawn(tsx, ["scripts/example-server.ts"], {
      cwd: repoRoot,
      env: childEnv({ PORT: "0" }),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    try {
      const deadline = Date.now() + 20_000;
      let url: string | undefined;
      while (url === undefined && Date.now() < deadline && child.exitCode === null) {
        url = /Connect OpenRouter: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output)?.[1];
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(url, output).toBeDefined();
      expect(output).toContain("SESSION_SECRET is not set: using one generated for this run");
      expect(output).toMatch(
        /OPENROUTER_BASE_URL is not set: using the local OpenRouter stand-in at http:\/\/127\.0\.0\.1:/,
      );
      const home = await fetch(url!);
      expect(await home.text()).toContain("Sign in with OpenRouter");
      const login = await fetch(`${url}login`, { redirect: "manual" });
      const cookie = login.headers.getSetCookie()[0]!.split(";")[0]!;
      const consent = await fetch(login.headers.get("location")!, { redirect: "manual" });
      const done = await fetch(consent.headers.get("location")!, { headers: { cookie }, redirect: "manual" });
      expect([done.status, done.headers.get("location")]).toEqual([303, "/"]);
      const session = done.headers.getSetCookie().find((line) => line.startsWith(`${SESSION_COOKIE}=`))!;
      const connected = await (await fetch(url!, { headers: { cookie: session.split(";")[0]! } })).text();
      expect(connected).toMatch(/Connected[\s\S]*sk-or-v1-…[0-9a-f]{4}/);
      child.kill("SIGINT");
      expect(await exited).toBe(0);
      expect(output).not.toMatch(/Error|\n\s+at /);
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
    }
  });
});

describe("server example at request level", () => {
  const ORIGIN = "http://localhost:3000";
  let standIn: ConsentStandIn;
  beforeAll(async () => {
    standIn = await startConsentStandIn();
  });
  afterAll(async () => {
    await standIn.close();
  });

  const exchanges = () => standIn.requests.filter((r) => r.method === "POST" && r.url === "/api/v1/auth/keys");
  const newApp = (storage: Storage = createStorage()) => ({
    app: createConnectApp({ secret: SECRET, serverURL: standIn.apiUrl, storage }),
    storage,
  });
  type App = ReturnType<typeof createConnectApp>;
  const cookieOf = (response: Response, name: string) =>
    response.headers
      .getSetCookie()
      .find((line) => line.startsWith(`${name}=`))
      ?.split(";")[0]
      ?.slice(name.length + 1);

  /** GET /login: the sealed cookie's value, the consent page URL and the login's nonce. */
  async function startLogin(app: App, origin = ORIGIN) {
    const response = await app.request(`${origin}/login`);
    expect(response.status).toBe(302);
    const authorizationUrl = response.headers.get("location")!;
    const callbackUrl = new URL(new URL(authorizationUrl).searchParams.get("callback_url")!);
    return {
      response,
      cookie: cookieOf(response, LOGIN_COOKIE) ?? "",
      authorizationUrl,
      nonce: callbackUrl.searchParams.get("nonce")!,
    };
  }
  /** GET /callback as a browser holding the login `cookie` (a copy of it, for a replay) and maybe a session. */
  const callback = (app: App, url: string, cookie: string | undefined, session?: string) =>
    app.request(url, {
      headers: {
        cookie: [cookie && `${LOGIN_COOKIE}=${cookie}`, session && `${SESSION_COOKIE}=${session}`]
          .filter(Boolean)
          .join("; "),
      },
    });
  /** The consent page approving: where it sends the browser back. */
  const consent = async (authorizationUrl: string) =>
    (await fetch(authorizationUrl, { redirect: "manual" })).headers.get("location")!;
  const storedNonces = async (storage: Storage) =>
    (await storage.getKeys()).filter((key) => key.startsWith("openrouter-example:nonce:"));

  test("approve: 303 to /, a session cookie, the home page connected with the key masked", async () => {
    const { app, storage } = newApp();
    const login = await startLogin(app);
    const done = await callback(app, await consent(login.authorizationUrl), login.cookie);
    expect(done.status).toBe(303);
    expect(done.headers.get("location")).toBe("/");
    const session = cookieOf(done, SESSION_COOKIE)!;
    expect(session).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const key = (JSON.parse(exchanges().at(-1)!.response) as { key: string }).key;
    const home = await (
      await app.request(`${ORIGIN}/`, { headers: { cookie: `${SESSION_COOKIE}=${session}` } })
    ).text();
    expect(home).toContain("Connected");
    expect(home).toContain(`sk-or-v1-…${key.slice(-4)}`);
    expect(home).not.toContain(key);
    expect(home).toMatch(/<form method="post" action="\/logout"><button[^>]*>Sign out<\/button>/);
    for (const value of Object.values(await storage.getItems(await storage.getKeys()))) {
      expect(JSON.stringify(value)).not.toContain(key.slice(9));
    }
  });

  test("GET / clears a session cookie that names no session, and keeps one that does", async () => {
    const storage = createStorage();
    await createConnectStore(SECRET, storage).saveSession(
      "known-session",
      { key: "sk-or-v1-0000000000abcd", userId: null },
      Date.now() + 60_000,
    );
    const { app } = newApp(storage);
    const forged = await app.request(`${ORIGIN}/`, { headers: { cookie: `${SESSION_COOKIE}=forged-id` } });
    expect(forged.status).toBe(200);
    expect(await forged.text()).toContain("Sign in with OpenRouter");
    const cleared = forged.headers.get("set-cookie") ?? "";
    expect(cleared).toMatch(new RegExp(`^${SESSION_COOKIE}=;`));
    expect(cleared).toMatch(/Max-Age=0/i);

    const known = await app.request(`${ORIGIN}/`, { headers: { cookie: `${SESSION_COOKIE}=known-session` } });
    const page = await known.text();
    expect(page).toContain("Connected");
    expect(page).toContain("sk-or-v1-…abcd");
    expect(known.headers.get("set-cookie")).toBeNull();
    // A session sealed under another secret does not open.
    const other = createConnectApp({ secret: `${SECRET}, another one`, storage });
    const elsewhere = await other.request(`${ORIGIN}/`, { headers: { cookie: `${SESSION_COOKIE}=known-session` } });
    expect(await elsewhere.text()).toContain("Sign in with OpenRouter");
  });

  test("cookies: __Host- prefixed, Secure, Path=/ off loopback; plain names on loopback http", async () => {
    const { app } = newApp();
    const remote = await startLogin(app, "https://app.example");
    const line = remote.response.headers.getSetCookie()[0]!;
    expect(line).toMatch(new RegExp(`^__Host-${LOGIN_COOKIE}=[A-Za-z0-9_-]{40,};`));
    for (const attribute of [/;\s*Secure/i, /;\s*Path=\/(;|$)/i, /;\s*HttpOnly/i, /;\s*SameSite=Lax/i]) {
      expect(line).toMatch(attribute);
    }
    expect(new URL(remote.authorizationUrl).searchParams.get("callback_url")).toMatch(
      /^https:\/\/app\.example\/callback\?/,
    );
    const local = await startLogin(app);
    const localLine = local.response.headers.getSetCookie()[0]!;
    expect(localLine).toMatch(new RegExp(`^${LOGIN_COOKIE}=`));
    expect(localLine).not.toMatch(/Secure/i);
    // A __Host- session cookie is the one read over https (a plain-named one is not).
    const done = await app.request(await consent(remote.authorizationUrl), {
      headers: { cookie: `__Host-${LOGIN_COOKIE}=${cookieOf(remote.response, `__Host-${LOGIN_COOKIE}`)}` },
    });
    expect(done.status).toBe(303);
    const session = cookieOf(done, `__Host-${SESSION_COOKIE}`)!;
    const home = async (cookie: string) => (await app.request("https://app.example/", { headers: { cookie } })).text();
    expect(await home(`__Host-${SESSION_COOKIE}=${session}`)).toContain("Connected");
    expect(await home(`${SESSION_COOKIE}=${session}`)).not.toContain("Connected");
  });

  test("POST /logout: same-origin only (Origin and Sec-Fetch-Site), then signed out", async () => {
    const { app } = newApp();
    const login = await startLogin(app);
    const session = cookieOf(await callback(app, await consent(login.authorizationUrl), login.cookie), SESSION_COOKIE);
    const cookie = `${SESSION_COOKIE}=${session}`;
    const logout = (headers: Record<string, string>) =>
      app.request(`${ORIGIN}/logout`, { method: "POST", headers: { cookie, ...headers } });
    const connected = async () =>
      (await (await app.request(`${ORIGIN}/`, { headers: { cookie } })).text()).includes("Connected");
    const refusals: Record<string, string>[] = [
      { origin: "https://attacker.example", "sec-fetch-site": "cross-site" },
      { origin: "https://attacker.example" },
      { origin: ORIGIN, "sec-fetch-site": "cross-site" },
      { origin: ORIGIN, "sec-fetch-site": "same-site" },
      { origin: "null" },
      {},
    ];
    for (const headers of refusals) {
      const refused = await logout(headers);
      expect(refused.status, JSON.stringify(headers)).toBe(403);
      expect(await refused.text()).toContain("Sign-out refused");
      expect(await connected()).toBe(true);
    }
    const out = await logout({ origin: ORIGIN, "sec-fetch-site": "same-origin" });
    expect(out.status).toBe(303);
    expect(out.headers.get("location")).toBe("/");
    expect(out.headers.get("set-cookie")).toMatch(new RegExp(`^${SESSION_COOKIE}=;.*Max-Age=0`, "i"));
    expect(await connected()).toBe(false);
  });

  test("junk /login + /callback pairs (no code, another login's nonce, a denial) record no nonce", async () => {
    const { app, storage } = newApp();
    const seen = exchanges().length;
    for (let i = 0; i < 10; i += 1) {
      const login = await startLogin(app);
      const junk = [
        [`${ORIGIN}/callback?nonce=${login.nonce}`, 400],
        [`${ORIGIN}/callback?nonce=${login.nonce}&other=${i}`, 400],
        [`${ORIGIN}/callback?nonce=another-logins-nonce&code=auth_code_forged`, 400],
        [`${ORIGIN}/callback?nonce=${login.nonce}&error=access_denied`, 403],
      ] as const;
      for (const [url, status] of junk) expect((await callback(app, url, login.cookie)).status).toBe(status);
    }
    expect(await storedNonces(storage)).toEqual([]);
    expect(exchanges()).toHaveLength(seen);
  });

  test("a callback without a code does not spend its login's nonce: the login's real callback still completes", async () => {
    const { app } = newApp();
    const login = await startLogin(app);
    expect((await callback(app, `${ORIGIN}/callback?nonce=${login.nonce}`, login.cookie)).status).toBe(400);
    const real = await callback(app, await consent(login.authorizationUrl), login.cookie);
    expect(real.status).toBe(303);
  });

  test("replay: never a second exchange; 303 to / for the connected browser, else a 4xx page", async () => {
    const { app, storage } = newApp();
    const login = await startLogin(app);
    const returnedTo = await consent(login.authorizationUrl);
    const first = await callback(app, returnedTo, login.cookie);
    expect(first.status).toBe(303);
    const session = cookieOf(first, SESSION_COOKIE);
    const seen = exchanges().length;
    const reload = await callback(app, returnedTo, undefined, session);
    expect([reload.status, reload.headers.get("location")]).toEqual([303, "/"]);
    const copyConnected = await callback(app, returnedTo, login.cookie, session);
    expect([copyConnected.status, copyConnected.headers.get("location")]).toEqual([303, "/"]);
    const copy = await callback(app, returnedTo, login.cookie);
    expect(copy.status).toBe(409);
    expect(await copy.text()).toContain("already");
    const bare = await callback(app, returnedTo, undefined);
    expect(bare.status).toBe(400);
    expect(await bare.text()).toContain("No sign-in in progress");
    expect(exchanges()).toHaveLength(seen);
    expect(await storedNonces(storage)).toHaveLength(1);
  });

  test("a refused code spends the nonce: the same callback again sends nothing", async () => {
    const { app } = newApp();
    const login = await startLogin(app);
    const url = `${ORIGIN}/callback?nonce=${login.nonce}&code=auth_code_unknown`;
    const seen = exchanges().length;
    const refused = await callback(app, url, login.cookie);
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("Sign-in refused");
    expect((await callback(app, url, login.cookie)).status).toBe(409);
    expect(exchanges()).toHaveLength(seen + 1);
  });
});

describe("server example: the store", () => {
  test("a nonce is claimed once, until its time has passed", async () => {
    let now = 0;
    const store = createConnectStore(SECRET, createStorage(), () => now);
    expect(await store.claimNonce("a", 1_000)).toBe(true);
    expect(await store.claimNonce("a", 1_000)).toBe(false);
    now = 999;
    expect(await store.claimNonce("a", 1_000)).toBe(false);
    now = 1_000;
    expect(await store.claimNonce("a", 5_000)).toBe(true);
    // Claims racing in one process: exactly one wins.
    const raced = await Promise.all(Array.from({ length: 20 }, () => store.claimNonce("b", 9_000)));
    expect(raced.filter(Boolean)).toHaveLength(1);
  });

  test("a session holds the account sealed, ends, and expires", async () => {
    let now = 0;
    const storage = createStorage();
    const store = createConnectStore(SECRET, storage, () => now);
    const account = { key: `sk-or-v1-${"5".repeat(64)}`, userId: "user_1" };
    // Ids long enough that no hash or ciphertext in the store holds them by chance ("s1" once did).
    const [first, second] = ["session.one.not-in-any-ciphertext", "session.two.not-in-any-ciphertext"];
    await store.saveSession(first, account, 1_000);
    await store.saveSession(second, account, 1_000);
    expect(await store.readSession(first)).toEqual(account);
    const raw = JSON.stringify(await storage.getItems(await storage.getKeys()));
    expect(raw).not.toContain(account.key.slice(9, 30));
    expect(raw).not.toContain("user_1");
    expect(raw).not.toContain(first);
    await store.endSession(first);
    expect(await store.readSession(first)).toBeUndefined();
    now = 1_000;
    expect(await store.readSession(second)).toBeUndefined();
  });
});

describeUnless(skipReason, "server example in headless Chromium", () => {
  const storage = createStorage();
  let standIn: ConsentStandIn | undefined;
  let listener: LoopbackListener | undefined;
  let browser: Browser | undefined;
  let tab: GuardedPage | undefined;
  let appOrigin = "";
  let standInSeen = 0;

  beforeAll(async () => {
    requireBuiltDist();
    standIn = await startConsentStandIn();
    const app = createConnectApp({ secret: SECRET, serverURL: standIn.apiUrl, storage });
    listener = await listenOnLoopback(createAdaptorServer({ fetch: app.fetch }) as Server);
    // localhost for the app, 127.0.0.1 for the consent page: two sites, as in production.
    appOrigin = `http://localhost:${listener.port}`;
    browser = await launchChromium();
    await mkdir(SCREENSHOTS, { recursive: true });
  });

  afterAll(async () => {
    await closeAll(browser?.close(), listener?.close(), standIn?.close());
  });

  beforeEach(async () => {
    await storage.clear();
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
  const sessions = async () => (await storage.getKeys()).filter((key) => key.startsWith("openrouter-example:session:"));

  /** Clicks "Sign in with OpenRouter" on the home page; resolves once the browser is back home. */
  async function signIn(page: Page) {
    await page.goto(`${appOrigin}/`);
    const callback = page.waitForResponse((response) => new URL(response.url()).pathname === "/callback");
    await page.getByRole("button", { name: "Sign in with OpenRouter", exact: true }).click();
    const response = await callback;
    await page.waitForLoadState();
    return response;
  }

  test("signed out: one button, named exactly; a screenshot of the page", async () => {
    const { page } = tab!;
    await page.setViewportSize({ width: 720, height: 560 });
    await page.goto(`${appOrigin}/`);
    expect(await page.getByRole("button").count()).toBe(1);
    await expect(page.getByRole("button", { name: "Sign in with OpenRouter", exact: true }).isVisible()).resolves.toBe(
      true,
    );
    expect(await page.content()).not.toContain("Connected");
    await page.screenshot({ path: join(SCREENSHOTS, "server-signed-out.png") });
    await page.emulateMedia({ colorScheme: "dark" });
    await page.screenshot({ path: join(SCREENSHOTS, "server-signed-out-dark.png") });
  });

  test("approve: back home (303) connected, the key masked, a reload stays connected; a screenshot", async () => {
    const { page, context, seen } = tab!;
    const callback = await signIn(page);
    // The consent page, on the other site, was visited, and sent the browser back with the cookie.
    const consentVisits = standIn!.requests.slice(standInSeen).filter((r) => r.url.startsWith("/auth?"));
    expect(consentVisits.map((r) => r.status)).toEqual([302]);
    expect(seen[0]).toBe(`GET ${appOrigin}/`);
    expect(await callback.request().headerValue("cookie")).toContain(`${LOGIN_COOKIE}=`);
    expect(callback.status()).toBe(303);
    expect(page.url()).toBe(`${appOrigin}/`);

    expect(exchanges()).toHaveLength(1);
    const minted = JSON.parse(exchanges()[0]!.response) as { key: string; user_id: string };
    const body = page.locator("body");
    await expect(body.textContent()).resolves.toContain("Connected");
    await expect(body.textContent()).resolves.toContain(`sk-or-v1-…${minted.key.slice(-4)}`);
    expect(await page.content()).not.toContain(minted.key);
    expect(await page.getByRole("button", { name: "Sign out", exact: true }).count()).toBe(1);
    expect(await sessions()).toHaveLength(1);

    const cookies = await context.cookies(appOrigin);
    expect(cookies.map((cookie) => cookie.name)).toEqual([SESSION_COOKIE]);
    expect(cookies[0]).toMatchObject({ httpOnly: true, sameSite: "Lax", secure: false });
    await page.setViewportSize({ width: 720, height: 560 });
    await page.screenshot({ path: join(SCREENSHOTS, "server-connected.png") });
    await page.emulateMedia({ colorScheme: "dark" });
    await page.screenshot({ path: join(SCREENSHOTS, "server-connected-dark.png") });

    await page.reload();
    await expect(body.textContent()).resolves.toContain("Connected");
    // Back on the callback (history), the login is not run again.
    const again = await page.goto(callback.url());
    expect(again?.status()).toBe(200);
    expect(page.url()).toBe(`${appOrigin}/`);
    await expect(body.textContent()).resolves.toContain("Connected");
    expect(exchanges()).toHaveLength(1);
  });

  test("sign out: the button posts /logout, the session ends, the page offers sign-in again", async () => {
    const { page, context } = tab!;
    await signIn(page);
    expect(await sessions()).toHaveLength(1);
    const logout = page.waitForRequest((request) => new URL(request.url()).pathname === "/logout");
    await page.getByRole("button", { name: "Sign out", exact: true }).click();
    const request = await logout;
    expect(request.method()).toBe("POST");
    expect((await request.response())?.status()).toBe(303);
    // Accepted: so the browser's Origin (and Sec-Fetch-Site) said same-origin; the request-level test
    // shows what is refused.
    await page.waitForLoadState();
    expect(page.url()).toBe(`${appOrigin}/`);
    expect(await page.getByRole("button", { name: "Sign in with OpenRouter", exact: true }).count()).toBe(1);
    expect(await sessions()).toEqual([]);
    expect(await context.cookies(appOrigin)).toEqual([]);
  });

  test("deny: a 403 page that says so, nothing stored, no exchange", async () => {
    standIn!.setDecision("deny");
    const { page, context } = tab!;
    const callback = await signIn(page);
    expect(callback.status()).toBe(403);
    expect(await heading(page)).toBe("Connection declined");
    expect(await page.getByRole("button", { name: "Sign in with OpenRouter", exact: true }).count()).toBe(1);
    await page.setViewportSize({ width: 720, height: 560 });
    await page.screenshot({ path: join(SCREENSHOTS, "server-denied.png") });
    expect(await sessions()).toEqual([]);
    expect(exchanges()).toHaveLength(0);
    expect(await context.cookies(appOrigin)).toEqual([]);
  });

  test("forged callbacks: no login in progress, a forged cookie, another login's nonce: 400, nothing stored", async () => {
    const { page, context } = tab!;
    const forgedUrl = `${appOrigin}/callback?nonce=attackers-nonce&code=auth_code_attackers_code`;

    const noLogin = await page.goto(forgedUrl);
    expect(noLogin?.status()).toBe(400);
    expect(await heading(page)).toBe("No sign-in in progress");

    await context.addCookies([{ name: LOGIN_COOKIE, value: "A".repeat(80), domain: "localhost", path: "/" }]);
    const forgedCookie = await page.goto(forgedUrl);
    expect(forgedCookie?.status()).toBe(400);
    expect(await heading(page)).toBe("Sign-in expired or not verified");

    // A genuine login in progress (GET /login without following it to the consent page), then a link to
    // an attacker's callback.
    await page.goto(`${appOrigin}/`);
    // (Through the context's request API, which shares the browser's cookies: the page's CSP allows no fetch.)
    expect((await context.request.get(`${appOrigin}/login`, { maxRedirects: 0 })).status()).toBe(302);
    const pending = await context.cookies(`${appOrigin}/callback`);
    expect(pending.map((cookie) => cookie.name)).toEqual([LOGIN_COOKIE]);
    expect(pending[0]!.value).not.toBe("A".repeat(80));
    const otherNonce = await page.goto(forgedUrl);
    expect(otherNonce?.status()).toBe(400);
    expect(await heading(page)).toBe("Sign-in not verified");

    expect(await storage.getKeys()).toEqual([]);
    expect(exchanges()).toHaveLength(0);
  });
});
