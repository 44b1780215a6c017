import { ConnectionError, RequestAbortedError, RequestTimeoutError } from "../models/errors/client-errors.js";
import { ResponseTooLargeError } from "../models/errors/response-errors.js";
import type { CallConfig } from "./call-config.js";
import type { CallScope } from "./call-scope.js";
import { describeHeaders, redactURL } from "./logger.js";
import { BodyTooLargeError, readBodyText } from "./read-body.js";
import { backoffDelay, matchesStatusCode, parseRetryAfter } from "./retries.js";

/** The final response of a call, with its body already read. */
export interface Exchange {
  /** The response as received; its body has been consumed into {@link text}. */
  readonly response: Response;
  readonly text: string;
  /** How many requests were sent. */
  readonly attempts: number;
}

const nullBodyStatuses = new Set([101, 103, 204, 205, 304]);

function describeFailure(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | undefined)?.cause;
  const detail = cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : undefined);
  return typeof detail === "string" ? detail : "network error";
}

/**
 * The `fetch` handed to openapi-fetch for one call: it sends the request, retries by the call's
 * policy, reads the body within the size limit, and keeps the final {@link Exchange}. Every wait and
 * read races the call's scope, so a timeout or abort always ends it, even with a fetch that ignores signals.
 */
export class Transport {
  exchange: Exchange | undefined;
  readonly #config: CallConfig;
  readonly #scope: CallScope;
  readonly #body: () => string | undefined;
  readonly #retryUntil: number;

  constructor(config: CallConfig, scope: CallScope, body: () => string | undefined) {
    this.#config = config;
    this.#scope = scope;
    this.#body = body;
    this.#retryUntil = Date.now() + config.retry.maxElapsedTime;
  }

  readonly fetch = async (request: Request): Promise<Response> => {
    const { retry, logger } = this.#config;
    const scope = this.#scope;
    const url = logger ? redactURL(request.url) : "";
    for (let attempt = 1; ; attempt++) {
      // A fresh Request per attempt: a body can be sent only once.
      const outgoing = new Request(request, { body: this.#body() ?? null, signal: scope.signal });
      logger?.log(`[openrouter-oauth] ${outgoing.method} ${url} attempt ${attempt} {${describeHeaders(outgoing.headers)}}`);
      const startedAt = Date.now();
      let failure: ConnectionError;
      try {
        const response = await scope.race(this.#config.fetch(outgoing));
        const text = await this.#read(response);
        logger?.log(`[openrouter-oauth] ${response.status} in ${Date.now() - startedAt} ms`);
        if (!response.ok && retry.enabled && matchesStatusCode(response.status, retry.codes)) {
          const wait = parseRetryAfter(response.headers.get("retry-after")) ?? backoffDelay(retry, attempt);
          if (this.#mayWait(wait)) {
            logger?.log(`[openrouter-oauth] HTTP ${response.status}: retrying in ${wait} ms`);
            await scope.sleep(wait);
            continue;
          }
        }
        this.exchange = { response, text, attempts: attempt };
        const body = nullBodyStatuses.has(response.status) || text === "" ? null : text;
        return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
      } catch (error) {
        if (
          error instanceof RequestTimeoutError ||
          error instanceof RequestAbortedError ||
          error instanceof ResponseTooLargeError
        ) {
          throw error;
        }
        if (scope.aborted) throw scope.error();
        failure = new ConnectionError(`Connection to ${redactURL(request.url)} failed: ${describeFailure(error)}`, {
          cause: error,
        });
        logger?.log(`[openrouter-oauth] ${failure.message}`);
      }
      const wait = backoffDelay(retry, attempt);
      if (!(retry.enabled && retry.retryConnectionErrors && this.#mayWait(wait))) throw failure;
      logger?.log(`[openrouter-oauth] retrying in ${wait} ms`);
      await scope.sleep(wait);
    }
  };

  async #read(response: Response): Promise<string> {
    try {
      return await this.#scope.race(readBodyText(response, this.#config.maxResponseBytes, this.#scope.signal));
    } catch (error) {
      if (error instanceof BodyTooLargeError) {
        throw new ResponseTooLargeError({
          message: `The response body is larger than maxResponseBytes (${error.limit} bytes)`,
          response,
          body: "",
        });
      }
      throw error;
    }
  }

  /** Whether a wait of `ms` still ends inside both the retry budget and the call's time limit. */
  #mayWait(ms: number): boolean {
    const endsAt = Date.now() + ms;
    return endsAt <= this.#retryUntil && endsAt < this.#scope.deadline;
  }
}
