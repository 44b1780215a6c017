import { createHash, randomBytes } from "node:crypto";
import type { Server as HttpServer, IncomingMessage, ServerResponse } from "node:http";
import { type AddressInfo, createServer as createListener, type Server as Listener, type Socket } from "node:net";
import {
  AuthorizationCallbackError,
  BadRequestResponseError,
  ForbiddenResponseError,
  OpenRouterCore,
  oAuthCreateAuthorizationUrl,
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
   * to deliver a usable code wins. A line it cannot use is not sent anywhere: see `onPasteRejected`.
   * Not closed by the login. Default: none.
   */
  input?: NodeJS.ReadableStream | undefined;
  /**
   * Told about each line on `input` the login cannot use; the login keeps waiting after it. `message` is
   * a sentence for the user that says what is wrong and what to paste instead; it never repeats the
   * pasted text. `reason` is one of: `"consent_page"` (the consent page's own URL, which is to be opened,
   * not pasted), `"other_login"` (a callback address of another login: its nonce is not this one's),
   * `"no_code"` (this login's callback address without a code), `"not_a_callback"` (an address that is
   * not a callback), `"unusable"` (text with spaces, a word too short to be a code, an address that does
   * not parse), `"code_refused"` (a pasted code the API refused as wrong or expired, with a 400 or 403:
   * nothing is consumed, so another paste, or the browser, may still sign in). Nothing unusable is sent
   * to the API. A pasted denial still ends the login. Errors it throws are ignored. Default: none (the
   * lines are ignored silently).
   */
  onPasteRejected?: ((rejection: PasteRejection) => void) | undefined;
}

/** A pasted line the login could not use, as `onPasteRejected` is told of it. */
export interface PasteRejection {
  /** What the line was (see `onPasteRejected`). */
  reason: "consent_page" | "other_login" | "no_code" | "not_a_callback" | "unusable" | "code_refused";
  /** What is wrong and what to do, for the person pasting; it never repeats the pasted text. */
  message: string;
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
 * {@link LoginAbortedError}, {@link LoopbackBindError}, `AuthorizationCallbackError` (denied, or the
 * browser came back without a code), the exchange's errors (`ForbiddenResponseError`…), or
 * `SDKValidationError` for bad options. A pasted line it cannot use (the consent page's URL, another
 * login's callback, text with spaces, a code the API refuses) ends nothing: `onPasteRejected` is told
 * why, and the login keeps waiting.
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

  /** Tells the user (through onPasteRejected) why a pasted line was not used; the login keeps waiting. */
  const rejectPaste = (reason: PasteRejection["reason"], message: string) => {
    try {
      options.onPasteRejected?.({ reason, message });
    } catch {
      // The explanation is a courtesy: the login goes on waiting either way.
    }
  };

  /**
   * Exchanges the code with the login's verifier; one exchange at a time. A pasted code the API refuses
   * as wrong or expired (400, 403) is explained and the login waits again; any other ending is final.
   */
  const exchange = (code: string, codeVerifier: string, pasted = false) => {
    state = "exchanging";
    oAuthExchangeAuthCodeForAPIKey(
      client,
      { requestBody: { code, codeVerifier, codeChallengeMethod: "S256" } },
      { signal: ended.signal },
    ).then(
      (res) => {
        if (ended.signal.aborted) return; // the login ended meanwhile (timeout, abort)
        if (res.ok) finish({ ok: true, value: { key: res.value.key, userId: res.value.userId } }, successPage());
        else if (
          pasted &&
          (res.error instanceof ForbiddenResponseError || res.error instanceof BadRequestResponseError)
        ) {
          state = "waiting";
          rejectPaste(
            "code_refused",
            `OpenRouter refused that code (${res.error.message}). Copy it again (all of it), or better the whole address the browser ended on, and paste it; the sign-in is still waiting.`,
          );
        } else finish({ ok: false, error: res.error });
      },
      (cause: unknown) => finish({ ok: false, error: new UnexpectedClientError("The exchange failed", { cause }) }),
    );
  };

  try {
    const boundPort = (listener.address() as AddressInfo).port;
    // The nonce and the PKCE pair as createCallbackNonce and oAuthCreateSHA256CodeChallenge make them, from
    // node:crypto: Web Crypto, which Node 20 loads on first use, would cost the CLI about 6 ms more before
    // it can print the URL.
    const nonce = randomBytes(16).toString("base64url");
    const callbackPath = `/callback/${nonce}`;
    const callbackUrl = `http://${host}:${boundPort}${callbackPath}`;
    const codeVerifier = randomBytes(32).toString("base64url");
    const codeChallenge = createHash("sha256").update(codeVerifier).digest("base64url");
    const url = oAuthCreateAuthorizationUrl(client, {
      callbackUrl,
      codeChallenge,
      codeChallengeMethod: "S256",
      limit: options.limit,
      authorizationUrl: options.authorizationUrl,
    });
    if (!url.ok) throw url.error;

    /** Takes the browser's callback: exchanges its code or ends with its error. */
    const takeCallback = (callback: URL) => {
      const parsed = oAuthParseAuthorizationCallback(callback, { expectedNonce: nonce });
      if (parsed.ok) exchange(parsed.value.code, codeVerifier);
      else finish({ ok: false, error: parsed.error });
    };

    /** Takes a pasted line: uses this login's callback or a code, ends on a denial, explains anything else. */
    const takePastedLine = (line: string) => {
      const pasted = classifyPastedLine(line, authorizationPage(url.value));
      if (pasted.kind === "code") return exchange(pasted.code, codeVerifier, true);
      if (pasted.kind === "rejected") return rejectPaste(pasted.reason, pasted.message);
      const parsed = oAuthParseAuthorizationCallback(pasted.url, { expectedNonce: nonce });
      if (parsed.ok) return exchange(parsed.value.code, codeVerifier, true);
      const { error } = parsed;
      if (error instanceof AuthorizationCallbackError && error.kind === "denied") {
        return finish({ ok: false, error });
      }
      const home = `${callbackUrl.slice(0, callbackUrl.lastIndexOf("/") + 1)}…`;
      if (error instanceof AuthorizationCallbackError && error.kind === "missing_code") {
        return rejectPaste(
          "no_code",
          "That address carries no code: it is where the browser comes back after you approve. Open the sign-in URL, approve, and paste the address the browser ends on.",
        );
      }
      if (error instanceof AuthorizationCallbackError && /\/callback\/[^/]+$/.test(pasted.url.pathname)) {
        return rejectPaste(
          "other_login",
          `That address belongs to another sign-in (an earlier one, or another program's), not to this one. Paste the address that starts with ${home}`,
        );
      }
      rejectPaste(
        "not_a_callback",
        `That address is not where this sign-in comes back to. Paste the address the browser ends on after you approve: it starts with ${home}`,
      );
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
      takeCallback(target);
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
        if (state === "waiting") takePastedLine(line);
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

type PastedLine =
  | { kind: "code"; code: string }
  | { kind: "address"; url: URL }
  | { kind: "rejected"; reason: PasteRejection["reason"]; message: string };

/** Shortest bare code taken: real codes are far longer; a short word is text typed by accident ("y", "quit"). */
const MIN_CODE_LENGTH = 8;

/** The consent page's address without its query (origin and path), to recognise it when pasted. */
function authorizationPage(authorizationUrl: string): string {
  const page = new URL(authorizationUrl);
  return `${page.origin}${page.pathname}`;
}

/**
 * What a pasted line is: an address (to check as a callback), a bare code (to exchange), or something
 * unusable, with what to tell the user. Never quotes the line: it may hold a code.
 */
function classifyPastedLine(line: string, consentPage: string): PastedLine {
  const reject = (reason: PasteRejection["reason"], message: string): PastedLine => ({
    kind: "rejected",
    reason,
    message,
  });
  const whatToPaste =
    "Paste the whole address the browser ended on after you approved (it starts with http://127.0.0.1:), or only the value of its code parameter.";
  if (/^(q|quit|exit|cancel|abort|stop)$/i.test(line)) {
    return reject(
      "unusable",
      `That is neither an address nor a code. To cancel the sign-in, press Ctrl-C. ${whatToPaste}`,
    );
  }
  if (/\s/.test(line))
    return reject("unusable", `The pasted text has spaces: it is neither an address nor a code. ${whatToPaste}`);
  // An address copied without its scheme (some address bars hide it) gets the one it had.
  let text = line;
  if (/^(localhost|127(\.\d{1,3}){3}|\[::1\])(:\d+)?[/?]/i.test(text)) text = `http://${text}`;
  else if (/^[a-z0-9-]+(\.[a-z0-9-]+)+(:\d+)?[/?]/i.test(text)) text = `https://${text}`;
  if (/^[a-z][a-z0-9+.-]*:/i.test(text)) {
    if (!URL.canParse(text)) return reject("unusable", `That is not a valid address. ${whatToPaste}`);
    const url = new URL(text);
    const isConsentPage =
      `${url.origin}${url.pathname}` === consentPage ||
      url.searchParams.has("callback_url") ||
      url.searchParams.has("code_challenge");
    if (isConsentPage) {
      return reject(
        "consent_page",
        "That is the address of the sign-in page itself: open it in a browser and approve, then paste the address the browser ends on (it starts with http://127.0.0.1:).",
      );
    }
    if (url.protocol !== "http:" && url.protocol !== "https:") {
      return reject("unusable", `That is not a web address. ${whatToPaste}`);
    }
    return { kind: "address", url };
  }
  // A code as the address bar shows it (percent-encoded), or with its parameter name.
  const code = /^\??code=([^&#]+)$/.exec(line)?.[1] ?? line;
  if (!/^[A-Za-z0-9._~%-]+$/.test(code))
    return reject("unusable", `That is neither an address nor a code. ${whatToPaste}`);
  let decoded: string;
  try {
    decoded = decodeURIComponent(code);
  } catch {
    return reject("unusable", `That is neither an address nor a code. ${whatToPaste}`);
  }
  if (decoded.length < MIN_CODE_LENGTH) {
    return reject("unusable", `That is too short to be a code. ${whatToPaste}`);
  }
  return { kind: "code", code: decoded };
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
