// The React example (examples/browser), built by Vite from the BUILT package (openrouter-oauth/browser from
// dist/), driven in real headless Chromium against the consent page stand-in (consent page + API on
// loopback). Two builds: production, as users deploy it, and development, where React's StrictMode mounts
// every effect twice, to count exchanges. Each test gets a fresh browser context (its own storage), whose
// pages share localStorage like tabs of one profile; a guard aborts any request that is not on loopback, and
// after each test no key the stand-in minted may appear in the page's console. Screenshots of both colour
// schemes go to test-results/screenshots/.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { build, type Rolldown } from "vite";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { childEnv, describeChild, repoRoot, requireBuiltDist, runChild } from "./support/build-once.js";
import { chromiumSkipReason, type GuardedPage, launchChromium, newGuardedPage } from "./support/chromium.js";
import { closeAll } from "./support/close-all.js";
import { type ConsentStandIn, startConsentStandIn } from "./support/consent-stand-in.js";
import { describeUnless } from "./support/describe-unless.js";
import { freePort } from "./support/free-port.js";
import { connectionRefused } from "./support/loopback-server.js";
import { type StaticServer, startStaticServer } from "./support/static-server.js";

const exampleDir = join(repoRoot, "examples/browser");
const screenshotDir = join(repoRoot, "test-results/screenshots");
const tsc = join(repoRoot, "node_modules/typescript/bin/tsc");
const skipReason = chromiumSkipReason();
const BUTTON = "Sign in with OpenRouter";

/**
 * Builds the example into `outDir` with its own Vite config, as `NODE_ENV=<mode> vite build` would, and
 * returns the modules in the bundle. React and its JSX transform pick their build by NODE_ENV, which vitest
 * sets to "test": it is set for the build only (so one build at a time).
 */
async function buildExample(outDir: string, mode: "production" | "development"): Promise<string[]> {
  const saved = process.env.NODE_ENV;
  process.env.NODE_ENV = mode;
  try {
    const result = await build({
      root: exampleDir,
      configFile: join(exampleDir, "vite.config.ts"),
      mode,
      logLevel: "warn",
      build: { outDir, emptyOutDir: true },
    });
    const outputs = (Array.isArray(result) ? result : [result]) as Rolldown.RolldownOutput[];
    return outputs.flatMap((output) =>
      output.output.flatMap((chunk) => (chunk.type === "chunk" ? chunk.moduleIds : [])),
    );
  } finally {
    process.env.NODE_ENV = saved;
  }
}

describeUnless(skipReason, "React browser example in headless Chromium", () => {
  let buildDir: string | undefined;
  let standIn: ConsentStandIn | undefined;
  /** The production build, and the development one (StrictMode doubles effects only there). */
  let site: StaticServer | undefined;
  let devSite: StaticServer | undefined;
  let browser: Browser | undefined;
  let tab: GuardedPage | undefined;
  let standInSeen = 0;
  /** Every console message and uncaught error of every page of this test's context. */
  let consoleLines: string[] = [];
  let pageErrors: string[] = [];

  beforeAll(async () => {
    requireBuiltDist();
    buildDir = await mkdtemp(join(tmpdir(), "browser-react-"));
    const prodModules = await buildExample(join(buildDir, "prod"), "production");
    const devModules = await buildExample(join(buildDir, "dev"), "development");
    for (const modules of [prodModules, devModules]) {
      // The package comes from dist/ (its entries re-export dist/esm/internal/), as users install it, never src/.
      expect(modules.filter((id) => id.startsWith(`${repoRoot}/dist/esm/`))).not.toEqual([]);
      expect(modules.filter((id) => id.startsWith(`${repoRoot}/src/`))).toEqual([]);
    }
    expect(prodModules.some((id) => id.endsWith("react-dom-client.production.js"))).toBe(true);
    expect(devModules.some((id) => id.endsWith("react-dom-client.development.js"))).toBe(true);
    standIn = await startConsentStandIn();
    const overrides = {
      "/config.js": `window.openRouterExampleConfig = { serverURL: ${JSON.stringify(standIn.apiUrl)} };\n`,
    };
    site = await startStaticServer({ root: join(buildDir, "prod"), overrides });
    devSite = await startStaticServer({ root: join(buildDir, "dev"), overrides });
    browser = await launchChromium();
    await mkdir(screenshotDir, { recursive: true });
  });

  afterAll(async () => {
    await closeAll(
      browser?.close(),
      site?.close(),
      devSite?.close(),
      standIn?.close(),
      buildDir === undefined ? undefined : rm(buildDir, { recursive: true, force: true }),
    );
  });

  beforeEach(async () => {
    standIn!.setDecision("approve");
    standInSeen = standIn!.requests.length;
    tab = await newGuardedPage(browser!);
    consoleLines = [];
    pageErrors = [];
    tab.context.on("console", (message) => consoleLines.push(message.text()));
    tab.context.on("weberror", (error) => pageErrors.push(String(error.error())));
  });

  afterEach(async () => {
    const { blocked } = tab!;
    await tab?.close();
    expect(blocked, "requests that left loopback").toEqual([]);
    expect(pageErrors, "uncaught errors in the page").toEqual([]);
    // No key minted during this test reaches the console: not even its secret part (all but the last four
    // characters, which the masked key shows).
    for (const key of mintedKeys()) {
      for (const line of consoleLines) expect(line).not.toContain(key.slice("sk-or-v1-".length, -4));
    }
  });

  /** What the stand-in received during this test. */
  const standInRequests = () => standIn!.requests.slice(standInSeen);
  const exchanges = () =>
    standInRequests().filter((request) => request.method === "POST" && request.url === "/api/v1/auth/keys");
  const mintedKeys = () =>
    exchanges()
      .filter((request) => request.status === 200)
      .map((request) => (JSON.parse(request.response) as { key: string }).key);

  const signInButton = (page: Page) => page.getByRole("button", { name: BUTTON, exact: true });
  const signOutButton = (page: Page) => page.getByRole("button", { name: "Sign out", exact: true });
  const connected = (page: Page) => page.getByText("Connected", { exact: true });
  const alert = (page: Page) => page.getByRole("alert");

  /** Signs in from the signed-out page (the stand-in approves) and waits for "Connected". Returns the key. */
  async function signInOnce(page: Page): Promise<string> {
    const before = mintedKeys().length;
    await signInButton(page).click();
    await connected(page).waitFor();
    const keys = mintedKeys();
    expect(keys).toHaveLength(before + 1);
    return keys.at(-1)!;
  }

  /** The page's address, and that it carries none of the callback's parameters. */
  function expectCleanAddress(page: Page, origin = site!.origin): void {
    const url = new URL(page.url());
    expect(url.origin + url.pathname).toBe(`${origin}/`);
    for (const name of ["code", "nonce", "error", "error_description"]) {
      expect(url.searchParams.has(name), `${name} in ${url}`).toBe(false);
    }
  }

  async function expectConnectedWith(page: Page, key: string): Promise<void> {
    await connected(page).waitFor();
    expect(await page.locator("code.key").textContent()).toBe(`sk-or-v1-…${key.slice(-4)}`);
    expect(await signOutButton(page).isVisible()).toBe(true);
    expect(await signInButton(page).count()).toBe(0);
    expect(await page.content()).not.toContain(key);
  }

  test("sign in: the consent page approves → Connected, the masked key, Sign out; no code in the address; reload stays connected", async () => {
    const { page } = tab!;
    await page.goto(`${site!.origin}/`);
    await signInButton(page).waitFor();
    expect(await connected(page).count()).toBe(0);

    const key = await signInOnce(page);
    expect(key).toMatch(/^sk-or-v1-[0-9a-f]{64}$/);
    await expectConnectedWith(page, key);
    expectCleanAddress(page);
    const consent = standInRequests().filter((request) => request.url.startsWith("/auth?"));
    expect(consent.map((request) => request.status)).toEqual([302]);
    expect(exchanges().map((request) => request.status)).toEqual([200]);

    await page.reload();
    await expectConnectedWith(page, key);
    expectCleanAddress(page);
    expect(exchanges()).toHaveLength(1);
  });

  test("StrictMode (development build): one login is exactly one exchange", async () => {
    const { page } = tab!;
    await page.goto(`${devSite!.origin}/`);
    const key = await signInOnce(page);
    await expectConnectedWith(page, key);
    expectCleanAddress(page, devSite!.origin);
    // StrictMode has mounted, unmounted and mounted again by now; give a second exchange time to show.
    await page.waitForTimeout(300);
    expect(exchanges()).toHaveLength(1);
    expect(exchanges()[0]!.status).toBe(200);
  });

  test("two tabs: the second tab is connected too; Sign out in one shows the sign-in button in the other within 2 s", async () => {
    const first = tab!.page;
    await first.goto(`${site!.origin}/`);
    const key = await signInOnce(first);

    const second = await tab!.context.newPage();
    await second.goto(`${site!.origin}/`);
    await expectConnectedWith(second, key);

    await signOutButton(second).click();
    await signInButton(second).waitFor({ timeout: 1_000 });
    // Keyboard focus moves from "Sign out", now gone, to the button that replaced it.
    expect(await second.evaluate(() => document.activeElement?.textContent)).toBe(BUTTON);
    await signInButton(first).waitFor({ timeout: 2_000 });
    expect(await connected(first).count()).toBe(0);
    expect(await first.content()).not.toContain(key.slice(-4));

    // And back: signing in in the first tab connects the second.
    const next = await signInOnce(first);
    await expectConnectedWith(second, next);
    expect(exchanges()).toHaveLength(2);
  });

  test("Back to the callback address, or opening it again, sends no second exchange", async () => {
    const { page } = tab!;
    // The consent page's redirect to the callback (route handlers do not see redirects; events do).
    const callbacks: string[] = [];
    page.on("request", (request) => {
      if (request.isNavigationRequest() && request.url().includes("code=")) callbacks.push(request.url());
    });
    await page.goto(`${site!.origin}/`);
    const key = await signInOnce(page);
    expect(callbacks).toHaveLength(1);
    const callbackUrl = callbacks[0]!;
    expect(new URL(callbackUrl).searchParams.get("nonce")).toMatch(/^[A-Za-z0-9_-]{22}$/);

    await page.goBack();
    await page.goForward();
    await expectConnectedWith(page, key);

    await page.goto(callbackUrl);
    await page.waitForTimeout(300);
    expectCleanAddress(page);
    expect(exchanges()).toHaveLength(1);
  });

  test("deny: the consent page says no → an error a person understands, its words as text, and the button again", async () => {
    const { page } = tab!;
    const payload = `<img src=x onerror="window.__pwned=1">`;
    standIn!.setDecision({ error: "access_denied", errorDescription: `The user denied access ${payload}` });
    await page.goto(`${site!.origin}/`);
    await signInButton(page).click();
    await alert(page).waitFor();

    expect(await page.locator(".notice__title").textContent()).toBe("OpenRouter didn't connect");
    expect(await alert(page).textContent()).toContain("declined on OpenRouter, so no key was created");
    // What the consent page said is shown as it came, as text: no element, nothing ran.
    expect(await page.locator(".notice__detail").textContent()).toBe(
      `OpenRouter said: The user denied access ${payload}`,
    );
    expect(await page.locator("img").count()).toBe(0);
    expect(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined();
    await page.screenshot({ path: join(screenshotDir, "browser-light-denied.png") });
    expect(await signInButton(page).isEnabled()).toBe(true);
    expect(await signInButton(page).getAttribute("aria-busy")).toBeNull();
    expect(exchanges()).toEqual([]);
    expectCleanAddress(page);
  });

  test("keyboard: Tab reaches the button first, with a focus ring; Enter starts sign-in, aria-busy while redirecting", async () => {
    const { page } = tab!;
    // The consent page is held until the page has reported its busy state: the page cannot be evaluated
    // while its navigation waits, so a MutationObserver in the page reports to the test.
    const busy: { ariaBusy: string | null; focused: boolean; status: string }[] = [];
    await page.exposeFunction("reportBusy", (report: (typeof busy)[number]) => void busy.push(report));
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(`${standIn!.authUrl}?**`, async (route) => {
      await held;
      await route.fallback();
    });
    await page.goto(`${site!.origin}/`);
    await signInButton(page).waitFor();

    await page.keyboard.press("Tab");
    const focused = await page.evaluate(() => {
      const element = document.activeElement as HTMLElement;
      const style = getComputedStyle(element);
      return {
        tag: element.tagName,
        text: element.textContent,
        outline: style.outlineStyle,
        width: style.outlineWidth,
      };
    });
    expect(focused).toEqual({ tag: "BUTTON", text: BUTTON, outline: "solid", width: "2px" });
    await page.evaluate(() => {
      const button = document.activeElement as HTMLElement;
      new MutationObserver(() => {
        const report = (window as unknown as { reportBusy: (value: unknown) => void }).reportBusy;
        report({
          ariaBusy: button.getAttribute("aria-busy"),
          focused: document.activeElement === button,
          status: document.querySelector("[role=status]")?.textContent ?? "",
        });
      }).observe(document.body, { subtree: true, attributes: true, childList: true, characterData: true });
    });

    await page.keyboard.press("Enter");
    await expect
      .poll(() => busy.at(-1))
      .toEqual({ ariaBusy: "true", focused: true, status: "Taking you to OpenRouter…" });
    release();
    await connected(page).waitFor();
    expect(exchanges()).toHaveLength(1);
  });

  /** A code the stand-in issued to someone else's login (an attacker's), valid and unused. */
  async function attackerCode(): Promise<string> {
    const query = new URLSearchParams({
      callback_url: "http://127.0.0.1:9/attacker",
      code_challenge: "attacker-challenge-attacker-challenge-attack",
      code_challenge_method: "S256",
    });
    const response = await fetch(`${standIn!.authUrl}?${query}`, { redirect: "manual" });
    const code = new URL(response.headers.get("location") ?? "http://invalid/").searchParams.get("code");
    if (response.status !== 302 || !code) throw new Error(`the stand-in issued no code (${response.status})`);
    return code;
  }

  test("a sign-in link this tab did not start: explained, nothing exchanged", async () => {
    const { page } = tab!;
    const code = await attackerCode();
    await page.goto(`${site!.origin}/?code=${code}&nonce=some-nonce-some-nonce-so`);
    await alert(page).waitFor();

    expect(await page.locator(".notice__title").textContent()).toBe("That sign-in link wasn't used");
    expect(await alert(page).textContent()).toContain("didn't come from a sign-in started in this tab");
    expect(exchanges()).toEqual([]);
    expect(standIn!.issuedCodes.get(code)?.used).toBe(false);
    expectCleanAddress(page);
    expect(await signInButton(page).isEnabled()).toBe(true);
  });

  test("exchange failed: OpenRouter refuses the code → explained, and the button again", async () => {
    const { page } = tab!;
    const refused: string[] = [];
    await page.route(`${standIn!.apiUrl}/auth/keys`, (route) => {
      if (route.request().method() !== "POST") return route.fallback();
      refused.push(route.request().url());
      return route.fulfill({
        status: 403,
        contentType: "application/json",
        body: JSON.stringify({ error: { code: 403, message: "Invalid code or code_verifier" } }),
      });
    });
    await page.goto(`${site!.origin}/`);
    await signInButton(page).click();
    await alert(page).waitFor();

    expect(refused).toHaveLength(1);
    expect(await page.locator(".notice__title").textContent()).toBe("Sign-in didn't finish");
    // The controller's own words say why (refused, expired…): its message, shown under the title.
    expect(await page.locator(".notice p:not(.notice__title)").textContent()).toMatch(/OpenRouter/);
    expect(await connected(page).count()).toBe(0);
    expectCleanAddress(page);
    expect(await signInButton(page).isEnabled()).toBe(true);
  });

  test("storage unavailable (site data blocked): explained on load", async () => {
    const { page } = tab!;
    // What Chromium does with site data blocked: reading window.localStorage throws.
    await page.addInitScript(() => {
      Object.defineProperty(window, "localStorage", {
        get() {
          throw new DOMException("Access is denied for this document.", "SecurityError");
        },
      });
    });
    await page.goto(`${site!.origin}/`);
    await alert(page).waitFor();

    expect(await page.locator(".notice__title").textContent()).toBe("This browser is blocking site storage");
    expect(await alert(page).textContent()).toContain("Allow site data");
    expect(await signInButton(page).isVisible()).toBe(true);
  });

  test("light and dark: follows the system, data-theme overrides it (screenshots of both)", async () => {
    const { page } = tab!;
    await page.setViewportSize({ width: 760, height: 820 });
    const look = () =>
      page.evaluate(() => ({
        page: getComputedStyle(document.documentElement).backgroundColor,
        button: getComputedStyle(document.querySelector(".sign-in .or-button")!).backgroundColor,
      }));
    const shoot = (name: string) => page.screenshot({ path: join(screenshotDir, `browser-${name}.png`) });

    // Reduced motion: the styles then change colours at once, without transitions to wait for.
    await page.emulateMedia({ colorScheme: "light", reducedMotion: "reduce" });
    await page.goto(`${site!.origin}/`);
    await signInButton(page).waitFor();
    const light = await look();
    await shoot("light-signed-out");
    const styles = page.locator("summary", { hasText: "Button styles" });
    await styles.click();
    await page.screenshot({ path: join(screenshotDir, "browser-light-button-styles.png"), fullPage: true });
    await styles.click();

    await page.emulateMedia({ colorScheme: "dark" });
    const dark = await look();
    expect(dark.page).not.toBe(light.page);
    expect(dark.button).not.toBe(light.button);
    await shoot("dark-signed-out");

    // The page's own choice wins over the system's, both ways.
    await page.getByRole("radio", { name: "Light" }).check();
    expect(await look()).toEqual(light);
    await page.emulateMedia({ colorScheme: "light" });
    await page.getByRole("radio", { name: "Dark" }).check();
    expect(await look()).toEqual(dark);
    await page.getByRole("radio", { name: "System" }).check();
    expect(await look()).toEqual(light);

    const key = await signInOnce(page);
    await expectConnectedWith(page, key);
    await shoot("light-connected");
    await page.emulateMedia({ colorScheme: "dark" });
    await shoot("dark-connected");
  });

  test("npm run example:browser: builds, serves on PORT against its own stand-in, signs in, stops on SIGTERM", {
    timeout: 45_000,
  }, async () => {
    const port = await freePort();
    // As `npm run example:browser` runs it (tsx), without npm in between so the PID is the script's.
    const child = spawn(process.execPath, ["--import", "tsx", join(repoRoot, "scripts/example-browser.ts")], {
      cwd: repoRoot,
      env: childEnv({ PORT: String(port), NODE_ENV: "production" }),
    });
    try {
      let output = "";
      child.stdout.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
      child.stderr.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
      await expect.poll(() => output, { timeout: 30_000 }).toMatch(/^Sign in with OpenRouter.*: http:\/\/\S+\/$/m);
      const url = /(http:\/\/127\.0\.0\.1:\d+\/)$/m.exec(output)![1]!;
      expect(url).toBe(`http://127.0.0.1:${port}/`);
      expect(output).toMatch(/against the local stand-in http:\/\/127\.0\.0\.1:\d+\/api\/v1/);

      const { page } = tab!;
      await page.goto(url);
      await signInButton(page).click();
      await connected(page).waitFor();
      expect(await page.locator("code.key").textContent()).toMatch(/^sk-or-v1-…[0-9a-f]{4}$/);
      expect(new URL(page.url()).search).toBe("");

      const exited = once(child, "exit");
      child.kill("SIGTERM");
      expect(await exited).toEqual([0, null]);
      expect(await connectionRefused(port)).toBe(true);
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    }
  });
});

// Type-checking takes seconds of CPU of its own: it starts as the file loads and runs beside the browser
// tests; its test, last in the file, waits for it.
const typecheck = existsSync(join(repoRoot, "dist/esm/src/browser/index.d.ts"))
  ? runChild(process.execPath, [tsc, "--listFiles", "-p", "examples/browser/tsconfig.json"], { timeoutMs: 110_000 })
  : undefined;

describe("React browser example type-checks against dist/ declarations", () => {
  beforeAll(() => requireBuiltDist());

  test("examples/browser/tsconfig.json", { timeout: 120_000 }, async () => {
    const result = await (typecheck ??
      runChild(process.execPath, [tsc, "--listFiles", "-p", "examples/browser/tsconfig.json"], { timeoutMs: 110_000 }));
    expect(result.code, describeChild(result)).toBe(0);
    const files = result.stdout.split(/\r?\n/).map((line) => line.trim());
    expect(files).toContain(`${repoRoot}/examples/browser/src/App.tsx`);
    expect(files).toContain(`${repoRoot}/dist/esm/src/browser/index.d.ts`);
    expect(files.some((file) => file.startsWith(`${repoRoot}/src/`))).toBe(false);
  });
});
