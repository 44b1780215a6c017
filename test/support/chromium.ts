// Real headless Chromium for browser tests: Debian's /usr/bin/chromium driven by playwright-core (its own
// browser download cannot work here). Launched with the flags that work on this machine's closed network
// and a fresh profile (Playwright's launch() makes a new temporary user-data-dir and deletes it on close).
// Every page gets a guard that lets only loopback requests through: a test can never reach openrouter.ai.
import { existsSync } from "node:fs";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";

export const CHROMIUM_PATH = "/usr/bin/chromium";

export const CHROMIUM_ARGS: readonly string[] = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

const INSTALL_HINT = "install it with `apt-get update && apt-get install -y chromium` (`.ci/run` does it in CI)";

/** Whether CI is set (to anything but "" / "0" / "false"): there, browser tests must run, never skip. */
export const inCI = (): boolean => !["", "0", "false"].includes((process.env["CI"] ?? "").toLowerCase());

/**
 * Why the browser tests are skipped, or undefined when they must run: they are skipped only when
 * Chromium is missing outside CI. Under CI they run, and fail if Chromium is missing.
 */
export function chromiumSkipReason(): string | undefined {
  if (existsSync(CHROMIUM_PATH) || inCI()) return undefined;
  return `skipped: ${CHROMIUM_PATH} is missing (${INSTALL_HINT}; with CI=true these tests fail instead)`;
}

/** Launches headless Chromium, or throws a clear error when it is not installed. Close it with `browser.close()`. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`Chromium is not installed at ${CHROMIUM_PATH}: ${INSTALL_HINT}`);
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...CHROMIUM_ARGS],
    timeout: 30_000,
  });
}

const isLoopbackUrl = (url: string): boolean => {
  if (!URL.canParse(url)) return false;
  const { protocol, hostname } = new URL(url);
  if (protocol === "data:" || protocol === "blob:" || protocol === "about:") return true;
  return (protocol === "http:" || protocol === "https:") && (hostname === "127.0.0.1" || hostname === "localhost");
};

export interface GuardedPage {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Every request the page made (navigations, scripts, fetches), as `METHOD url`, in order. */
  readonly seen: readonly string[];
  /** Requests the guard refused (anything not on loopback), in order. */
  readonly blocked: readonly string[];
  /** Closes the context (its storage goes with it). */
  close(): Promise<void>;
}

/**
 * A page in a new, empty browser context (its own cookies, localStorage and sessionStorage), whose
 * requests to anything but loopback are aborted and recorded.
 */
export async function newGuardedPage(browser: Browser): Promise<GuardedPage> {
  const context = await browser.newContext();
  const blocked: string[] = [];
  const seen: string[] = [];
  await context.route("**/*", (route) => {
    const url = route.request().url();
    seen.push(`${route.request().method()} ${url}`);
    if (isLoopbackUrl(url)) return route.fallback();
    blocked.push(url);
    return route.abort("blockedbyclient");
  });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  return { context, page, seen, blocked, close: () => context.close() };
}
