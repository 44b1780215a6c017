import type { Server as HttpServer, IncomingMessage, ServerResponse } from "node:http";
import { type AddressInfo, createServer as createListener, type Server as Listener, type Socket } from "node:net";
import {
  AuthorizationCallbackError,
  createCallbackNonce,
  OpenRouterCore,
  oAuthCreateAuthorizationUrl,
  oAuthCreateSHA256CodeChallenge,
  oAuthExchangeAuthCodeForAPIKey,
  oAuthParseAuthorizationCallback,
  SDKValidationError,
  UnexpectedClientError,
} from "../index.js";
import { alreadyHandledPage, failurePage, notFoundPage, PAGE_HEADERS, successPage } from "./callback-pages.js";
import { denoDeniesListening } from "./deno-permissions.js";
import {
  DENO_NET_DENIED,
  LoginAbortedError,
  LoginTimeoutError,
  LoopbackBindError,
  type LoopbackLoginError,
} from "./errors.js";
import { openInBrowser } from "./open-browser.js";
import { readLines } from "./paste-input.js";

/** Five minutes: time to sign in to OpenRouter and approve, well within a code's ten-minute life. */
export const DEFAULT_LOGIN_TIMEOUT_MS = 5 * 60_000;

/** Options of {@link loginWithLoopback}. */
export interface LoopbackLoginOptions {
  /**
   * The client for the exchange; its server URL also gives the consent page. Default: a client for
   * `serverURL` with no API key, whatever `OPENROUTER_API_KEY` holds: the exchange needs none, so a key
   * already in the environment (often the one this login replaces) is not sent with it.
   */
  client?: OpenRouterCore | undefined;
  /** The API base URL when no `client` is given. Default: `OPENROUTER_BASE_URL`, else `https://openrouter.ai/api/v1`. */
  serverURL?: string | URL | undefined;
  /** The consent page. Default: `/auth` on the origin of the server URL (`https://openrouter.ai/auth`). */
  authorizationUrl?: string | URL | undefined;
  /**
   * Receives the consent page URL to show the user, e.g. print it. The login does not wait for it: the
   * callback, the time limit and `signal` apply while it is pending (say, a prompt the user never
   * answers), and `openBrowser` runs once it resolves. A throw or rejection while the login lasts ends it
   * with `UnexpectedClientError`; one after it has ended is ignored. At least one of this and
   * `openBrowser` is needed.
   */
  onAuthorizationUrl?: ((url: string) => void | Promise<void>) | undefined;
  /**
   * `true` opens the URL in the default browser (`xdg-open`, `open`, `rundll32`), best effort; a function
   * opens it your way (its errors are ignored: the URL may still reach the user through `onAuthorizationUrl`).
   * Default `false`.
   */
  openBrowser?: boolean | ((url: string) => void | Promise<void>) | undefined;
  /** Port of the callback server on 127.0.0.1. Default 0: any free port. A busy one fails with `LoopbackBindError`. */
  port?: number | undefined;
  /** Address of the callback server. Only `127.0.0.1`, the loopback address the API accepts over http. */
  host?: "127.0.0.1" | undefined;
  /** Limit for the whole login, exchange included, in ms. Default 5 minutes; `Infinity` for none. */
  timeoutMs?: number | undefined;
  /** Aborts the login: it ends with `LoginAbortedError`, the server closed. */
  signal?: AbortSignal | undefined;
  /** Credit limit of the key the user will create. */
  limit?: number | undefined;
  /**
   * Where the user can paste the address the browser ended on, or the bare code, one per line, when
   * the browser cannot reach this machine (SSH, containers). It races the callback server; the first
   * to deliver wins. Not closed by the login. Default: none.
   */
  input?: NodeJS.ReadableStream | undefined;
}

/** What a successful login yields: the user's new API key. A secret: store it, never log it. */
export interface LoopbackLoginResult {
  /** The user's new OpenRouter API key. */
  key: string;
  /** The user's id, or `null` when the server sent none. */
  userId: string | null;
}

const MAX_TIMER_MS = 2 ** 31 - 1;
/** How long closing waits for the last page to reach the browser before cutting its connection. */
const FLUSH_WAIT_MS = 1_000;

type Outcome = { ok: true; value: LoopbackLoginResult } | { ok: false; error: LoopbackLoginError };

/**
 * Signs a user in from a CLI or other local Node program, and returns their new API key.
 *
 * It listens on 127.0.0.1 first (any free port, or `port`), so the callback URL names the port it
 * really got; puts a random nonce in the callback's path; makes a PKCE pair (S256) and the consent
 * page URL and hands that to `onAuthorizationUrl` and/or the browser; waits for the one callback on
 * that path (other requests get a 404 and change nothing) or a line pasted on `input`; answers the
 * browser with a small page that never shows the code or the key; exchanges the code; and closes the
 * server. Every ending closes everything and rejects with a typed error: {@link LoginTimeoutError},
 * {@link LoginAbortedError}, {@link LoopbackBindError}, `AuthorizationCallbackError` (denied, no code,
 * a pasted URL of another login), the exchange's errors (`ForbiddenResponseError`…), or
 * `SDKValidationError` for bad options.
 *
 * @example
 * const { key } = await loginWithLoopback({
 *   onAuthorizationUrl: (url) => console.error(`Open ${url}`),
 *   openBrowser: true,
 *   input: process.stdin,
 * });
 */
export async function loginWithLoopback(options: LoopbackLoginOptions): Promise<LoopbackLoginResult> {
  const { port = 0, host = "127.0.0.1", timeoutMs = DEFAULT_LOGIN_TIMEOUT_MS, signal, input } = options;
  checkOptions(options, port, host, timeoutMs);
  if (signal?.aborted) throw new LoginAbortedError();
  // apiKey "" means no key (no Authorization header); left unset, the client would read OPENROUTER_API_KEY.
  const client = options.client ?? new OpenRouterCore({ apiKey: "", serverURL: options.serverURL });

  // The port is bound with node:net and node:http is loaded only once the URL is out: loading it costs
  // a CLI about 3 ms before it can print the URL. Connections that arrive meanwhile wait, paused (unread),
  // and are handed to the HTTP server as soon as it exists.
  const listener = createListener({ pauseOnConnect: true });
  await listen(listener, host, port);
  const sockets = new Set<Socket>();
  let server: HttpServer | undefined;
  const serve = (http: HttpServer, socket: Socket) => {
    http.emit("connection", socket);
    socket.resume();
  };
  listener.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.on("error", () => {}).once("close", () => sockets.delete(socket));
    if (server !== undefined) serve(server, socket);
  });

  const ended = new AbortController(); // aborts the exchange in flight once the login has ended
  const flushing = new Set<Promise<void>>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopReading: (() => void) | undefined;
  let onAbort: (() => void) | undefined;
  /** "waiting" for a code; "exchanging" one; "done". */
  let state: "waiting" | "exchanging" | "done" = "waiting";
  /** The browser waiting for its page while the code it brought is exchanged. */
  let waitingBrowser: ServerResponse | undefined;
  let settle!: (outcome: Outcome) => void;
  const outcome = new Promise<Outcome>((resolve) => {
    settle = resolve;
  });

  const respond = (res: ServerResponse, status: number, html: string, close = false) => {
    flushing.add(
      new Promise<void>((resolve) => {
        const done = () => resolve();
        res.once("finish", done).once("close", done);
      }),
    );
    res.writeHead(status, close ? { ...PAGE_HEADERS, connection: "close" } : PAGE_HEADERS).end(html);
  };

  const finish = (result: Outcome, page?: string) => {
    if (state === "done") return;
    state = "done";
    if (waitingBrowser !== undefined) {
      respond(waitingBrowser, result.ok ? 200 : 400, page ?? failurePage(failureReason(result)), true);
      waitingBrowser = undefined;
    }
    ended.abort();
    settle(result);
  };

  /** Exchanges the code with the login's verifier; the first code to get here is the only one exchanged. */
  const exchange = (code: string, codeVerifier: string) => {
    state = "exchanging";
    oAuthExchangeAuthCodeForAPIKey(
      client,
      { requestBody: { code, codeVerifier, codeChallengeMethod: "S256" } },
      { signal: ended.signal },
    ).then(
      (res) => {
        if (ended.signal.aborted) return; // the login ended meanwhile (timeout, abort)
        if (res.ok) finish({ ok: true, value: { key: res.value.key, userId: res.value.userId } }, successPage());
        else finish({ ok: false, error: res.error });
      },
      (cause: unknown) => finish({ ok: false, error: new UnexpectedClientError("The exchange failed", { cause }) }),
    );
  };

  try {
    const boundPort = (listener.address() as AddressInfo).port;
    const nonce = createCallbackNonce();
    const callbackPath = `/callback/${nonce}`;
    const callbackUrl = `http://${host}:${boundPort}${callbackPath}`;

    const pair = await oAuthCreateSHA256CodeChallenge();
    if (!pair.ok) throw pair.error;
    const { codeVerifier, codeChallenge } = pair.value;
    const url = oAuthCreateAuthorizationUrl(client, {
      callbackUrl,
      codeChallenge,
      codeChallengeMethod: "S256",
      limit: options.limit,
      authorizationUrl: options.authorizationUrl,
    });
    if (!url.ok) throw url.error;

    /** Takes a callback URL (from the browser or pasted): exchanges its code or ends with its error. */
    const useCallback = (callback: URL) => {
      const parsed = oAuthParseAuthorizationCallback(callback, { expectedNonce: nonce });
      if (parsed.ok) exchange(parsed.value.code, codeVerifier);
      else finish({ ok: false, error: parsed.error });
    };

    const onRequest = (req: IncomingMessage, res: ServerResponse) => {
      const target = URL.canParse(req.url ?? "/", callbackUrl) ? new URL(req.url ?? "/", callbackUrl) : undefined;
      if (target?.pathname !== callbackPath) return respond(res, 404, notFoundPage());
      if (req.method !== "GET") {
        res.setHeader("allow", "GET");
        return respond(res, 405, notFoundPage());
      }
      if (state !== "waiting") return respond(res, 409, alreadyHandledPage(), true);
      waitingBrowser = res;
      useCallback(target);
    };

    if (timeoutMs !== Number.POSITIVE_INFINITY) {
      timer = setTimeout(
        () => finish({ ok: false, error: new LoginTimeoutError(timeoutMs) }, failurePage("The sign-in timed out.")),
        Math.min(timeoutMs, MAX_TIMER_MS),
      );
    }
    if (signal !== undefined) {
      onAbort = () => finish({ ok: false, error: new LoginAbortedError() }, failurePage("The sign-in was cancelled."));
      signal.addEventListener("abort", onAbort, { once: true });
      if (signal.aborted) onAbort(); // aborted while the server was starting
    }
    if (input !== undefined) {
      stopReading = readLines(input, (line) => {
        if (state !== "waiting") return;
        if (/^[a-z][a-z0-9+.-]*:\/\//i.test(line)) {
          if (URL.canParse(line)) useCallback(new URL(line));
          else finish({ ok: false, error: new SDKValidationError("input", "the pasted line is not a valid URL") });
        } else {
          exchange(line, codeVerifier); // a bare code, as is
        }
      });
    }

    // The URL goes out first (announce runs up to its first await before the import starts). Neither is
    // awaited: only the outcome is, so an onAuthorizationUrl that never settles (a prompt) can hold up
    // neither the callback nor the time limit nor the signal, and one that fails after the end is ignored.
    const startServing = async () => {
      const { createServer } = await import("node:http");
      if (state === "done") return;
      server = createServer(onRequest);
      for (const socket of sockets) serve(server, socket);
    };
    announce(url.value, options).catch((error: unknown) => finish({ ok: false, error: error as LoopbackLoginError }));
    startServing().catch((cause: unknown) =>
      finish({ ok: false, error: new UnexpectedClientError("The callback server could not start", { cause }) }),
    );
    const result = await outcome;
    if (!result.ok) throw result.error;
    return result.value;
  } catch (error) {
    // Anything thrown before the wait (the PKCE pair, a consent page URL the SDK refuses) ends the login too.
    finish({ ok: false, error: error as LoopbackLoginError });
    throw error;
  } finally {
    clearTimeout(timer);
    if (onAbort !== undefined) signal?.removeEventListener("abort", onAbort);
    stopReading?.();
    await closeServer(listener, sockets, flushing);
  }

  async function announce(authorizationUrl: string, { onAuthorizationUrl, openBrowser }: LoopbackLoginOptions) {
    if (onAuthorizationUrl !== undefined) {
      try {
        await onAuthorizationUrl(authorizationUrl);
      } catch (cause) {
        throw new UnexpectedClientError("onAuthorizationUrl failed", { cause });
      }
      if (state === "done") return; // resolved after the end: no browser for a closed port
    }
    if (openBrowser === true) openInBrowser(authorizationUrl);
    else if (typeof openBrowser === "function") {
      try {
        await openBrowser(authorizationUrl);
      } catch {
        // Opening the browser is a convenience; the login goes on waiting.
      }
    }
  }
}

function checkOptions(options: LoopbackLoginOptions, port: number, host: string, timeoutMs: number): void {
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new SDKValidationError("port", "must be an integer from 0 to 65535");
  }
  if (host !== "127.0.0.1") throw new SDKValidationError("host", "must be 127.0.0.1");
  if (typeof timeoutMs !== "number" || Number.isNaN(timeoutMs) || timeoutMs <= 0) {
    throw new SDKValidationError("timeoutMs", "must be a positive number of milliseconds");
  }
  if (options.client !== undefined && options.serverURL !== undefined) {
    throw new SDKValidationError("serverURL", "cannot be combined with client: set it on the client");
  }
  if (options.onAuthorizationUrl === undefined && !options.openBrowser) {
    throw new SDKValidationError(
      "onAuthorizationUrl",
      "or openBrowser is required to bring the user to the consent page",
    );
  }
}

function listen(server: Listener, host: string, port: number): Promise<void> {
  if (denoDeniesListening(host)) return Promise.reject(new LoopbackBindError(host, port, DENO_NET_DENIED));
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => reject(new LoopbackBindError(host, port, error.code));
    server.once("error", onError);
    server.listen({ host, port, exclusive: true }, () => {
      server.off("error", onError);
      resolve();
    });
  });
}

/** Stops listening, lets the last pages reach the browser (briefly), then cuts every connection. */
async function closeServer(listener: Listener, sockets: Set<Socket>, flushing: Set<Promise<void>>): Promise<void> {
  const closed = new Promise<void>((resolve) => listener.close(() => resolve()));
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([
    Promise.all(flushing),
    new Promise<void>((resolve) => {
      timer = setTimeout(resolve, FLUSH_WAIT_MS);
    }),
  ]);
  clearTimeout(timer);
  for (const socket of sockets) socket.destroy();
  await closed;
}

/** What the failure page tells the user: no code, no key; the page escapes it. */
function failureReason(result: Outcome): string {
  if (result.ok) return "";
  const { error } = result;
  if (error instanceof AuthorizationCallbackError) {
    if (error.kind === "denied") {
      return `Access was not granted: ${error.errorDescription ?? error.error ?? "denied"}.`;
    }
    return error.kind === "missing_code"
      ? "OpenRouter sent no authorization code."
      : "This sign-in link is not for this login.";
  }
  return `The authorization code could not be exchanged for a key: ${error.message}`;
}
