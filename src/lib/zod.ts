// The zod/mini builders the schemas use, and nothing else. The build bundles this one module with zod
// inlined and tree-shaken (scripts/build.mjs): loading all of zod/mini costs Node about 100 ms at
// start-up, and an inlined copy can never clash with a consumer's own zod.
import { custom, type ZodMiniCustom, type ZodMiniType } from "zod/mini";

export type { ZodMiniType } from "zod/mini";
export { custom, object, optional, strictObject } from "zod/mini";

// `enum`, `number`, `string`, `refine` and `nullable` are built on `custom`, with the reasons
// validateInput gave for zod's own: those carry machinery these schemas never use (value sets,
// patterns, coercion, formats), about 0.65 KB gzip in every bundle.

/** One of `values`; anything else is refused with `must be one of "a", "b"`. */
function oneOf<const T extends readonly string[]>(values: T): ZodMiniCustom<T[number], T[number]> {
  const reason = `must be one of ${values.map((value) => JSON.stringify(value)).join(", ")}`;
  return custom<T[number]>((value) => values.includes(value as string), reason);
}

/** A finite number (like zod's `number()`: NaN and ±Infinity are refused). */
function finiteNumber(): ZodMiniCustom<number, number> {
  return custom<number>((value) => Number.isFinite(value), "must be of type number");
}

/** A string. */
function string(): ZodMiniCustom<string, string> {
  return custom<string>((value) => typeof value === "string", "must be of type string");
}

/** A check for `.check()`: `test` must hold, else `reason`. (A custom schema is also a check.) */
function refine<T>(test: (value: T) => boolean, reason: string): ZodMiniCustom<T, T> {
  return custom<T>((value) => test(value as T), reason);
}

/** `null`, or a value `schema` accepts (refused with `schema`'s own reason). */
function nullable<T>(schema: ZodMiniType<T>): ZodMiniCustom<T | null, T | null> {
  return custom<T | null>((value) => value === null || schema.safeParse(value).success, {
    error: (issue) => schema.safeParse(issue.input).error?.issues[0]?.message,
  });
}

export { finiteNumber as number, nullable, oneOf as enum, refine, string };
