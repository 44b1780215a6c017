import type * as z from "zod/mini";
import { SDKValidationError } from "../models/errors/client-errors.js";

type Issue = z.core.$ZodIssue & { input?: unknown };

const describe = (value: unknown): string =>
  value === null ? "null" : Array.isArray(value) ? "array" : value instanceof Date ? "Date" : typeof value;

/** A reason a person can act on. Built from the issue's kind, never from the rejected value (it may be a secret). */
function reasonOf(issue: Issue): string {
  switch (issue.code) {
    case "invalid_type":
      return issue.input === undefined
        ? "is required"
        : `must be ${issue.expected === "date" ? "a valid Date" : `a ${issue.expected}`}, got ${describe(issue.input)}`;
    case "invalid_value":
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`;
    case "invalid_format":
      return issue.format === "datetime"
        ? "must be a Date or an ISO 8601 date-time with a time zone, e.g. 2027-01-31T12:00:00Z"
        : `must be a valid ${issue.format === "guid" ? "UUID" : issue.format}`;
    case "too_big":
      return `must be at most ${String(issue.maximum)} characters`;
    case "too_small":
      return "must not be empty";
    case "unrecognized_keys":
      return "is not a known field";
    case "invalid_union":
      // Report the branch that got furthest: for `Date | string` that is the string's own reason.
      return issue.errors.flat().length > 0 ? reasonOf(issue.errors.flat().at(-1) as Issue) : "has an invalid value";
    default:
      return issue.message;
  }
}

/** Parses `value` with `schema` or throws an {@link SDKValidationError} naming the first bad field. */
export function validateInput<T>(schema: z.ZodMiniType<T>, value: unknown): T {
  const result = schema.safeParse(value, { reportInput: true });
  if (result.success) return result.data;
  const issue = result.error.issues[0] as Issue;
  const path = issue.path.map(String);
  if (issue.code === "unrecognized_keys") path.push(issue.keys[0] ?? "");
  throw new SDKValidationError(path.length > 0 ? path.join(".") : "request", reasonOf(issue));
}
