// The zod/mini builders the schemas use, and nothing else. The build bundles this one module with zod
// inlined and tree-shaken (scripts/build.mjs): loading all of zod/mini costs Node about 100 ms at
// start-up, and an inlined copy can never clash with a consumer's own zod.
import { custom, type ZodMiniCustom } from "zod/mini";

export type { ZodMiniType } from "zod/mini";
export { custom, nullable, object, optional, strictObject } from "zod/mini";

// `enum`, `number`, `string` and `refine` are built on `custom`, with the reasons validateInput gave for zod's
// own: those carry machinery these schemas never use (value sets, patterns, coercion, formats), about
// 0.6 KB gzip in every bundle.

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

export { finiteNumber as number, oneOf as enum, refine, string };
