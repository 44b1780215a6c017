// "Connect OpenRouter", server-rendered: the routes of a Hono app on web-standard Request/Response only,
// so the same file runs on Node (node.ts), Bun (bun.ts), Deno (deno.ts) and Cloudflare Workers (worker.ts).
//
// GET /login starts the OAuth PKCE login and keeps the verifier and nonce in a sealed, HttpOnly, short-lived
// cookie; GET /callback checks that cookie and the nonce, exchanges the code once, keeps the key (sealed) in
// the store and sends the browser home (303 to /); GET / shows the account, masked; POST /logout signs out.
// State lives in an unstorage Storage (store.ts): memory by default, Redis to share it between instances.
import { type Context, Hono } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { OpenRouterCore } from "openrouter-oauth/core.js";
import { oAuthExchangeAuthCodeForAPIKey } from "openrouter-oauth/funcs/oAuthExchangeAuthCodeForAPIKey.js";
import { oAuthParseAuthorizationCallback } from "openrouter-oauth/funcs/oAuthParseAuthorizationCallback.js";
import { oAuthStartAuthorization } from "openrouter-oauth/funcs/oAuthStartAuthorization.js";
import {
  AuthorizationCallbackError,
  BadRequestResponseError,
  ForbiddenResponseError,
} from "openrouter-oauth/models/errors/index.js";
import type { Storage } from "unstorage";
import { connectedPage, problemPage, signedOutPage } from "./pages.js";
import { seal, sealingKey, toBase64Url, unseal } from "./seal.js";
import { type ConnectedAccount, createConnectStore } from "./store.js";

export type { ConnectedAccount } from "./store.js";

export interface ConnectAppOptions {
  /** Seals the login cookie and the stored accounts; at least 32 characters, from the environment. */
  readonly secret: string;
  /** The OpenRouter API. Default `https://openrouter.ai/api/v1` (the consent page is `/auth` on its origin). */
  readonly serverURL?: string | undefined;
  /**
   * Where sessions and used nonces live (unstorage). Default: the memory driver, for one process; give every
   * instance the same shared store (e.g. `unstorage/drivers/redis`) and the same secret to run several.
   */
  readonly storage?: Storage | undefined;
  /** How long a started login may take to come back, in ms. Default 10 minutes. */
  readonly loginTtlMs?: number | undefined;
  /** How long a session stays signed in, in ms. Default 7 days. */
  readonly sessionTtlMs?: number | undefined;
  /** The clock. Default `Date.now`. */
  readonly now?: (() => number) | undefined;
}

/** The cookie that carries the pending login from /login to /callback (`__Host-` prefixed when Secure). */
export const LOGIN_COOKIE = "openrouter_login";
/** The cookie naming the server-side session that holds the key once connected (`__Host-` when Secure). */
export const SESSION_COOKIE = "openrouter_session";

const isLoopbackHost = (hostname: string): boolean =>
  hostname === "localhost" || hostname === "[::1]" || /^127\.\d+\.\d+\.\d+$/.test(hostname);

/** What the login cookie carries between GET /login and GET /callback. */
interface PendingLogin {
  readonly codeVerifier: string;
  readonly nonce: string;
  /** When the pending login stops being accepted (ms since the epoch). */
  readonly expiresAt: number;
}

/**
 * The example's Hono app. Export `app.fetch` from your runtime's entry point.
 *
 * @example
 * const app = createConnectApp({ secret: env.SESSION_SECRET, storage: createStorage({ driver: redisDriver({ url }) }) });
 * export default app; // Bun, Workers; Deno: Deno.serve(app.fetch); Node: serve({ fetch: app.fetch })
 */
export function createConnectApp(options: ConnectAppOptions): Hono {
  const { secret, serverURL, storage, loginTtlMs = 10 * 60_000, sessionTtlMs = 7 * 24 * 3600_000 } = options;
  const now = options.now ?? Date.now;
  // Checked here, at start-up, rather than on the first request.
  if (secret.length < 32) throw new Error("SESSION_SECRET must be at least 32 characters long");
  // No API key: the exchange needs none, and the server's own OPENROUTER_API_KEY (for its model calls) is not
  // sent with it ("" means none; left unset, the client would read the variable).
  const core = new OpenRouterCore({ apiKey: "", serverURL });
  const loginKey = sealingKey(secret, "login cookie");
  const store = createConnectStore(secret, storage, now);
  const app = new Hono();

  // The app is served over https everywhere but on loopback, where a local run uses plain http (behind a
  // TLS-terminating proxy the request itself may say http): Secure, `__Host-` cookies and https origins there.
  const secureFor = (c: Context): boolean => !isLoopbackHost(new URL(c.req.url).hostname);
  const publicOrigin = (c: Context): string => {
    const { host } = new URL(c.req.url);
    return `${secureFor(c) ? "https" : "http"}://${host}`;
  };
  // `__Host-`: the browser accepts it only Secure, from this host, for Path=/ (no subdomain can plant one).
  const cookieName = (c: Context, name: string) => (secureFor(c) ? `__Host-${name}` : name);
  const cookieOptions = (c: Context) => ({ path: "/", secure: secureFor(c), httpOnly: true, sameSite: "Lax" }) as const;
  const noStore = (c: Context) => c.header("cache-control", "no-store");

  /** The session this browser names and its account, if it is signed in. */
  async function currentSession(c: Context) {
    const sessionId = getCookie(c, cookieName(c, SESSION_COOKIE));
    const account = sessionId === undefined ? undefined : await store.readSession(sessionId);
    return { sessionId, account };
  }

  app.use(async (c, next) => {
    await next();
    c.header(
      "content-security-policy",
      "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; frame-ancestors 'none'",
    );
    c.header("x-content-type-options", "nosniff");
    // No Referer to other sites (a callback URL holds a code). Not no-referrer: with it, browsers send
    // `Origin: null` even on this app's own form POSTs, and POST /logout would refuse its own page.
    c.header("referrer-policy", "same-origin");
  });

  app.get("/", async (c) => {
    noStore(c);
    const { sessionId, account } = await currentSession(c);
    if (account === undefined) {
      // A session cookie that names no session (forged, ended, expired) is cleared, not kept.
      if (sessionId !== undefined) deleteCookie(c, cookieName(c, SESSION_COOKIE), cookieOptions(c));
      return c.html(signedOutPage());
    }
    return c.html(connectedPage(account));
  });

  app.get("/login", async (c) => {
    noStore(c);
    const callbackUrl = `${publicOrigin(c)}/callback`;
    const start = await oAuthStartAuthorization(core, { callbackUrl });
    if (!start.ok) {
      return c.html(problemPage("Sign-in is unavailable", `The sign-in could not start: ${start.error.message}`), 500);
    }
    const { authorizationUrl, codeVerifier, nonce } = start.value;
    const pending: PendingLogin = { codeVerifier, nonce, expiresAt: now() + loginTtlMs };
    setCookie(c, cookieName(c, LOGIN_COOKIE), await seal(await loginKey, LOGIN_COOKIE, pending), {
      ...cookieOptions(c),
      // Lax, not Strict: the consent page's redirect back is a cross-site navigation, which Strict would strip.
      maxAge: Math.floor(loginTtlMs / 1000),
    });
    return c.redirect(authorizationUrl, 302);
  });

  app.get("/callback", async (c) => {
    noStore(c);
    const sealed = getCookie(c, cookieName(c, LOGIN_COOKIE));
    // One callback per login, whatever happens next.
    deleteCookie(c, cookieName(c, LOGIN_COOKIE), cookieOptions(c));
    const session = await currentSession(c);
    // A reload of a handled callback (its login cookie is gone) by a connected browser: nothing to do.
    if (sealed === undefined && session.account !== undefined) return c.redirect("/", 303);
    if (sealed === undefined) {
      return c.html(
        problemPage(
          "No sign-in in progress",
          "This browser has no sign-in waiting to finish: it was already used, or it started in another browser.",
        ),
        400,
      );
    }
    const opened = (await unseal(await loginKey, LOGIN_COOKIE, sealed)) as Partial<PendingLogin> | undefined;
    if (
      typeof opened?.codeVerifier !== "string" ||
      typeof opened.nonce !== "string" ||
      typeof opened.expiresAt !== "number" ||
      now() >= opened.expiresAt
    ) {
      return c.html(
        problemPage("Sign-in expired or not verified", "This sign-in could not be verified, or took too long."),
        400,
      );
    }
    const pending = opened as PendingLogin;
    // Checked against this login's nonce before anything is recorded: a callback without a code, a denial or
    // another login's link is answered without touching the store, so junk cannot fill it.
    const callback = oAuthParseAuthorizationCallback(c.req.url, { expectedNonce: pending.nonce });
    if (!callback.ok) {
      if (callback.error instanceof AuthorizationCallbackError && callback.error.kind === "denied") {
        return c.html(
          problemPage(
            "Connection declined",
            "You declined the connection on OpenRouter, so this app has no key. Sign in again whenever you like.",
          ),
          403,
        );
      }
      return c.html(
        problemPage("Sign-in not verified", "This sign-in link does not belong to the sign-in this browser started."),
        400,
      );
    }
    if (!(await store.claimNonce(pending.nonce, pending.expiresAt))) {
      // Handled already (by this instance or another): the code is never sent twice.
      if (session.account !== undefined) return c.redirect("/", 303);
      return c.html(
        problemPage("Sign-in link already used", "This sign-in has already been completed once. Sign in again."),
        409,
      );
    }

    const done = await oAuthExchangeAuthCodeForAPIKey(core, {
      requestBody: { code: callback.value.code, codeVerifier: pending.codeVerifier, codeChallengeMethod: "S256" },
    });
    if (!done.ok) {
      const error = done.error;
      if (error instanceof ForbiddenResponseError || error instanceof BadRequestResponseError) {
        return c.html(
          problemPage("Sign-in refused", "OpenRouter refused the sign-in code: it was already used or has expired."),
          400,
        );
      }
      return c.html(
        problemPage("OpenRouter is unavailable", "OpenRouter could not complete the sign-in. Try again in a moment."),
        502,
      );
    }
    const sessionId = toBase64Url(crypto.getRandomValues(new Uint8Array(32)));
    const account: ConnectedAccount = { key: done.value.key, userId: done.value.userId };
    await store.saveSession(sessionId, account, now() + sessionTtlMs);
    if (session.sessionId !== undefined) await store.endSession(session.sessionId);
    setCookie(c, cookieName(c, SESSION_COOKIE), sessionId, {
      ...cookieOptions(c),
      maxAge: Math.floor(sessionTtlMs / 1000),
    });
    // 303: the browser loads / with GET, and a reload there repeats nothing.
    return c.redirect("/", 303);
  });

  app.post("/logout", async (c) => {
    noStore(c);
    // Same-origin only, so another site cannot sign the user out: the browser's Origin must be this app's,
    // and Sec-Fetch-Site (when sent) must say same-origin.
    const origin = c.req.header("origin");
    const site = c.req.header("sec-fetch-site");
    if (origin !== publicOrigin(c) || (site !== undefined && site !== "same-origin")) {
      return c.html(problemPage("Sign-out refused", "Signing out works only from this app's own page.", "home"), 403);
    }
    const { sessionId } = await currentSession(c);
    if (sessionId !== undefined) await store.endSession(sessionId);
    deleteCookie(c, cookieName(c, SESSION_COOKIE), cookieOptions(c));
    return c.redirect("/", 303);
  });

  app.notFound((c) => c.html(problemPage("Page not found", "There is nothing at this address.", "home"), 404));
  app.onError((error, c) => {
    console.error(error);
    return c.html(problemPage("Something went wrong", "The server could not finish this request.", "home"), 500);
  });

  return app;
}
