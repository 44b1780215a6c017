// Building blocks shared by the operation schemas. Internal: zod types never reach the public .d.ts.
// Only a few zod/mini primitives are used (each costs bundle bytes); specific rules are refinements.
import { callbackUrlProblem } from "../lib/callback-url.js";
import * as z from "../lib/zod.js";

export const codeChallengeMethod = z.lazy(() => z.enum(["S256", "plain"]));

export const optionalString = z.lazy(() => z.optional(z.string()));

// Helpers that build schemas are marked free of side effects, so that a bundle which never uses a schema
// they built (the create schema in an exchange-only bundle) drops it, though dist/ holds both in one file.

/** A string that passes `test`; `reason` is what the SDKValidationError says. */
/* @__NO_SIDE_EFFECTS__ */
export function stringWhere(test: (value: string) => boolean, reason: string) {
  return z.check(z.string(), z.refine(test, reason));
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

/** The callback-URL rule as a check: its reason (which never quotes the URL) becomes the error's. */
export const callbackUrlCheck = z.lazy(() =>
  z.custom<string | URL>(
    (url) => !callbackUrlProblem(url),
    (issue) => callbackUrlProblem(issue.input),
  ),
);

const isoDateTime = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)$/i;

/** A valid `Date`, or an RFC 3339 date-time string with a time zone (what `date-time` means in OpenAPI). */
export const isDateTime = (value: unknown): value is Date | string =>
  value instanceof Date
    ? !Number.isNaN(value.getTime())
    : typeof value === "string" && isoDateTime.test(value) && !Number.isNaN(Date.parse(value));

/** An object whose keys are not ours to check (free-form server metadata). */
export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);
