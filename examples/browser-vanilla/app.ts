// "Connect OpenRouter": the OAuth PKCE login of a browser app, with only the SDK's standalone functions.
// The start page creates the PKCE pair and a nonce, keeps them in sessionStorage and sends the user to
// the consent page; the same page, loaded again with `?code=…&nonce=…`, checks the nonce, clears the
// address bar, exchanges the code and shows the key, masked.
import { OpenRouterCore } from "openrouter-oauth/core.js";
import { oAuthCompleteAuthorization } from "openrouter-oauth/funcs/oAuthCompleteAuthorization.js";
import { oAuthStartAuthorization } from "openrouter-oauth/funcs/oAuthStartAuthorization.js";

declare global {
  interface Window {
    /** Set by config.js, next to index.html: the API server; the consent page is `/auth` on its origin. */
    openRouterExampleConfig?: { serverURL?: string };
  }
}

/** The login in progress in this tab: the PKCE verifier (a secret) and the nonce. Never in localStorage. */
const PENDING_KEY = "openrouter-oauth-example:pending";

const core = new OpenRouterCore({
  serverURL: window.openRouterExampleConfig?.serverURL ?? "https://openrouter.ai/api/v1",
});

const byId = (id: string): HTMLElement => {
  const element = document.getElementById(id);
  if (element === null) throw new Error(`index.html has no #${id}`);
  return element;
};
const connectButton = byId("connect") as HTMLButtonElement;
const statusLine = byId("status");
const errorLine = byId("error");
const keyLine = byId("key");

// Text only: messages may carry what the consent page or the server sent (e.g. `error_description`).
const showStatus = (text: string) => {
  statusLine.textContent = text;
};
const showError = (text: string) => {
  errorLine.textContent = text;
  statusLine.textContent = "";
  connectButton.disabled = false;
};

/** `sk-or-v1-…abcd`: enough to recognise the key, never the key. */
function maskKey(key: string): string {
  const prefix = /^sk-or-v\d+-/.exec(key)?.[0] ?? "";
  return `${prefix}…${key.length >= prefix.length + 12 ? key.slice(-4) : ""}`;
}

async function connect(): Promise<void> {
  connectButton.disabled = true;
  errorLine.textContent = "";
  showStatus("Opening OpenRouter…");
  // The callback is this very page; the SDK adds the nonce to its query.
  const callbackUrl = new URL(location.pathname, location.origin);
  const started = await oAuthStartAuthorization(core, { callbackUrl });
  if (!started.ok) return showError(`Cannot start the login: ${started.error.message}`);
  const { authorizationUrl, codeVerifier, nonce } = started.value;
  sessionStorage.setItem(PENDING_KEY, JSON.stringify({ codeVerifier, nonce }));
  location.assign(authorizationUrl);
}

async function finish(): Promise<void> {
  const callbackUrl = location.href;
  // First of all, take the code (and nonce, or error) out of the address bar and the history entry,
  // so that nothing later (a reload, a bookmark, a shared link, a Referer) carries it.
  history.replaceState(history.state, "", location.pathname);
  // A callback uses up the login in progress, whatever it brings: the verifier never outlives it.
  const saved = sessionStorage.getItem(PENDING_KEY);
  sessionStorage.removeItem(PENDING_KEY);
  let pending: { codeVerifier?: unknown; nonce?: unknown } = {};
  try {
    pending = (saved === null ? null : JSON.parse(saved)) ?? {};
  } catch {
    // Not ours: treated as no login in progress.
  }
  if (typeof pending.codeVerifier !== "string" || typeof pending.nonce !== "string") {
    return showError("No login was started in this tab, so this link was not used. Press Connect OpenRouter.");
  }

  showStatus("Getting your key…");
  const result = await oAuthCompleteAuthorization(core, {
    callbackUrl,
    codeVerifier: pending.codeVerifier,
    nonce: pending.nonce,
  });
  if (result.ok) {
    showStatus("Connected.");
    keyLine.textContent = `Your key: ${maskKey(result.value.key)}`;
    // This example only shows it. A real app keeps result.value.key where its policy says, not in localStorage.
    return;
  }
  const error = result.error;
  if ("kind" in error) {
    // An AuthorizationCallbackError: the URL we came back on cannot be used.
    if (error.kind === "denied") {
      const why = error.errorDescription ?? error.error ?? "no reason given";
      return showError(`OpenRouter did not connect: ${why}`);
    }
    if (error.kind === "nonce_mismatch") {
      return showError("This link does not belong to the login started in this tab, so it was not used. Try again.");
    }
  }
  showError(`Could not get a key: ${error.message}`);
}

connectButton.addEventListener("click", () => void connect());
const query = new URLSearchParams(location.search);
if (query.has("code") || query.has("error") || query.has("nonce")) void finish();
