// "Connect OpenRouter", server-rendered: the routes of a Hono app on web-standard Request/Response only,
// so the same file runs on Node (node.ts), Bun (bun.ts), Deno (deno.ts) and Cloudflare Workers (worker.ts).
//
// GET /login starts the OAuth PKCE login and keeps the verifier and nonce in a sealed, HttpOnly, short-lived
// cookie; GET /callback checks that cookie and the nonce, exchanges the code, keeps the key on the server and
// answers with a page that never contains it. Any failure gets a 4xx page, and nothing is stored.
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
import { cookieKey, seal, unseal } from "./sealed-cookie.js";
import { UsedNonces } from "./used-nonces.js";

/** What the server keeps for a connected browser session. `key` is the user's API key: a secret. */
export interface ConnectedAccount {
  readonly key: string;
  readonly userId: string | null;
}

export interface ConnectAppOptions {
  /** Seals the login cookie; at least 32 characters, from the environment, never in code. */
  readonly secret: string;
  /** The OpenRouter API. Default `https://openrouter.ai/api/v1` (the consent page is `/auth` on its origin). */
  readonly serverURL?: string | undefined;
  /** Where keys are kept, by session id. Default: a Map in memory (a real app uses its database). */
  readonly accounts?: Map<string, ConnectedAccount> | undefined;
  /**
   * The nonces of handled callbacks, so that a replay is refused. Default: a {@link UsedNonces} in memory
   * holding at most 10,000 (several instances of the app need a store they share).
   */
  readonly usedNonces?: UsedNonces | undefined;
  /** How long a started login may take to come back, in ms. Default 10 minutes. */
  readonly loginTtlMs?: number | undefined;
  /** The clock. Default `Date.now`. */
  readonly now?: (() => number) | undefined;
}

/** The cookie that carries the pending login from /login to /callback (only sent to /callback). */
export const LOGIN_COOKIE = "openrouter_login";
/** The cookie naming the server-side session that holds the key once connected. */
export const SESSION_COOKIE = "openrouter_session";

const isLoopbackHost = (hostname: string): boolean =>
  hostname === "localhost" || hostname === "[::1]" || /^127\.\d+\.\d+\.\d+$/.test(hostname);

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c);

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body><h1>${escapeHtml(title)}</h1>${body}</body></html>`;
}

const tryAgain = `<p><a href="/login">Try again</a></p>`;

/** Cookies are `Secure` everywhere but on loopback, where a local app runs over plain http. */
const secureFor = (c: Context): boolean => !isLoopbackHost(new URL(c.req.url).hostname);

const randomId = (): string => {
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
};

/**
 * The example's Hono app. Export `app.fetch` from your runtime's entry point.
 *
 * @example
 * const app = createConnectApp({ secret: env.SESSION_SECRET });
 * export default app; // Bun, Workers; Deno: Deno.serve(app.fetch); Node: serve({ fetch: app.fetch })
 */
export function createConnectApp(options: ConnectAppOptions): Hono {
  const {
    secret,
    serverURL,
    accounts = new Map(),
    usedNonces = new UsedNonces(),
    loginTtlMs = 10 * 60_000,
    now = Date.now,
  } = options;
  // Checked here, at start-up, rather than on the first request.
  if (secret.length < 32) throw new Error("the cookie secret must be at least 32 characters long (SESSION_SECRET)");
  // No API key: the exchange needs none, and the server's own OPENROUTER_API_KEY (for its model calls) is not
  // sent with it ("" means none; left unset, the client would read the variable).
  const core = new OpenRouterCore({ apiKey: "", serverURL });
  const key = cookieKey(secret);
  const app = new Hono();

  app.get("/", (c) => {
    const sessionId = getCookie(c, SESSION_COOKIE);
    const account = sessionId === undefined ? undefined : accounts.get(sessionId);
    if (account === undefined) {
      // A session cookie that names no session (forged, or from before a restart) is cleared, not kept.
      if (sessionId !== undefined) {
        deleteCookie(c, SESSION_COOKIE, { path: "/", secure: secureFor(c), httpOnly: true, sameSite: "Lax" });
      }
      return c.html(page("Connect OpenRouter", `<p><a href="/login">Connect OpenRouter</a></p>`));
    }
    return c.html(page("Connected", `<p>Your OpenRouter account is connected.</p>`));
  });

  app.get("/login", async (c) => {
    const callbackUrl = new URL("/callback", c.req.url).href;
    const start = await oAuthStartAuthorization(core, { callbackUrl });
    if (!start.ok) return c.html(page("Sign-in unavailable", `<p>${escapeHtml(start.error.message)}</p>`), 500);
    const { authorizationUrl, codeVerifier, nonce } = start.value;
    const sealed = await seal(await key, LOGIN_COOKIE, { codeVerifier, nonce, expiresAt: now() + loginTtlMs });
    setCookie(c, LOGIN_COOKIE, sealed, {
      httpOnly: true,
      secure: secureFor(c),
      // Lax, not Strict: the consent page's redirect back is a cross-site navigation, which Strict would strip.
      sameSite: "Lax",
      path: "/callback",
      maxAge: Math.floor(loginTtlMs / 1000),
    });
    return c.redirect(authorizationUrl, 302);
  });

  app.get("/callback", async (c) => {
    const sealed = getCookie(c, LOGIN_COOKIE);
    // One callback per login, whatever happens next.
    deleteCookie(c, LOGIN_COOKIE, { path: "/callback", secure: secureFor(c), httpOnly: true, sameSite: "Lax" });
    c.header("cache-control", "no-store");
    c.header("referrer-policy", "no-referrer");
    if (sealed === undefined) {
      return c.html(
        page(
          "No sign-in in progress",
          `<p>This browser has no pending sign-in (or it was already used).</p>${tryAgain}`,
        ),
        400,
      );
    }
    const pending = await unseal(await key, LOGIN_COOKIE, sealed, now());
    if (pending === undefined) {
      return c.html(
        page("Sign-in not verified", `<p>The sign-in could not be verified or has expired.</p>${tryAgain}`),
        400,
      );
    }
    // Checked against this login's nonce before anything is recorded: a callback without a code, a denial or
    // another login's link is answered without touching the used nonces, so junk cannot fill them.
    const callback = oAuthParseAuthorizationCallback(c.req.url, { expectedNonce: pending.nonce });
    if (!callback.ok) {
      if (callback.error instanceof AuthorizationCallbackError && callback.error.kind === "denied") {
        return c.html(page("Not connected", `<p>You declined the connection on OpenRouter.</p>${tryAgain}`), 403);
      }
      return c.html(
        page("Sign-in not verified", `<p>This sign-in link does not belong to your sign-in.</p>${tryAgain}`),
        400,
      );
    }
    // The nonce is spent as its code is exchanged, whatever the exchange's outcome.
    if (!usedNonces.claim(pending.nonce, pending.expiresAt, now())) {
      return c.html(page("Sign-in already used", `<p>This sign-in link has already been used.</p>${tryAgain}`), 409);
    }

    const done = await oAuthExchangeAuthCodeForAPIKey(core, {
      requestBody: { code: callback.value.code, codeVerifier: pending.codeVerifier, codeChallengeMethod: "S256" },
    });
    if (!done.ok) {
      const error = done.error;
      if (error instanceof ForbiddenResponseError || error instanceof BadRequestResponseError) {
        return c.html(
          page("Sign-in refused", `<p>OpenRouter refused the sign-in code (used or expired).</p>${tryAgain}`),
          400,
        );
      }
      return c.html(
        page("OpenRouter unavailable", `<p>OpenRouter could not complete the sign-in.</p>${tryAgain}`),
        502,
      );
    }
    const sessionId = randomId();
    accounts.set(sessionId, { key: done.value.key, userId: done.value.userId });
    setCookie(c, SESSION_COOKIE, sessionId, { httpOnly: true, secure: secureFor(c), sameSite: "Lax", path: "/" });
    return c.html(page("Connected", `<p>Your OpenRouter account is connected.</p><p><a href="/">Continue</a></p>`));
  });

  return app;
}
