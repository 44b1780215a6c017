// The wire speaks snake_case and the SDK camelCase. One mapping, used at the type level to derive
// the public types from the generated ones and at run time to convert bodies.

/** `code_challenge_method` → `codeChallengeMethod`. */
export type CamelCase<S extends string> = S extends `${infer Head}_${infer Tail}`
  ? `${Head}${Capitalize<CamelCase<Tail>>}`
  : S;

/** Deeply renames object keys to camelCase; modifiers (optional, readonly) are kept. */
export type CamelCased<T> = T extends readonly (infer U)[]
  ? CamelCased<U>[]
  : T extends object
    ? { [K in keyof T as K extends string ? CamelCase<K> : K]: CamelCased<T[K]> }
    : T;

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

export const toSnakeKey = (key: string): string => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
export const toCamelKey = (key: string): string => key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** Renames keys deeply; values that are not plain objects or arrays are kept as they are. */
export function renameKeys(value: unknown, rename: (key: string) => string): unknown {
  if (Array.isArray(value)) return value.map((item) => renameKeys(item, rename));
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    // `undefined` means "not given": leave the key out of the wire body entirely.
    if (value[key] !== undefined) out[rename(key)] = renameKeys(value[key], rename);
  }
  return out;
}
