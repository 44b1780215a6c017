// zod's parse allocates a payload and an issue list per field and runs every check through its generic
// machinery: in a real call that is the SDK's largest cost after fetch itself. Most values are valid, so
// this walks the same schema definitions directly and vouches only for what it can prove valid; anything
// else (a refusal, or a kind of schema it does not know) goes to zod, which decides (see `parse` in zod.ts).
// test/unit/fast-parse.test.ts checks that both give the same verdict and the same output.
import type { $ZodType } from "zod/v4/core";
import { renameKeys } from "./casing.js";

/** What {@link fastParse} returns when it cannot vouch for a value: zod decides. */
export const UNDECIDED: unique symbol = Symbol("undecided");

/** The parts of a schema definition read here (the kinds src/lib/zod.ts builds). */
interface Def {
  type: string;
  checks?: readonly $ZodType[];
  fn?: (value: unknown) => unknown;
  innerType?: $ZodType;
  shape?: Record<string, $ZodType>;
  catchall?: $ZodType;
}

/** A schema's fast path: zod's output for a value it can prove valid, else {@link UNDECIDED}. */
type FastPath = (value: unknown) => unknown;

// Per key renaming (none, or one of the module-level functions callers pass, e.g. toCamelKey): schema → its
// fast path.
const compiled = new Map<((key: string) => string) | undefined, WeakMap<object, FastPath>>();

/**
 * zod's output for `value` when it is valid for `schema` as far as this can tell; else {@link UNDECIDED}.
 * With `rename`, the output is `renameKeys(output, rename)`, built in the same walk (no second copy).
 */
export function fastParse(schema: $ZodType, value: unknown, rename?: (key: string) => string): unknown {
  let paths = compiled.get(rename);
  if (!paths) {
    paths = new WeakMap();
    compiled.set(rename, paths);
  }
  let path = paths.get(schema);
  if (!path) {
    path = compile(schema, rename);
    paths.set(schema, path);
  }
  return path(value);
}

// Compiled once per schema into closures: reading zod's definitions on every call (lazy getters, objects
// of many shapes) would cost as much as zod itself.
function compile(schema: $ZodType, rename: ((key: string) => string) | undefined): FastPath {
  const { type, checks = [], fn, innerType, shape, catchall } = schema._zod.def as Def;
  if (type === "custom") {
    // A test's verdict counts only when it is exactly true: zod treats a promise as async, which is its call.
    const tests = [fn!, ...checks.map((check) => (check._zod.def as Def).fn!)];
    return (value) => {
      for (const test of tests) if (test(value) !== true) return UNDECIDED;
      // Only an object can need renaming (a custom schema may accept one): no call per string or number.
      return rename && typeof value === "object" ? renameKeys(value, rename) : value;
    };
  }
  if (checks.length) return () => UNDECIDED;
  if (type === "optional" || type === "nullable") {
    const empty = type === "optional" ? undefined : null;
    const inner = compile(innerType!, rename);
    return (value) => (value === empty ? value : inner(value));
  }
  if (type !== "object") return () => UNDECIDED;
  // An object: a fresh one with the shape's keys, in the shape's order, as zod builds it.
  const keys = Object.keys(shape!);
  const names = rename ? keys.map(rename) : keys;
  const fields = keys.map((key) => compile(shape![key]!, rename));
  const optional = keys.map((key) => shape![key]!._zod.optin === "optional");
  return (value) => {
    if (typeof value !== "object" || value === null || Array.isArray(value)) return UNDECIDED;
    const input = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      const field = input[key];
      if (field === undefined) {
        // Only an optional field may be undefined; zod keeps the key when the input has it (renameKeys does not).
        if (!optional[i]) return UNDECIDED;
        if (!rename && key in input) out[key] = undefined;
        continue;
      }
      const parsed = fields[i]!(field);
      if (parsed === UNDECIDED) return UNDECIDED;
      out[names[i]!] = parsed;
    }
    // A catchall (strictObject's `never`) makes a key outside the shape an error, which zod words.
    if (catchall) for (const key in input) if (!Object.hasOwn(shape!, key)) return UNDECIDED;
    return out;
  };
}
