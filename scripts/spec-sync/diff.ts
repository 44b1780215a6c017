// Step 5: what changed for users of the SDK between two versions of our spec, and how much it matters
// for semver. It compares dereferenced operations, so moving a schema into a component, or renaming one,
// is not a change for users (the typecheck catches a rename the SDK layer depends on). What two operations
// need: the fields of the request and response bodies (added, removed, required, type, enum, format and
// other keywords), the statuses, the API key, and documentation as one count. Any other structural change
// to an operation is reported as such, for the maintainer to read in the diff of the spec.
import { toCamelKey } from "../../src/lib/casing.js";
import { OPERATIONS } from "./config.js";
import { canonical, escapePointer, isObject, type Json, type JsonObject, resolvePointer } from "./json.js";
import { listOperations } from "./slice.js";

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
const NAME_MAPS = new Set(["properties", "patternProperties", "$defs", "headers", "content", "encoding", "responses"]);
const isDocKey = (key: string) => DOC_KEYS.has(key) || key.startsWith("x-");
const sdkName = (id: string) => OPERATIONS.find((op) => op.operationId === id)?.sdkName ?? id;
const camelPath = (path: string) => path.replace(/[^.[\]]+/g, (segment) => toCamelKey(segment));

/** `value` with every internal `$ref` replaced by its target (siblings of `$ref` win); cycles are cut. */
function dereference(doc: JsonObject, value: Json, stack: readonly string[] = []): Json {
  if (Array.isArray(value)) return value.map((item) => dereference(doc, item, stack));
  if (!isObject(value)) return value;
  const { $ref: ref, ...siblings } = value;
  if (typeof ref !== "string" || !ref.startsWith("#")) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, dereference(doc, item, stack)]));
  }
  if (stack.includes(ref)) return { $circular: ref };
  const target = resolvePointer(doc, ref);
  if (target === undefined) return value;
  const resolved = dereference(doc, target, [...stack, ref]);
  return isObject(resolved) ? { ...resolved, ...(dereference(doc, siblings, stack) as JsonObject) } : resolved;
}

/**
 * pointer → what is there: `doc …` for a piece of documentation (a description, an example…), the
 * canonical value of any other leaf, `{}` or `[]` for an object or list. An empty schema as
 * `additionalProperties` is `true` in other words.
 */
function flatten(value: Json, pointer = "", parentKey = "", out = new Map<string, string>()): Map<string, string> {
  if (parentKey === "additionalProperties" && canonical(value) === "{}") out.set(pointer, "true");
  else if (!isObject(value) && !Array.isArray(value)) out.set(pointer, canonical(value));
  else {
    out.set(pointer, Array.isArray(value) ? "[]" : "{}");
    const names = NAME_MAPS.has(parentKey);
    for (const [key, item] of Object.entries(value)) {
      const at = `${pointer}/${escapePointer(key)}`;
      if (!names && !Array.isArray(value) && isDocKey(key)) out.set(at, `doc ${canonical(item)}`);
      else flatten(item, at, names || Array.isArray(value) ? "" : key, out);
    }
  }
  return out;
}
/** The structure without the documentation, whatever the order of keys. */
const structure = (flat: Map<string, string>) =>
  [...flat]
    .flatMap(([pointer, value]) => (value.startsWith("doc ") ? [] : [`${pointer} ${value}`]))
    .sort()
    .join("\n");

/** Documentation changed on objects present before and after (not the docs of an added or removed field). */
const docChanges = (before: Map<string, string>, after: Map<string, string>): string[] =>
  [...new Set([...before.keys(), ...after.keys()])].filter((pointer) => {
    const [a, b] = [before.get(pointer), after.get(pointer)];
    const owner = pointer.slice(0, pointer.lastIndexOf("/"));
    const doc = a?.startsWith("doc ") || b?.startsWith("doc ");
    return a !== b && doc && before.has(owner) && after.has(owner);
  });

/** `/requestBody/content/application~1json/schema/properties/a/description` → `request field a: description`. */
export function readablePointer(pointer: string): string {
  const segments = pointer
    .split("/")
    .slice(1)
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
  const key = segments.pop() ?? "";
  const words: string[] = [];
  let field = "";
  for (let i = 0; i < segments.length; i++) {
    const [segment = "", next = ""] = [segments[i], segments[i + 1]];
    if (segment === "requestBody") words.push("request");
    else if (segment === "responses") words.push(`response ${next}`);
    else if (segment.endsWith("arameters")) words.push(`parameter ${Number(next) + 1}`);
    else if (segment === "properties") field += `${field ? "." : ""}${next}`;
    else if (segment === "items") field += "[]";
    else if (segment !== "schema" && segment !== "content") words.push(segment);
    if (/^(responses|parameters|pathParameters|content|properties)$/.test(segment)) i++;
  }
  if (field) words.push(`field ${field}`);
  return words.length > 0 ? `${words.join(" ")}: ${key}` : key;
}

/** What users see of one field: its type, whether it is required, and the keywords that limit its values. */
type Field = Record<string, string>;
const KEYWORDS = new Set(["format", "enum", "pattern", "uniqueItems", "additionalProperties"]);

function typesOf(schema: JsonObject): string {
  if (schema["const"] !== undefined) return `const ${JSON.stringify(schema["const"])}`;
  for (const key of ["oneOf", "anyOf"]) {
    const variants = schema[key];
    if (Array.isArray(variants)) {
      return `${key}(${variants.map((v) => (isObject(v) ? typesOf(v).replaceAll(" | ", "|") : "?")).join(", ")})`;
    }
  }
  const type = schema["type"];
  const types = new Set(Array.isArray(type) ? type.map(String) : typeof type === "string" ? [type] : []);
  const values = Array.isArray(schema["enum"]) ? schema["enum"] : [];
  if (types.size === 0) for (const value of values) types.add(value === null ? "null" : typeof value);
  if (values.includes(null)) types.add("null");
  if (types.size === 0) types.add(isObject(schema["properties"]) ? "object" : "any");
  return [...types].sort().join(" | ");
}

/** Every field of a dereferenced body schema (`data.app_id`, `items[].name`, allOf parts merged); the root is "". */
function fieldsOf(schema: Json, prefix = "", required = true, out = new Map<string, Field>()): Map<string, Field> {
  if (!isObject(schema)) return out;
  const parts = [schema, ...(Array.isArray(schema["allOf"]) ? schema["allOf"] : [])].filter(isObject);
  const field: Field = { type: typesOf({ ...parts.find((part) => part["type"] !== undefined), ...schema }) };
  if (required) field["required"] = "true";
  for (const [key, value] of Object.entries(schema)) {
    if (KEYWORDS.has(key) || /^(min|max|exclusiveM)/.test(key))
      field[key] = typeof value === "string" ? value : canonical(value);
  }
  if (field["additionalProperties"] === "{}") field["additionalProperties"] = "true";
  out.set(prefix, field);
  const requiredNames = new Set(parts.flatMap((part) => (Array.isArray(part["required"]) ? part["required"] : [])));
  for (const part of parts) {
    for (const [name, property] of Object.entries(isObject(part["properties"]) ? part["properties"] : {})) {
      fieldsOf(property, prefix ? `${prefix}.${name}` : name, requiredNames.has(name), out);
    }
  }
  if (schema["items"] !== undefined) fieldsOf(schema["items"], `${prefix}[]`, true, out);
  return out;
}

interface Operation {
  where: string;
  security: "none" | "optional" | "required";
  statuses: string[];
  /** `request`, `response 200`, with the media type unless it is JSON → the fields of its body. */
  bodies: Map<string, Map<string, Field>>;
  /** `header X-Title`, `query limit`… → whether the parameter is required. */
  parameters: Map<string, boolean>;
  flat: Map<string, string>;
}

function describe(doc: JsonObject | undefined): Map<string, Operation> {
  const operations = new Map<string, Operation>();
  const components = isObject(doc?.["components"]) ? doc["components"] : {};
  const schemes = isObject(components["securitySchemes"]) ? components["securitySchemes"] : {};
  for (const { operationId, method, path } of doc ? listOperations(doc) : []) {
    if (operationId === undefined || !doc) continue;
    const item = dereference(doc, (doc["paths"] as JsonObject)[path] ?? {}) as JsonObject;
    const operation: JsonObject = { ...(item[method] as JsonObject), pathParameters: item["parameters"] ?? [] };
    const requirements = operation["security"] ?? doc["security"] ?? [];
    const list = Array.isArray(requirements) ? requirements : [];
    const empty = list.filter((requirement) => canonical(requirement) === "{}").length;
    // A scheme renamed upstream (our `bearer` became its `apiKey`) sends the same header: compare what each is.
    operation["security"] = list.map((requirement) =>
      Object.keys(isObject(requirement) ? requirement : {}).map((name) => structure(flatten(schemes[name] ?? name))),
    );
    const bodies = new Map<string, Map<string, Field>>();
    const addBodies = (where: string, content: Json | undefined) => {
      for (const [type, media] of Object.entries(isObject(content) ? content : {})) {
        const schema = isObject(media) ? (media["schema"] ?? {}) : {};
        bodies.set(type === "application/json" ? where : `${where} (${type})`, fieldsOf(schema));
      }
    };
    if (isObject(operation["requestBody"])) addBodies("request", operation["requestBody"]["content"]);
    const responses = isObject(operation["responses"]) ? operation["responses"] : {};
    for (const [status, response] of Object.entries(responses)) {
      if (isObject(response)) addBodies(`response ${status.toUpperCase()}`, response["content"]);
    }
    const parameters = new Map<string, boolean>();
    for (const parameter of [operation["pathParameters"], operation["parameters"]].flat()) {
      if (isObject(parameter))
        parameters.set(`${parameter["in"]} ${parameter["name"]}`, parameter["required"] === true);
    }
    operations.set(operationId, {
      where: `${method.toUpperCase()} ${path}`,
      parameters,
      security: empty === list.length ? "none" : empty > 0 ? "optional" : "required",
      statuses: Object.keys(responses).map((status) => status.toUpperCase()),
      bodies,
      flat: flatten(operation),
    });
  }
  return operations;
}

type Add = (level: Level, summary: string, userNote: string) => void;

/** Whether `wide` (`integer | null`) accepts every type of `narrow`. */
const isWider = (wide: string, narrow: string) =>
  wide === "any" ||
  narrow
    .split(" | ")
    .every((t) => [t, t === "integer" && "number"].some((w) => ` | ${wide} | `.includes(` | ${w} | `)));
/** Whether a keyword's new value lets fewer values through. */
function tightened(key: string, before: string | undefined, after: string | undefined): boolean {
  if (after === undefined) return false;
  if (key === "additionalProperties") return after === "false";
  if (before === undefined) return true;
  if (/^(max|exclusiveMax)/.test(key)) return Number(after) < Number(before);
  if (/^(min|exclusiveMin)/.test(key)) return Number(after) > Number(before);
  return key !== "format";
}

/** The fields of one body, before and after; `where` is `request` or `response 200`. */
function compareFields(add: Add, method: string, where: string, before: Map<string, Field>, after: Map<string, Field>) {
  const request = where.startsWith("request");
  const side = request ? "request" : "response";
  const gone: string[] = [];
  for (const path of [...new Set([...before.keys(), ...after.keys()])].sort()) {
    const [old, now] = [before.get(path), after.get(path)];
    if (gone.some((root) => root === "" || path.startsWith(`${root}.`) || path.startsWith(`${root}[]`))) continue;
    const [label, sdk] = path === "" ? ["the body", "the body"] : [`\`${path}\``, `\`${camelPath(path)}\``];
    const change = (level: Level, summary: string, note: string) =>
      add(level, `${where} field ${label} ${summary}`, `${method}: ${note}.`);
    if (!old || !now) {
      gone.push(path);
      const type = `${now?.["type"]}${now?.["format"] ? ` (${now["format"]})` : ""}`;
      const required = now?.["required"] && path !== "" ? "required" : "optional";
      if (!now) change("major", "removed", `the ${side} no longer has ${sdk}`);
      else if (request)
        change(
          required === "required" ? "major" : "minor",
          `added (${type}, ${required})`,
          `new ${required} request field ${sdk} (${type})`,
        );
      else
        change(
          "minor",
          `added (${type}, ${required})`,
          `the response has a new field ${sdk} (${type}${now["required"] ? "" : ", optional"})`,
        );
      continue;
    }
    for (const key of new Set([...Object.keys(old), ...Object.keys(now)])) {
      const [a, b] = [old[key], now[key]];
      if (a === b || (key === "required" && path === "")) continue;
      if (key === "required") {
        const state = b ? "required" : "optional";
        change(request === !!b ? "major" : "minor", `is now ${state}`, `${side} field ${sdk} is now ${state}`);
      } else if (key === "type") {
        const safe = request ? isWider(`${b}`, `${a}`) : isWider(`${a}`, `${b}`);
        change(safe ? "minor" : "major", `retyped: ${a} → ${b}`, `${side} field ${sdk} is now \`${b}\` (was \`${a}\`)`);
      } else if (key === "enum" && a && b) {
        const [was = [], is = []] = [a, b].map((list) => (JSON.parse(list) as Json[]).map((v) => JSON.stringify(v)));
        const added = is.filter((value) => !was.includes(value)).join(", ");
        const removed = was.filter((value) => !is.includes(value)).join(", ");
        const [accepts, refuses] = request
          ? [`also accepts ${added}`, `no longer accepts ${removed}`]
          : [`may now be ${added}`, `is never ${removed} any more`];
        if (added) change(request ? "minor" : "major", `enum + ${added}`, `${sdk} ${accepts}`);
        if (removed) change(request ? "major" : "minor", `enum - ${removed}`, `${sdk} ${refuses}`);
      } else {
        // A response enum that goes away lets new values through, as an added value does.
        const breaking = request ? tightened(key, a, b) : key === "enum" && tightened(key, b, a);
        change(
          breaking ? "major" : "minor",
          `${key}: ${a ?? "none"} → ${b ?? "none"}`,
          `${side} field ${sdk} ${key} is now ${b ?? "unset"} (was ${a ?? "unset"})`,
        );
      }
    }
  }
}

function compareOperation(changes: Change[], id: string, old: Operation, now: Operation): void {
  const method = `\`${sdkName(id)}\``;
  const add: Add = (level, summary, userNote) => changes.push({ level, operationId: id, summary, userNote });
  const start = changes.length;
  if (old.where !== now.where) add("major", `moved: ${old.where} → ${now.where}`, `${method} now calls ${now.where}.`);
  if (old.security !== now.security) {
    const note = `${method}: an API key is now ${now.security === "none" ? "not used" : now.security}.`;
    add(now.security === "required" ? "major" : "minor", `security: API key ${old.security} → ${now.security}`, note);
  }
  for (const name of new Set([...old.parameters.keys(), ...now.parameters.keys()])) {
    const [was, is] = [old.parameters.get(name), now.parameters.get(name)];
    const state = is ? "required" : "optional";
    // What the SDK sends must change when a parameter it may send goes, or one it never sent becomes required.
    if (is === undefined)
      add("major", `parameter ${name} removed`, `${method}: the API no longer takes the ${name} parameter.`);
    else if (was === undefined)
      add(is ? "major" : "minor", `parameter ${name} added (${state})`, `${method}: new ${state} ${name} parameter.`);
    else if (was !== is)
      add(
        is ? "major" : "minor",
        `parameter ${name} is now ${state}`,
        `${method}: the ${name} parameter is now ${state}.`,
      );
  }
  const bodies = [...new Set([...old.bodies.keys(), ...now.bodies.keys()])];
  for (const status of new Set(["", ...old.statuses, ...now.statuses])) {
    const [kind, noun] = /^[123]/.test(status) ? ["success", "response"] : ["error", "error"];
    if (status && !now.statuses.includes(status)) {
      const note = `${method}: the API no longer documents a ${status} ${noun}.`;
      add(kind === "success" ? "major" : "minor", `status ${status} removed (${kind})`, note);
    } else if (status && !old.statuses.includes(status)) {
      add("minor", `status ${status} added (${kind})`, `${method}: the API documents a new ${status} ${noun}.`);
    } else {
      const prefix = status ? `response ${status}` : "request";
      for (const where of bodies.filter((key) => key === prefix || key.startsWith(`${prefix} (`))) {
        compareFields(add, method, where, old.bodies.get(where) ?? new Map(), now.bodies.get(where) ?? new Map());
      }
    }
  }
  if (changes.length === start && structure(old.flat) !== structure(now.flat)) {
    add(
      "minor",
      "other change to the operation's schema (see the diff of the spec)",
      `${method}: its API description changed.`,
    );
  }
  const docs = docChanges(old.flat, now.flat);
  if (docs.length > 0) {
    const shown = `${docs.slice(0, 3).map(readablePointer).join("; ")}${docs.length > 3 ? "; …" : ""}`;
    const summary = `documentation: ${docs.length} change${docs.length > 1 ? "s" : ""} (${shown})`;
    add("patch", summary, `${method}: documentation and examples updated.`);
  }
}

/** What changed between `before` (undefined: there was no spec) and `after`. */
export function diffSpecs(before: JsonObject | undefined, after: JsonObject): SpecDiff {
  const changes: Change[] = [];
  const adder =
    (operationId?: string): Add =>
    (level, summary, userNote) =>
      changes.push({ level, operationId, summary, userNote });
  const [old, now] = [describe(before), describe(after)];
  for (const id of new Set([...old.keys(), ...now.keys()])) {
    const [a, b] = [old.get(id), now.get(id)];
    if (a && b) compareOperation(changes, id, a, b);
    else if (a) adder(id)("major", `operation removed (${a.where})`, `\`${sdkName(id)}\` is gone.`);
    else if (b) adder(id)("minor", `operation added (${b.where})`, `New operation \`${sdkName(id)}\`.`);
  }
  // The rest of the document: the server URLs, the components' names, and documentation by top-level key.
  const servers = (doc: JsonObject) =>
    canonical((Array.isArray(doc["servers"]) ? doc["servers"] : []).map((s) => (isObject(s) ? (s["url"] ?? "") : "")));
  const components = (doc: JsonObject | undefined) =>
    Object.entries(isObject(doc?.["components"]) ? doc["components"] : {}).flatMap(([kind, map]) =>
      isObject(map) ? Object.keys(map).map((name) => `${kind}/${name}`) : [],
    );
  const topLevel = (doc: JsonObject | undefined) => {
    const { paths: _p, components: _c, webhooks: _w, servers: _s, ...rest } = doc ?? {};
    return new Map([
      ["", "{}"],
      ...Object.entries(rest).map(([key, value]): [string, string] => [
        `/${escapePointer(key)}`,
        `doc ${canonical(value)}`,
      ]),
    ]);
  };
  if (before && servers(before) !== servers(after)) {
    adder()("minor", `servers: ${servers(before)} → ${servers(after)}`, "The API's documented server URL changed.");
  }
  const docs = before ? docChanges(topLevel(before), topLevel(after)) : [];
  if (docs.length > 0)
    adder()("patch", `documentation: ${docs.map((p) => p.slice(1)).join(", ")}`, "API description updated.");
  const [was, is] = [components(before), components(after)];
  const internal = [
    ...is.filter((c) => !was.includes(c)).map((c) => `+ components/${c}`),
    ...was.filter((c) => !is.includes(c)).map((c) => `- components/${c}`),
  ];
  const order = (id?: string) => [...OPERATIONS.map((op) => op.operationId), id].indexOf(id);
  changes.sort((a, b) => order(a.operationId) - order(b.operationId));
  const level = changes.reduce<Level | "none">((max, c) => (RANK[c.level] > RANK[max] ? c.level : max), "none");
  return { changes, internal: before ? internal : [], level };
}
