import { OpenRouterCore } from "../core.js";
import { oAuthExchangeAuthCodeForAPIKey } from "../funcs/oAuthExchangeAuthCodeForAPIKey.js";
import { oAuthParseAuthorizationCallback } from "../funcs/oAuthParseAuthorizationCallback.js";
import { oAuthStartAuthorization } from "../funcs/oAuthStartAuthorization.js";
import { callbackUrlProblem } from "../lib/callback-url.js";
import type { SDKError } from "../models/errors/sdk-error.js";
import { BrowserSignInError } from "./browser-sign-in-error.js";
import { connectedState } from "./connected-state.js";
import { type BrowserEnvironment, browserEnvironment, type PageEventLike } from "./environment.js";
import { type KeyStorage, memoryKeyStorage, webKeyStorage } from "./key-storage.js";

/** What {@link createBrowserSignIn} takes. Every option is optional. */
export interface BrowserSignInOptions {
  /** The client the exchange runs on (its `serverURL`, retries, `timeoutMs`…). Default: a new `OpenRouterCore({ serverURL })`. */
  client?: OpenRouterCore | undefined;
  /** The API base URL, when no `client` is given. Default: `https://openrouter.ai/api/v1`. */
  serverURL?: string | undefined;
  /**
   * Where the consent page sends the user back; that page must call {@link BrowserSignIn.finish}.
   * Default: the page `signIn()` is called on (`location.origin + location.pathname`). When set, `finish()`
   * acts only on that page.
   */
  callbackUrl?: string | URL | undefined;
  /** The consent page. Default: `/auth` on the server's origin, as for `oAuthStartAuthorization`. */
  authorizationUrl?: string | URL | undefined;
  /**
   * Where the key is kept: `"local"` (the default: kept across visits, shared by the site's tabs, which
   * follow each other's sign-in and sign-out), `"session"` (this tab, until it closes), `"memory"` (this
   * page only) or a {@link KeyStorage} of your own.
   */
  keyStorage?: "local" | "session" | "memory" | KeyStorage | undefined;
  /** The storage entry of the key. Default `"openrouter-oauth:key"`; the login in progress is kept under `<storageKey>:pending` in sessionStorage. */
  storageKey?: string | undefined;
}

/**
 * Where the sign-in stands. `signed-out` carries `error` when the last attempt failed; `connected` carries
 * the key, which `state.key` reads but no printed view of the state shows (console.log, util.inspect,
 * JSON.stringify, a spread): show `maskedKey` instead.
 */
export type BrowserSignInState =
  | {
      status: "signed-out";
      /** Why the last attempt failed, if it did. */
      error?: BrowserSignInError;
    }
  | {
      /** `signIn()` is sending the user to the consent page. */
      status: "redirecting";
    }
  | {
      /** `finish()` is exchanging the code for the key. */
      status: "exchanging";
    }
  | {
      status: "connected";
      /** The user's API key. A secret: send it to OpenRouter only. */
      readonly key: string;
      /** The key masked for display, e.g. `sk-or-v1-…abcd`. */
      maskedKey: string;
      /** The user's id, when OpenRouter sent one. */
      userId: string | null;
    };

/** The sign-in controller {@link createBrowserSignIn} returns. */
export interface BrowserSignIn {
  /** The current state: the same object until it changes (suits React's `useSyncExternalStore`). */
  getState(): BrowserSignInState;
  /** Calls `listener` with each new state; returns the function that stops it. */
  subscribe(listener: (state: BrowserSignInState) => void): () => void;
  /**
   * Starts a sign-in: a PKCE pair and a nonce, kept in this tab's sessionStorage, then sends the user to
   * the consent page. Never throws or rejects: a failure becomes a `signed-out` state with its `error`.
   */
  signIn(params?: {
    /** Credit limit of the key to be created. */
    limit?: number | undefined;
  }): Promise<void>;
  /**
   * Call on every page load of the callback page. When the URL is a callback of this controller's sign-in,
   * it takes the code, nonce and error out of the address bar, uses up this tab's login in progress and
   * exchanges the code, once: a second call meanwhile (React StrictMode) gets the same promise. A callback
   * this tab did not start sends nothing: the state becomes `signed-out` with a `not_this_tab` error, or
   * stays `connected` if it was. Resolves with the resulting state; never rejects.
   */
  finish(): Promise<BrowserSignInState>;
  /** Forgets the key (storage included); the site's other tabs sign out too when the key is in localStorage. */
  signOut(): void;
  /** Stops listening to the page (other tabs' changes); the controller's state no longer follows them. */
  destroy(): void;
}

type State = BrowserSignInState;

const DEFAULT_STORAGE_KEY = "openrouter-oauth:key";
/** The query parameters the consent page's redirect adds (the nonce is ours, in the callback URL). */
const CALLBACK_PARAMS = ["code", "nonce", "error", "error_description"];

/** The controllers of each page, so that one that writes the key tells the others (a page gets no storage event of its own). */
const peers = new Set<{ env: BrowserEnvironment; storageKey: string; store: unknown; reload(): void }>();
/** The exchange under way on each page, so a second controller (StrictMode remount) waits for it instead of missing it. */
const exchanges = new WeakMap<BrowserEnvironment, { storageKey: string; done: Promise<State> }>();

const signedOut = (error?: BrowserSignInError): State =>
  error ? { status: "signed-out", error } : { status: "signed-out" };

/** The name of a thrown value, never its message (a custom storage's message could hold the value). */
const nameOf = (thrown: unknown): string | undefined =>
  thrown instanceof Error || (thrown instanceof Object && typeof (thrown as Error).name === "string")
    ? (thrown as Error).name
    : undefined;

const storageError = (field: string, thrown: unknown) =>
  new BrowserSignInError(
    "storage_unavailable",
    `The browser refused access to ${field}, which signing in needs (private browsing or blocked site data can do this)`,
    field,
    nameOf(thrown),
    thrown,
  );

/** A message a person understands for each way the exchange fails; the SDK error is the hidden cause. */
function exchangeError(error: SDKError): BrowserSignInError {
  const status = "statusCode" in error ? error.statusCode : undefined;
  const message =
    error.name === "ForbiddenResponseError"
      ? "OpenRouter refused this sign-in's code (it was used already, expired, or belongs to another sign-in): sign in again"
      : error.name === "ConnectionError"
        ? "OpenRouter could not be reached to finish signing in: check the connection and sign in again"
        : error.name === "RequestTimeoutError"
          ? "OpenRouter took too long to finish signing in: sign in again"
          : `OpenRouter could not finish signing in${status ? ` (HTTP ${status})` : ""}: sign in again`;
  return new BrowserSignInError("exchange_failed", message, undefined, error.name, error);
}

/** Reads a stored entry: `{ key, userId }` as JSON; anything else counts as no key. */
function stateOf(raw: string | null): State {
  try {
    const value: unknown = raw === null ? null : JSON.parse(raw);
    if (value instanceof Object && typeof (value as { key?: unknown }).key === "string") {
      const { key, userId } = value as { key: string; userId?: unknown };
      if (key) return connectedState(key, typeof userId === "string" ? userId : null);
    }
  } catch {
    // Not ours: no key.
  }
  return signedOut();
}

/** Why the options cannot work, as an error, or undefined. */
function optionsProblem(options: BrowserSignInOptions): BrowserSignInError | undefined {
  const invalid = (field: string, reason: string) =>
    new BrowserSignInError("invalid_options", `Invalid ${field}: ${reason}`, field, reason);
  const { keyStorage, storageKey, callbackUrl } = options;
  if (
    keyStorage !== undefined &&
    keyStorage !== "local" &&
    keyStorage !== "session" &&
    keyStorage !== "memory" &&
    !(
      keyStorage instanceof Object &&
      typeof keyStorage.get === "function" &&
      typeof keyStorage.set === "function" &&
      typeof keyStorage.remove === "function"
    )
  ) {
    return invalid("keyStorage", 'must be "local", "session", "memory" or an object with get, set and remove');
  }
  if (storageKey !== undefined && (typeof storageKey !== "string" || storageKey === "")) {
    return invalid("storageKey", "must be a non-empty string");
  }
  const problem = callbackUrl === undefined ? undefined : callbackUrlProblem(callbackUrl);
  return problem ? invalid("callbackUrl", problem) : undefined;
}

/**
 * The sign-in of a browser app with OpenRouter (OAuth PKCE), as one controller: `signIn()` sends the user
 * to the consent page, `finish()` on the page they come back to exchanges the code for their key, kept
 * where `keyStorage` says. The state (`getState`, `subscribe`) drives the UI. Nothing it throws, logs or
 * prints holds the key, the code or the PKCE verifier; the login is bound to the tab that started it by
 * a nonce. It never throws: failures are typed {@link BrowserSignInError}s in the state.
 *
 * @example
 * import { createBrowserSignIn } from "openrouter-oauth/browser";
 *
 * const signIn = createBrowserSignIn();
 * signIn.subscribe((state) => {
 *   if (state.status === "connected") show(`Connected: ${state.maskedKey}`);
 *   else if (state.status === "signed-out" && state.error) show(state.error.message);
 * });
 * void signIn.finish(); // on every page load: completes a sign-in coming back from OpenRouter
 * button.onclick = () => void signIn.signIn();
 * // later: fetch(..., { headers: { Authorization: `Bearer ${signIn.getState().key}` } }) when connected
 */
export function createBrowserSignIn(options?: BrowserSignInOptions): BrowserSignIn {
  return createSignIn(options, browserEnvironment);
}

/** @internal {@link createBrowserSignIn} on a given page: the tests' seam. */
export function createSignIn(options: BrowserSignInOptions = {}, env: BrowserEnvironment): BrowserSignIn {
  const storageKey = options.storageKey ?? DEFAULT_STORAGE_KEY;
  const pendingKey = `${storageKey}:pending`;
  let optionsError = optionsProblem(options ?? {});
  let client = options.client;
  if (!optionsError && !client) {
    try {
      client = new OpenRouterCore({ serverURL: options.serverURL });
    } catch {
      optionsError = new BrowserSignInError(
        "invalid_options",
        "Invalid serverURL: must not carry a user name or password",
        "serverURL",
        "must not carry a user name or password",
      );
    }
  }
  const area = options.keyStorage ?? "local";
  const keyField = area === "local" ? "localStorage" : area === "session" ? "sessionStorage" : "keyStorage";
  const keys: KeyStorage =
    area === "local" || area === "session"
      ? webKeyStorage(() => env.storage(area))
      : area === "memory" || optionsError
        ? memoryKeyStorage()
        : area;

  const listeners = new Set<(state: State) => void>();
  let finishing: Promise<State> | undefined;
  let starting = false;

  const readKey = (): State => {
    try {
      return stateOf(keys.get(storageKey));
    } catch (thrown) {
      return signedOut(storageError(keyField, thrown));
    }
  };
  let state: State = optionsError ? signedOut(optionsError) : readKey();

  const setState = (next: State): State => {
    const same =
      next.status === state.status &&
      (next.status !== "connected" ||
        (state.status === "connected" && next.key === state.key && next.userId === state.userId)) &&
      !("error" in next) &&
      !("error" in state);
    if (same) return state;
    state = next;
    for (const listener of [...listeners]) {
      try {
        listener(next);
      } catch (error) {
        // One listener's failure reaches the page's error handling, not the controller or the others.
        queueMicrotask(() => {
          throw error;
        });
      }
    }
    return next;
  };
  const fail = (error: BrowserSignInError): State => setState(signedOut(error));

  const self = { env, storageKey, store: area, reload: () => setState(readKey()) };
  if (area !== "memory" && !optionsError) peers.add(self);
  const tellPeers = () => {
    for (const peer of peers) {
      if (peer !== self && peer.env === env && peer.storageKey === storageKey && peer.store === area) peer.reload();
    }
  };

  // Another tab signed in or out (localStorage only: other areas send no event to other tabs).
  const onStorage = (event: PageEventLike) => {
    if (event.key !== storageKey && event.key !== null) return;
    try {
      if (event.storageArea !== env.storage("local")) return;
    } catch {
      return;
    }
    setState(event.key === null ? signedOut() : stateOf(event.newValue ?? null));
  };
  // Back from the consent page through the back/forward cache: the page never left as far as it knows.
  const onPageShow = (event: PageEventLike) => {
    if (event.persisted && state.status === "redirecting") setState(readKey());
  };
  if (!optionsError) {
    if (area === "local") env.addEventListener("storage", onStorage);
    env.addEventListener("pageshow", onPageShow);
  }

  /** The current URL, when it is a callback of this sign-in: it carries our nonce, on the callback page. */
  const callbackHere = (): URL | undefined => {
    let here: URL;
    try {
      here = new URL(env.location.href);
    } catch {
      return undefined;
    }
    // Our callback URLs always carry the nonce: a page's own `?code=` is left alone.
    if (!here.searchParams.has("nonce")) return undefined;
    if (options.callbackUrl !== undefined) {
      const expected = new URL(options.callbackUrl);
      if (expected.origin !== here.origin || expected.pathname !== here.pathname) return undefined;
    }
    return here;
  };

  /** Reads and removes this tab's login in progress. */
  const takePending = (): { codeVerifier: string; nonce: string } | undefined => {
    const session = env.storage("session");
    const raw = session.getItem(pendingKey);
    if (raw === null) return undefined;
    session.removeItem(pendingKey);
    try {
      const { codeVerifier, nonce } = JSON.parse(raw) as { codeVerifier?: unknown; nonce?: unknown };
      if (typeof codeVerifier === "string" && typeof nonce === "string" && codeVerifier && nonce) {
        return { codeVerifier, nonce };
      }
    } catch {
      // Not ours: no login in progress.
    }
    return undefined;
  };

  // Runs synchronously up to the exchange: the address bar is clean and the login used up before any await.
  const complete = async (url: URL): Promise<State> => {
    const clean = new URL(url);
    for (const name of CALLBACK_PARAMS) clean.searchParams.delete(name);
    try {
      env.history.replaceState(env.history.state, "", clean.href);
    } catch {
      // A page that forbids it keeps the URL; the code in it is used up below either way.
    }
    let pending: ReturnType<typeof takePending>;
    try {
      pending = takePending();
    } catch (thrown) {
      return fail(storageError("sessionStorage", thrown));
    }
    if (!pending) {
      // Back to an old callback, or a link from elsewhere: nothing is sent; a signed-in user stays signed in.
      if (state.status === "connected") return state;
      return fail(
        new BrowserSignInError(
          "not_this_tab",
          "This sign-in link was not started in this tab, so it was not used: sign in again from here",
          "url",
          "no sign-in is in progress in this tab",
        ),
      );
    }
    const callback = oAuthParseAuthorizationCallback(url, { expectedNonce: pending.nonce });
    if (!callback.ok) {
      const error = callback.error;
      if (!("kind" in error)) {
        return fail(
          new BrowserSignInError("invalid_options", "This page's address cannot be a callback", "url", error.reason),
        );
      }
      if (error.kind === "denied") {
        const reason = error.errorDescription || error.error || "no reason given";
        return fail(new BrowserSignInError("denied", `OpenRouter did not connect: ${reason}`, "url", reason));
      }
      return fail(
        error.kind === "nonce_mismatch"
          ? new BrowserSignInError(
              "nonce_mismatch",
              "This sign-in link does not belong to the sign-in started in this tab, so it was not used: sign in again",
              "url",
              "its nonce is not this sign-in's",
            )
          : new BrowserSignInError(
              "missing_code",
              "OpenRouter sent no code back, so signing in could not finish: sign in again",
              "url",
              "no code",
            ),
      );
    }
    setState({ status: "exchanging" });
    const result = await oAuthExchangeAuthCodeForAPIKey(client!, {
      requestBody: { code: callback.value.code, codeVerifier: pending.codeVerifier, codeChallengeMethod: "S256" },
    });
    if (!result.ok) return fail(exchangeError(result.error));
    const { key, userId = null } = result.value;
    try {
      keys.set(storageKey, JSON.stringify({ key, userId }));
    } catch {
      // Storage refused: the key stays in this page's memory, which is better than losing a key just created.
    }
    const connected = setState(connectedState(key, userId));
    tellPeers();
    return connected;
  };

  return {
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    async signIn(params) {
      if (optionsError) return void fail(optionsError);
      if (starting) return;
      starting = true;
      try {
        const callbackUrl =
          options.callbackUrl ?? new URL(env.location.href).origin + new URL(env.location.href).pathname;
        const started = await oAuthStartAuthorization(client!, {
          callbackUrl,
          limit: params?.limit,
          authorizationUrl: options.authorizationUrl,
        });
        if (!started.ok) {
          const { field, reason } = started.error;
          return void fail(
            new BrowserSignInError("invalid_options", `Signing in cannot start: ${field} ${reason}`, field, reason),
          );
        }
        const { authorizationUrl, codeVerifier, nonce } = started.value;
        try {
          env.storage("session").setItem(pendingKey, JSON.stringify({ codeVerifier, nonce }));
        } catch (thrown) {
          return void fail(storageError("sessionStorage", thrown));
        }
        setState({ status: "redirecting" });
        env.location.assign(authorizationUrl);
      } catch (thrown) {
        fail(
          new BrowserSignInError(
            "start_failed",
            "Signing in could not start in this browser (it needs Web Crypto, which browsers give to https pages and localhost)",
            undefined,
            nameOf(thrown),
            thrown,
          ),
        );
      } finally {
        starting = false;
      }
    },
    finish() {
      if (finishing) return finishing;
      const url = optionsError ? undefined : callbackHere();
      if (url) {
        const done = complete(url).finally(() => {
          finishing = undefined;
          if (exchanges.get(env)?.done === done) exchanges.delete(env);
        });
        finishing = done;
        exchanges.set(env, { storageKey, done });
        return done;
      }
      // Another controller of this page is finishing this sign-in (a remount): follow it.
      const other = exchanges.get(env);
      if (other && other.storageKey === storageKey) {
        if (state.status === "signed-out") setState({ status: "exchanging" });
        finishing = other.done.then((result) => {
          finishing = undefined;
          return state.status === "exchanging" ? setState(result.status === "connected" ? readKey() : result) : state;
        });
        return finishing;
      }
      return Promise.resolve(state);
    },
    signOut() {
      try {
        keys.remove(storageKey);
        setState(signedOut());
      } catch (thrown) {
        fail(storageError(keyField, thrown));
      }
      tellPeers();
    },
    destroy() {
      env.removeEventListener("storage", onStorage);
      env.removeEventListener("pageshow", onPageShow);
      peers.delete(self);
    },
  };
}
