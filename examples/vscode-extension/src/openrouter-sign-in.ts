// Sign-in to OpenRouter from a VS Code-family editor (VS Code, Cursor, Windsurf, VSCodium): the consent page
// sends the user back to `<uriScheme>://<publisher>.<name>/openrouter?nonce=…&code=…`, which VS Code hands to
// this extension's UriHandler. PKCE (S256) and the nonce come from oAuthStartAuthorization; the key goes to
// SecretStorage only.
import { OpenRouterCore } from "openrouter-oauth/core.js";
import { oAuthCompleteAuthorization } from "openrouter-oauth/funcs/oAuthCompleteAuthorization.js";
import { oAuthStartAuthorization } from "openrouter-oauth/funcs/oAuthStartAuthorization.js";
import { AuthorizationCallbackError } from "openrouter-oauth/models/errors/index.js";
import * as vscode from "vscode";

/** Where the key is kept in `context.secrets`. */
export const API_KEY_SECRET = "openrouter.apiKey";

/** The path of the callback URI, under this extension's authority (`publisher.name`). */
export const CALLBACK_PATH = "/openrouter";

/** How long a sign-in waits for the user to come back from the browser. */
export const SIGN_IN_TIME_LIMIT_MS = 5 * 60_000;

type Wait = { callbackUrl: string } | { ended: "timeout" | "cancelled" };

export interface SignInOptions {
  /** Default: OpenRouter's API (`https://openrouter.ai/api/v1`); the consent page is `/auth` on its origin. */
  readonly serverURL?: string;
  /** Default {@link SIGN_IN_TIME_LIMIT_MS}. */
  readonly timeLimitMs?: number;
}

export class OpenRouterSignIn implements vscode.UriHandler, vscode.Disposable {
  /** Sign-ins waiting for their callback, by nonce: a URI completes only the one it was made for. */
  readonly #waiting = new Map<string, (outcome: Wait) => void>();
  readonly #core: OpenRouterCore;
  readonly #timeLimitMs: number;

  constructor(
    private readonly context: vscode.ExtensionContext,
    options: SignInOptions = {},
  ) {
    // No API key: the exchange needs none, and the editor's environment may hold an OPENROUTER_API_KEY (often
    // the key this sign-in replaces) that must not go out with it ("" means none; unset, the client reads it).
    this.#core = new OpenRouterCore({ apiKey: "", serverURL: options.serverURL });
    this.#timeLimitMs = options.timeLimitMs ?? SIGN_IN_TIME_LIMIT_MS;
  }

  /** The user's key, if signed in. */
  apiKey(): Thenable<string | undefined> {
    return this.context.secrets.get(API_KEY_SECRET);
  }

  /** Any URI for this extension lands here; one that no waiting sign-in expects is ignored. */
  handleUri(uri: vscode.Uri): void {
    if (uri.path !== CALLBACK_PATH) return;
    const nonce = new URLSearchParams(uri.query).get("nonce");
    // toString(true): VS Code's default encoding would turn the query's `=` and `&` into %3D and %26.
    if (nonce !== null) this.#waiting.get(nonce)?.({ callbackUrl: uri.toString(true) });
  }

  async signIn(): Promise<void> {
    // asExternalUri: on a remote or web host the callback must be an address the user's browser can reach.
    const callback = await vscode.env.asExternalUri(
      vscode.Uri.parse(`${vscode.env.uriScheme}://${this.context.extension.id}${CALLBACK_PATH}`),
    );
    const started = await oAuthStartAuthorization(this.#core, { callbackUrl: callback.toString(true) });
    if (!started.ok) {
      void vscode.window.showErrorMessage(`OpenRouter sign-in could not start: ${started.error.message}`);
      return;
    }
    const { authorizationUrl, codeVerifier, nonce } = started.value;

    await vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: "OpenRouter: approve the sign-in in your browser…",
        cancellable: true,
      },
      async (_progress, token) => {
        const waited = this.#waitForCallback(nonce, token);
        // A string, not a Uri: VS Code opens a string as it is, but re-encodes a Uri (toString(true) then
        // encodeURI), which would split the callback's own query (`?windowId=…&nonce=…`) out of callback_url.
        const opened = await vscode.env.openExternal(authorizationUrl as unknown as vscode.Uri);
        if (!opened) this.#waiting.get(nonce)?.({ ended: "cancelled" });
        const outcome = await waited;
        if ("ended" in outcome) {
          if (outcome.ended === "timeout") {
            void vscode.window.showWarningMessage("OpenRouter sign-in timed out. Run “OpenRouter: Sign in” again.");
          }
          return;
        }
        const aborter = new AbortController();
        const cancelled = token.onCancellationRequested(() => aborter.abort());
        try {
          const done = await oAuthCompleteAuthorization(
            this.#core,
            { callbackUrl: outcome.callbackUrl, codeVerifier, nonce },
            { signal: aborter.signal },
          );
          if (!done.ok) {
            if (token.isCancellationRequested) return;
            const denied = done.error instanceof AuthorizationCallbackError && done.error.kind === "denied";
            // SDK errors never carry the code, the verifier or a key: safe to show.
            void (denied
              ? vscode.window.showWarningMessage("OpenRouter sign-in was not approved.")
              : vscode.window.showErrorMessage(`OpenRouter sign-in failed: ${done.error.message}`));
            return;
          }
          await this.context.secrets.store(API_KEY_SECRET, done.value.key);
          void vscode.window.showInformationMessage("Signed in to OpenRouter.");
        } finally {
          cancelled.dispose();
        }
      },
    );
  }

  async signOut(): Promise<void> {
    await this.context.secrets.delete(API_KEY_SECRET);
    void vscode.window.showInformationMessage("Signed out of OpenRouter.");
  }

  /** Ends every waiting sign-in (the extension is being deactivated). */
  dispose(): void {
    for (const end of [...this.#waiting.values()]) end({ ended: "cancelled" });
  }

  /** Settles with the callback for `nonce`, or when the time limit passes or the user cancels. */
  #waitForCallback(nonce: string, token: vscode.CancellationToken): Promise<Wait> {
    return new Promise((resolve) => {
      const end = (outcome: Wait) => {
        clearTimeout(timer);
        cancelled.dispose();
        this.#waiting.delete(nonce);
        resolve(outcome);
      };
      const timer = setTimeout(() => end({ ended: "timeout" }), this.#timeLimitMs);
      const cancelled = token.onCancellationRequested(() => end({ ended: "cancelled" }));
      this.#waiting.set(nonce, end);
      if (token.isCancellationRequested) end({ ended: "cancelled" });
    });
  }
}
