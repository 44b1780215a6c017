// loginWithLoopback (openrouter-oauth/node) end to end against the local consent stand-in, with a
// simulated browser. Every way a login can end is covered, and after each one the callback server is
// closed, its port free, and no server or timer of the login is left behind.
import { connect, createServer, type Server } from "node:net";
import { PassThrough } from "node:stream";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import {
  AuthorizationCallbackError,
  ConnectionError,
  ForbiddenResponseError,
  OpenRouterCore,
  SDKValidationError,
  UnexpectedClientError,
} from "../src/index.js";
import {
  LoginAbortedError,
  LoginTimeoutError,
  LoopbackBindError,
  type LoopbackLoginOptions,
  type LoopbackLoginResult,
  loginWithLoopback,
  type PasteRejection,
} from "../src/node/index.js";
import {
  type ConsentVisit,
  load,
  type PageLoad,
  redirectTarget,
  visitConsentPage,
} from "./support/browser-simulator.js";
import { type ConsentStandIn, startConsentStandIn } from "./support/consent-stand-in.js";
import { freePort } from "./support/free-port.js";
import { connectionRefused } from "./support/loopback-server.js";

let standIn: ConsentStandIn;
beforeEach(async () => {
  standIn = await startConsentStandIn();
});
afterEach(async () => {
  await standIn.close();
});

// ---------------------------------------------------------------------------------------------------
// Helpers

interface StartedLogin {
  /** The login's outcome, settled (never rejects: compare with `expect(...).rejects` via `result`). */
  readonly result: Promise<LoopbackLoginResult>;
  /** The consent page URL handed to onAuthorizationUrl. */
  readonly url: Promise<string>;
}

/** Starts a login against the stand-in; the URL is captured instead of printed. */
function startLogin(options: Partial<LoopbackLoginOptions> = {}): StartedLogin {
  let resolveUrl!: (url: string) => void;
  const url = new Promise<string>((resolve) => {
    resolveUrl = resolve;
  });
  const result = loginWithLoopback({
    serverURL: options.client === undefined ? standIn.apiUrl : undefined,
    timeoutMs: 10_000,
    onAuthorizationUrl: (u) => resolveUrl(u),
    ...options,
  });
  result.catch(() => {}); // asserted by each test; avoid an unhandled rejection in between
  return { result, url };
}

/** The callback URL inside a consent page URL. */
const callbackOf = (authorizationUrl: string): URL =>
  new URL(new URL(authorizationUrl).searchParams.get("callback_url")!);

const exchangeRequests = () => standIn.requests.filter((r) => r.url === "/api/v1/auth/keys");

/** Counts of the kinds of active handles that a login could leak: listening servers and timers. */
function leakableHandles(): Record<string, number> {
  const counts: Record<string, number> = { TCPServerWrap: 0, Timeout: 0 };
  for (const kind of process.getActiveResourcesInfo()) if (kind in counts) counts[kind]! += 1;
  return counts;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * {@link leakableHandles} once it has not changed for 150 ms: a closed server's handle stays listed
 * for a moment after its close callback ran, and the test runner has short-lived timers of its own
 * at the start of each test; both must be waited out, or they would hide a handle the login leaks.
 */
async function baselineHandles(): Promise<Record<string, number>> {
  let previous = JSON.stringify(leakableHandles());
  let stableSince = Date.now();
  const deadline = Date.now() + 3_000;
  while (Date.now() - stableSince < 150 && Date.now() < deadline) {
    await sleep(10);
    const current = JSON.stringify(leakableHandles());
    if (current !== previous) {
      previous = current;
      stableSince = Date.now();
    }
  }
  return JSON.parse(previous) as Record<string, number>;
}

/**
 * Asserts that the login left nothing behind: its port refuses connections and there are no more
 * listening servers and timers than before the login (waiting up to a second, as closed handles
 * leave the list asynchronously). Fewer is fine: the test runner's own timers come and go.
 */
async function expectNothingLeft(port: number, baseline: Record<string, number>): Promise<void> {
  expect(await connectionRefused(port), `port ${port} still accepts connections`).toBe(true);
  const extra = () =>
    Object.entries(leakableHandles())
      .filter(([kind, count]) => count > (baseline[kind] ?? 0))
      .map(([kind, count]) => `${kind}: ${count} (was ${baseline[kind] ?? 0})`);
  const deadline = Date.now() + 1_000;
  while (extra().length > 0 && Date.now() < deadline) await sleep(10);
  expect(extra(), "handles left open by the login").toEqual([]);
}

/** A fetch for the exchange that waits until `release()` is called: keeps a login in its exchange. */
function gatedClient(): { client: OpenRouterCore; release: () => void; entered: Promise<void> } {
  let release!: () => void;
  let enter!: () => void;
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  const entered = new Promise<void>((resolve) => {
    enter = resolve;
  });
  const client = new OpenRouterCore({
    serverURL: standIn.apiUrl,
    fetch: async (request) => {
      enter();
      await gate;
      return fetch(request);
    },
  });
  return { client, release, entered };
}

const expectSafePage = (page: PageLoad | undefined, key?: string) => {
  expect(page).toBeDefined();
  expect(page!.headers["content-type"]).toBe("text/html; charset=utf-8");
  expect(page!.headers["referrer-policy"]).toBe("no-referrer");
  expect(page!.headers["cache-control"]).toBe("no-store");
  for (const code of standIn.issuedCodes.keys()) expect(page!.body).not.toContain(code);
  if (key !== undefined) expect(page!.body).not.toContain(key);
  expect(page!.body).not.toMatch(/sk-or-v1-/);
};

// ---------------------------------------------------------------------------------------------------

describe("success", () => {
  test("binds 127.0.0.1 first, sends the user to the consent page with a nonce-carrying callback, exchanges, closes", async () => {
    const baseline = await baselineHandles();
    const login = startLogin({ limit: 0 });
    const url = await login.url;

    const consent = new URL(url);
    expect(consent.origin + consent.pathname).toBe(standIn.authUrl);
    expect(consent.searchParams.get("code_challenge_method")).toBe("S256");
    expect(consent.searchParams.get("code_challenge")).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(consent.searchParams.get("limit")).toBe("0");
    expect(consent.searchParams.has("code_verifier")).toBe(false);
    const callback = callbackOf(url);
    expect(callback.protocol).toBe("http:");
    expect(callback.hostname).toBe("127.0.0.1");
    expect(callback.pathname).toMatch(/^\/callback\/[A-Za-z0-9_-]{16,}$/);
    expect(callback.search).toBe("");
    const port = Number(callback.port);
    expect(port).toBeGreaterThan(0);
    expect(await connectionRefused(port), "the callback server listens before the URL is handed out").toBe(false);

    const visit = await visitConsentPage(url);
    const { key, userId } = await login.result;
    expect(key).toMatch(/^sk-or-v1-[0-9a-f]{64}$/);
    expect(userId).toMatch(/^user_/);

    expect(visit.callback?.status).toBe(200);
    expect(visit.callback?.body).toContain("Signed in");
    expectSafePage(visit.callback, key);

    // The stand-in verified the verifier against the challenge it was given; the code is now used.
    const [exchange] = exchangeRequests();
    expect(exchangeRequests()).toHaveLength(1);
    expect(exchange!.status).toBe(200);
    const body = JSON.parse(exchange!.body) as Record<string, string>;
    expect(body["code_challenge_method"]).toBe("S256");
    expect(body["code_verifier"]).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(url).not.toContain(body["code_verifier"]);
    const issued = standIn.issuedCodes.get(body["code"]!);
    expect(issued).toMatchObject({ used: true, codeChallengeMethod: "S256", callbackUrl: callback.href });
    await expectNothingLeft(port, baseline);
  });

  test("sends no API key with the exchange, even with OPENROUTER_API_KEY set (a client given explicitly sends its own)", async () => {
    process.env["OPENROUTER_API_KEY"] = "sk-or-v1-an-older-key-in-the-environment";
    try {
      const login = startLogin();
      await visitConsentPage(await login.url);
      await login.result;
      expect(exchangeRequests()).toHaveLength(1);
      expect(exchangeRequests()[0]!.headers.authorization).toBeUndefined();

      const withClient = startLogin({ client: new OpenRouterCore({ serverURL: standIn.apiUrl }) });
      await visitConsentPage(await withClient.url);
      await withClient.result;
      expect(exchangeRequests()).toHaveLength(2);
      expect(exchangeRequests()[1]!.headers.authorization).toBe("Bearer sk-or-v1-an-older-key-in-the-environment");
    } finally {
      delete process.env["OPENROUTER_API_KEY"];
    }
  });

  test("every login gets its own port, nonce and PKCE pair", async () => {
    const first = startLogin();
    const second = startLogin();
    const [a, b] = [await first.url, await second.url];
    expect(callbackOf(a).port).not.toBe(callbackOf(b).port);
    expect(callbackOf(a).pathname).not.toBe(callbackOf(b).pathname);
    expect(new URL(a).searchParams.get("code_challenge")).not.toBe(new URL(b).searchParams.get("code_challenge"));
    await Promise.all([visitConsentPage(b), visitConsentPage(a)]);
    const [ra, rb] = await Promise.all([first.result, second.result]);
    expect(ra.key).not.toBe(rb.key);
  });

  test("listens on the port asked for", async () => {
    const port = await freePort();
    const login = startLogin({ port });
    const url = await login.url;
    expect(callbackOf(url).port).toBe(String(port));
    await visitConsentPage(url);
    await expect(login.result).resolves.toMatchObject({ key: expect.stringMatching(/^sk-or-v1-/) });
    expect(await connectionRefused(port)).toBe(true);
  });

  test("openBrowser as a function receives the URL (and may be the only way the URL goes out)", async () => {
    const baseline = await baselineHandles();
    let opened: Promise<unknown> | undefined;
    let seen = "";
    const result = await loginWithLoopback({
      serverURL: standIn.apiUrl,
      timeoutMs: 10_000,
      openBrowser: (url) => {
        seen = url;
        opened = visitConsentPage(url);
      },
    });
    expect(result.key).toMatch(/^sk-or-v1-/);
    expect(seen.startsWith(standIn.authUrl)).toBe(true);
    await opened;
    await expectNothingLeft(Number(callbackOf(seen).port), baseline);
  });

  test("the callback is served while onAuthorizationUrl is still pending (one that waits on the user)", async () => {
    const baseline = await baselineHandles();
    let seen = "";
    let visited: Promise<ConsentVisit> | undefined;
    const result = await loginWithLoopback({
      serverURL: standIn.apiUrl,
      timeoutMs: 10_000,
      // Resolves only once the browser got its page: a login that served callbacks only after
      // onAuthorizationUrl resolved would wait here until its time limit.
      onAuthorizationUrl: async (url) => {
        seen = url;
        visited = visitConsentPage(url);
        await visited;
      },
    });
    expect(result.key).toMatch(/^sk-or-v1-/);
    // The login no longer waits for onAuthorizationUrl: the page may still be on its way to the browser.
    expect((await visited)?.callback?.status).toBe(200);
    await expectNothingLeft(Number(callbackOf(seen).port), baseline);
  });

  test("an openBrowser function that throws does not end the login", async () => {
    const login = startLogin({
      openBrowser: () => {
        throw new Error("no display");
      },
    });
    await visitConsentPage(await login.url);
    await expect(login.result).resolves.toMatchObject({ key: expect.stringMatching(/^sk-or-v1-/) });
  });

  test("a given client is used for the exchange and for the consent page's address", async () => {
    const seen: string[] = [];
    const client = new OpenRouterCore({
      serverURL: standIn.apiUrl,
      fetch: (request) => {
        seen.push(`${request.method} ${new URL(request.url).pathname}`);
        return fetch(request);
      },
    });
    const login = startLogin({ client });
    const url = await login.url;
    expect(url.startsWith(`${standIn.authUrl}?`)).toBe(true);
    await visitConsentPage(url);
    await login.result;
    expect(seen).toEqual(["POST /api/v1/auth/keys"]);
  });
});

describe("denial and bad callbacks", () => {
  test("a denial ends with AuthorizationCallbackError(denied); the page escapes the description", async () => {
    const baseline = await baselineHandles();
    standIn.setDecision({ error: "access_denied", errorDescription: `<script>alert("pwned")</script> & "more"` });
    const login = startLogin();
    const url = await login.url;
    const visit = await visitConsentPage(url);
    const error = await login.result.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthorizationCallbackError);
    expect(error).toMatchObject({
      kind: "denied",
      error: "access_denied",
      errorDescription: `<script>alert("pwned")</script> & "more"`,
    });

    expect(visit.callback?.status).toBe(400);
    const body = visit.callback!.body;
    expect(body).not.toContain("<script>");
    expect(body).toContain("&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt; &amp; &quot;more&quot;");
    expect(visit.callback!.headers["content-security-policy"]).toContain("default-src 'none'");
    expectSafePage(visit.callback);
    expect(exchangeRequests()).toHaveLength(0);
    await expectNothingLeft(Number(callbackOf(url).port), baseline);
  });

  test("a plain deny (no custom description) ends the same way", async () => {
    standIn.setDecision("deny");
    const login = startLogin();
    const visit = await visitConsentPage(await login.url);
    await expect(login.result).rejects.toMatchObject({ name: "AuthorizationCallbackError", kind: "denied" });
    expect(visit.callback?.body).toContain("Access was not granted");
  });

  test("a callback on the right path without a code ends with AuthorizationCallbackError(missing_code)", async () => {
    const baseline = await baselineHandles();
    const login = startLogin();
    const callback = callbackOf(await login.url);
    const page = await load(`${callback.href}?unrelated=1`);
    await expect(login.result).rejects.toMatchObject({ name: "AuthorizationCallbackError", kind: "missing_code" });
    expect(page.status).toBe(400);
    expectSafePage(page);
    await expectNothingLeft(Number(callback.port), baseline);
  });
});

describe("stray and repeated requests", () => {
  test("requests to other paths, another nonce, or with another method get 404/405 and do not end the login", async () => {
    const baseline = await baselineHandles();
    const login = startLogin();
    const url = await login.url;
    const callback = callbackOf(url);
    const base = callback.origin;
    const nonce = callback.pathname.split("/").pop()!;

    const strays = await Promise.all([
      load(`${base}/`),
      load(`${base}/favicon.ico`),
      load(`${base}/callback`),
      load(`${base}/callback/${nonce.slice(1)}?code=forged`),
      load(`${base}/callback/not-the-nonce?code=forged`),
      load(`${base}${callback.pathname}/extra?code=forged`),
      load(`${base}/other/${nonce}?code=forged`),
      load(`${callback.href}?code=forged`, { method: "POST" }),
    ]);
    expect(strays.map((page) => page.status)).toEqual([404, 404, 404, 404, 404, 404, 404, 405]);
    for (const page of strays) expect(page.body).not.toContain("forged");

    // A keep-alive connection (fetch pools it) must not hold the server open after the login.
    expect((await fetch(`${base}/keep-alive`)).status).toBe(404);

    expect(exchangeRequests()).toHaveLength(0);
    const started = Date.now();
    await visitConsentPage(url);
    await expect(login.result).resolves.toMatchObject({ key: expect.stringMatching(/^sk-or-v1-/) });
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(exchangeRequests()).toHaveLength(1);
    await expectNothingLeft(Number(callback.port), baseline);
  });

  test("malformed requests (an unparsable target, broken HTTP) neither crash nor end the login", async () => {
    const login = startLogin();
    const url = await login.url;
    const port = Number(callbackOf(url).port);
    const raw = (text: string) =>
      new Promise<string>((resolve) => {
        const socket = connect(port, "127.0.0.1");
        let answer = "";
        socket.setEncoding("utf8");
        socket.on("data", (chunk: string) => (answer += chunk));
        socket.on("error", () => {});
        socket.once("close", () => resolve(answer));
        socket.end(text);
      });
    expect(await raw("GET http://[::1 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")).toMatch(/^HTTP\/1\.1 40\d/);
    expect(await raw("NOT HTTP AT ALL\r\n\r\n")).toMatch(/^HTTP\/1\.1 400/);
    await visitConsentPage(url);
    await expect(login.result).resolves.toMatchObject({ key: expect.stringMatching(/^sk-or-v1-/) });
  });

  test("a connection stuck mid-request does not keep the server open after the login", async () => {
    const baseline = await baselineHandles();
    const login = startLogin();
    const url = await login.url;
    const port = Number(callbackOf(url).port);
    // Half a request: the server can neither answer it nor treat the connection as idle.
    const stuck = connect(port, "127.0.0.1");
    await new Promise((resolve) => stuck.once("connect", resolve));
    stuck.write("GET /callback/half HTTP/1.1\r\nHost: 127.0.0.1\r\n");
    const closed = new Promise((resolve) => stuck.once("close", resolve));
    stuck.on("error", () => {});

    const started = Date.now();
    await visitConsentPage(url);
    await login.result;
    expect(Date.now() - started).toBeLessThan(2_000);
    await closed; // the login cut it
    await expectNothingLeft(port, baseline);
  });

  test("a second callback while the first is being exchanged gets an 'already handled' page; the first wins", async () => {
    const baseline = await baselineHandles();
    const gated = gatedClient();
    const login = startLogin({ client: gated.client });
    const url = await login.url;
    const location = await redirectTarget(url);

    const first = load(location);
    await gated.entered;
    const second = await load(location);
    expect(second.status).toBe(409);
    expect(second.body).toContain("already handled");
    expectSafePage(second);
    const forged = await load(`${callbackOf(url).href}?error=access_denied`);
    expect(forged.status).toBe(409);

    gated.release();
    expect((await first).status).toBe(200);
    await expect(login.result).resolves.toMatchObject({ key: expect.stringMatching(/^sk-or-v1-/) });
    expect(exchangeRequests()).toHaveLength(1);
    await expectNothingLeft(Number(callbackOf(url).port), baseline);
  });

  test("after the login the callback port is closed: a late callback is refused", async () => {
    const login = startLogin();
    const url = await login.url;
    const location = await redirectTarget(url);
    await load(location);
    await login.result;
    await expect(load(location)).rejects.toThrow(/ECONNREFUSED/);
  });
});

describe("time limit, abort and a busy port", () => {
  test("no callback within timeoutMs: LoginTimeoutError, server closed", async () => {
    const baseline = await baselineHandles();
    const started = Date.now();
    const login = startLogin({ timeoutMs: 300 });
    const port = Number(callbackOf(await login.url).port);
    const error = await login.result.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LoginTimeoutError);
    expect((error as LoginTimeoutError).timeoutMs).toBe(300);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(Date.now() - started).toBeLessThan(3_000);
    await expectNothingLeft(port, baseline);
  });

  test("the time limit also covers the exchange: a browser left waiting gets a failure page", async () => {
    const baseline = await baselineHandles();
    const gated = gatedClient();
    const login = startLogin({ client: gated.client, timeoutMs: 500 });
    const url = await login.url;
    const page = load(await redirectTarget(url));
    await gated.entered;
    await expect(login.result).rejects.toBeInstanceOf(LoginTimeoutError);
    const shown = await page;
    expect(shown.status).toBe(400);
    expect(shown.body).toContain("timed out");
    gated.release();
    await expectNothingLeft(Number(callbackOf(url).port), baseline);
  });

  test("aborting the signal while waiting: LoginAbortedError, server closed", async () => {
    const baseline = await baselineHandles();
    const controller = new AbortController();
    const login = startLogin({ signal: controller.signal });
    const port = Number(callbackOf(await login.url).port);
    controller.abort();
    await expect(login.result).rejects.toBeInstanceOf(LoginAbortedError);
    await expectNothingLeft(port, baseline);
  });

  test("an already aborted signal: LoginAbortedError before anything listens", async () => {
    let called = false;
    await expect(
      loginWithLoopback({
        serverURL: standIn.apiUrl,
        signal: AbortSignal.abort(),
        onAuthorizationUrl: () => {
          called = true;
        },
      }),
    ).rejects.toBeInstanceOf(LoginAbortedError);
    expect(called).toBe(false);
  });

  test("a busy port: LoopbackBindError (EADDRINUSE) at once, no URL handed out, nothing left", async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const baseline = await baselineHandles();
      let called = false;
      const error = await loginWithLoopback({
        serverURL: standIn.apiUrl,
        port,
        onAuthorizationUrl: () => {
          called = true;
        },
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(LoopbackBindError);
      expect(error).toMatchObject({ code: "EADDRINUSE", port, host: "127.0.0.1" });
      expect((error as Error).message).toContain(String(port));
      expect(called).toBe(false);
      await expectNothingLeft(0, baseline);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });
});

describe("an onAuthorizationUrl that never settles (a prompt the user never answers)", () => {
  /** Starts a login whose onAuthorizationUrl hands out the URL and then stays pending (or settles as told). */
  function startWithPendingPrompt(options: Partial<LoopbackLoginOptions> = {}) {
    let settlePrompt!: { resolve: () => void; reject: (error: Error) => void };
    const prompt = new Promise<void>((resolve, reject) => {
      settlePrompt = { resolve, reject };
    });
    let resolveUrl!: (url: string) => void;
    const url = new Promise<string>((resolve) => {
      resolveUrl = resolve;
    });
    const result = loginWithLoopback({
      serverURL: options.client === undefined ? standIn.apiUrl : undefined,
      timeoutMs: 10_000,
      onAuthorizationUrl: (u) => {
        resolveUrl(u);
        return prompt;
      },
      ...options,
    });
    result.catch(() => {});
    return { result, url, settlePrompt };
  }

  /** The login's outcome, or "still pending" if it has not settled within `ms`: a hang fails fast and clearly. */
  async function within(result: Promise<unknown>, ms: number): Promise<unknown> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const pending = new Promise((resolve) => {
      timer = setTimeout(() => resolve("still pending"), ms);
    });
    try {
      return await Promise.race([
        result.then(
          (value) => ({ value }),
          (error: unknown) => ({ error }),
        ),
        pending,
      ]);
    } finally {
      clearTimeout(timer); // not a handle of the login's: expectNothingLeft must not count it
    }
  }

  test("the time limit still ends the login: LoginTimeoutError in time, port closed", async () => {
    const baseline = await baselineHandles();
    const started = Date.now();
    const login = startWithPendingPrompt({ timeoutMs: 300 });
    const port = Number(callbackOf(await login.url).port);
    const outcome = await within(login.result, 3_000);
    expect(outcome).toMatchObject({ error: expect.any(LoginTimeoutError) });
    expect(Date.now() - started).toBeLessThan(3_000);
    await expectNothingLeft(port, baseline);
  });

  test("aborting the signal still ends the login: LoginAbortedError, port closed", async () => {
    const baseline = await baselineHandles();
    const controller = new AbortController();
    const login = startWithPendingPrompt({ signal: controller.signal });
    const port = Number(callbackOf(await login.url).port);
    controller.abort();
    expect(await within(login.result, 3_000)).toMatchObject({ error: expect.any(LoginAbortedError) });
    await expectNothingLeft(port, baseline);
  });

  test("the browser's callback completes the login with the key, port closed", async () => {
    const baseline = await baselineHandles();
    const login = startWithPendingPrompt();
    const url = await login.url;
    const visit = await visitConsentPage(url);
    const outcome = await within(login.result, 3_000);
    expect(outcome).toMatchObject({ value: { key: expect.stringMatching(/^sk-or-v1-/) } });
    expect(visit.callback?.status).toBe(200);
    expect(exchangeRequests()).toHaveLength(1);
    await expectNothingLeft(Number(callbackOf(url).port), baseline);
  });

  test("one that rejects after the login succeeded changes nothing: no unhandled rejection, the key stands", async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on("unhandledRejection", onUnhandled);
    try {
      const baseline = await baselineHandles();
      const login = startWithPendingPrompt();
      const url = await login.url;
      await visitConsentPage(url);
      const outcome = await within(login.result, 3_000);
      login.settlePrompt.reject(new Error("the prompt's stream closed"));
      await sleep(50); // unhandled rejections are reported after the microtask queue drains
      expect(outcome).toMatchObject({ value: { key: expect.stringMatching(/^sk-or-v1-/) } });
      expect(unhandled).toEqual([]);
      await expectNothingLeft(Number(callbackOf(url).port), baseline);
    } finally {
      process.off("unhandledRejection", onUnhandled);
    }
  });

  test("one that resolves after the time limit does not open the browser for the ended login", async () => {
    const opened: string[] = [];
    const login = startWithPendingPrompt({ timeoutMs: 200, openBrowser: (url) => void opened.push(url) });
    await login.url;
    expect(await within(login.result, 3_000)).toMatchObject({ error: expect.any(LoginTimeoutError) });
    login.settlePrompt.resolve();
    await sleep(20);
    expect(opened).toEqual([]);
  });

  test("one that rejects while the login waits still ends it with UnexpectedClientError, port closed", async () => {
    const baseline = await baselineHandles();
    const login = startWithPendingPrompt();
    const port = Number(callbackOf(await login.url).port);
    login.settlePrompt.reject(new Error("stdin closed"));
    const outcome = await within(login.result, 3_000);
    expect(outcome).toMatchObject({ error: expect.any(UnexpectedClientError) });
    expect(((outcome as { error: Error }).error.cause as Error).message).toBe("stdin closed");
    await expectNothingLeft(port, baseline);
  });
});

describe("a failed exchange", () => {
  test("the API refuses the code: its typed error, the server's message on the page, nothing left", async () => {
    const baseline = await baselineHandles();
    // The consent page of one stand-in, the API of another: the code is unknown to the API.
    const other = await startConsentStandIn();
    try {
      const login = startLogin({
        client: new OpenRouterCore({ serverURL: other.apiUrl }),
        authorizationUrl: standIn.authUrl,
      });
      const url = await login.url;
      const visit = await visitConsentPage(url);
      const error = await login.result.catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ForbiddenResponseError);
      expect((error as ForbiddenResponseError).message).toBe("Invalid code or code_verifier");
      expect(visit.callback?.status).toBe(400);
      expect(visit.callback?.body).toContain("Invalid code or code_verifier");
      expectSafePage(visit.callback);
      await other.close();
      await expectNothingLeft(Number(callbackOf(url).port), baseline);
    } finally {
      await other.close();
    }
  });

  test("the API cannot be reached: ConnectionError", async () => {
    const deadPort = await freePort();
    const login = startLogin({
      client: new OpenRouterCore({
        serverURL: `http://127.0.0.1:${deadPort}/api/v1`,
        retryConfig: { strategy: "none" },
      }),
      authorizationUrl: standIn.authUrl,
    });
    const visit = await visitConsentPage(await login.url);
    await expect(login.result).rejects.toBeInstanceOf(ConnectionError);
    expect(visit.callback?.status).toBe(400);
  });
});

describe("paste fallback (SSH, containers)", () => {
  test("the final redirect URL pasted on input: the same verifier is used, the browser never reaches the server", async () => {
    const baseline = await baselineHandles();
    const input = new PassThrough();
    const login = startLogin({ input });
    const url = await login.url;
    const location = await redirectTarget(url); // what the user copies from the browser's address bar
    input.write("\n   \n"); // blank lines are ignored
    input.write(`  ${location.slice(0, 20)}`);
    input.write(`${location.slice(20)}  \r\n`);
    const { key } = await login.result;
    expect(key).toMatch(/^sk-or-v1-/);
    expect(exchangeRequests()).toHaveLength(1);
    expect(exchangeRequests()[0]!.status).toBe(200);
    // The login stopped reading but left the stream to its owner.
    expect(input.listenerCount("data")).toBe(0);
    expect(input.destroyed).toBe(false);
    await expectNothingLeft(Number(callbackOf(url).port), baseline);
  });

  test("the bare code pasted on input", async () => {
    const input = new PassThrough();
    const login = startLogin({ input });
    const code = new URL(await redirectTarget(await login.url)).searchParams.get("code")!;
    input.end(`${code}`); // no final newline: the last line counts when the stream ends
    await expect(login.result).resolves.toMatchObject({ key: expect.stringMatching(/^sk-or-v1-/) });
    expect(JSON.parse(exchangeRequests()[0]!.body)).toMatchObject({ code });
  });

  test("a pasted denial ends with AuthorizationCallbackError(denied)", async () => {
    standIn.setDecision("deny");
    const input = new PassThrough();
    const login = startLogin({ input });
    input.write(`${await redirectTarget(await login.url)}\n`);
    await expect(login.result).rejects.toMatchObject({ name: "AuthorizationCallbackError", kind: "denied" });
  });

  test("a pasted code the API refuses (403) is explained, the login waits, and a good paste then signs in with the same verifier", async () => {
    const input = new PassThrough();
    const { rejections, first: refused, onPasteRejected } = pasteRejections();
    const login = startLogin({ input, onPasteRejected });
    const location = await redirectTarget(await login.url);
    input.write("auth_code_mistyped\n");
    await refused;
    input.write(`${location}\n`);
    await expect(login.result).resolves.toMatchObject({ key: expect.stringMatching(/^sk-or-v1-/) });
    expect(rejections).toHaveLength(1);
    expect(rejections[0]!.reason).toBe("code_refused");
    expect(rejections[0]!.message).toContain("Invalid code or code_verifier");
    expect(rejections[0]!.message).not.toContain("auth_code_mistyped"); // never echoed back
    expect(exchangeRequests().map((r) => r.status)).toEqual([403, 200]);
    // The same verifier both times: a refused code consumes nothing.
    const [first, second] = exchangeRequests().map((r) => JSON.parse(r.body) as { code_verifier: string });
    expect(first!.code_verifier).toBe(second!.code_verifier);
  });

  test.each([
    [400, false],
    [403, false],
    [401, true],
  ] as const)("a pasted code answered with %i: ends the login: %s", async (status, ends) => {
    const api = await startJsonServer(status, { error: { code: status, message: `status ${status}` } });
    try {
      const input = new PassThrough();
      const rejections: Rejection[] = [];
      const login = startLogin({
        client: new OpenRouterCore({ serverURL: api.apiUrl }),
        authorizationUrl: standIn.authUrl,
        input,
        timeoutMs: 1_000,
        onPasteRejected: (rejection) => rejections.push(rejection),
      });
      await login.url;
      input.write("auth_code_something\n");
      const error = await login.result.catch((e: unknown) => e);
      if (ends) {
        expect(error).toMatchObject({ statusCode: status });
        expect(rejections).toEqual([]);
      } else {
        expect(error).toBeInstanceOf(LoginTimeoutError); // it waited for another paste
        expect(rejections.map((r) => r.reason)).toEqual(["code_refused"]);
        expect(rejections[0]!.message).toContain(`status ${status}`);
      }
    } finally {
      await api.close();
    }
  });

  test("a callback that arrived first wins: a code pasted during its exchange is ignored", async () => {
    const gated = gatedClient();
    const input = new PassThrough();
    const login = startLogin({ client: gated.client, input });
    const url = await login.url;
    const browserCode = new URL(await redirectTarget(url)).searchParams.get("code")!;
    const otherCode = new URL(await redirectTarget(url)).searchParams.get("code")!;
    // The browser brings the first code back to the server…
    const page = load(
      `${callbackOf(url).href}?code=${encodeURIComponent(browserCode)}`, // same as the redirect location
    );
    await gated.entered;
    // …and then the user also pastes one.
    input.write(`${otherCode}\n`);
    gated.release();
    expect((await page).status).toBe(200);
    await login.result;
    expect(exchangeRequests().map((r) => (JSON.parse(r.body) as { code: string }).code)).toEqual([browserCode]);
    expect(standIn.issuedCodes.get(otherCode)!.used).toBe(false);
  });

  test("a code pasted first wins: a browser callback during its exchange gets 'already handled'", async () => {
    const gated = gatedClient();
    const input = new PassThrough();
    const login = startLogin({ client: gated.client, input });
    const url = await login.url;
    const pasted = await redirectTarget(url);
    const browser = await redirectTarget(url);
    input.write(`${pasted}\n`);
    await gated.entered;
    const late = await load(browser);
    expect(late.status).toBe(409);
    gated.release();
    await login.result;
    expect(exchangeRequests()).toHaveLength(1);
    expect(JSON.parse(exchangeRequests()[0]!.body)).toMatchObject({ code: new URL(pasted).searchParams.get("code") });
  });

  test("input that ends without a line leaves the login waiting for the browser", async () => {
    const input = new PassThrough();
    const login = startLogin({ input });
    const url = await login.url;
    input.end();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await visitConsentPage(url);
    await expect(login.result).resolves.toMatchObject({ key: expect.stringMatching(/^sk-or-v1-/) });
  });

  test("the timeout also ends a login waiting on input, and stops reading it", async () => {
    const input = new PassThrough();
    const login = startLogin({ input, timeoutMs: 200 });
    await expect(login.result).rejects.toBeInstanceOf(LoginTimeoutError);
    expect(input.listenerCount("data")).toBe(0);
    expect(input.isPaused()).toBe(true);
  });
});

type Rejection = PasteRejection;

/** An onPasteRejected that collects what it is told; `first` settles at the first report. */
function pasteRejections() {
  const rejections: Rejection[] = [];
  let told!: () => void;
  const first = new Promise<void>((resolve) => {
    told = resolve;
  });
  const onPasteRejected = (rejection: Rejection) => {
    rejections.push(rejection);
    told();
  };
  return { rejections, first, onPasteRejected };
}

/** A server answering every request with `status` and the JSON `body`. */
async function startJsonServer(status: number, body: unknown): Promise<{ apiUrl: string; close: () => Promise<void> }> {
  const { createServer: createHttpServer } = await import("node:http");
  const server = createHttpServer((req, res) => {
    req
      .resume()
      .once("end", () => res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body)));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return {
    apiUrl: `http://127.0.0.1:${port}/api/v1`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const withNonce = (location: URL, nonce: string, search?: string): string => {
  const other = new URL(location);
  other.pathname = `/callback/${nonce}`;
  if (search !== undefined) other.search = search;
  return other.href;
};

describe("a pasted line the login cannot use is explained, and the login keeps waiting (issue 27)", () => {
  /** Each case: what is pasted (made from the consent URL and the browser's callback), and the reason expected. */
  const cases: [string, Rejection["reason"], (consentUrl: string, location: URL) => string][] = [
    ["the consent URL itself", "consent_page", (consentUrl) => consentUrl],
    ["the consent page without its query", "consent_page", () => standIn.authUrl],
    ["the consent URL without its scheme", "consent_page", (consentUrl) => consentUrl.replace(/^http:\/\//, "")],
    ["text with spaces", "unusable", () => "hello world"],
    ["a code with a space in it", "unusable", (_, location) => `${location.searchParams.get("code")!.slice(0, 12)} x`],
    ["a short word typed by accident", "unusable", () => "y"],
    ["quit", "unusable", () => "quit"],
    ["an address that does not parse", "unusable", () => "http://[not-a-host/callback"],
    ["a javascript: URL", "unusable", () => "javascript:alert(1)"],
    ["punctuation", "unusable", () => "{}"],
    [
      "another login's callback (its nonce)",
      "other_login",
      (_, location) => withNonce(location, "someone-elses-nonce"),
    ],
    [
      "another login's denial",
      "other_login",
      (_, location) => withNonce(location, "someone-elses-nonce", "?error=access_denied"),
    ],
    ["this login's callback without a code", "no_code", (consentUrl) => callbackOf(consentUrl).href],
    ["an unrelated web address", "not_a_callback", () => "https://example.com/somewhere?code=abcdefghij"],
  ];

  test.each(cases)("%s: rejected as %s, nothing sent, then the browser signs in", async (_name, reason, line) => {
    const baseline = await baselineHandles();
    const input = new PassThrough();
    const { rejections, first: toldOnce, onPasteRejected } = pasteRejections();
    const login = startLogin({ input, onPasteRejected });
    const url = await login.url;
    const location = new URL(await redirectTarget(url));
    const pasted = line(url, location);
    input.write(`${pasted}\n`);
    await toldOnce;
    expect(rejections).toEqual([{ reason, message: expect.any(String) }]);
    const { message } = rejections[0]!;
    if (pasted.length >= 8) expect(message).not.toContain(pasted); // never echoed: it may hold a code
    expect(message).not.toContain(location.searchParams.get("code")!);
    expect(exchangeRequests()).toHaveLength(0); // nothing unusable reaches the API
    // Still waiting: the browser's callback completes it.
    await visitConsentPage(url);
    await expect(login.result).resolves.toMatchObject({ key: expect.stringMatching(/^sk-or-v1-/) });
    expect(exchangeRequests()).toHaveLength(1);
    await expectNothingLeft(Number(callbackOf(url).port), baseline);
  });

  test("the messages say what is wrong and what to do; only the time limit ends the login", async () => {
    const input = new PassThrough();
    const rejections: Rejection[] = [];
    const login = startLogin({ input, timeoutMs: 500, onPasteRejected: (r) => rejections.push(r) });
    const url = await login.url;
    const other = withNonce(new URL(await redirectTarget(url)), "someone-elses-nonce");
    input.write(`${url}\nhello world\n${other}\n`);
    await expect(login.result).rejects.toBeInstanceOf(LoginTimeoutError);
    const [consent, spaces, another] = rejections.map((r) => r.message);
    expect(consent).toMatch(/sign-in page itself: open it in a browser/);
    expect(spaces).toMatch(/has spaces/);
    expect(another).toMatch(/another sign-in/);
    expect(another).toContain(`http://127.0.0.1:${callbackOf(url).port}/callback/…`);
    expect(another).not.toContain(callbackOf(url).pathname); // this login's nonce is not needed in it
  });

  test("without onPasteRejected, unusable lines are dropped silently and the login keeps waiting", async () => {
    const input = new PassThrough();
    const login = startLogin({ input });
    const url = await login.url;
    input.write(`${url}\nhello world\njavascript:alert(1)\n`);
    await sleep(50);
    await visitConsentPage(url);
    await expect(login.result).resolves.toMatchObject({ key: expect.stringMatching(/^sk-or-v1-/) });
    expect(exchangeRequests()).toHaveLength(1);
  });

  test("an onPasteRejected that throws changes nothing: the login keeps waiting", async () => {
    const input = new PassThrough();
    let calls = 0;
    const login = startLogin({
      input,
      onPasteRejected: () => {
        calls += 1;
        throw new Error("stderr is closed");
      },
    });
    const url = await login.url;
    input.write("hello world\n");
    input.write(`${await redirectTarget(url)}\n`);
    await expect(login.result).resolves.toMatchObject({ key: expect.stringMatching(/^sk-or-v1-/) });
    expect(calls).toBe(1);
  });

  test.each([
    ["without its scheme", (location: URL) => location.href.replace(/^http:\/\//, "")],
    ["as code=…", (location: URL) => `code=${encodeURIComponent(location.searchParams.get("code")!)}`],
    ["percent-encoded", (location: URL) => encodeURIComponent(location.searchParams.get("code")!).replace(/_/g, "%5F")],
  ])("a usable paste %s signs in", async (_name, line) => {
    const input = new PassThrough();
    const rejections: Rejection[] = [];
    const login = startLogin({ input, onPasteRejected: (r) => rejections.push(r) });
    const location = new URL(await redirectTarget(await login.url));
    input.write(`${line(location)}\n`);
    await expect(login.result).resolves.toMatchObject({ key: expect.stringMatching(/^sk-or-v1-/) });
    expect(rejections).toEqual([]);
    expect(JSON.parse(exchangeRequests()[0]!.body)).toMatchObject({ code: location.searchParams.get("code") });
  });
});

describe("options", () => {
  test.each([
    ["no way to show the URL", {}, "onAuthorizationUrl"],
    ["a negative port", { port: -1, onAuthorizationUrl: () => {} }, "port"],
    ["a fractional port", { port: 80.5, onAuthorizationUrl: () => {} }, "port"],
    ["a port above 65535", { port: 70_000, onAuthorizationUrl: () => {} }, "port"],
    ["a zero timeout", { timeoutMs: 0, onAuthorizationUrl: () => {} }, "timeoutMs"],
    ["a NaN timeout", { timeoutMs: Number.NaN, onAuthorizationUrl: () => {} }, "timeoutMs"],
    ["another host", { host: "0.0.0.0" as "127.0.0.1", onAuthorizationUrl: () => {} }, "host"],
    [
      "a client and a serverURL",
      { client: new OpenRouterCore(), serverURL: "http://127.0.0.1:1/api/v1", onAuthorizationUrl: () => {} },
      "serverURL",
    ],
  ])("%s: SDKValidationError before anything listens", async (_name, options, field) => {
    const baseline = await baselineHandles();
    const error = await loginWithLoopback(options as LoopbackLoginOptions).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SDKValidationError);
    expect((error as SDKValidationError).field).toBe(field);
    await expectNothingLeft(0, baseline);
  });

  test.each(["not a URL", "javascript:alert(1)", "file:///tmp/consent.html", "http://consent.example/auth"])(
    "a consent page URL the SDK rejects (%s): SDKValidationError, nothing opened, server closed",
    async (authorizationUrl) => {
      const baseline = await baselineHandles();
      let called = false;
      const error = await loginWithLoopback({
        serverURL: standIn.apiUrl,
        authorizationUrl,
        onAuthorizationUrl: () => {
          called = true;
        },
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SDKValidationError);
      expect((error as SDKValidationError).field).toMatch(/authorizationUrl/);
      expect(called).toBe(false);
      await expectNothingLeft(0, baseline);
    },
  );

  test("an onAuthorizationUrl that throws: UnexpectedClientError with the cause, server closed", async () => {
    const baseline = await baselineHandles();
    let port = 0;
    const error = await loginWithLoopback({
      serverURL: standIn.apiUrl,
      onAuthorizationUrl: (url) => {
        port = Number(callbackOf(url).port);
        throw new Error("stderr is closed");
      },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnexpectedClientError);
    expect(((error as Error).cause as Error).message).toBe("stderr is closed");
    await expectNothingLeft(port, baseline);
  });

  test("Infinity as timeoutMs sets no timer", async () => {
    const baseline = await baselineHandles();
    const login = startLogin({ timeoutMs: Number.POSITIVE_INFINITY });
    const url = await login.url;
    expect(leakableHandles().Timeout).toBeLessThanOrEqual(baseline.Timeout!);
    await visitConsentPage(url);
    await login.result;
  });
});
