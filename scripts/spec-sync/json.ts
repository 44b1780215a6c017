// JSON helpers for walking OpenAPI documents, which arrive as untyped data.

export type Json = null | boolean | number | string | Json[] | JsonObject;
export interface JsonObject {
  [key: string]: Json;
}

export const isObject = (value: unknown): value is JsonObject =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** `a/b~c` → `a~1b~0c` (RFC 6901). */
export const escapePointer = (segment: string): string => segment.replace(/~/g, "~0").replace(/\//g, "~1");
export const unescapePointer = (segment: string): string => segment.replace(/~1/g, "/").replace(/~0/g, "~");

/** The value at an internal reference such as `#/components/schemas/Foo`, or undefined. */
export function resolvePointer(doc: Json, ref: string): Json | undefined {
  if (!ref.startsWith("#")) return undefined;
  const path = ref.slice(1);
  if (path === "") return doc;
  if (!path.startsWith("/")) return undefined;
  let node: Json | undefined = doc;
  for (const raw of path.slice(1).split("/")) {
    const segment = unescapePointer(decodeURIComponent(raw));
    if (Array.isArray(node)) node = node[Number(segment)];
    else if (isObject(node)) node = Object.hasOwn(node, segment) ? node[segment] : undefined;
    else return undefined;
  }
  return node;
}

/** Every `$ref` string in a value, with the JSON pointer of the object holding it. */
export function* refsIn(value: Json, pointer = ""): Generator<{ ref: string; at: string }> {
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) yield* refsIn(item, `${pointer}/${index}`);
  } else if (isObject(value)) {
    for (const [key, item] of Object.entries(value)) {
      if (key === "$ref" && typeof item === "string") yield { ref: item, at: pointer };
      else yield* refsIn(item, `${pointer}/${escapePointer(key)}`);
    }
  }
}

/** Keys sorted at every level: two values are equal when their canonical strings are. */
export function canonical(value: Json): string {
  return JSON.stringify(value, (_key, item: Json) =>
    isObject(item) ? Object.fromEntries(Object.entries(item).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : item,
  );
}
