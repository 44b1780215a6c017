// openrouter-oauth/browser's controller on fake pages: each tab has its own sessionStorage, address bar and
// history; the tabs of one fake browser share localStorage, and a write in one tab sends the others a
// `storage` event, as browsers do. The consent page and the exchange are the local stand-in's (loopback).
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import {
  type BrowserSignIn,
  type BrowserSignInOptions,
  type BrowserSignInState,
  createSignIn,
} from "../../src/browser/browser-sign-in.js";
import { BrowserSignInError } from "../../src/browser/browser-sign-in-error.js";
import type { BrowserEnvironment, PageEventLike } from "../../src/browser/environment.js";
import type { KeyStorage } from "../../src/browser/key-storage.js";
import { OpenRouterCore } from "../../src/core.js";
import { oAuthCreateSHA256CodeChallenge } from "../../src/funcs/oAuthCreateSHA256CodeChallenge.js";
import { oAuthStartAuthorization } from "../../src/funcs/oAuthStartAuthorization.js";
import { ForbiddenResponseError } from "../../src/models/errors/response-errors.js";
import { type ConsentStandIn, startConsentStandIn } from "../support/consent-stand-in.js";
import { type RecordingServer, startRecordingServer } from "../support/recording-server.js";
import { clientRenderings, errorRenderings, secretLeaks } from "../support/secret-leaks.js";

const APP = "http://127.0.0.1:5173/app";
const KEY_ENTRY = "openrouter-oauth:key";
const PENDING_ENTRY = "openrouter-oauth:key:pending";

/** A Web Storage area over a Map; `refuse` makes every access throw as Safari's private mode does. */
class FakeStorage {
  readonly values = new Map<string, string>();
  refuse = false;
  constructor(private readonly changed: (key: string | null, newValue: string | null) => void = () => {}) {}
  private check() {
    if (this.refuse) throw new DOMException("The operation is insecure.", "SecurityError");
  }
  get length() {
    return this.values.size;
  }
  key(index: number) {
    return [...this.values.keys()][index] ?? null;
  }
  getItem(key: string) {
    this.check();
    return this.values.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.check();
    this.values.set(key, value);
    this.changed(key, value);
  }
  removeItem(key: string) {
    this.check();
    this.values.delete(key);
    this.changed(key, null);
  }
  clear() {
    this.check();
    this.values.clear();
    this.changed(null, null);
  }
}

interface Tab {
  url: string;
  readonly session: FakeStorage;
  readonly assigned: string[];
  readonly replaced: string[];
  readonly env: BrowserEnvironment;
  /** Whether localStorage itself cannot be reached from this tab (reading it throws). */
  localRefused: boolean;
  sessionRefused: boolean;
  listeners: Map<string, Set<(event: PageEventLike) => void>>;
  dispatch(type: string, event: PageEventLike): void;
}

class FakeBrowser {
  readonly tabs: Tab[] = [];
  readonly local = new FakeStorage((key, newValue) => {
    // Every tab but the one that wrote gets the event; here the writer is the tab being run (`current`).
    for (const tab of this.tabs)
      if (tab !== this.current) tab.dispatch("storage", { key, newValue, storageArea: this.local });
  });
  current: Tab | undefined;

  openTab(url = APP): Tab {
    const browser = this;
    const tab: Tab = {
      url,
      session: new FakeStorage(),
      assigned: [],
      replaced: [],
      localRefused: false,
      sessionRefused: false,
      listeners: new Map(),
      dispatch(type, event) {
        for (const listener of this.listeners.get(type) ?? []) listener(event);
      },
      env: {
        get location() {
          return {
            href: tab.url,
            assign: (next: string) => void tab.assigned.push(next),
          };
        },
        history: {
          state: null,
          replaceState(_data, _unused, next) {
            tab.url = new URL(next ?? tab.url, tab.url).href;
            tab.replaced.push(tab.url);
          },
        },
        storage(area) {
          browser.current = tab;
          if (area === "local" ? tab.localRefused : tab.sessionRefused) {
            throw new DOMException("The operation is insecure.", "SecurityError");
          }
          return (area === "local" ? browser.local : tab.session) as unknown as Storage;
        },
        addEventListener(type, listener) {
          if (!tab.listeners.has(type)) tab.listeners.set(type, new Set());
          tab.listeners.get(type)!.add(listener);
        },
        removeEventListener(type, listener) {
          tab.listeners.get(type)?.delete(listener);
        },
      },
    };
    this.tabs.push(tab);
    return tab;
  }
}

let standIn: ConsentStandIn;
beforeAll(async () => {
  standIn = await startConsentStandIn();
});
afterAll(() => standIn?.close());

const exchanges = () => standIn.requests.filter((r) => r.method === "POST" && r.url === "/api/v1/auth/keys");

/** A controller on `tab` talking to the stand-in, with no retries (failures show at once). */
function controllerOn(tab: Tab, options: BrowserSignInOptions = {}): BrowserSignIn {
  const client = new OpenRouterCore({ serverURL: standIn.apiUrl, retryConfig: { strategy: "none" } });
  return createSignIn({ client, ...options }, tab.env);
}

/** Follows the consent page as the user would: returns where it redirects (the callback with code or error). */
async function consent(authorizationUrl: string): Promise<string> {
  const response = await fetch(authorizationUrl, { redirect: "manual" });
  const location = response.headers.get("location");
  if (!location) throw new Error(`the consent page answered ${response.status} without a redirect`);
  return new URL(location, authorizationUrl).href;
}

/** signIn() on `tab`, through the consent page, and the page load of the callback: the new page's controller. */
async function signInThroughConsent(tab: Tab, options: BrowserSignInOptions = {}): Promise<BrowserSignIn> {
  const before = controllerOn(tab, options);
  await before.signIn();
  expect(before.getState().status).toBe("redirecting");
  before.destroy();
  tab.url = await consent(tab.assigned.at(-1)!);
  return controllerOn(tab, options);
}

const connected = (state: BrowserSignInState) => {
  if (state.status !== "connected") throw new Error(`expected connected, got ${state.status}`);
  return state;
};
const errorOf = (state: BrowserSignInState): BrowserSignInError => {
  if (state.status !== "signed-out" || !state.error) throw new Error(`expected an error, got ${state.status}`);
  expect(state.error).toBeInstanceOf(BrowserSignInError);
  return state.error;
};

describe("signIn", () => {
  test("writes the verifier and the nonce to this tab's sessionStorage only, then goes to the consent page", async () => {
    const browser = new FakeBrowser();
    const tab = browser.openTab();
    const other = browser.openTab();
    const signIn = controllerOn(tab);
    const seen: string[] = [];
    signIn.subscribe((state) => seen.push(state.status));
    await signIn.signIn({ limit: 5 });

    expect(seen).toEqual(["redirecting"]);
    expect([...tab.session.values.keys()]).toEqual([PENDING_ENTRY]);
    const pending = JSON.parse(tab.session.values.get(PENDING_ENTRY)!);
    expect(Object.keys(pending).sort()).toEqual(["codeVerifier", "nonce"]);
    expect(browser.local.values.size).toBe(0);
    expect(other.session.values.size).toBe(0);

    const consentUrl = new URL(tab.assigned[0]!);
    expect(consentUrl.origin + consentUrl.pathname).toBe(standIn.authUrl);
    expect(consentUrl.searchParams.get("limit")).toBe("5");
    expect(consentUrl.searchParams.get("code_challenge_method")).toBe("S256");
    const callback = new URL(consentUrl.searchParams.get("callback_url")!);
    expect(callback.origin + callback.pathname).toBe(APP);
    expect(callback.searchParams.get("nonce")).toBe(pending.nonce);
    // The verifier travels nowhere but sessionStorage.
    expect(tab.assigned.join()).not.toContain(pending.codeVerifier);
  });

  test("the consent URL is the one oAuthStartAuthorization makes", async () => {
    const tab = new FakeBrowser().openTab();
    const client = new OpenRouterCore({ serverURL: standIn.apiUrl });
    await createSignIn({ client }, tab.env).signIn({ limit: 0 });
    const ours = new URL(tab.assigned[0]!);
    const started = await oAuthStartAuthorization(client, { callbackUrl: APP, limit: 0 });
    if (!started.ok) throw started.error;
    const theirs = new URL(started.value.authorizationUrl);
    const shape = (url: URL) => {
      const callback = new URL(url.searchParams.get("callback_url")!);
      return {
        page: url.origin + url.pathname,
        params: [...url.searchParams.keys()],
        method: url.searchParams.get("code_challenge_method"),
        challengeLength: url.searchParams.get("code_challenge")!.length,
        limit: url.searchParams.get("limit"),
        callback: callback.origin + callback.pathname,
        callbackParams: [...callback.searchParams.keys()],
      };
    };
    expect(shape(ours)).toEqual(shape(theirs));
    const { codeVerifier } = JSON.parse(tab.session.values.get(PENDING_ENTRY)!);
    const challenge = await oAuthCreateSHA256CodeChallenge({ codeVerifier });
    expect(challenge.ok && challenge.value.codeChallenge).toBe(ours.searchParams.get("code_challenge"));
  });

  test("an invalid callbackUrl or keyStorage is an invalid_options error in the state, never an exception", async () => {
    const tab = new FakeBrowser().openTab();
    const bad = controllerOn(tab, { callbackUrl: "http://example.com/callback" });
    expect(errorOf(bad.getState())).toMatchObject({ kind: "invalid_options", field: "callbackUrl" });
    await expect(bad.signIn()).resolves.toBeUndefined();
    expect(tab.assigned).toEqual([]);

    const weird = controllerOn(tab, { keyStorage: "cookies" as never });
    expect(errorOf(weird.getState())).toMatchObject({ kind: "invalid_options", field: "keyStorage" });

    const badConsent = controllerOn(tab, { authorizationUrl: "http://example.com/auth" });
    await badConsent.signIn();
    expect(errorOf(badConsent.getState())).toMatchObject({ kind: "invalid_options", field: "authorizationUrl" });
    expect(tab.assigned).toEqual([]);
  });

  test.each([
    ["limit", { limit: -1 }, {}],
    ["limit", { limit: Number.NaN }, {}],
    ["serverURL", {}, { serverURL: "http://openrouter.example/api/v1" }],
    ["serverURL", {}, { serverURL: "https://user:pass@openrouter.example/api/v1" }],
    ["keyStorage", {}, { keyStorage: { get: () => null } as never }],
    ["storageKey", {}, { storageKey: "" }],
  ])("a bad %s: invalid_options naming it, nothing stored, no redirect", async (field, params, options) => {
    const tab = new FakeBrowser().openTab();
    const signIn = createSignIn(options, tab.env);
    await expect(signIn.signIn(params)).resolves.toBeUndefined();
    const error = errorOf(signIn.getState());
    expect(error).toMatchObject({ kind: "invalid_options", field });
    expect(error.message).toMatch(new RegExp(`^Invalid ${field}: `));
    expect(tab.assigned).toEqual([]);
    expect(tab.session.values.size).toBe(0);
  });

  test("no Web Crypto (an http page off loopback): start_failed saying so", async () => {
    const tab = new FakeBrowser().openTab();
    const signIn = controllerOn(tab);
    vi.stubGlobal("crypto", { getRandomValues: (bytes: Uint8Array) => bytes });
    try {
      await expect(signIn.signIn()).resolves.toBeUndefined();
    } finally {
      vi.unstubAllGlobals();
    }
    const error = errorOf(signIn.getState());
    expect(error).toMatchObject({ kind: "start_failed", reason: "TypeError" });
    expect(error.message).toMatch(/needs Web Crypto/);
    expect(tab.assigned).toEqual([]);
  });

  test("refused sessionStorage: a storage_unavailable error, no redirect", async () => {
    const tab = new FakeBrowser().openTab();
    tab.sessionRefused = true;
    const signIn = controllerOn(tab);
    await expect(signIn.signIn()).resolves.toBeUndefined();
    expect(errorOf(signIn.getState())).toMatchObject({
      kind: "storage_unavailable",
      field: "sessionStorage",
      reason: "SecurityError",
    });
    expect(tab.assigned).toEqual([]);
  });
});

describe("finish", () => {
  test("exchanges once when called twice at once (StrictMode), cleans the address bar first, stores the key", async () => {
    const browser = new FakeBrowser();
    const tab = browser.openTab();
    const signIn = await signInThroughConsent(tab);
    // The page's own query and fragment stay.
    tab.url = `${tab.url.replace("?", "?tab=1&")}#top`;
    const before = exchanges().length;
    const seen: string[] = [];
    signIn.subscribe((state) => seen.push(state.status));

    const first = signIn.finish();
    // Before any await: the code is out of the address bar and the login used up.
    expect(tab.url).toBe(`${APP}?tab=1#top`);
    expect(tab.session.values.has(PENDING_ENTRY)).toBe(false);
    const second = signIn.finish();
    expect(second).toBe(first);

    const state = connected(await first);
    expect(exchanges().length - before).toBe(1);
    expect(seen).toEqual(["exchanging", "connected"]);
    expect(state.key).toMatch(/^sk-or-v1-[0-9a-f]{64}$/);
    expect(state.maskedKey).toBe(`sk-or-v1-…${state.key.slice(-4)}`);
    expect(JSON.parse(browser.local.values.get(KEY_ENTRY)!)).toEqual({ key: state.key, userId: state.userId });
    expect(signIn.getState()).toBe(state);

    // The next page load reads the key back.
    expect(connected(controllerOn(tab).getState()).key).toBe(state.key);
  });

  test("two controllers on one page (a remount with a new controller): one exchange, both connected", async () => {
    const tab = new FakeBrowser().openTab();
    const first = await signInThroughConsent(tab);
    const second = controllerOn(tab);
    const before = exchanges().length;
    const done = first.finish();
    // The first took the callback out of the address bar: the second has nothing to finish.
    expect(await second.finish()).toEqual({ status: "signed-out" });
    const { key } = connected(await done);
    expect(exchanges().length - before).toBe(1);
    expect(connected(second.getState()).key).toBe(key);
  });

  test("no login in progress in this tab: nothing is sent, the URL is cleaned, not_this_tab", async () => {
    const browser = new FakeBrowser();
    const tab = browser.openTab();
    const callback = await signInThroughConsent(tab);
    // The link opened in another tab, and Back to the callback address in the first after it finished.
    const elsewhere = browser.openTab(tab.url);
    const before = exchanges().length;
    const state = await controllerOn(elsewhere).finish();
    expect(errorOf(state)).toMatchObject({ kind: "not_this_tab" });
    expect(elsewhere.url).toBe(APP);
    expect(exchanges().length).toBe(before);

    const callbackUrl = tab.url;
    connected(await callback.finish());
    tab.url = callbackUrl;
    const again = controllerOn(tab);
    const after = exchanges().length;
    // Already connected: a stale callback changes nothing.
    expect(connected(await again.finish()).key).toBe(connected(callback.getState()).key);
    expect(exchanges().length).toBe(after);
    expect(tab.url).toBe(APP);
  });

  test("a page that is no callback: nothing happens (a `?code=` of the app's own is left alone)", async () => {
    const tab = new FakeBrowser().openTab(`${APP}?code=promo`);
    tab.session.setItem(PENDING_ENTRY, JSON.stringify({ codeVerifier: "v".repeat(43), nonce: "n" }));
    const signIn = controllerOn(tab);
    expect(await signIn.finish()).toEqual({ status: "signed-out" });
    expect(tab.url).toBe(`${APP}?code=promo`);
    expect(tab.replaced).toEqual([]);
    expect(tab.session.values.has(PENDING_ENTRY)).toBe(true);
  });

  test("with callbackUrl set, finish acts only on that page", async () => {
    const tab = new FakeBrowser().openTab(`${APP}?nonce=x&code=y`);
    const signIn = controllerOn(tab, { callbackUrl: "http://127.0.0.1:5173/callback" });
    expect(await signIn.finish()).toEqual({ status: "signed-out" });
    expect(tab.replaced).toEqual([]);
  });

  test("a callback whose nonce is another login's: nonce_mismatch, nothing sent, the login used up", async () => {
    const tab = new FakeBrowser().openTab();
    const signIn = await signInThroughConsent(tab);
    const forged = new URL(tab.url);
    forged.searchParams.set("nonce", "someone-elses");
    tab.url = forged.href;
    const before = exchanges().length;
    const error = errorOf(await signIn.finish());
    expect(error).toMatchObject({ kind: "nonce_mismatch", field: "url" });
    expect(exchanges().length).toBe(before);
    expect(tab.session.values.has(PENDING_ENTRY)).toBe(false);
    expect(tab.url).toBe(APP);
  });

  test("denied on the consent page: denied, with the page's reason as text", async () => {
    const tab = new FakeBrowser().openTab();
    standIn.setDecision({ error: "access_denied", errorDescription: "<b>User said no</b>" });
    try {
      const signIn = await signInThroughConsent(tab);
      const error = errorOf(await signIn.finish());
      expect(error).toMatchObject({ kind: "denied", reason: "<b>User said no</b>" });
      expect(error.message).toBe("OpenRouter did not connect: <b>User said no</b>");
      expect(tab.url).toBe(APP);
    } finally {
      standIn.setDecision("approve");
    }
  });

  test("denied without a description: the page's error code is the reason", async () => {
    const tab = new FakeBrowser().openTab();
    standIn.setDecision("deny");
    try {
      const signIn = await signInThroughConsent(tab);
      const error = errorOf(await signIn.finish());
      expect(error.kind).toBe("denied");
      expect(error.reason).toBeTruthy();
      expect(error.message).toBe(`OpenRouter did not connect: ${error.reason}`);
    } finally {
      standIn.setDecision("approve");
    }
  });

  test("a callback without a code: missing_code", async () => {
    const tab = new FakeBrowser().openTab();
    const signIn = await signInThroughConsent(tab);
    const url = new URL(tab.url);
    url.searchParams.delete("code");
    tab.url = url.href;
    expect(errorOf(await signIn.finish())).toMatchObject({ kind: "missing_code" });
  });

  test("a code used already: exchange_failed, the ForbiddenResponseError as its hidden cause", async () => {
    const tab = new FakeBrowser().openTab();
    const signIn = await signInThroughConsent(tab);
    const callbackUrl = tab.url;
    connected(await signIn.finish());
    // Replay the same code with a fresh login in progress of the same tab (its own nonce).
    const pending = JSON.parse(JSON.stringify({ codeVerifier: "x".repeat(43), nonce: "replayed" }));
    tab.session.setItem(PENDING_ENTRY, JSON.stringify(pending));
    const replay = new URL(callbackUrl);
    replay.searchParams.set("nonce", "replayed");
    tab.url = replay.href;
    const fresh = controllerOn(tab, { keyStorage: "memory" });
    const error = errorOf(await fresh.finish());
    expect(error.kind).toBe("exchange_failed");
    expect(error.reason).toBe("ForbiddenResponseError");
    expect(error.cause).toBeInstanceOf(ForbiddenResponseError);
    expect(error.message).toMatch(/OpenRouter refused the code/);
  });

  test.each([
    [
      "a 500",
      { status: 500, body: '{"error":{"code":500,"message":"boom"}}' },
      /HTTP 500/,
      "InternalServerResponseError",
    ],
    ["a body that is no key", { status: 200, body: '{"nope":1}' }, /answered unexpectedly/, "ResponseValidationError"],
  ])("the exchange answered %s: exchange_failed", async (_, reply, message, causeName) => {
    let server: RecordingServer | undefined;
    try {
      server = await startRecordingServer(reply);
      const tab = new FakeBrowser().openTab(`${APP}?nonce=n1&code=c1`);
      tab.session.setItem(PENDING_ENTRY, JSON.stringify({ codeVerifier: "v".repeat(43), nonce: "n1" }));
      const client = new OpenRouterCore({ serverURL: `${server.url}/api/v1`, retryConfig: { strategy: "none" } });
      const error = errorOf(await createSignIn({ client }, tab.env).finish());
      expect(error.kind).toBe("exchange_failed");
      expect(error.message).toMatch(message);
      expect((error.cause as Error).name).toBe(causeName);
      expect(server.requests).toHaveLength(1);
    } finally {
      await server?.close();
    }
  });

  test("the server cannot be reached: exchange_failed, a ConnectionError underneath", async () => {
    const server = await startRecordingServer();
    const dead = server.url;
    await server.close();
    const tab = new FakeBrowser().openTab(`${APP}?nonce=n1&code=c1`);
    tab.session.setItem(PENDING_ENTRY, JSON.stringify({ codeVerifier: "v".repeat(43), nonce: "n1" }));
    const client = new OpenRouterCore({ serverURL: `${dead}/api/v1`, retryConfig: { strategy: "none" } });
    const error = errorOf(await createSignIn({ client }, tab.env).finish());
    expect(error).toMatchObject({ kind: "exchange_failed", reason: "ConnectionError" });
  });

  test("refused sessionStorage on the way back: storage_unavailable, nothing sent", async () => {
    const tab = new FakeBrowser().openTab();
    const signIn = await signInThroughConsent(tab);
    tab.sessionRefused = true;
    const before = exchanges().length;
    expect(errorOf(await signIn.finish())).toMatchObject({ kind: "storage_unavailable", field: "sessionStorage" });
    expect(exchanges().length).toBe(before);
    expect(tab.url).toBe(APP);
  });
});

describe("storage", () => {
  test("refused localStorage at load: signed-out with storage_unavailable, never an exception", () => {
    const tab = new FakeBrowser().openTab();
    tab.localRefused = true;
    const signIn = controllerOn(tab);
    expect(errorOf(signIn.getState())).toMatchObject({ kind: "storage_unavailable", field: "localStorage" });
    expect(() => signIn.signOut()).not.toThrow();
    expect(errorOf(signIn.getState()).kind).toBe("storage_unavailable");
  });

  test("localStorage refused when the key is written: connected for this page, in memory", async () => {
    const browser = new FakeBrowser();
    const tab = browser.openTab();
    const signIn = await signInThroughConsent(tab);
    tab.localRefused = true;
    connected(await signIn.finish());
    expect(browser.local.values.size).toBe(0);
  });

  test('"memory": nothing persisted; the next page load is signed out', async () => {
    const browser = new FakeBrowser();
    const tab = browser.openTab();
    const signIn = await signInThroughConsent(tab, { keyStorage: "memory" });
    connected(await signIn.finish());
    expect(browser.local.values.size).toBe(0);
    expect(tab.session.values.size).toBe(0);
    expect(controllerOn(tab, { keyStorage: "memory" }).getState()).toEqual({ status: "signed-out" });
  });

  test('"session": the key in this tab\'s sessionStorage, other tabs untouched', async () => {
    const browser = new FakeBrowser();
    const tab = browser.openTab();
    const other = browser.openTab();
    const otherSignIn = controllerOn(other, { keyStorage: "session" });
    const signIn = await signInThroughConsent(tab, { keyStorage: "session" });
    const { key } = connected(await signIn.finish());
    expect(JSON.parse(tab.session.values.get(KEY_ENTRY)!).key).toBe(key);
    expect(browser.local.values.size).toBe(0);
    expect(otherSignIn.getState()).toEqual({ status: "signed-out" });
    expect(connected(controllerOn(tab, { keyStorage: "session" }).getState()).key).toBe(key);
  });

  test("a custom KeyStorage and storageKey", async () => {
    const values = new Map<string, string>();
    const store: KeyStorage = {
      get: (name) => values.get(name) ?? null,
      set: (name, value) => void values.set(name, value),
      remove: (name) => void values.delete(name),
    };
    const tab = new FakeBrowser().openTab();
    const signIn = await signInThroughConsent(tab, { keyStorage: store, storageKey: "my-app" });
    expect(tab.session.values.has("my-app:pending")).toBe(true);
    const { key } = connected(await signIn.finish());
    expect(JSON.parse(values.get("my-app")!).key).toBe(key);
    signIn.signOut();
    expect(values.size).toBe(0);
  });

  test("a custom KeyStorage that throws: storage_unavailable naming keyStorage, its message never repeated", () => {
    const store: KeyStorage = {
      get: () => {
        throw new Error("sk-or-v1-secret-in-a-message");
      },
      set: () => {},
      remove: () => {},
    };
    const error = errorOf(controllerOn(new FakeBrowser().openTab(), { keyStorage: store }).getState());
    expect(error).toMatchObject({ kind: "storage_unavailable", field: "keyStorage", reason: "Error" });
    expect(secretLeaks(errorRenderings(error), ["sk-or-v1-secret-in-a-message"])).toEqual([]);
  });
});

describe("tabs and sign-out", () => {
  test("sign-in and sign-out in one tab reach the others through storage events", async () => {
    const browser = new FakeBrowser();
    const tab = browser.openTab();
    const other = browser.openTab();
    const otherSignIn = controllerOn(other);
    const seen: BrowserSignInState[] = [];
    otherSignIn.subscribe((state) => seen.push(state));

    const signIn = await signInThroughConsent(tab);
    const { key } = connected(await signIn.finish());
    expect(connected(otherSignIn.getState()).key).toBe(key);

    signIn.signOut();
    expect(signIn.getState()).toEqual({ status: "signed-out" });
    expect(browser.local.values.has(KEY_ENTRY)).toBe(false);
    expect(otherSignIn.getState()).toEqual({ status: "signed-out" });
    expect(seen.map((state) => state.status)).toEqual(["connected", "signed-out"]);

    // Cleared site data signs out too; after destroy() nothing is followed.
    browser.local.setItem(KEY_ENTRY, JSON.stringify({ key: "sk-or-v1-abc", userId: null }));
    expect(otherSignIn.getState().status).toBe("connected");
    browser.current = undefined;
    browser.local.clear();
    expect(otherSignIn.getState().status).toBe("signed-out");
    otherSignIn.destroy();
    browser.local.setItem(KEY_ENTRY, JSON.stringify({ key: "sk-or-v1-abc", userId: null }));
    expect(otherSignIn.getState().status).toBe("signed-out");
  });

  test("two controllers of one page follow each other (a page gets no storage event of its own)", async () => {
    const tab = new FakeBrowser().openTab();
    const signIn = await signInThroughConsent(tab);
    const header = controllerOn(tab);
    connected(await signIn.finish());
    expect(header.getState().status).toBe("connected");
    signIn.signOut();
    expect(header.getState().status).toBe("signed-out");
  });

  test("an unsubscribed listener hears nothing more", async () => {
    const tab = new FakeBrowser().openTab();
    const signIn = controllerOn(tab);
    const seen: string[] = [];
    const stop = signIn.subscribe((state) => seen.push(state.status));
    stop();
    await signIn.signIn();
    expect(seen).toEqual([]);
  });

  test("back from the consent page through the back/forward cache: signed out again", async () => {
    const tab = new FakeBrowser().openTab();
    const signIn = controllerOn(tab);
    await signIn.signIn();
    expect(signIn.getState().status).toBe("redirecting");
    tab.dispatch("pageshow", { persisted: true });
    expect(signIn.getState()).toEqual({ status: "signed-out" });
  });
});

describe("secrets", () => {
  test("no key, code or verifier in any printed view of the states, errors or controller", async () => {
    const tab = new FakeBrowser().openTab();
    const signIn = await signInThroughConsent(tab);
    const { codeVerifier } = JSON.parse(tab.session.values.get(PENDING_ENTRY)!);
    const code = new URL(tab.url).searchParams.get("code")!;
    const state = connected(await signIn.finish());
    const secrets = [state.key, code, codeVerifier];
    expect(state.key).toBeTruthy();
    expect(secretLeaks([...clientRenderings(state), ...clientRenderings(signIn)], secrets)).toEqual([]);
    expect(JSON.stringify({ ...state })).not.toContain(state.key);
    // Read by name and by `in` like any property, listed nowhere.
    expect("key" in state).toBe(true);
    expect(Object.keys(state)).toEqual(["status", "maskedKey", "userId"]);

    // A failed exchange of the same code: its error and its cause.
    tab.session.setItem(PENDING_ENTRY, JSON.stringify({ codeVerifier, nonce: "again" }));
    tab.url = `${APP}?nonce=again&code=${code}`;
    const error = errorOf(await controllerOn(tab, { keyStorage: "memory" }).finish());
    expect(error.cause).toBeInstanceOf(ForbiddenResponseError);
    expect(secretLeaks(errorRenderings(error), secrets)).toEqual([]);
  });
});
