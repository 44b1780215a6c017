// Building blocks shared by the operation schemas. Internal: zod types never reach the public .d.ts.
// Only a few zod/mini builders are used (each costs bundle bytes); specific rules are custom schemas.
import { callbackUrlProblem } from "../lib/callback-url.js";
import * as z from "../lib/zod.js";

export const codeChallengeMethod = z.enum(["S256", "plain"]);

export const optionalString = z.optional(z.string());

// Helpers that build schemas are marked free of side effects, so that a bundle which never uses a schema
// they built (the create schema in an exchange-only bundle) drops it, though dist/ holds both in one file.

/**
 * A value of one type (`isType`, else `typeReason`) in which `problem` finds nothing, else its answer: one
 * custom schema whose reason never quotes the value.
 */
/* @__NO_SIDE_EFFECTS__ */
export function valueWhere<T>(
  isType: (value: unknown) => value is T,
  typeReason: string,
  problem: (value: T) => string | undefined,
) {
  return z.custom<T>((value) => isType(value) && !problem(value), {
    error: (issue) => (isType(issue.input) ? problem(issue.input) : typeReason),
  });
}

const isString = (value: unknown): value is string => typeof value === "string";

/** A string that passes `test`; `reason` is what the SDKValidationError says. */
/* @__NO_SIDE_EFFECTS__ */
export function stringWhere(test: (value: string) => boolean, reason: string) {
  return valueWhere(isString, "must be of type string", (value) => (test(value) ? undefined : reason));
}

/** An operation's request: its body, and the optional app headers it may carry beside it. */
/* @__NO_SIDE_EFFECTS__ */
export function requestWith<T extends z.Schema>(requestBody: T) {
  return z.strictObject({
    requestBody,
    httpReferer: optionalString,
    appTitle: optionalString,
    appCategories: optionalString,
  });
}

/** A callback URL, as a string: the callback-URL rule's reason (which never quotes the URL) becomes the error's. */
export const callbackUrlString = valueWhere(isString, "must be of type string", callbackUrlProblem);

// RFC 3339 with seconds (the server refuses minute-precision timestamps such as `2027-12-31T23:59Z`), each
// field in its range: no month 13, no hour 24, no second 60, no offset past 23:59.
const isoDateTime =
  /^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d+)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/i;

/** Whether an ISO date-time names a real instant: its fields in range, and no February 30th. */
function isRealDateTime(text: string): boolean {
  const match = isoDateTime.exec(text);
  if (!match) return false;
  const day = Number(match[3]);
  // A day past the month's end rolls over into the next month. (setUTCFullYear, unlike Date.UTC, does
  // not read years 0-99 as 1900-1999.)
  const date = new Date(0);
  date.setUTCFullYear(Number(match[1]), Number(match[2]) - 1, day);
  return date.getUTCDate() === day;
}

/**
 * A `Date` in years 0000-9999 (beyond them ISO 8601 needs a signed six-digit year, which the server does
 * not read), or an RFC 3339 date-time string with seconds and a time zone that names a real instant.
 */
export const isDateTime = (value: unknown): value is Date | string => {
  if (value instanceof Date) {
    const year = value.getUTCFullYear();
    return year >= 0 && year <= 9999;
  }
  return typeof value === "string" && isRealDateTime(value);
};

/** An object whose keys are not ours to check (free-form server metadata). */
export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);
