// Step 1: keep our operations and everything they reference, transitively, and nothing else.
// openapi-format's filter does the work (inverseOperationIds + unusedComponents); the glue below covers
// what it leaves alone: tags, webhooks, security schemes, schemas named (not referenced) by a
// discriminator mapping, and the component kinds it does not track.
import { openapiFilter } from "openapi-format";
import type { OperationSpec } from "./config.js";
import { SpecSyncError } from "./errors.js";
import {
  escapePointer,
  isObject,
  type Json,
  type JsonObject,
  refsIn,
  resolvePointer,
  unescapePointer,
} from "./json.js";

export const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace", "query"];

export interface OperationRef {
  operationId: string | undefined;
  method: string;
  path: string;
  operation: JsonObject;
}

export function listOperations(doc: JsonObject): OperationRef[] {
  return Object.entries(isObject(doc["paths"]) ? doc["paths"] : {}).flatMap(([path, item]) =>
    HTTP_METHODS.flatMap((method) => {
      const operation = isObject(item) ? item[method] : undefined;
      const id = isObject(operation) ? operation["operationId"] : undefined;
      return isObject(operation)
        ? [{ operationId: typeof id === "string" ? id : undefined, method, path, operation }]
        : [];
    }),
  );
}

/** Fails, naming each missing operation with the closest operationIds, unless all of `wanted` are there. */
export function checkOperations(doc: JsonObject, wanted: readonly OperationSpec[], label: string): void {
  const operations = listOperations(doc);
  const missing = wanted.filter((op) => !operations.some((found) => found.operationId === op.operationId));
  if (missing.length === 0) return;
  const ids = operations.flatMap((op) => (op.operationId ? [op.operationId] : []));
  const lines = missing.map((op) => {
    const where = `${op.method.toUpperCase()} ${op.path}`;
    const atSamePlace = operations.find((found) => found.method === op.method && found.path === op.path);
    const hints: string[] = [];
    if (atSamePlace?.operationId) hints.push(`${where} now has operationId "${atSamePlace.operationId}" (renamed?)`);
    const closest = closestIds(op.operationId, ids).filter((id) => id !== atSamePlace?.operationId);
    if (closest.length > 0) {
      hints.push(`closest operationId${closest.length > 1 ? "s" : ""}: ${closest.map((id) => `"${id}"`).join(", ")}`);
    }
    if (hints.length === 0) hints.push(`nothing like it among its ${ids.length} operationIds`);
    return `  - ${op.operationId} (${where}, SDK method ${op.sdkName}) is missing: ${hints.join("; ")}.`;
  });
  throw new SpecSyncError(
    `${label} lacks ${missing.length === 1 ? "an operation" : "operations"} the SDK is built on:\n${lines.join("\n")}\n` +
      "If upstream renamed it, update OPERATIONS in scripts/spec-sync/config.ts (and the SDK) to match.",
  );
}

/** Up to three operationIds nearest to `id` (case-insensitive edit distance), nearest first. */
export function closestIds(id: string, candidates: readonly string[]): string[] {
  const target = id.toLowerCase();
  const limit = Math.max(3, Math.ceil(target.length / 2));
  return [...new Set(candidates)]
    .map((candidate) => ({ candidate, distance: editDistance(target, candidate.toLowerCase()) }))
    .filter(({ distance }) => distance <= limit)
    .sort((a, b) => a.distance - b.distance || a.candidate.localeCompare(b.candidate))
    .slice(0, 3)
    .map(({ candidate }) => candidate);
}

function editDistance(a: string, b: string): number {
  let row = [...Array(b.length + 1).keys()];
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) {
      next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    row = next;
  }
  return row[b.length]!;
}

/** The document with only the operations `operationIds` and what they reference. */
export async function sliceToOperations(doc: JsonObject, operationIds: readonly string[]): Promise<JsonObject> {
  const input = structuredClone(doc);
  mappingNamesToRefs(input, input);
  const { data } = await openapiFilter(input, {
    filterSet: {
      inverseOperationIds: [...operationIds],
      unusedComponents: ["schemas", "responses", "parameters", "examples", "requestBodies", "headers", "mediaTypes"],
      // Keep `additionalProperties: {}` and the like: an empty object can mean something.
      preserveEmptyObjects: true,
    },
  });
  if (!isObject(data)) throw new SpecSyncError("openapi-format's filter returned no document.");
  const sliced = data as JsonObject;
  // What openapi-format leaves: webhooks, tag groups, the tags no kept operation uses, security schemes.
  delete sliced["webhooks"];
  delete sliced["x-tagGroups"];
  const used = new Set(listOperations(sliced).flatMap(({ operation }) => operation["tags"] ?? []));
  const tags = Array.isArray(sliced["tags"])
    ? sliced["tags"].filter((tag) => isObject(tag) && used.has(tag["name"] ?? ""))
    : [];
  if (tags.length > 0) sliced["tags"] = tags;
  else delete sliced["tags"];
  pruneUnreachableComponents(sliced);
  checkRefs(sliced);
  return sliced;
}

/** Drops every component that nothing outside `components` reaches, and then empty component maps. */
export function pruneUnreachableComponents(doc: JsonObject): void {
  const components = doc["components"];
  if (!isObject(components)) return;
  const reached = reachableComponents(doc);
  for (const [kind, map] of Object.entries(components)) {
    if (kind.startsWith("x-") || !isObject(map)) continue;
    for (const name of Object.keys(map)) if (!reached.has(`${kind}/${name}`)) delete map[name];
    if (Object.keys(map).length === 0) delete components[kind];
  }
  if (Object.keys(components).length === 0) delete doc["components"];
}

/** `kind/name` of every component reachable from the operations and root of `doc`, transitively. */
export function reachableComponents(doc: JsonObject): Set<string> {
  const { components, ...outside } = doc;
  const reached = new Set<string>();
  const queue: Json[] = [outside];
  for (let value = queue.pop(); value !== undefined; value = queue.pop()) {
    for (const id of namedComponents(value)) {
      if (reached.has(id)) continue;
      reached.add(id);
      const [kind = "", ...name] = id.split("/");
      const target = isObject(components) && isObject(components[kind]) ? components[kind][name.join("/")] : undefined;
      if (target !== undefined) queue.push(target);
    }
  }
  return reached;
}

/** `kind/name` of the components `value` names: by `$ref`, in a discriminator mapping, in a security requirement. */
function* namedComponents(value: Json, key = "", inExample = false): Generator<string> {
  const refId = (ref: string) => /^#\/components\/([^/]+)\/([^/]+)/.exec(ref);
  if (key === "$ref" && typeof value === "string") {
    const [, kind, name] = refId(value) ?? [];
    if (kind && name) yield `${kind}/${unescapePointer(decodeURIComponent(name))}`;
  } else if (key === "security" && Array.isArray(value) && !inExample) {
    for (const requirement of value)
      if (isObject(requirement)) yield* Object.keys(requirement).map((n) => `securitySchemes/${n}`);
  } else if (key === "discriminator" && isObject(value) && isObject(value["mapping"])) {
    // A mapping may name a schema (`dog: Dog`) instead of referencing it.
    for (const target of Object.values(value["mapping"])) {
      if (typeof target === "string" && !target.startsWith("#")) yield `schemas/${target}`;
      else if (typeof target === "string") yield* namedComponents(target, "$ref");
    }
  }
  if (!isObject(value) && !Array.isArray(value)) return;
  for (const [k, item] of Object.entries(value)) {
    yield* namedComponents(item, Array.isArray(value) ? "" : k, inExample || k === "example" || k === "examples");
  }
}

/** Discriminator mappings that name a schema become the equivalent `$ref`: openapi-format's filter follows only those. */
function mappingNamesToRefs(doc: JsonObject, value: Json): void {
  if (!isObject(value) && !Array.isArray(value)) return;
  const mapping = isObject(value) && isObject(value["discriminator"]) ? value["discriminator"]["mapping"] : undefined;
  for (const [key, target] of Object.entries(isObject(mapping) ? mapping : {})) {
    const ref = `#/components/schemas/${escapePointer(String(target))}`;
    if (typeof target === "string" && !target.startsWith("#") && resolvePointer(doc, ref) !== undefined) {
      (mapping as JsonObject)[key] = ref;
    }
  }
  for (const item of Object.values(value)) mappingNamesToRefs(doc, item);
}

/** Fails when an internal `$ref` points nowhere (upstream broke it, or the slice lost its target). */
export function checkRefs(doc: JsonObject, label = "The sliced document"): void {
  const broken = [...refsIn(doc)].filter(({ ref }) => ref.startsWith("#") && resolvePointer(doc, ref) === undefined);
  if (broken.length === 0) return;
  const list = broken.slice(0, 10).map(({ ref, at }) => `  - ${ref} (at ${at || "/"})`);
  throw new SpecSyncError(`${label} has $refs that point nowhere:\n${list.join("\n")}`);
}
