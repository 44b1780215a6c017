import { ConnectionError } from "../models/errors/client-errors.js";
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
 * The `fetch` handed to openapi-fetch for one call. It resends the request by the call's retry
 * policy, reads each body within the size limit and reports the final {@link Exchange}. Every step
 * races the call's scope, so a timeout or abort always ends it, even with a fetch that ignores signals.
 */
export function retryingFetch(
  config: CallConfig,
  scope: CallScope,
  body: () => string | undefined,
  done: (exchange: Exchange) => void,
): (request: Request) => Promise<Response> {
  const { retry, logger } = config;
  const retryUntil = Date.now() + (retry?.maxElapsedTime ?? 0);
  // Whether a wait of `ms` still ends inside both the retry budget and the call's time limit.
  const mayWait = (ms: number) => Date.now() + ms <= Math.min(retryUntil, scope.deadline - 1);

  return async (request) => {
    const path = new URL(request.url).pathname;
    for (let attempt = 1; ; attempt++) {
      // A fresh Request per attempt: a body can be sent only once.
      const outgoing = new Request(request, { body: body() ?? null, signal: scope.signal });
      logger?.log(`[openrouter-oauth] ${outgoing.method} ${path} #${attempt} headers: ${[...outgoing.headers.keys()].join(", ")}`);
      const started = Date.now();
      let wait: number;
      let failure: ConnectionError | undefined;
      try {
        const response = await scope.race(config.fetch(outgoing));
        const text = await scope.race(readBodyText(response, config.maxResponseBytes, scope.signal));
        logger?.log(`[openrouter-oauth] ${response.status} in ${Date.now() - started} ms`);
        if (text === undefined) {
          throw new ResponseTooLargeError(`The response body is larger than maxResponseBytes (${config.maxResponseBytes})`, response, "");
        }
        wait =
          retry && matchesStatusCode(response.status, retry.codes)
            ? (parseRetryAfter(response.headers.get("retry-after")) ?? backoffDelay(retry, attempt))
            : Infinity;
        if (!mayWait(wait)) {
          done({ response, text, attempts: attempt });
          return new Response(text || null, response);
        }
      } catch (error) {
        if (scope.error || error instanceof ResponseTooLargeError) throw scope.error ?? error;
        const cause = error as { cause?: { code?: string }; message?: string } | undefined;
        failure = new ConnectionError(`Connection to ${new URL(request.url).origin} failed: ${cause?.cause?.code ?? cause?.message}`, {
          cause: error,
        });
        wait = retry?.retryConnectionErrors ? backoffDelay(retry, attempt) : Infinity;
        if (!mayWait(wait)) throw failure;
      }
      logger?.log(`[openrouter-oauth] ${failure?.message ?? "retryable status"}: retrying in ${wait} ms`);
      await scope.sleep(wait);
    }
  };
}
