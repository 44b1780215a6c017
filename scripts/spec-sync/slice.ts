// Step 1: keep our operations and everything they reference, transitively, and nothing else.
// openapi-format's filter does the work (inverseOperationIds + unusedComponents); the glue below covers
// what it leaves alone: tags, webhooks, security schemes and the component kinds it does not track.
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

/** Component kinds openapi-format's `unusedComponents` prunes. */
const FILTERED_KINDS = ["schemas", "responses", "parameters", "examples", "requestBodies", "headers", "mediaTypes"];

export interface OperationRef {
  operationId: string | undefined;
  method: string;
  path: string;
  operation: JsonObject;
}

export function listOperations(doc: JsonObject): OperationRef[] {
  const out: OperationRef[] = [];
  const paths = isObject(doc["paths"]) ? doc["paths"] : {};
  for (const [path, item] of Object.entries(paths)) {
    if (!isObject(item)) continue;
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (!isObject(operation)) continue;
      const id = operation["operationId"];
      out.push({ operationId: typeof id === "string" ? id : undefined, method, path, operation });
    }
  }
  return out;
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
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** The document with only the operations `operationIds` and what they reference. */
export async function sliceToOperations(doc: JsonObject, operationIds: readonly string[]): Promise<JsonObject> {
  const input = structuredClone(doc);
  mappingNamesToRefs(input, input);
  const { data } = await openapiFilter(input, {
    filterSet: {
      inverseOperationIds: [...operationIds],
      unusedComponents: FILTERED_KINDS,
      // Keep `additionalProperties: {}` and the like: an empty object can mean something.
      preserveEmptyObjects: true,
    },
  });
  if (!isObject(data)) throw new SpecSyncError("openapi-format's filter returned no document.");
  const sliced = data as JsonObject;
  delete sliced["webhooks"];
  pruneTags(sliced);
  pruneUnreachableComponents(sliced);
  checkRefs(sliced);
  return sliced;
}

/** Top-level tags (and x-tagGroups) that no kept operation uses are dropped. */
function pruneTags(doc: JsonObject): void {
  const used = new Set(
    listOperations(doc).flatMap(({ operation }) =>
      Array.isArray(operation["tags"]) ? operation["tags"].filter((t) => typeof t === "string") : [],
    ),
  );
  const tags = doc["tags"];
  if (Array.isArray(tags)) {
    const kept = tags.filter((tag) => isObject(tag) && typeof tag["name"] === "string" && used.has(tag["name"]));
    if (kept.length > 0) doc["tags"] = kept;
    else delete doc["tags"];
  }
  const groups = doc["x-tagGroups"];
  if (Array.isArray(groups)) {
    const kept = groups.flatMap((group) => {
      if (!isObject(group) || !Array.isArray(group["tags"])) return [];
      const groupTags = group["tags"].filter((tag) => typeof tag === "string" && used.has(tag));
      return groupTags.length > 0 ? [{ ...group, tags: groupTags }] : [];
    });
    if (kept.length > 0) doc["x-tagGroups"] = kept;
    else delete doc["x-tagGroups"];
  }
}

/**
 * Drops every component that nothing outside `components` reaches, following `$ref`s, discriminator
 * mappings and security requirements transitively. Empty component maps go too.
 */
export function pruneUnreachableComponents(doc: JsonObject): void {
  const components = doc["components"];
  if (!isObject(components)) return;
  const reached = reachableComponents(doc);
  for (const [kind, map] of Object.entries(components)) {
    if (kind.startsWith("x-") || !isObject(map)) continue;
    for (const name of Object.keys(map)) {
      if (!reached.has(`${kind}/${name}`)) delete map[name];
    }
    if (Object.keys(map).length === 0) delete components[kind];
  }
  if (Object.keys(components).length === 0) delete doc["components"];
}

/** `kind/name` of every component reachable from the operations and root of `doc`. */
export function reachableComponents(doc: JsonObject): Set<string> {
  const reached = new Set<string>();
  const queue: Json[] = [];
  const visit = (id: string) => {
    if (reached.has(id)) return;
    reached.add(id);
    const [kind, ...rest] = id.split("/");
    const value = resolvePointer(doc, `#/components/${kind}/${escapePointer(rest.join("/"))}`);
    if (value !== undefined) queue.push(value);
  };
  const follow = (value: Json) => {
    for (const { ref } of refsIn(value)) {
      const match = /^#\/components\/([^/]+)\/([^/]+)/.exec(ref);
      if (match?.[1] && match[2]) visit(`${match[1]}/${unescapePointer(decodeURIComponent(match[2]))}`);
    }
    for (const name of discriminatorTargets(value)) visit(`schemas/${name}`);
    for (const name of securitySchemesIn(value)) visit(`securitySchemes/${name}`);
  };
  const { components: _components, ...outside } = doc;
  follow(outside);
  for (let value = queue.shift(); value !== undefined; value = queue.shift()) follow(value);
  return reached;
}

/**
 * Discriminator mappings may name a schema (`dog: Dog`) instead of referencing it; openapi-format's
 * filter only follows references, so names become the equivalent `#/components/schemas/Dog` first.
 */
function mappingNamesToRefs(doc: JsonObject, value: Json): void {
  if (Array.isArray(value)) for (const item of value) mappingNamesToRefs(doc, item);
  else if (isObject(value)) {
    const mapping = isObject(value["discriminator"]) ? value["discriminator"]["mapping"] : undefined;
    if (isObject(mapping)) {
      for (const [key, target] of Object.entries(mapping)) {
        const ref = typeof target === "string" ? `#/components/schemas/${escapePointer(target)}` : "";
        if (typeof target === "string" && !target.startsWith("#") && resolvePointer(doc, ref) !== undefined) {
          mapping[key] = ref;
        }
      }
    }
    for (const item of Object.values(value)) mappingNamesToRefs(doc, item);
  }
}

function* discriminatorTargets(value: Json): Generator<string> {
  if (Array.isArray(value)) for (const item of value) yield* discriminatorTargets(item);
  else if (isObject(value)) {
    for (const [key, item] of Object.entries(value)) {
      if (key === "discriminator" && isObject(item) && isObject(item["mapping"])) {
        for (const target of Object.values(item["mapping"])) {
          if (typeof target !== "string") continue;
          const prefix = "#/components/schemas/";
          if (target.startsWith(prefix)) yield unescapePointer(target.slice(prefix.length));
          else if (!target.startsWith("#")) yield target;
        }
      } else yield* discriminatorTargets(item);
    }
  }
}

/** Names in security requirement lists (`security: [{ bearer: [] }]`) anywhere in `value`. */
function* securitySchemesIn(value: Json): Generator<string> {
  if (Array.isArray(value)) for (const item of value) yield* securitySchemesIn(item);
  else if (isObject(value)) {
    for (const [key, item] of Object.entries(value)) {
      if (key === "security" && Array.isArray(item)) {
        for (const requirement of item) if (isObject(requirement)) yield* Object.keys(requirement);
      } else if (key !== "examples" && key !== "example") yield* securitySchemesIn(item);
    }
  }
}

/** Fails when an internal `$ref` points nowhere (upstream broke it, or the slice lost its target). */
export function checkRefs(doc: JsonObject, label = "The sliced document"): void {
  const broken = [...refsIn(doc)].filter(({ ref }) => ref.startsWith("#") && resolvePointer(doc, ref) === undefined);
  if (broken.length === 0) return;
  const list = broken.slice(0, 10).map(({ ref, at }) => `  - ${ref} (at ${at || "/"})`);
  throw new SpecSyncError(`${label} has $refs that point nowhere:\n${list.join("\n")}`);
}
