// Retry policy: which outcomes are retried, and how long to wait before the next attempt.
import { SDKValidationError } from "../models/errors/client-errors.js";
import type { BackoffStrategy, RetryConfig } from "./retries.js";

/** A retry policy with every default filled in; `undefined` when retries are off. */
export interface RetryPolicy extends Required<BackoffStrategy> {
  readonly retryConnectionErrors: boolean;
  readonly maxAttempts: number;
  readonly codes: readonly string[];
}

/**
 * The defaults. Bounded so that a call with default options settles within its 30 s `timeoutMs`:
 * authorization codes are single-use and expire in about ten minutes, so retrying longer cannot
 * help, and an exchange retried after the server used the code only earns a 403.
 */
export const DEFAULT_BACKOFF: Required<BackoffStrategy> = {
  initialInterval: 500,
  maxInterval: 5_000,
  exponent: 1.5,
  maxElapsedTime: 20_000,
};

/** Most requests one call sends by default, the first included. */
export const DEFAULT_MAX_ATTEMPTS = 10;

/**
 * The shortest wait before any retry, whatever `Retry-After` or the backoff settings say: a server
 * answering `Retry-After: 0` must not turn one call into thousands of requests.
 */
export const MIN_RETRY_WAIT_MS = 100;

/** Statuses retried by default: server errors and rate limiting. */
export const DEFAULT_RETRY_CODES: readonly string[] = ["5XX", "429"];

/** Checks that `value` is a positive number (or Infinity where allowed), else names `field`. */
export function checkPositive(field: string, value: unknown, allowInfinity?: boolean): number {
  if (typeof value !== "number" || !(value > 0) || (value === Infinity && !allowInfinity)) {
    throw new SDKValidationError(field, `must be a positive number${allowInfinity ? " or Infinity" : ""}`);
  }
  return value;
}

/** Fills in the defaults and checks the config; `field` names it in errors. */
export function resolveRetryPolicy(
  field: string,
  config: RetryConfig | undefined,
  codes: readonly string[] = DEFAULT_RETRY_CODES,
  codesField = "retryCodes",
): RetryPolicy | undefined {
  if (config?.strategy === "none") return undefined;
  if (config && config.strategy !== "backoff")
    throw new SDKValidationError(`${field}.strategy`, 'must be "none" or "backoff"');
  const policy = {
    ...DEFAULT_BACKOFF,
    ...config?.backoff,
    retryConnectionErrors: config?.retryConnectionErrors ?? true,
    maxAttempts: config?.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    codes,
  };
  if (!Number.isInteger(policy.maxAttempts) || policy.maxAttempts < 1) {
    throw new SDKValidationError(`${field}.maxAttempts`, "must be a positive whole number");
  }
  for (const key of ["initialInterval", "maxInterval", "exponent", "maxElapsedTime"] as const) {
    checkPositive(`${field}.backoff.${key}`, policy[key], key === "maxElapsedTime");
  }
  if (!Array.isArray(codes) || !codes.every((code) => /^[1-5](\d\d|XX)$/i.test(code))) {
    throw new SDKValidationError(codesField, 'must list status codes like "429" or classes like "5XX"');
  }
  return policy;
}

/** Whether `status` matches one of the codes: exact (`"429"`) or a class (`"5XX"`). */
export function matchesStatusCode(status: number, codes: readonly string[]): boolean {
  const statusClass = `${Math.floor(status / 100)}XX`;
  return codes.some((code) => code.toUpperCase() === statusClass || code === String(status));
}

/**
 * The wait before retry number `retry` (1-based): the jittered exponential step (between half and all
 * of it), or the server's `Retry-After` when that is longer, and never less than {@link MIN_RETRY_WAIT_MS}.
 */
export function retryDelay(policy: RetryPolicy, retry: number, retryAfterMs?: number): number {
  const step = Math.min(policy.maxInterval, policy.initialInterval * policy.exponent ** (retry - 1));
  const backoff = Math.round(step / 2 + (step / 2) * Math.random());
  return Math.max(MIN_RETRY_WAIT_MS, backoff, retryAfterMs ?? 0);
}

/** `Retry-After` as milliseconds from now, from delta-seconds or an HTTP-date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (value === null) return undefined;
  if (/^\s*\d+\s*$/.test(value)) return Number(value) * 1000;
  // An HTTP-date names its day and month; without this, Date.parse would read "-5" as a year.
  const date = /[a-z]{3}/i.test(value) ? Date.parse(value) : Number.NaN;
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
