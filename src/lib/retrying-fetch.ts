import { ConnectionError, UnexpectedClientError } from "../models/errors/client-errors.js";
import { ResponseTooLargeError } from "../models/errors/response-errors.js";
import type { CallConfig } from "./call-config.js";
import type { CallScope } from "./call-scope.js";
import { readBodyText } from "./read-body.js";
import { backoffDelay, matchesStatusCode, parseRetryAfter } from "./retries.js";

/** The final response of a call, its body read into `text`, and how many requests were sent. */
export interface Exchange {
  readonly response: Response;
  readonly text: string;
  readonly attempts: number;
}

/**
 * Sends a request and resends it by the call's retry policy, reading each body within the size
 * limit. Every step races the call's scope, so a timeout or abort always ends it, even with a
 * fetch that ignores signals. `init` carries the scope's signal and is sent as it is on every attempt.
 * Resolves with the final exchange; rejects with a typed error.
 */
export async function sendWithRetries(
  config: CallConfig,
  scope: CallScope,
  href: string,
  init: RequestInit,
): Promise<Exchange> {
  const { retry, logger } = config;
  const retryUntil = Date.now() + (retry?.maxElapsedTime ?? 0);
  // Whether a wait of `ms` still ends inside both the retry budget and the call's time limit.
  const mayWait = (ms: number) => Date.now() + ms <= Math.min(retryUntil, scope.deadline - 1);
  // Parsed only to log or to report a failed connection: most calls do neither.
  const path = () => new URL(href).pathname;
  for (let attempt = 1; ; attempt++) {
    const started = Date.now();
    let wait: number;
    let outcome: string;
    try {
      // The global fetch gets the URL and init: wrapping them in a Request first would make undici copy
      // the body through a stream. A custom fetch gets a fresh Request per attempt (a body is sent once).
      // One race for the request and its body: a custom fetch that ignores the signal may stall in either.
      const { response, text } = await scope.race(
        (async () => {
          const response = await (config.fetch ? config.fetch(new Request(href, init)) : globalThis.fetch(href, init));
          if (scope.error) {
            // The call already ended (a fetch that ignored the signal): leave the body unread.
            void response.body?.cancel().catch(() => {});
            throw scope.error;
          }
          return { response, text: await readBodyText(response, config.maxResponseBytes, scope.signal) };
        })(),
      );
      if (text === undefined) {
        throw new ResponseTooLargeError(
          `The response body is larger than maxResponseBytes (${config.maxResponseBytes})`,
          response,
          "",
        );
      }
      wait =
        retry && matchesStatusCode(response.status, retry.codes)
          ? (parseRetryAfter(response.headers.get("retry-after")) ?? backoffDelay(retry, attempt))
          : Infinity;
      outcome = String(response.status);
      if (!mayWait(wait)) {
        logger?.log(`[openrouter-oauth] POST ${path()} #${attempt}: ${outcome} in ${Date.now() - started} ms`);
        return { response, text, attempts: attempt };
      }
    } catch (error) {
      // An UnexpectedClientError comes from the client's own code (an httpClient hook): final, not retried.
      const final =
        scope.error ??
        (error instanceof ResponseTooLargeError || error instanceof UnexpectedClientError ? error : undefined);
      const cause = (error as { cause?: { code?: string } } | undefined)?.cause?.code;
      outcome = final?.name ?? `connection failed${cause ? ` (${cause})` : ""}`;
      wait = !final && retry?.retryConnectionErrors ? backoffDelay(retry, attempt) : Infinity;
      if (!mayWait(wait)) {
        logger?.log(`[openrouter-oauth] POST ${path()} #${attempt}: ${outcome} in ${Date.now() - started} ms`);
        throw (
          final ??
          new ConnectionError(`Connection to ${new URL(href).origin} failed${cause ? ` (${cause})` : ""}`, {
            cause: error,
          })
        );
      }
    }
    logger?.log(
      `[openrouter-oauth] POST ${path()} #${attempt}: ${outcome} in ${Date.now() - started} ms, retrying in ${wait} ms`,
    );
    await scope.sleep(wait);
  }
}
