// loginWithLoopback (openrouter-oauth/node) on runtimes with a Node-compatible `node:http`: Node, Bun and
// Deno. The user's browser is played with fetch: open the consent page, follow its redirect to the
// loopback callback. Approve, deny, and a time limit that ends the login and closes its server.
import { AuthorizationCallbackError } from "openrouter-oauth";
import { LoginTimeoutError, loginWithLoopback } from "openrouter-oauth/node";
import { assert, type CheckResult, consentRedirect, describeOutcome, runCheck, type SuiteConfig } from "./report.js";

/** Opens the consent page and loads the page it redirects to, as a browser does. */
async function browse(authorizationUrl: string): Promise<void> {
  const callbackUrl = await consentRedirect(authorizationUrl);
  const page = await fetch(callbackUrl);
  await page.text();
}

async function refused(url: string): Promise<boolean> {
  try {
    const response = await fetch(url);
    await response.body?.cancel();
    return false;
  } catch {
    return true;
  }
}

/** Runs the loopback login checks against the stand-ins in `config`. */
export async function loopbackChecks(config: SuiteConfig): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  const check = async (name: string, body: () => Promise<void>) => results.push(await runCheck(name, body));

  await check("loginWithLoopback: approve", async () => {
    let browsing: Promise<void> | undefined;
    const result = await loginWithLoopback({
      serverURL: config.approvingApiUrl,
      onAuthorizationUrl: (url) => {
        browsing = browse(url);
      },
      timeoutMs: 10_000,
    });
    await browsing;
    assert(result.key.startsWith("sk-or-v1-"), "no key");
  });
  await check("loginWithLoopback: deny", async () => {
    let browsing: Promise<void> | undefined;
    const outcome = await loginWithLoopback({
      serverURL: config.denyingApiUrl,
      onAuthorizationUrl: (url) => {
        browsing = browse(url);
      },
      timeoutMs: 10_000,
    }).then(
      () => ({ ok: true as const }),
      (error: unknown) => ({ ok: false as const, error }),
    );
    await browsing;
    assert(
      !outcome.ok && outcome.error instanceof AuthorizationCallbackError && outcome.error.kind === "denied",
      `got ${describeOutcome(outcome)}`,
    );
  });
  await check("loginWithLoopback: time limit", async () => {
    let authorizationUrl = "";
    const started = Date.now();
    const outcome = await loginWithLoopback({
      serverURL: config.approvingApiUrl,
      onAuthorizationUrl: (url) => {
        authorizationUrl = url;
      },
      timeoutMs: 500,
    }).then(
      () => ({ ok: true as const }),
      (error: unknown) => ({ ok: false as const, error }),
    );
    const elapsed = Date.now() - started;
    assert(!outcome.ok && outcome.error instanceof LoginTimeoutError, `got ${describeOutcome(outcome)}`);
    assert(elapsed >= 450 && elapsed < 5_000, `ended after ${elapsed} ms, not ~500 ms`);
    const callbackUrl = new URL(authorizationUrl).searchParams.get("callback_url") ?? "";
    assert(await refused(callbackUrl), "the callback server still answers after the time limit");
  });
  return results;
}
