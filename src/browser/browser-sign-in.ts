import { OpenRouterCore } from "../core.js";
import { oAuthExchangeAuthCodeForAPIKey } from "../funcs/oAuthExchangeAuthCodeForAPIKey.js";
import { baseUrlOf } from "../lib/call-config.js";
import { SDKValidationError } from "../models/errors/client-errors.js";
import type { SDKError } from "../models/errors/sdk-error.js";
import { BrowserSignInError } from "./browser-sign-in-error.js";
import { connectedState } from "./connected-state.js";
import { type BrowserEnvironment, browserEnvironment, type PageEventLike } from "./environment.js";
import { type KeyStorage, memoryKeyStorage, webKeyStorage } from "./key-storage.js";
import { startLogin } from "./start-login.js";

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
      /** No key: never signed in, signed out, or the last attempt failed. */
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
      /** Signed in: the key is at hand. */
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
  /**
   * Stops listening to the page and to the page's other controllers: the state no longer follows other tabs
   * or controllers. Call it when the controller is dropped (a component unmounting for good).
   */
  destroy(): void;
}

type State = BrowserSignInState;

/** The query parameters of a callback: the nonce is ours (in the callback URL), the others the consent page's. */
const CALLBACK_PARAMS = ["code", "nonce", "error", "error_description"];

/** The live controllers, so that one that writes the key tells the others of its page (a page gets no storage event of its own). */
const peers = /* @__PURE__ */ new Set<{
  env: BrowserEnvironment;
  storageKey: string;
  store: unknown;
  reload(): void;
}>();

const signedOut = (error?: BrowserSignInError): State =>
  error ? { status: "signed-out", error } : { status: "signed-out" };

const invalid = (field: string, reason: string) =>
  new BrowserSignInError("invalid_options", `Invalid ${field}: ${reason}`, field, reason);

/** The name of what was thrown, never its message (a custom storage's message could hold the value). */
const nameOf = (thrown: unknown): string | undefined => (thrown as Error | undefined)?.name;

const storageError = (field: string, thrown: unknown) =>
  new BrowserSignInError(
    "storage_unavailable",
    `Signing in needs ${field}, which this browser refuses (private browsing or blocked site data?)`,
    field,
    nameOf(thrown),
    thrown,
  );

/** What went wrong in an exchange, in words, by the SDK error's name. */
const EXCHANGE_PROBLEMS: Record<string, string> = {
  ForbiddenResponseError: "OpenRouter refused the code (used, expired or not this sign-in's)",
  ConnectionError: "OpenRouter could not be reached",
  RequestTimeoutError: "OpenRouter took too long",
};

/** Reads a stored entry, `{ key, userId }` as JSON; anything else is no key. */
function stateOf(raw: string | null): State {
  try {
    const { key, userId } = JSON.parse(raw!) as { key?: unknown; userId?: unknown };
    if (typeof key === "string" && key) return connectedState(key, typeof userId === "string" ? userId : null);
  } catch {
    // Not ours (or nothing): no key.
  }
  return signedOut();
}

/** Why the options cannot work, or undefined. */
function optionsProblem({ keyStorage, storageKey, callbackUrl }: BrowserSignInOptions): BrowserSignInError | undefined {
  if (
    !["local", "session", "memory", undefined].includes(keyStorage as string) &&
    !["get", "set", "remove"].every((method) => typeof (keyStorage as never)?.[method] === "function")
  ) {
    return invalid("keyStorage", 'must be "local", "session", "memory" or an object with get, set and remove');
  }
  if (storageKey !== undefined && (typeof storageKey !== "string" || !storageKey)) {
    return invalid("storageKey", "must be a non-empty string");
  }
  try {
    // The callback is a page of the app: https, or http on loopback, as the API's URL.
    if (callbackUrl !== undefined) baseUrlOf("callbackUrl", callbackUrl);
  } catch (thrown) {
    return invalid("callbackUrl", (thrown as SDKValidationError).reason);
  }
  return undefined;
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
  const storageKey = options.storageKey ?? "openrouter-oauth:key";
  const pendingKey = `${storageKey}:pending`;
  let optionsError = optionsProblem(options);
  let client = options.client;
  try {
    client ??= new OpenRouterCore({ serverURL: options.serverURL });
  } catch (thrown) {
    optionsError ??= invalid("serverURL", (thrown as SDKValidationError).reason);
  }
  const area = options.keyStorage ?? "local";
  const keyField = area === "local" || area === "session" ? `${area}Storage` : "keyStorage";
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
  let state = optionsError ? signedOut(optionsError) : readKey();

  const setState = (next: State): State => {
    // The same state again (a peer's reload, another tab writing the same key) is no change.
    if (
      next.status === state.status &&
      !("error" in next) &&
      !("error" in state) &&
      (next as { key?: string }).key === (state as { key?: string }).key
    ) {
      return state;
    }
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
  const notThisTab = () =>
    fail(
      new BrowserSignInError(
        "not_this_tab",
        "This sign-in link was not started in this tab, so it was not used: sign in again",
        "url",
        "no sign-in in progress in this tab",
      ),
    );

  const self = { env, storageKey, store: area, reload: () => setState(readKey()) };
  if (area !== "memory" && !optionsError) peers.add(self);
  const tellPeers = () => {
    for (const peer of peers) {
      if (peer !== self && peer.env === env && peer.storageKey === storageKey && peer.store === area) peer.reload();
    }
  };

  // Another tab signed in or out; only localStorage tells other tabs. `key` null: the site's data was cleared.
  const onStorage = (event: PageEventLike) => {
    try {
      if ((event.key === storageKey || event.key === null) && event.storageArea === env.storage("local")) {
        setState(stateOf(event.key && event.newValue!));
      }
    } catch {
      // localStorage refused meanwhile: nothing to follow.
    }
  };
  // Back from the consent page through the back/forward cache: the page never left as far as it knows.
  const onPageShow = (event: PageEventLike) => {
    if (event.persisted && state.status === "redirecting") setState(readKey());
  };
  if (!optionsError) {
    if (area === "local") env.addEventListener("storage", onStorage);
    env.addEventListener("pageshow", onPageShow);
  }

  // Synchronous up to the exchange: the address bar is clean and the login used up before anything is awaited.
  const complete = async (url: URL): Promise<State> => {
    const clean = new URL(url);
    for (const name of CALLBACK_PARAMS) clean.searchParams.delete(name);
    try {
      env.history.replaceState(env.history.state, "", clean.href);
    } catch {
      // A page that forbids it keeps the URL; its code is used up below either way.
    }
    let pending: { codeVerifier?: unknown; nonce?: unknown } | null;
    try {
      const session = env.storage("session");
      const raw = session.getItem(pendingKey);
      session.removeItem(pendingKey);
      pending = JSON.parse(raw!);
    } catch (thrown) {
      return thrown instanceof SyntaxError ? notThisTab() : fail(storageError("sessionStorage", thrown));
    }
    const { codeVerifier, nonce } = pending ?? {};
    if (typeof codeVerifier !== "string" || typeof nonce !== "string") {
      // Back to an old callback, or a link from elsewhere: nothing is sent; a signed-in user stays signed in.
      return state.status === "connected" ? state : notThisTab();
    }
    // The consent page keeps the callback's query (our nonce) and adds `code`, or `error` and `error_description`.
    const query = url.searchParams;
    if (query.get("nonce") !== nonce) {
      return fail(
        new BrowserSignInError(
          "nonce_mismatch",
          "This sign-in link belongs to another sign-in, so it was not used: sign in again",
          "url",
          "its nonce is not this sign-in's",
        ),
      );
    }
    const denied = query.get("error");
    const reason = query.get("error_description") || denied;
    if (reason) return fail(new BrowserSignInError("denied", `OpenRouter did not connect: ${reason}`, "url", reason));
    const code = query.get("code");
    if (!code) {
      return fail(
        new BrowserSignInError("missing_code", "OpenRouter sent no code back: sign in again", "url", "no code"),
      );
    }
    setState({ status: "exchanging" });
    const result = await oAuthExchangeAuthCodeForAPIKey(client!, {
      requestBody: { code, codeVerifier, codeChallengeMethod: "S256" },
    });
    if (!result.ok) {
      const error: SDKError = result.error;
      const status = (error as { statusCode?: number }).statusCode;
      const problem =
        EXCHANGE_PROBLEMS[error.name] ?? `OpenRouter answered ${status! >= 400 ? `HTTP ${status}` : "unexpectedly"}`;
      return fail(
        new BrowserSignInError(
          "exchange_failed",
          `Signing in failed: ${problem}; sign in again`,
          undefined,
          error.name,
          error,
        ),
      );
    }
    const { key, userId = null } = result.value;
    try {
      keys.set(storageKey, JSON.stringify({ key, userId }));
    } catch {
      // Storage refused: the key stays in this page's memory, better than losing a key just created.
    }
    setState(connectedState(key, userId));
    tellPeers();
    return state;
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
        const here = new URL(env.location.href);
        const { authorizationUrl, codeVerifier, nonce } = await startLogin(
          client!,
          options.callbackUrl ?? here.origin + here.pathname,
          options.authorizationUrl,
          params?.limit,
        );
        try {
          env.storage("session").setItem(pendingKey, JSON.stringify({ codeVerifier, nonce }));
        } catch (thrown) {
          return void fail(storageError("sessionStorage", thrown));
        }
        setState({ status: "redirecting" });
        env.location.assign(authorizationUrl);
      } catch (thrown) {
        fail(
          thrown instanceof SDKValidationError
            ? invalid(thrown.field, thrown.reason)
            : new BrowserSignInError(
                "start_failed",
                `Signing in could not start in this browser${globalThis.crypto?.subtle ? "" : ": it needs Web Crypto, which browsers give to https pages and localhost"}`,
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
      let here: URL | undefined;
      try {
        here = new URL(env.location.href);
      } catch {
        // No page address: no callback.
      }
      const expected = options.callbackUrl && new URL(options.callbackUrl);
      // A callback of ours carries our nonce (a page's own `?code=` is left alone), on the callback page.
      if (
        optionsError ||
        !here?.searchParams.has("nonce") ||
        (expected && (expected.origin !== here.origin || expected.pathname !== here.pathname))
      ) {
        return Promise.resolve(state);
      }
      finishing = complete(here).finally(() => {
        finishing = undefined;
      });
      return finishing;
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
