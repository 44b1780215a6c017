import { ConnectionError, HTTPClientError, InvalidRequestError } from "../models/errors/client-errors.js";
import { ResponseTooLargeError } from "../models/errors/response-errors.js";
import type { CallConfig } from "./call-config.js";
import type { CallScope } from "./call-scope.js";
import { readBodyText } from "./read-body.js";
import { matchesStatusCode, parseRetryAfter, retryDelay } from "./retries.js";

/** The final response of a call, its body read into `text`, and how many requests were sent. */
export interface Exchange {
  readonly response: Response;
  readonly text: string;
  readonly attempts: number;
}

/**
 * Sends a request and resends it by the call's retry policy (at most `maxAttempts` requests, each wait
 * at least the backoff's), reading each body within the size limit. Every step races the call's scope,
 * so a timeout or abort always ends it, even with a fetch that ignores signals. Each attempt is a new
 * Request from `init`, with a signal of its own. Resolves with the final exchange; rejects with a typed error.
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
          response,
          "",
        );
      }
      wait =
        mayRetry && matchesStatusCode(response.status, retry.codes)
          ? retryDelay(retry, attempt, parseRetryAfter(response.headers.get("retry-after")))
          : Infinity;
      if (!mayWait(wait, retryUntil)) {
        logger?.log(
          `[openrouter-oauth] POST ${pathOf(href)} #${attempt}: ${response.status} in ${Date.now() - started} ms`,
        );
        return { response, text, attempts: attempt };
      }
      outcome = String(response.status);
    } catch (error) {
      // Errors that another attempt would only repeat end the call at once: a body too large, and the SDK's
      // own client errors (a request fetch refused, a hook that threw). What fetch throws is retried.
      const final =
        scope.error ?? (error instanceof ResponseTooLargeError || error instanceof HTTPClientError ? error : undefined);
      const cause = (error as { cause?: { code?: string } } | undefined)?.cause?.code;
      outcome = final?.name ?? `connection failed${cause ? ` (${cause})` : ""}`;
      wait = !final && mayRetry && retry.retryConnectionErrors ? retryDelay(retry, attempt) : Infinity;
      if (!mayWait(wait, retryUntil)) {
        logger?.log(`[openrouter-oauth] POST ${pathOf(href)} #${attempt}: ${outcome} in ${Date.now() - started} ms`);
        throw (
          final ??
          new ConnectionError(`Connection to ${new URL(href).origin} failed${cause ? ` (${cause})` : ""}`, {
            cause: error,
          })
        );
      }
    }
    logger?.log(
      `[openrouter-oauth] POST ${pathOf(href)} #${attempt}: ${outcome} in ${Date.now() - started} ms, retrying in ${wait} ms`,
    );
    await scope.sleep(wait);
  }
}

/** One request and its body, read within the size limit (`text` undefined past it). */
async function sendOnce(
  config: CallConfig,
  scope: CallScope,
  href: string,
  init: RequestInit,
): Promise<{ response: Response; text: string | undefined }> {
  let request: Request;
  try {
    request = new Request(href, { ...init, signal: scope.attemptSignal() });
  } catch (error) {
    // The Request constructor refuses what fetch would (a bad `mode`, a forbidden option) before anything
    // is sent. Its message is not repeated: it can quote a header value, the API key's among them.
    throw new InvalidRequestError("fetch refused the request's fetchOptions; nothing was sent", { cause: error });
  }
  const response = await (config.fetch ? config.fetch(request) : fetch(request));
  if (scope.error) {
    // The call ended while a fetch that ignores signals was still running: drop the body unread.
    void response.body?.cancel().catch(() => {});
    throw scope.error;
  }
  return { response, text: await readBodyText(response, config.maxResponseBytes, scope.signal) };
}

/** Whether a wait of `ms` ends before `until` (the retry budget or the call's deadline, whichever is first). */
const mayWait = (ms: number, until: number): boolean => ms !== Infinity && Date.now() + ms <= until;

/** The path of a request URL, for log lines (parsed only when a line is written). */
const pathOf = (href: string): string => new URL(href).pathname;
