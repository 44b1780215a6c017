import { ConnectionError, HTTPClientError, InvalidRequestError } from "../models/errors/client-errors.js";
import { ResponseTooLargeError } from "../models/errors/response-errors.js";
import type { CallConfig } from "./call-config.js";
import type { CallScope } from "./call-scope.js";
import { readBodyText } from "./read-body.js";
import { matchesStatusCode, parseRetryAfter, retryDelay } from "./retry-policy.js";

/** The final response of a call, its body read into `text`, and how many requests were sent. */
export interface Exchange {
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
): Promise<Exchange> {
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
  return { response, text: await readBodyText(response, config.maxResponseBytes, signal) };
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
