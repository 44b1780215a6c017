/**
 * The retry options' types, at the path `@openrouter/sdk` exports them from.
 *
 * @module openrouter-oauth/lib/retries
 */

/** Exponential backoff settings, in milliseconds. Every field is optional and defaults as documented. */
export interface BackoffStrategy {
  /** Wait before the first retry. Default 500. */
  initialInterval?: number;
  /** Upper bound of any single wait. Default 5000. */
  maxInterval?: number;
  /** Growth factor of the wait per retry. Default 1.5. */
  exponent?: number;
  /** No retry starts later than this after the call began. Default 20000. */
  maxElapsedTime?: number;
}

/**
 * How a call retries. `{ strategy: "none" }` sends exactly one request.
 *
 * @example
 * { strategy: "backoff", backoff: { initialInterval: 200, maxElapsedTime: 5000 }, retryConnectionErrors: true }
 */
export type RetryConfig =
  | {
      /** No retries: one request per call. */
      strategy: "none";
    }
  | {
      /** Retry the retryable outcomes with jittered exponential backoff. */
      strategy: "backoff";
      /** The waits; unset fields keep their defaults. */
      backoff?: BackoffStrategy;
      /** Also retry when the connection fails (refused, reset, DNS). Default `true`. */
      retryConnectionErrors?: boolean;
      /** Most requests one call sends, the first included. Default 10. */
      maxAttempts?: number;
    };
