// Step 1c: OpenAPI 3.1 dropped the 3.0 keyword `nullable`; a 3.1 schema says "or null" with `null` in
// `type`. Upstream's documents up to 2026-04 declare 3.1.0 but still write `nullable: true`, which
// Redocly rejects and code generators read differently. We write it the 3.1 way, which is what upstream
// itself moved to later, so a sync of an old and of a new document say the same thing the same way.
import { isObject, type Json, type JsonObject } from "./json.js";

/** Keys whose values are data, not schemas: a `nullable` in there is an example's field. */
const LITERAL_KEYS = new Set(["example", "examples", "default", "const", "enum"]);

/** Rewrites `nullable` in place in a 3.1 document; returns how many it rewrote. 3.0 documents are left as they are. */
export function nullableToTypeNull(doc: JsonObject): number {
  if (typeof doc["openapi"] !== "string" || !doc["openapi"].startsWith("3.1")) return 0;
  let count = 0;
  const walk = (value: Json): void => {
    if (!isObject(value) && !Array.isArray(value)) return;
    if (isObject(value) && typeof value["nullable"] === "boolean") {
      if (value["nullable"]) addNull(value);
      delete value["nullable"];
      count++;
    }
    for (const [key, item] of Object.entries(value)) {
      if (!LITERAL_KEYS.has(key) && !key.startsWith("x-")) walk(item);
    }
  };
  walk(doc);
  return count;
}

/** `type: string` → `type: [string, 'null']`, and `null` among the `enum` values. No `type`: any value, null included. */
function addNull(schema: JsonObject): void {
  const types = typeof schema["type"] === "string" ? [schema["type"]] : schema["type"];
  if (Array.isArray(types) && !types.includes("null")) schema["type"] = [...types, "null"];
  const values = schema["enum"];
  if (Array.isArray(values) && !values.includes(null)) schema["enum"] = [...values, null];
}
