// The zod the schemas use: zod/mini's public builders, re-exported, plus the two functions that turn a
// parse into what the SDK reports. The build bundles this module with zod inlined and tree-shaken
// (scripts/build.mjs): loading all of zod costs Node about 100 ms at start-up, and an inlined copy can
// never clash with a consumer's own zod.
import { custom, safeParse } from "zod/mini";
import type { $ZodIssue, $ZodType } from "zod/v4/core";
import { SDKValidationError } from "../models/errors/client-errors.js";
import { renameKeys } from "./casing.js";

export { custom, lazy, nullable, object, optional, strictObject } from "zod/mini";

// `string`, `number` and `enum` are `custom` schemas with the reason validateInput reports: zod's own
// (ZodString, ZodNumber, ZodEnum) carry machinery these schemas never use (formats, patterns, coercion)
// and cost about 0.4 KB gzip in every bundle.

/** A string. */
/* @__NO_SIDE_EFFECTS__ */
export function string() {
  return custom<string>((value) => typeof value === "string", { error: "must be of type string" });
}

/** A finite number (like zod's `number()`: NaN and ±Infinity are refused). */
/* @__NO_SIDE_EFFECTS__ */
function finiteNumber() {
  return custom<number>((value) => Number.isFinite(value), { error: "must be of type number" });
}

/** One of `values`; anything else is refused with `must be one of "a", "b"`. */
/* @__NO_SIDE_EFFECTS__ */
function oneOf<const T extends readonly string[]>(values: T) {
  const error = `must be one of ${values.map((value) => JSON.stringify(value)).join(", ")}`;
  return custom<T[number]>((value) => values.includes(value as string), { error });
}

export { finiteNumber as number, oneOf as enum };

/** A schema whose output is `T`. */
export type Schema<T = unknown> = $ZodType<T>;

/** The first thing a schema refused: where (`path`) and what kind of problem (`code`). */
export type Issue = $ZodIssue;

/**
 * Runs `schema` on `value`: its output (with `rename`, its keys renamed deeply, as renameKeys does), or the
 * first issue.
 */
export function parse<T>(
  schema: Schema<T>,
  value: unknown,
  rename?: (key: string) => string,
): { data: T; issue?: undefined } | { data?: undefined; issue: Issue } {
  // Without `reportInput`: zod would copy the parse context on every call for it, and validateInput finds
  // the refused value by the issue's path when it needs it.
  const result = safeParse(schema, value);
  if (!result.success) return { issue: result.error.issues[0]! };
  return { data: rename ? (renameKeys(result.data, rename) as T) : result.data };
}

/** Why `issue`'s value was refused, in the SDK's words: the schema's own reason when it gave one. */
function reasonOf(issue: Issue): string {
  switch (issue.code) {
    case "invalid_type":
      return `must be of type ${issue.expected}`;
    case "unrecognized_keys":
      return "is not a known field";
    default:
      // A custom schema's reason (zod puts it in the message). zod/mini ships no messages of its own,
      // so any other kind reads "Invalid input"; none of them quotes the value.
      return issue.message;
  }
}

/**
 * Parses `value` with `schema`, or throws an {@link SDKValidationError} naming the first bad field, with a
 * reason that never quotes the rejected value (it may be a secret).
 */
export function validateInput<T>(schema: Schema<T>, value: unknown): T {
  const { data, issue } = parse(schema, value);
  if (!issue) return data as T;
  const path = issue.path.map(String);
  if (issue.code === "unrecognized_keys") path.push(issue.keys[0]!);
  const refused = issue.path.reduce<unknown>((node, key) => (node as Record<PropertyKey, unknown>)?.[key], value);
  const reason = refused === undefined && issue.code !== "unrecognized_keys" ? "is required" : reasonOf(issue);
  throw new SDKValidationError(path.join(".") || "request", reason, value);
}
