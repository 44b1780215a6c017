// The vanilla browser example (examples/browser-vanilla), bundled by esbuild from the BUILT package, driven in real
// headless Chromium against the consent page stand-in (consent page + API on loopback): the approve
// path end to end, a denial whose description tries to inject HTML, and forged callbacks. The page is
// configured through a config.js served in place of the example's, so it never reaches openrouter.ai
// (and a guard aborts any request that is not on loopback).
import { createHash } from "node:crypto";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { describeChild, repoRoot, requireBuiltDist, runChild } from "./support/build-once.js";
import { chromiumSkipReason, type GuardedPage, launchChromium, newGuardedPage } from "./support/chromium.js";
import { closeAll } from "./support/close-all.js";
import { type ConsentStandIn, startConsentStandIn } from "./support/consent-stand-in.js";
import { describeUnless } from "./support/describe-unless.js";
import { type StaticServer, startStaticServer } from "./support/static-server.js";

const exampleDir = join(repoRoot, "examples/browser-vanilla");
const tsc = join(repoRoot, "node_modules/typescript/bin/tsc");
const skipReason = chromiumSkipReason();
const sha256base64url = (text: string): string => createHash("sha256").update(text).digest("base64url");

describe("vanilla browser example type-checks against dist/ declarations", () => {
  beforeAll(() => requireBuiltDist());

  test("examples/browser-vanilla/tsconfig.json", { timeout: 120_000 }, async () => {
    const result = await runChild(
      process.execPath,
      [tsc, "--listFiles", "-p", "examples/browser-vanilla/tsconfig.json"],
      {
        timeoutMs: 110_000,
      },
    );
    expect(result.code, describeChild(result)).toBe(0);
    const files = result.stdout.split(/\r?\n/).map((line) => line.trim());
    expect(files).toContain(`${repoRoot}/examples/browser-vanilla/app.ts`);
    expect(files).toContain(`${repoRoot}/dist/esm/src/funcs/oAuthStartAuthorization.d.ts`);
    expect(files.some((file) => file.startsWith(`${repoRoot}/src/`))).toBe(false);
  });
});

describeUnless(skipReason, "vanilla browser example in headless Chromium", () => {
  let standIn: ConsentStandIn | undefined;
  let site: StaticServer | undefined;
  let browser: Browser | undefined;
  let tab: GuardedPage | undefined;
  let pageErrors: string[] = [];
  let standInSeen = 0;

  beforeAll(async () => {
    requireBuiltDist();
    const build = await runChild(process.execPath, [join(exampleDir, "build.mjs")], { timeoutMs: 60_000 });
    if (build.code !== 0) throw new Error(`building the example bundle failed: ${describeChild(build)}`);
    standIn = await startConsentStandIn();
    site = await startStaticServer({
      root: exampleDir,
      overrides: {
        "/config.js": `window.openRouterExampleConfig = { serverURL: ${JSON.stringify(standIn.apiUrl)} };\n`,
      },
    });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await closeAll(browser?.close(), site?.close(), standIn?.close());
  });

  beforeEach(async () => {
    standIn!.setDecision("approve");
    standInSeen = standIn!.requests.length;
    tab = await newGuardedPage(browser!);
    pageErrors = [];
    tab.page.on("pageerror", (error) => pageErrors.push(String(error)));
  });

  afterEach(async () => {
    const { blocked } = tab!;
    await tab?.close();
    expect(blocked, "requests that left loopback").toEqual([]);
    expect(pageErrors, "uncaught errors in the page").toEqual([]);
  });

  /** What the stand-in received during this test. */
  const standInRequests = () => standIn!.requests.slice(standInSeen);
  const exchanges = () =>
    standInRequests().filter((request) => request.method === "POST" && request.url === "/api/v1/auth/keys");

  /** Waits until the page shows a key or an error, and returns both texts. */
  async function outcome(page: Page): Promise<{ key: string; error: string }> {
    await page.waitForFunction(
      () => document.querySelector("#key")?.textContent || document.querySelector("#error")?.textContent,
    );
    return page.evaluate(() => ({
      key: document.querySelector("#key")?.textContent ?? "",
      error: document.querySelector("#error")?.textContent ?? "",
    }));
  }

  const storage = (page: Page) =>
    page.evaluate(() => ({
      session: Object.entries(sessionStorage),
      local: Object.entries(localStorage),
    }));

  /** The page's address, and that it carries none of the callback's parameters. */
  function expectCleanAddress(page: Page): void {
    const url = new URL(page.url());
    expect(url.origin).toBe(site!.origin);
    expect(url.pathname).toBe("/");
    expect(url.search).toBe("");
    for (const name of ["code", "nonce", "error", "error_description"]) expect(url.searchParams.has(name)).toBe(false);
  }

  test("approve: click → consent page → back → the key is shown masked, and nothing is left behind", async () => {
    const { page, seen } = tab!;
    await page.goto(`${site!.origin}/`);
    await expect.poll(() => page.evaluate(() => document.title)).toBe("Connect OpenRouter");

    // Where the page is when it sends the exchange: its address must already be clean.
    const addressAtExchange: string[] = [];
    await page.route(`${standIn!.apiUrl}/auth/keys`, async (route) => {
      if (route.request().method() === "POST") addressAtExchange.push(await page.evaluate(() => location.href));
      await route.fallback();
    });
    const exchangeResponse = page.waitForResponse(
      (response) => response.url() === `${standIn!.apiUrl}/auth/keys` && response.request().method() === "POST",
    );

    await page.getByRole("button", { name: "Connect OpenRouter" }).click();
    const shown = await outcome(page);
    const { key } = (await (await exchangeResponse).json()) as { key: string };

    expect(shown.error).toBe("");
    expect(key).toMatch(/^sk-or-v1-[0-9a-f]{64}$/);
    expect(shown.key).toBe(`Your key: sk-or-v1-…${key.slice(-4)}`);
    expect(await page.content()).not.toContain(key);

    // The address bar lost the code and the nonce, before the exchange was sent.
    expectCleanAddress(page);
    expect(addressAtExchange).toEqual([`${site!.origin}/`]);

    // The stand-in saw one consent request and exactly one exchange, whose verifier matches the challenge.
    const consent = standInRequests().filter((request) => request.url.startsWith("/auth?"));
    expect(consent).toHaveLength(1);
    const consentQuery = new URL(consent[0]!.url, standIn!.origin).searchParams;
    expect(consentQuery.get("code_challenge_method")).toBe("S256");
    const callbackUrl = new URL(consentQuery.get("callback_url") ?? "");
    expect(callbackUrl.origin + callbackUrl.pathname).toBe(`${site!.origin}/`);
    expect(callbackUrl.searchParams.get("nonce")).toMatch(/^[A-Za-z0-9_-]{22}$/);

    const sent = exchanges();
    expect(sent).toHaveLength(1);
    expect(sent[0]!.status).toBe(200);
    const body = JSON.parse(sent[0]!.body) as { code: string; code_verifier: string; code_challenge_method: string };
    expect(body.code_challenge_method).toBe("S256");
    expect(body.code_verifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(sha256base64url(body.code_verifier)).toBe(consentQuery.get("code_challenge"));
    const issued = standIn!.issuedCodes.get(body.code);
    expect(issued?.source).toBe("consent");
    expect(issued?.codeChallenge).toBe(sha256base64url(body.code_verifier));
    expect(issued?.used).toBe(true);

    // The verifier went only into the exchange body: never into a URL; nothing is left in storage.
    for (const line of [...seen, ...standIn!.requests.map((request) => request.url)]) {
      expect(line).not.toContain(body.code_verifier);
    }
    expect(await storage(page)).toEqual({ session: [], local: [] });
  });

  test("deny: the consent page's error_description is shown as text and injects nothing", async () => {
    const { page, seen } = tab!;
    const payload = `<img src=x onerror="document.title='pwned';window.__pwned=1">`;
    standIn!.setDecision({ error: "access_denied", errorDescription: `The user said no ${payload}` });
    await page.goto(`${site!.origin}/`);
    const countElements = () => page.evaluate(() => document.querySelectorAll("*").length);
    const elementsBefore = await countElements();

    await page.getByRole("button", { name: "Connect OpenRouter" }).click();
    const shown = await outcome(page);

    expect(shown.key).toBe("");
    expect(shown.error).toBe(`OpenRouter did not connect: The user said no ${payload}`);
    // Rendered as text: no element came with it, nothing ran, the "x" image was never requested.
    expect(await countElements()).toBe(elementsBefore);
    expect(await page.evaluate(() => document.querySelector("#error")?.childElementCount)).toBe(0);
    expect(await page.evaluate(() => document.querySelectorAll("img").length)).toBe(0);
    expect(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined();
    expect(await page.title()).toBe("Connect OpenRouter");
    expect(seen.filter((line) => new URL(line.split(" ")[1]!).pathname === "/x")).toEqual([]);

    // The stand-in really denied, and nothing was exchanged.
    const consent = standInRequests().filter((request) => request.url.startsWith("/auth?"));
    expect(consent.map((request) => request.status)).toEqual([302]);
    expect(exchanges()).toEqual([]);
    expectCleanAddress(page);
    expect(await storage(page)).toEqual({ session: [], local: [] });
    expect(await page.getByRole("button", { name: "Connect OpenRouter" }).isEnabled()).toBe(true);
  });

  /** A code the stand-in issued to someone else (an attacker's own login), valid and unused. */
  async function attackerCode(): Promise<string> {
    const query = new URLSearchParams({
      callback_url: "http://127.0.0.1:9/attacker",
      code_challenge: sha256base64url("attacker-verifier-attacker-verifier-attacker"),
      code_challenge_method: "S256",
    });
    const response = await fetch(`${standIn!.authUrl}?${query}`, { redirect: "manual" });
    const code = new URL(response.headers.get("location") ?? "http://invalid/").searchParams.get("code");
    if (response.status !== 302 || !code) throw new Error(`the stand-in issued no code (${response.status})`);
    return code;
  }

  test.each([
    ["a wrong nonce", (code: string) => `?code=${code}&nonce=forged-nonce-forged-nonc`],
    ["no nonce", (code: string) => `?code=${code}`],
  ])("forged callback with %s, while a login is pending, is refused without an exchange", async (_name, forge) => {
    const { page } = tab!;
    // The user started a login; the consent page is held (never answered) so the real callback never comes.
    const held: string[] = [];
    await page.route(`${standIn!.authUrl}?**`, (route) => {
      held.push(route.request().url());
      return route.fulfill({ status: 200, contentType: "text/html", body: "<title>consent page held</title>" });
    });
    await page.goto(`${site!.origin}/`);
    await page.getByRole("button", { name: "Connect OpenRouter" }).click();
    await page.waitForURL(`${standIn!.authUrl}?**`);
    expect(held).toHaveLength(1);
    const realNonce = new URL(new URL(held[0]!).searchParams.get("callback_url") ?? "").searchParams.get("nonce");
    expect(realNonce).toMatch(/^[A-Za-z0-9_-]{22}$/);

    // The attacker gets the user's tab to open the callback with the attacker's code.
    const code = await attackerCode();
    await page.goto(`${site!.origin}/${forge(code)}`);
    const shown = await outcome(page);

    expect(shown.key).toBe("");
    expect(shown.error).toBe(
      "This link does not belong to the login started in this tab, so it was not used. Try again.",
    );
    expect(exchanges()).toEqual([]);
    expect(standIn!.issuedCodes.get(code)?.used).toBe(false);
    expectCleanAddress(page);
    // The pending login is used up: its verifier is gone.
    expect(await storage(page)).toEqual({ session: [], local: [] });
  });

  test("a callback in a tab that started no login is refused without an exchange", async () => {
    const { page } = tab!;
    const code = await attackerCode();
    await page.goto(`${site!.origin}/?code=${code}&nonce=some-nonce-some-nonce-so`);
    const shown = await outcome(page);

    expect(shown.key).toBe("");
    expect(shown.error).toBe("No login was started in this tab, so this link was not used. Press Connect OpenRouter.");
    expect(exchanges()).toEqual([]);
    expect(standIn!.issuedCodes.get(code)?.used).toBe(false);
    expectCleanAddress(page);
    expect(await storage(page)).toEqual({ session: [], local: [] });
  });
});
