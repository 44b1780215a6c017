// The zod builders the schemas use, and nothing else. The build bundles this one module with zod
// inlined and tree-shaken (scripts/build.mjs): loading all of zod costs Node about 100 ms at start-up,
// and an inlined copy can never clash with a consumer's own zod.
//
// Built on zod's core (`zod/v4/core`) rather than `zod/mini`: mini gives every schema its methods
// (parse, parseAsync, safeParseAsync, the Standard Schema interface…), bound per instance and so kept
// in every bundle, about 0.75 KB gzip these schemas never call. Here a schema is the core object and
// parsing is one function, `parse`. `enum`, `number` and `string` are built on
// `custom` with the reasons validateInput reports: zod's own carry machinery (value sets, patterns,
// coercion, formats) that these schemas never use.
import {
  type $strict,
  type $strip,
  $ZodCustom,
  type $ZodErrorMap,
  $ZodNever,
  $ZodObject,
  $ZodOptional,
  type $ZodRawIssue,
  type $ZodShape,
  type $ZodType,
  type ParsePayload,
} from "zod/v4/core";
import { SDKValidationError } from "../models/errors/client-errors.js";
import { renameKeys } from "./casing.js";

/** A schema whose output is `T`. */
export type Schema<T = unknown> = $ZodType<T>;

/** The first thing a schema refused: where (`path`), what kind of problem (`code`), and the refused value. */
export type Issue = $ZodRawIssue;

/**
 * Runs `schema` on `value`: its output (with `rename`, its keys renamed deeply, as renameKeys does), or the
 * first issue. Not zod's `safeParse`, which wraps the issues in its error classes, with messages and formatting these
 * callers never read: they word their own errors (and keeping those classes out of the bundle saves about
 * 0.3 KB gzip).
 */
export function parse<T>(
  schema: $ZodType<T>,
  value: unknown,
  rename?: (key: string) => string,
): { data: T; issue?: undefined } | { data?: undefined; issue: Issue } {
  const result = schema._zod.run({ value, issues: [] }, { async: false }) as ParsePayload<T>;
  if (result.issues.length) return { issue: result.issues[0] as Issue };
  return { data: rename ? (renameKeys(result.value, rename) as T) : result.value };
}

/** The reason a custom schema gave for refusing what `issue` reports, if it gave one. */
export function reasonOf(issue: Issue): string | undefined {
  const reason = (issue.inst as $ZodType | undefined)?._zod.def.error as ((issue: Issue) => unknown) | undefined;
  return reason?.(issue) as string | undefined;
}

/** What a custom schema says when it refuses a value: a fixed reason, or one worked out from the issue. */
type Reason = string | $ZodErrorMap;

/** A value `test` accepts; else `reason`. */
/* @__NO_SIDE_EFFECTS__ */
export function custom<T>(test: (value: unknown) => boolean, reason?: Reason): $ZodCustom<T, T> {
  return new $ZodCustom({
    type: "custom",
    check: "custom",
    fn: test,
    error: typeof reason === "string" ? () => reason : reason,
    // A refused value ends the schema's checks (as zod's own `custom` does): a check after it may assume
    // the value passed (a string, say).
    abort: true,
  }) as $ZodCustom<T, T>;
}

/** An object; keys not in `shape` are dropped. */
/* @__NO_SIDE_EFFECTS__ */
export function object<T extends $ZodShape>(shape: T): $ZodObject<T, $strip> {
  return new $ZodObject({ type: "object", shape }) as $ZodObject<T, $strip>;
}

/** An object; a key not in `shape` is refused (a misspelt field is an error, not silently dropped). */
/* @__NO_SIDE_EFFECTS__ */
export function strictObject<T extends $ZodShape>(shape: T): $ZodObject<T, $strict> {
  return new $ZodObject({ type: "object", shape, catchall: new $ZodNever({ type: "never" }) }) as $ZodObject<
    T,
    $strict
  >;
}

/**
 * A schema built on its first use rather than at import: building them all costs Node about 3 ms of
 * start-up, and most programs use one operation's schemas, or none before their first call.
 */
/* @__NO_SIDE_EFFECTS__ */
export function lazy<S extends $ZodType>(build: () => S): S {
  const holder = {
    get _zod() {
      // Replaced by a plain property on first use: zod reads `_zod` several times per parse.
      const internals = build()._zod;
      Object.defineProperty(holder, "_zod", { value: internals });
      return internals;
    },
  };
  return holder as unknown as S;
}

/** `undefined`, or what `innerType` accepts. */
/* @__NO_SIDE_EFFECTS__ */
export function optional<T extends $ZodType>(innerType: T): $ZodOptional<T> {
  return new $ZodOptional({ type: "optional", innerType }) as $ZodOptional<T>;
}

/** One of `values`; anything else is refused with `must be one of "a", "b"`. */
/* @__NO_SIDE_EFFECTS__ */
function oneOf<const T extends readonly string[]>(values: T): $ZodCustom<T[number], T[number]> {
  const reason = `must be one of ${values.map((value) => JSON.stringify(value)).join(", ")}`;
  return custom<T[number]>((value) => values.includes(value as string), reason);
}

/** A finite number (like zod's `number()`: NaN and ±Infinity are refused). */
/* @__NO_SIDE_EFFECTS__ */
function finiteNumber(): $ZodCustom<number, number> {
  return custom<number>((value) => Number.isFinite(value), "must be of type number");
}

/** A string. */
/* @__NO_SIDE_EFFECTS__ */
export function string(): $ZodCustom<string, string> {
  return custom<string>((value) => typeof value === "string", "must be of type string");
}

/** `null`, or a value `schema` accepts (refused with `schema`'s own reason). */
/* @__NO_SIDE_EFFECTS__ */
export function nullable<T>(schema: $ZodType<T>): $ZodCustom<T | null, T | null> {
  const issueOf = (value: unknown) => parse(schema, value).issue;
  return custom<T | null>(
    (value) => value === null || !issueOf(value),
    (issue) => reasonOf(issueOf(issue.input)!),
  );
}

export { finiteNumber as number, oneOf as enum };

/**
 * Parses `value` with `schema`, or throws an {@link SDKValidationError} naming the first bad field.
 * zod's core ships no messages, so the reason is built here from the issue's kind (custom checks, the
 * enums among them, carry their own), never from the rejected value (it may be a secret).
 */
export function validateInput<T>(schema: Schema<T>, value: unknown): T {
  const { data, issue } = parse(schema, value);
  if (!issue) return data as T;
  const path = (issue.path ?? []).map(String);
  let reason =
    issue.code === "invalid_type" ? `must be of type ${issue.expected}` : (reasonOf(issue) ?? "is not valid");
  if (issue.input === undefined) reason = "is required";
  if (issue.code === "unrecognized_keys") {
    path.push(issue.keys[0]!);
    reason = "is not a known field";
  }
  throw new SDKValidationError(path.join(".") || "request", reason, value);
}
