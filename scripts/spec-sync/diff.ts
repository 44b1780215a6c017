// Step 5: what changed for users of the SDK between two versions of our spec, and how much it matters
// for semver. The comparison works on dereferenced operations, so moving a schema into a component, or
// renaming one, is not a change for users (the typecheck catches a rename the SDK layer depends on).
import { toCamelKey } from "../../src/lib/casing.js";
import { OPERATIONS } from "./config.js";
import {
  canonical,
  escapePointer,
  isObject,
  type Json,
  type JsonObject,
  resolvePointer,
  unescapePointer,
} from "./json.js";
import { HTTP_METHODS } from "./slice.js";

/** Semver bump a change calls for: breaking → major, addition → minor, documentation only → patch. */
export type Level = "major" | "minor" | "patch";
const RANK: Record<Level | "none", number> = { none: 0, patch: 1, minor: 2, major: 3 };

export interface Change {
  level: Level;
  /** The operation it concerns, or undefined for the document as a whole. */
  operationId: string | undefined;
  /** For the maintainer: wire names, statuses, pointers. */
  summary: string;
  /** For users, in the changeset: SDK method and camelCase field names. */
  userNote: string;
}

export interface SpecDiff {
  changes: Change[];
  /** Component renames and the like: not visible to users by themselves, but generated/ changes. */
  internal: string[];
  level: Level | "none";
}

const DOC_KEYS = new Set(["description", "summary", "example", "examples", "title", "externalDocs", "$comment"]);
/** Maps whose keys are names (a property called `description` is not documentation). */
const NAME_MAPS = new Set([
  "properties",
  "patternProperties",
  "$defs",
  "definitions",
  "dependentSchemas",
  "headers",
  "content",
  "encoding",
  "responses",
  "callbacks",
  "links",
  "variables",
  "mapping",
]);
const isDocKey = (key: string) => DOC_KEYS.has(key) || key.startsWith("x-");

const sdkName = (operationId: string) =>
  OPERATIONS.find((op) => op.operationId === operationId)?.sdkName ?? operationId;
const camelPath = (path: string) => path.replace(/[^.[\]]+/g, (segment) => toCamelKey(segment));

// ---------------------------------------------------------------------------------------------------
// Dereferencing

/** `value` with every internal `$ref` replaced by its target (siblings of `$ref` win); cycles are cut. */
export function dereference(doc: JsonObject, value: Json, stack: readonly string[] = []): Json {
  if (Array.isArray(value)) return value.map((item) => dereference(doc, item, stack));
  if (!isObject(value)) return value;
  const ref = value["$ref"];
  if (typeof ref === "string" && ref.startsWith("#")) {
    if (stack.includes(ref)) return { $circular: ref };
    const target = resolvePointer(doc, ref);
    const { $ref: _ref, ...siblings } = value;
    if (target === undefined) return value;
    const resolved = dereference(doc, target, [...stack, ref]);
    return isObject(resolved) ? { ...resolved, ...(dereference(doc, siblings, stack) as JsonObject) } : resolved;
  }
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, dereference(doc, item, stack)]));
}

/**
 * The structure without documentation: descriptions, summaries, examples, titles, extensions. An empty
 * schema as `additionalProperties` is `true` in other words.
 */
function structure(value: Json, parentKey = ""): Json {
  if (Array.isArray(value)) return value.map((item) => structure(item));
  if (!isObject(value)) return value;
  const names = NAME_MAPS.has(parentKey);
  if (parentKey === "additionalProperties" && Object.keys(value).length === 0) return true;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => names || !isDocKey(key))
      .map(([key, item]) => [key, structure(item, names ? "" : key)]),
  );
}

interface Docs {
  /** pointer → canonical value of every piece of documentation. */
  texts: Map<string, string>;
  /** The pointer of every object: a doc change counts only where its object exists on both sides. */
  owners: Set<string>;
}

function documentation(value: Json, pointer = "", parentKey = "", out?: Docs): Docs {
  const docs = out ?? { texts: new Map(), owners: new Set() };
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) documentation(item, `${pointer}/${index}`, "", docs);
  } else if (isObject(value)) {
    docs.owners.add(pointer);
    const names = NAME_MAPS.has(parentKey);
    for (const [key, item] of Object.entries(value)) {
      const at = `${pointer}/${escapePointer(key)}`;
      if (!names && isDocKey(key)) docs.texts.set(at, canonical(item));
      else documentation(item, at, names ? "" : key, docs);
    }
  }
  return docs;
}

/** Doc changes on objects present before and after (not the docs of an added or removed field). */
function docChanges(before: Docs, after: Docs): string[] {
  return [...new Set([...before.texts.keys(), ...after.texts.keys()])].filter((pointer) => {
    if (before.texts.get(pointer) === after.texts.get(pointer)) return false;
    const owner = pointer.slice(0, pointer.lastIndexOf("/"));
    return before.owners.has(owner) && after.owners.has(owner);
  });
}

/** `/requestBody/content/application~1json/schema/properties/a/description` → `request field a: description`. */
export function readablePointer(pointer: string): string {
  const segments = pointer.split("/").slice(1).map(unescapePointer);
  const key = segments.pop() ?? "";
  const words: string[] = [];
  let field = "";
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i] ?? "";
    const next = segments[i + 1] ?? "";
    if (segment === "requestBody") words.push("request");
    else if (segment === "responses") {
      words.push(`response ${next}`);
      i++;
    } else if (segment === "parameters" || segment === "pathParameters") {
      words.push(`parameter ${Number(next) + 1}`);
      i++;
    } else if (segment === "content") i++;
    else if (segment === "properties") {
      field += `${field ? "." : ""}${next}`;
      i++;
    } else if (segment === "items") field += "[]";
    else if (segment !== "schema") words.push(segment);
  }
  if (field) words.push(`field ${field}`);
  return words.length > 0 ? `${words.join(" ")}: ${key}` : key;
}

// ---------------------------------------------------------------------------------------------------
// A model of what users see

interface Field {
  types: string[];
  format: string | undefined;
  enum: string[] | undefined;
  required: boolean;
  deprecated: boolean;
  constraints: Record<string, string>;
}

interface Operation {
  operationId: string;
  method: string;
  path: string;
  deprecated: boolean;
  security: "none" | "optional" | "required";
  parameters: Map<string, Field & { label: string; name: string }>;
  requestBody: { required: boolean; media: Map<string, Map<string, Field>> } | undefined;
  responses: Map<string, { media: Map<string, Map<string, Field>>; headers: Set<string> }>;
  structure: string;
  docs: Docs;
}

interface Model {
  operations: Map<string, Operation>;
  servers: string;
  docs: Docs;
  components: Set<string>;
}

const CONSTRAINTS = [
  "minimum",
  "exclusiveMinimum",
  "maximum",
  "exclusiveMaximum",
  "minLength",
  "maxLength",
  "pattern",
  "minItems",
  "maxItems",
  "uniqueItems",
  "minProperties",
  "maxProperties",
  "additionalProperties",
];

function typesOf(schema: JsonObject): string[] {
  if (schema["const"] !== undefined) return [`const ${JSON.stringify(schema["const"])}`];
  for (const key of ["oneOf", "anyOf"]) {
    const variants = schema[key];
    if (Array.isArray(variants)) {
      return [`${key}(${variants.map((v) => (isObject(v) ? typesOf(v).join("|") : "?")).join(", ")})`];
    }
  }
  const type = schema["type"];
  const types = new Set(Array.isArray(type) ? type.map(String) : typeof type === "string" ? [type] : []);
  if (schema["nullable"] === true) types.add("null");
  const values = schema["enum"];
  if (Array.isArray(values)) {
    if (types.size === 0) for (const value of values) types.add(value === null ? "null" : typeof value);
    if (values.includes(null)) types.add("null");
  }
  if (types.size === 0) types.add(isObject(schema["properties"]) ? "object" : "any");
  return [...types].sort();
}

/** allOf parts merged into one schema (properties, required, types): enough to list fields. */
function mergeAllOf(schema: JsonObject): JsonObject {
  const parts = schema["allOf"];
  if (!Array.isArray(parts)) return schema;
  const { allOf: _allOf, ...rest } = schema;
  const merged: JsonObject = { ...rest, properties: { ...(isObject(rest["properties"]) ? rest["properties"] : {}) } };
  const required = new Set(Array.isArray(rest["required"]) ? rest["required"] : []);
  for (const part of parts) {
    if (!isObject(part)) continue;
    const flat = mergeAllOf(part);
    if (isObject(flat["properties"])) Object.assign(merged["properties"] as JsonObject, flat["properties"]);
    if (Array.isArray(flat["required"])) for (const name of flat["required"]) required.add(name);
    if (merged["type"] === undefined && flat["type"] !== undefined) merged["type"] = flat["type"];
  }
  merged["required"] = [...required];
  return merged;
}

function fieldOf(schema: JsonObject, required: boolean): Field {
  const constraints: Record<string, string> = {};
  for (const key of CONSTRAINTS) if (schema[key] !== undefined) constraints[key] = canonical(schema[key]);
  // `additionalProperties: {}` allows anything, like `true`: the same constraint in other words.
  if (constraints["additionalProperties"] === "{}") constraints["additionalProperties"] = "true";
  const values = schema["enum"];
  return {
    types: typesOf(schema),
    format: typeof schema["format"] === "string" ? schema["format"] : undefined,
    enum: Array.isArray(values) ? values.map((value) => JSON.stringify(value)) : undefined,
    required,
    deprecated: schema["deprecated"] === true,
    constraints,
  };
}

/** Every field of a (dereferenced) body schema: `data.app_id`, `items[].name`; the root is "". */
function fieldsOf(schema: Json, prefix = "", required = true, out = new Map<string, Field>()): Map<string, Field> {
  if (!isObject(schema)) return out;
  const flat = mergeAllOf(schema);
  out.set(prefix, fieldOf(flat, required));
  const properties = flat["properties"];
  if (isObject(properties)) {
    const requiredNames = new Set(Array.isArray(flat["required"]) ? flat["required"] : []);
    for (const [name, property] of Object.entries(properties)) {
      fieldsOf(property, prefix ? `${prefix}.${name}` : name, requiredNames.has(name), out);
    }
  }
  if (flat["items"] !== undefined) fieldsOf(flat["items"], `${prefix}[]`, true, out);
  return out;
}

function mediaOf(content: Json | undefined): Map<string, Map<string, Field>> {
  const media = new Map<string, Map<string, Field>>();
  if (isObject(content)) {
    for (const [type, entry] of Object.entries(content)) {
      media.set(type, isObject(entry) ? fieldsOf(entry["schema"] ?? {}) : new Map());
    }
  }
  return media;
}

function securityOf(requirements: Json | undefined): Operation["security"] {
  if (!Array.isArray(requirements) || requirements.length === 0) return "none";
  const empty = requirements.filter((r) => isObject(r) && Object.keys(r).length === 0).length;
  if (empty === requirements.length) return "none";
  return empty > 0 ? "optional" : "required";
}

/**
 * Security requirements with each scheme name replaced by what the scheme is (`http bearer`, …): a scheme
 * renamed upstream (our `bearer` became its `apiKey`) sends the same header, so users see no change.
 */
function bySchemeShape(doc: JsonObject, requirements: Json): Json {
  if (!Array.isArray(requirements)) return requirements;
  const components = doc["components"];
  const schemes = isObject(components) && isObject(components["securitySchemes"]) ? components["securitySchemes"] : {};
  return requirements.map((requirement) =>
    isObject(requirement)
      ? Object.fromEntries(
          Object.entries(requirement).map(([name, scopes]) => {
            const scheme = schemes[name];
            return [isObject(scheme) ? canonical(structure(scheme)) : name, scopes];
          }),
        )
      : requirement,
  );
}

export function describe(doc: JsonObject | undefined): Model {
  const model: Model = {
    operations: new Map(),
    servers: "[]",
    docs: { texts: new Map(), owners: new Set([""]) },
    components: new Set(),
  };
  if (!doc) return model;
  model.servers = canonical(
    (Array.isArray(doc["servers"]) ? doc["servers"] : []).map((server) =>
      isObject(server) ? (server["url"] ?? "") : "",
    ),
  );
  const { paths: _paths, components, webhooks: _webhooks, servers: _servers, ...rest } = doc;
  // Everything else at the top (info, tags, externalDocs…) is documentation: by top-level key.
  for (const [key, value] of Object.entries(rest)) model.docs.texts.set(`/${escapePointer(key)}`, canonical(value));
  if (isObject(components)) {
    for (const [kind, map] of Object.entries(components)) {
      if (isObject(map)) for (const name of Object.keys(map)) model.components.add(`${kind}/${name}`);
    }
  }
  const paths = isObject(doc["paths"]) ? doc["paths"] : {};
  for (const [path, rawItem] of Object.entries(paths)) {
    const item = dereference(doc, rawItem);
    if (!isObject(item)) continue;
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (!isObject(operation) || typeof operation["operationId"] !== "string") continue;
      const operationId = operation["operationId"];
      const parameters = new Map<string, Field & { label: string; name: string }>();
      for (const list of [item["parameters"], operation["parameters"]]) {
        for (const parameter of Array.isArray(list) ? list : []) {
          if (!isObject(parameter) || typeof parameter["name"] !== "string") continue;
          const where = String(parameter["in"]);
          const name = where === "header" ? parameter["name"].toLowerCase() : parameter["name"];
          const field = fieldOf(
            isObject(parameter["schema"]) ? parameter["schema"] : {},
            parameter["required"] === true,
          );
          parameters.set(`${where}:${name}`, {
            ...field,
            name: parameter["name"],
            label: `${where} parameter ${parameter["name"]}`,
          });
        }
      }
      const body = operation["requestBody"];
      const responses = new Map<string, { media: Map<string, Map<string, Field>>; headers: Set<string> }>();
      for (const [status, response] of Object.entries(isObject(operation["responses"]) ? operation["responses"] : {})) {
        if (!isObject(response)) continue;
        const headers = isObject(response["headers"])
          ? Object.keys(response["headers"]).map((h) => h.toLowerCase())
          : [];
        responses.set(status.toUpperCase(), { media: mediaOf(response["content"]), headers: new Set(headers) });
      }
      const full = { ...operation, pathParameters: item["parameters"] ?? [] };
      model.operations.set(operationId, {
        operationId,
        method,
        path,
        deprecated: operation["deprecated"] === true,
        security: securityOf(operation["security"] ?? doc["security"]),
        parameters,
        requestBody: isObject(body)
          ? { required: body["required"] === true, media: mediaOf(body["content"]) }
          : undefined,
        responses,
        structure: canonical(
          structure({ ...full, security: bySchemeShape(doc, operation["security"] ?? doc["security"] ?? []) }),
        ),
        docs: documentation(full),
      });
    }
  }
  return model;
}

// ---------------------------------------------------------------------------------------------------
// Comparing

const typeText = (field: Field) => `${field.types.join(" | ")}${field.format ? ` (${field.format})` : ""}`;
const isWider = (wide: string[], narrow: string[]) =>
  wide.includes("any") || narrow.every((t) => wide.includes(t) || (t === "integer" && wide.includes("number")));
const MAX_KEYS = new Set(["maximum", "exclusiveMaximum", "maxLength", "maxItems", "maxProperties"]);
const MIN_KEYS = new Set(["minimum", "exclusiveMinimum", "minLength", "minItems", "minProperties"]);

/** Whether a constraint change makes the schema accept less than before. */
function tightened(key: string, before: string | undefined, after: string | undefined): boolean {
  if (after === undefined) return false;
  if (before === undefined) return key !== "additionalProperties" || after === "false";
  if (MAX_KEYS.has(key)) return Number(after) < Number(before);
  if (MIN_KEYS.has(key)) return Number(after) > Number(before);
  if (key === "additionalProperties") return after === "false";
  return true;
}

class Collector {
  readonly changes: Change[] = [];
  add(level: Level, operationId: string | undefined, summary: string, userNote: string): void {
    this.changes.push({ level, operationId, summary, userNote });
  }
}

type Side = "request" | "response";

function compareFields(
  out: Collector,
  operationId: string,
  side: Side,
  where: string,
  before: Map<string, Field>,
  after: Map<string, Field>,
): void {
  const method = `\`${sdkName(operationId)}\``;
  const request = side === "request";
  const gone: string[] = [];
  const came: string[] = [];
  const under = (path: string, roots: string[]) =>
    roots.some((root) => path.startsWith(`${root}.`) || path.startsWith(`${root}[]`));
  const label = (path: string) => (path === "" ? "the body" : `\`${path}\``);
  const sdk = (path: string) => (path === "" ? "the body" : `\`${camelPath(path)}\``);
  const paths = [...new Set([...before.keys(), ...after.keys()])].sort();
  for (const path of paths) {
    const old = before.get(path);
    const now = after.get(path);
    if (under(path, gone) || under(path, came)) continue;
    if (old && !now) {
      gone.push(path);
      out.add(
        "major",
        operationId,
        `${where} field ${label(path)} removed`,
        request
          ? `${method}: the request no longer has ${sdk(path)}.`
          : `${method}: the response no longer has ${sdk(path)}.`,
      );
      continue;
    }
    if (!old && now) {
      came.push(path);
      const requiredNew = request && now.required;
      out.add(
        requiredNew ? "major" : "minor",
        operationId,
        `${where} field ${label(path)} added (${typeText(now)}, ${now.required ? "required" : "optional"})`,
        request
          ? `${method}: new ${now.required ? "required" : "optional"} request field ${sdk(path)} (${typeText(now)}).`
          : `${method}: the response has a new field ${sdk(path)} (${typeText(now)}${now.required ? "" : ", optional"}).`,
      );
      continue;
    }
    if (!old || !now) continue;
    if (old.required !== now.required && path !== "") {
      const breaking = request ? now.required : !now.required;
      out.add(
        breaking ? "major" : "minor",
        operationId,
        `${where} field ${label(path)} is now ${now.required ? "required" : "optional"}`,
        `${method}: ${request ? "request" : "response"} field ${sdk(path)} is now ${now.required ? "required" : "optional"}.`,
      );
    }
    if (canonical(old.types) !== canonical(now.types)) {
      const safe = request ? isWider(now.types, old.types) : isWider(old.types, now.types);
      out.add(
        safe ? "minor" : "major",
        operationId,
        `${where} field ${label(path)} retyped: ${old.types.join(" | ")} → ${now.types.join(" | ")}`,
        `${method}: ${request ? "request" : "response"} field ${sdk(path)} is now \`${now.types.join(" | ")}\` (was \`${old.types.join(" | ")}\`).`,
      );
    }
    if (old.format !== now.format) {
      out.add(
        "minor",
        operationId,
        `${where} field ${label(path)} format: ${old.format ?? "none"} → ${now.format ?? "none"}`,
        `${method}: ${request ? "request" : "response"} field ${sdk(path)} has format ${now.format ?? "none"} (was ${old.format ?? "none"}).`,
      );
    }
    compareEnums(out, operationId, request, where, path, old, now);
    if (old.deprecated !== now.deprecated) {
      out.add(
        "minor",
        operationId,
        `${where} field ${label(path)} ${now.deprecated ? "deprecated" : "no longer deprecated"}`,
        `${method}: ${sdk(path)} is ${now.deprecated ? "deprecated" : "no longer deprecated"}.`,
      );
    }
    for (const key of new Set([...Object.keys(old.constraints), ...Object.keys(now.constraints)])) {
      const a = old.constraints[key];
      const b = now.constraints[key];
      if (a === b) continue;
      const breaking = request ? tightened(key, a, b) : false;
      out.add(
        breaking ? "major" : "minor",
        operationId,
        `${where} field ${label(path)} ${key}: ${a ?? "none"} → ${b ?? "none"}`,
        `${method}: ${request ? "request" : "response"} field ${sdk(path)} ${key} is now ${b ?? "unset"} (was ${a ?? "unset"}).`,
      );
    }
  }
}

function compareEnums(
  out: Collector,
  operationId: string,
  request: boolean,
  where: string,
  path: string,
  old: Field,
  now: Field,
): void {
  const method = `\`${sdkName(operationId)}\``;
  const label = path === "" ? "the body" : `\`${path}\``;
  const sdk = path === "" ? "the body" : `\`${camelPath(path)}\``;
  if (!old.enum && !now.enum) return;
  if (!old.enum || !now.enum) {
    // An enum that appears narrows the values; one that goes away widens them.
    const narrowed = !old.enum;
    out.add(
      narrowed === request ? "major" : "minor",
      operationId,
      `${where} field ${label} ${narrowed ? `now limited to ${now.enum?.join(", ")}` : "no longer limited to an enum"}`,
      `${method}: ${sdk} ${narrowed ? `takes only ${now.enum?.join(", ")}` : "is no longer limited to fixed values"}.`,
    );
    return;
  }
  const added = now.enum.filter((value) => !old.enum?.includes(value));
  const removed = old.enum.filter((value) => !now.enum?.includes(value));
  if (added.length > 0) {
    out.add(
      request ? "minor" : "major",
      operationId,
      `${where} field ${label} enum + ${added.join(", ")}`,
      request
        ? `${method}: ${sdk} also accepts ${added.join(", ")}.`
        : `${method}: ${sdk} may now be ${added.join(", ")}.`,
    );
  }
  if (removed.length > 0) {
    out.add(
      request ? "major" : "minor",
      operationId,
      `${where} field ${label} enum - ${removed.join(", ")}`,
      request
        ? `${method}: ${sdk} no longer accepts ${removed.join(", ")}.`
        : `${method}: ${sdk} is never ${removed.join(", ")} any more.`,
    );
  }
}

const isSuccess = (status: string) => /^[123]/.test(status);

function compareOperation(out: Collector, old: Operation, now: Operation): void {
  const id = now.operationId;
  const method = `\`${sdkName(id)}\``;
  const before = out.changes.length;
  if (old.method !== now.method || old.path !== now.path) {
    out.add(
      "major",
      id,
      `moved: ${old.method.toUpperCase()} ${old.path} → ${now.method.toUpperCase()} ${now.path}`,
      `${method} now calls ${now.method.toUpperCase()} ${now.path}.`,
    );
  }
  if (old.deprecated !== now.deprecated) {
    out.add(
      "minor",
      id,
      now.deprecated ? "deprecated" : "no longer deprecated",
      `${method} is ${now.deprecated ? "deprecated" : "no longer deprecated"}.`,
    );
  }
  if (old.security !== now.security) {
    const breaking = now.security === "required";
    out.add(
      breaking ? "major" : "minor",
      id,
      `security: API key ${old.security} → ${now.security}`,
      `${method}: an API key is now ${now.security === "none" ? "not used" : now.security}.`,
    );
  }
  for (const key of new Set([...old.parameters.keys(), ...now.parameters.keys()])) {
    const a = old.parameters.get(key);
    const b = now.parameters.get(key);
    if (a && !b) out.add("major", id, `${a.label} removed`, `${method}: ${a.label} is gone.`);
    else if (!a && b) {
      out.add(
        b.required ? "major" : "minor",
        id,
        `${b.label} added (${typeText(b)}, ${b.required ? "required" : "optional"})`,
        `${method}: new ${b.required ? "required" : "optional"} ${b.label}.`,
      );
    } else if (a && b) {
      const where = b.label.replace(/ [^ ]+$/, "");
      compareFields(out, id, "request", where, new Map([[b.name, a]]), new Map([[b.name, b]]));
    }
  }
  const [oldBody, newBody] = [old.requestBody, now.requestBody];
  if (oldBody && !newBody) out.add("major", id, "request body removed", `${method} no longer takes a request body.`);
  else if (!oldBody && newBody) {
    out.add(newBody.required ? "major" : "minor", id, "request body added", `${method} takes a request body.`);
  } else if (oldBody && newBody) {
    if (oldBody.required !== newBody.required) {
      out.add(
        newBody.required ? "major" : "minor",
        id,
        `request body is now ${newBody.required ? "required" : "optional"}`,
        `${method}: the request body is now ${newBody.required ? "required" : "optional"}.`,
      );
    }
    compareMedia(out, id, "request", "request", oldBody.media, newBody.media);
  }
  for (const status of new Set([...old.responses.keys(), ...now.responses.keys()])) {
    const a = old.responses.get(status);
    const b = now.responses.get(status);
    const kind = isSuccess(status) ? "success" : "error";
    if (a && !b) {
      out.add(
        kind === "success" ? "major" : "minor",
        id,
        `status ${status} removed (${kind})`,
        `${method}: the API no longer documents a ${status} ${kind === "success" ? "response" : "error"}.`,
      );
    } else if (!a && b) {
      out.add(
        "minor",
        id,
        `status ${status} added (${kind})`,
        `${method}: the API documents a new ${status} ${kind === "success" ? "response" : "error"}.`,
      );
    } else if (a && b) {
      compareMedia(out, id, "response", `response ${status}`, a.media, b.media);
      for (const header of new Set([...a.headers, ...b.headers])) {
        if (a.headers.has(header) !== b.headers.has(header)) {
          const added = b.headers.has(header);
          out.add(
            "minor",
            id,
            `response ${status} header ${header} ${added ? "added" : "removed"}`,
            `${method}: ${status} responses ${added ? "carry" : "no longer carry"} a \`${header}\` header.`,
          );
        }
      }
    }
  }
  if (out.changes.length === before && old.structure !== now.structure) {
    out.add(
      "minor",
      id,
      "other change to the operation's schema (see the diff of the spec)",
      `${method}: its API description changed.`,
    );
  }
  const docs = docChanges(old.docs, now.docs);
  if (docs.length > 0) {
    const shown = docs.slice(0, 3).map(readablePointer).join("; ");
    out.add(
      "patch",
      id,
      `documentation: ${docs.length} change${docs.length > 1 ? "s" : ""} (${shown}${docs.length > 3 ? "; …" : ""})`,
      `${method}: documentation and examples updated.`,
    );
  }
}

function compareMedia(
  out: Collector,
  id: string,
  side: Side,
  where: string,
  before: Map<string, Map<string, Field>>,
  after: Map<string, Map<string, Field>>,
): void {
  for (const type of new Set([...before.keys(), ...after.keys()])) {
    const a = before.get(type);
    const b = after.get(type);
    const method = `\`${sdkName(id)}\``;
    if (a && !b) out.add("major", id, `${where} ${type} content removed`, `${method}: ${where} is no longer ${type}.`);
    else if (!a && b) out.add("minor", id, `${where} ${type} content added`, `${method}: ${where} may be ${type}.`);
    else if (a && b)
      compareFields(out, id, side, before.size > 1 || after.size > 1 ? `${where} (${type})` : where, a, b);
  }
}

/** What changed between `before` (undefined: there was no spec) and `after`. */
export function diffSpecs(before: JsonObject | undefined, after: JsonObject): SpecDiff {
  const [old, now] = [describe(before), describe(after)];
  const out = new Collector();
  for (const id of new Set([...old.operations.keys(), ...now.operations.keys()])) {
    const a = old.operations.get(id);
    const b = now.operations.get(id);
    if (a && !b)
      out.add("major", id, `operation removed (${a.method.toUpperCase()} ${a.path})`, `\`${sdkName(id)}\` is gone.`);
    else if (!a && b)
      out.add(
        "minor",
        id,
        `operation added (${b.method.toUpperCase()} ${b.path})`,
        `New operation \`${sdkName(id)}\`.`,
      );
    else if (a && b) compareOperation(out, a, b);
  }
  if (before && old.servers !== now.servers) {
    out.add("minor", undefined, `servers: ${old.servers} → ${now.servers}`, "The API's documented server URL changed.");
  }
  const docs = before ? docChanges(old.docs, now.docs) : [];
  if (docs.length > 0) {
    out.add(
      "patch",
      undefined,
      `documentation: ${docs.map((pointer) => pointer.slice(1)).join(", ")}`,
      "API description updated.",
    );
  }
  const internal = [
    ...[...now.components].filter((c) => !old.components.has(c)).map((c) => `+ components/${c}`),
    ...[...old.components].filter((c) => !now.components.has(c)).map((c) => `- components/${c}`),
  ];
  const order = (id: string | undefined) => {
    const index = OPERATIONS.findIndex((op) => op.operationId === id);
    return index === -1 ? OPERATIONS.length : index;
  };
  out.changes.sort((a, b) => order(a.operationId) - order(b.operationId));
  const level = out.changes.reduce<Level | "none">((max, c) => (RANK[c.level] > RANK[max] ? c.level : max), "none");
  return { changes: out.changes, internal: before ? internal : [], level };
}
