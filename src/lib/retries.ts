// Retry policy: which outcomes are retried and how long to wait before the next attempt.

/** Exponential backoff settings, in milliseconds. Every field is optional and defaults as documented. */
export interface BackoffStrategy {
  /** Wait before the first retry. Default 500. */
  initialInterval?: number;
  /** Upper bound of any single wait. Default 5000. */
  maxInterval?: number;
  /** Growth factor of the wait per retry. Default 1.5. */
  exponent?: number;
  /** No retry starts after this much time has passed since the call began. Default 20000. */
  maxElapsedTime?: number;
}

/**
 * How a call retries. `{ strategy: "none" }` sends exactly one request.
 *
 * @example
 * { strategy: "backoff", backoff: { initialInterval: 200, maxElapsedTime: 5000 }, retryConnectionErrors: true }
 */
export type RetryConfig =
  | { strategy: "none" }
  | { strategy: "backoff"; backoff?: BackoffStrategy; retryConnectionErrors?: boolean };

/** A retry policy with every default filled in. */
export interface RetryPolicy {
  readonly enabled: boolean;
  readonly initialInterval: number;
  readonly maxInterval: number;
  readonly exponent: number;
  readonly maxElapsedTime: number;
  readonly retryConnectionErrors: boolean;
  readonly codes: readonly string[];
}

/**
 * The defaults. Bounded so that a call with default options always settles within `timeoutMs`
 * (30 s): authorization codes are single-use and expire in about ten minutes, so retrying for longer
 * cannot help, and an exchange retried after the server used the code only earns a 403.
 */
export const DEFAULT_BACKOFF: Required<BackoffStrategy> = {
  initialInterval: 500,
  maxInterval: 5_000,
  exponent: 1.5,
  maxElapsedTime: 20_000,
};
export const DEFAULT_RETRY_CODES: readonly string[] = ["5XX", "429"];

export function resolveRetryPolicy(config: RetryConfig | undefined, codes: readonly string[] | undefined): RetryPolicy {
  const backoff = { ...DEFAULT_BACKOFF, ...(config?.strategy === "backoff" ? config.backoff : undefined) };
  return {
    enabled: config?.strategy !== "none",
    ...backoff,
    retryConnectionErrors: config?.strategy === "backoff" ? (config.retryConnectionErrors ?? true) : true,
    codes: codes ?? DEFAULT_RETRY_CODES,
  };
}

/** Whether `status` matches one of the codes: exact (`"429"`) or a class (`"5XX"`). */
export function matchesStatusCode(status: number, codes: readonly string[]): boolean {
  const text = String(status);
  return codes.some((code) => {
    const pattern = code.toUpperCase();
    return pattern.endsWith("XX") ? text[0] === pattern[0] && text.length === 3 : text === pattern;
  });
}

/** The jittered exponential wait before retry number `retry` (1-based): between half and all of the step. */
export function backoffDelay(policy: RetryPolicy, retry: number, random: () => number = Math.random): number {
  const step = Math.min(policy.maxInterval, policy.initialInterval * policy.exponent ** (retry - 1));
  return Math.round(step / 2 + (step / 2) * random());
}

/**
 * Reads `Retry-After` as milliseconds from now: delta-seconds or an HTTP-date. Undefined when the
 * header is absent or unreadable; never negative.
 */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
