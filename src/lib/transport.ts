// Transport: sending a call's requests within its lifetime. The scope (time limit, the caller's signals, a
// signal per attempt), the attempts and the waits between them (which outcome is retried and how long to
// wait is retry-policy.ts's to say), and reading each body within the size limit.
import {
  ConnectionError,
  HTTPClientError,
  InvalidRequestError,
  RequestAbortedError,
  RequestTimeoutError,
} from "../models/errors/client-errors.js";
import { ResponseTooLargeError } from "../models/errors/response-errors.js";
import type { CallConfig } from "./call-config.js";
import { matchesStatusCode, parseRetryAfter, retryDelay } from "./retry-policy.js";

/** The final response of a call, its body read into `text`, and how many requests were sent. */
export interface FinalResponse {
  readonly response: Response;
  readonly text: string;
  readonly attempts: number;
}

/**
 * Sends a request and resends it by the call's retry policy (at most `maxAttempts` requests, each wait
 * at least the backoff's), reading each body within the size limit. Every step races the call's scope,
 * so a timeout or abort always ends it, even with a fetch that ignores signals. Each attempt has a signal
 * of its own. Resolves with the final exchange; rejects with a typed error.
 */
export async function sendWithRetries(
  config: CallConfig,
  scope: CallScope,
  href: string,
  init: RequestInit,
): Promise<FinalResponse> {
  const { retry, logger } = config;
  const callStarted = Date.now();
  const retryUntil = Math.min(callStarted + (retry?.maxElapsedTime ?? 0), scope.deadline - 1);
  // One line per attempt: its outcome, its time, and the wait before the next one if there is one.
  const log = (attempt: number, outcome: string, started: number, wait?: number) =>
    logger?.log(
      `[openrouter-oauth] POST ${new URL(href).pathname} #${attempt}: ${outcome} in ${Date.now() - started} ms${wait === undefined ? "" : `, retrying in ${wait} ms`}`,
    );
  for (let attempt = 1; ; attempt++) {
    const started = attempt === 1 ? callStarted : Date.now();
    const mayRetry = retry !== undefined && attempt < retry.maxAttempts;
    let wait: number;
    let outcome: string;
    try {
      const { response, text } = await scope.race(sendOnce(config, scope, href, init));
      if (text === undefined) {
        throw new ResponseTooLargeError(
          `The response body is larger than maxResponseBytes (${config.maxResponseBytes})`,
          { response, body: "" },
        );
      }
      wait =
        mayRetry && matchesStatusCode(response.status, retry.codes)
          ? retryDelay(retry, attempt, parseRetryAfter(response.headers.get("retry-after")))
          : Infinity;
      outcome = String(response.status);
      if (!mayWait(wait, retryUntil)) {
        log(attempt, outcome, started);
        return { response, text, attempts: attempt };
      }
    } catch (error) {
      // Errors that another attempt would only repeat end the call at once: a body too large, and the SDK's
      // own client errors (a request fetch refused, a hook that threw). What fetch throws is retried.
      const final =
        scope.error ?? (error instanceof ResponseTooLargeError || error instanceof HTTPClientError ? error : undefined);
      const cause = (error as { cause?: { code?: string } } | undefined)?.cause?.code;
      outcome = final?.name ?? `connection failed${cause ? ` (${cause})` : ""}`;
      wait = !final && mayRetry && retry.retryConnectionErrors ? retryDelay(retry, attempt) : Infinity;
      if (!mayWait(wait, retryUntil)) {
        log(attempt, outcome, started);
        throw (
          final ??
          new ConnectionError(`Connection to ${new URL(href).origin} failed${cause ? ` (${cause})` : ""}`, {
            cause: error,
          })
        );
      }
    }
    log(attempt, outcome, started, wait);
    await scope.sleep(wait);
  }
}

/** One request and its body, read within the size limit (`text` undefined past it). */
async function sendOnce(
  config: CallConfig,
  scope: CallScope,
  href: string,
  callInit: RequestInit,
): Promise<{ response: Response; text: string | undefined }> {
  const signal = scope.attemptSignal();
  const init = { ...callInit, signal };
  let response: Response;
  try {
    // The global fetch takes the URL and init as they are: a Request made first would have its body
    // copied through a stream again by fetch, a cost on every call for a check needed only on failure.
    response = await (config.fetch ? config.fetch(new Request(href, init)) : fetch(href, init));
  } catch (error) {
    // What the Request constructor refuses (a bad `mode`, a forbidden option), fetch refuses before sending
    // anything: retrying cannot help. Its message is not repeated: it can quote a header value, the key's.
    if (!isValidRequest(href, init)) {
      throw new InvalidRequestError("fetch refused the fetchOptions; nothing was sent", { cause: error });
    }
    throw error;
  }
  if (scope.error) {
    // The call ended while a fetch that ignores signals was still running: drop the body unread.
    void response.body?.cancel().catch(() => {});
    throw scope.error;
  }
  return { response, text: await readBodyText(response, config.maxResponseBytes, scope) };
}

/** Whether a Request can be made of `href` and `init` (asked only once a send has failed). */
function isValidRequest(href: string, init: RequestInit): boolean {
  try {
    new Request(href, init);
    return true;
  } catch {
    return false;
  }
}

/** Whether a wait of `ms` ends before `until` (the retry budget or the call's deadline, whichever is first). */
const mayWait = (ms: number, until: number): boolean => ms !== Infinity && Date.now() + ms <= until;

// One decoder for every body: `decode` without `stream` keeps no state between calls, and making a
// TextDecoder costs Node 20 more than decoding a small body.
const utf8 = new TextDecoder();

/**
 * Reads a response body as UTF-8 text, counting bytes; undefined once it grows past `limit`, so a hostile
 * or broken server cannot make us buffer without bound (the rest is never read). A declared
 * Content-Length is not trusted for this: a compressed body's says nothing of its size once decoded.
 * The read is cancelled if `scope` ends first: a custom fetch may ignore the signal and stall.
 */
export async function readBodyText(
  response: Response,
  limit: number,
  scope: Pick<CallScope, "onEnd">,
): Promise<string | undefined> {
  const reader = response.body?.getReader();
  if (!reader) return "";
  const cancel = () => void reader.cancel().catch(() => {});
  const release = scope.onEnd(cancel);
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let size = 0;
  try {
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      size += chunk.value.byteLength;
      if (size > limit) {
        cancel();
        return undefined;
      }
      chunks.push(chunk.value);
    }
  } finally {
    release();
  }
  // A small body comes in one chunk; a Blob joins more (its text() decodes as the decoder does).
  return chunks.length === 1 ? utf8.decode(chunks[0]) : new Blob(chunks).text();
}

/** The lifetime of one call: it ends on the caller's signals or when the call's time runs out. */
export interface CallScope {
  /** Epoch milliseconds at which the call times out (Infinity when it never does). */
  readonly deadline: number;
  /** Once the scope has ended: the typed error every pending step rejects with. */
  readonly error: RequestTimeoutError | RequestAbortedError | undefined;
  /** Settles like `promise`, or rejects with the scope's error as soon as the scope ends. */
  race<T>(promise: Promise<T>): Promise<T>;
  /** Waits `ms`, or rejects with the scope's error as soon as the scope ends. */
  sleep(ms: number): Promise<void>;
  /**
   * Calls `callback` with the scope's error when the scope ends (at once if it has), unless the returned
   * release has been called first: an abort listener without EventTarget's cost on every attempt.
   */
  onEnd(callback: (error: unknown) => void): () => void;
  /**
   * The signal to give the fetch of a new attempt, aborted when the scope ends. Each attempt gets its
   * own, so what fetch attaches to it (Node's fetch adds a listener that stays until garbage collection)
   * goes with the attempt instead of piling up on one signal over a call's retries.
   */
  attemptSignal(): AbortSignal;
  /** Releases the timer and the listeners on the caller's signals. Call once, when the call settles. */
  dispose(): void;
}

/**
 * Opens a {@link CallScope}. Built from an AbortController per attempt, a plain timer and listeners, not
 * `AbortSignal.any` / `AbortSignal.timeout`, whose signals Node 20 can garbage-collect while a
 * request still waits on them (a lost abort, a hang).
 */
export function openScope(timeoutMs: number, signal?: AbortSignal | null, otherSignal?: AbortSignal | null): CallScope {
  return new Scope(timeoutMs, signal, otherSignal);
}

// Module-level, so that a call's timer needs no closure of its own.
function timeOut(scope: Scope, timeoutMs: number): void {
  scope.end(new RequestTimeoutError(`The call timed out after ${timeoutMs} ms`));
}

// A class rather than closures: one object per call, its methods shared.
class Scope implements CallScope {
  readonly deadline: number;
  error: RequestTimeoutError | RequestAbortedError | undefined;
  // Called with the error when the scope ends (the pending races' reject functions, onEnd's callbacks): a
  // step needs no abort listener of its own.
  readonly #onEnd = new Set<(error: unknown) => void>();
  // The current attempt's controller (a call's attempts run one at a time), aborted with the scope.
  #attempt: AbortController | undefined;
  readonly #timer: ReturnType<typeof setTimeout> | undefined;
  // The callers' signals and the one listener on them, removed by dispose: made only when the caller passed a signal.
  #callers: AbortSignal[] | undefined;
  #onCallerAbort: (() => void) | undefined;

  constructor(timeoutMs: number, signal?: AbortSignal | null, otherSignal?: AbortSignal | null) {
    this.deadline = Date.now() + timeoutMs;
    // No timer for Infinity; longer finite limits are capped at setTimeout's maximum (24.8 days), which
    // would otherwise overflow and fire at once.
    this.#timer =
      timeoutMs < Infinity ? setTimeout(timeOut, Math.min(timeoutMs, 2 ** 31 - 1), this, timeoutMs) : undefined;
    if (signal) this.#follow(signal);
    if (otherSignal) this.#follow(otherSignal);
  }

  /** Ends the scope when `caller` aborts (at once if it has). */
  #follow(caller: AbortSignal): void {
    this.#onCallerAbort ??= () => this.end(new RequestAbortedError("The call was aborted by its signal"));
    this.#callers ??= [];
    this.#callers.push(caller);
    caller.addEventListener("abort", this.#onCallerAbort);
    if (caller.aborted) this.#onCallerAbort();
  }

  /** Ends the scope with `error`, unless it has ended already. */
  end(error: RequestTimeoutError | RequestAbortedError): void {
    if (this.error) return;
    this.error = error;
    for (const callback of this.#onEnd) callback(error);
    this.#onEnd.clear();
    this.#attempt?.abort(error);
  }

  race<T>(promise: Promise<T>): Promise<T> {
    // By hand rather than Promise.race, so that a settled step leaves nothing behind: over a call's
    // attempts, the pending set holds at most the steps still running.
    return new Promise<T>((resolve, reject) => {
      // Once the scope has ended, a race rejects even with a promise that already settled.
      const release = this.onEnd(reject);
      // Followed even once the scope has ended, so that its rejection is never unhandled.
      promise.then(
        (value) => {
          release();
          resolve(value);
        },
        (error: unknown) => {
          release();
          reject(error);
        },
      );
    });
  }

  onEnd(callback: (error: unknown) => void): () => void {
    if (this.error) callback(this.error);
    else this.#onEnd.add(callback);
    return () => this.#onEnd.delete(callback);
  }

  sleep(ms: number): Promise<void> {
    let wait: ReturnType<typeof setTimeout>;
    return this.race(new Promise<void>((resolve) => (wait = setTimeout(resolve, ms)))).finally(() =>
      clearTimeout(wait),
    );
  }

  attemptSignal(): AbortSignal {
    this.#attempt = new AbortController();
    if (this.error) this.#attempt.abort(this.error);
    return this.#attempt.signal;
  }

  dispose(): void {
    clearTimeout(this.#timer);
    if (this.#callers) for (const caller of this.#callers) caller.removeEventListener("abort", this.#onCallerAbort!);
  }
}
