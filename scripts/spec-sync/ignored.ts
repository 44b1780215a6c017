// Step 1b: upstream marks some fields as not for SDKs (`x-speakeasy-ignore: true` for its Speakeasy
// generator, `x-fern-ignore: true` for Fern): its own SDKs never send or read them. We leave them out
// too, and say which, so the report shows what upstream has that the SDK does not.
import { isObject, type Json, type JsonObject } from "./json.js";
import { HTTP_METHODS, listOperations } from "./slice.js";

const IGNORE_MARKS = ["x-speakeasy-ignore", "x-fern-ignore"];
/** Keys whose values are data (an example may well have a field called `properties`). */
const LITERAL_KEYS = new Set(["example", "examples", "default", "const", "enum"]);

const isIgnored = (value: Json | undefined): boolean =>
  isObject(value) && IGNORE_MARKS.some((mark) => value[mark] === true);

export interface DroppedField {
  /** Where it was: `createAuthKeysCode request body`, `schema Foo`. */
  place: string;
  name: string;
}

/** `createAuthKeysCode request body: spawn_agent, spawn_cloud; schema Foo: bar`. */
export function describeDropped(dropped: readonly DroppedField[]): string {
  const byPlace = new Map<string, string[]>();
  for (const { place, name } of dropped) byPlace.set(place, [...(byPlace.get(place) ?? []), name]);
  return [...byPlace].map(([where, names]) => `${where}: ${names.join(", ")}`).join("; ");
}

/**
 * Removes, in place, every schema property and parameter marked as not for SDKs (and the property's
 * entry in `required`). Returns what it removed and where, for the report.
 */
export function dropIgnoredFields(doc: JsonObject): DroppedField[] {
  const dropped: DroppedField[] = [];
  const walk = (value: Json, pointer: string[]): void => {
    if (!isObject(value) && !Array.isArray(value)) return;
    const { properties, parameters } = isObject(value) ? value : {};
    for (const [name, schema] of Object.entries(isObject(properties) ? properties : {})) {
      if (!isIgnored(schema) || !isObject(value) || !isObject(properties)) continue;
      delete properties[name];
      dropped.push({ place: place(doc, pointer), name });
      const required = Array.isArray(value["required"]) ? value["required"].filter((item) => item !== name) : [];
      if (required.length > 0) value["required"] = required;
      else delete value["required"];
    }
    if (Array.isArray(parameters) && isObject(value)) {
      for (const parameter of parameters.filter(isIgnored)) {
        dropped.push({ place: place(doc, pointer), name: `parameter ${String((parameter as JsonObject)["name"])}` });
      }
      value["parameters"] = parameters.filter((parameter) => !isIgnored(parameter));
    }
    for (const [key, item] of Object.entries(value)) {
      if (!key.startsWith("x-") && !LITERAL_KEYS.has(key)) walk(item, [...pointer, key]);
    }
  };
  walk(doc, []);
  return dropped;
}

/** A place as a maintainer reads it: an operation and its part (`request body`, `response 200`), or a schema; then the field. */
function place(doc: JsonObject, pointer: string[]): string {
  const [root, a = "", b = "", ...rest] = pointer;
  const names = rest.filter((segment, index) => rest[index - 1] === "properties" || segment === "items");
  const field = names.length > 0 ? ` ${names.join(".")}` : "";
  if (root === "components" && a === "schemas" && b) return `schema ${b}${field}`;
  if (root !== "paths" || !HTTP_METHODS.includes(b))
    return pointer.length > 0 ? `/${pointer.join("/")}` : "the document";
  const id = listOperations(doc).find((op) => op.path === a && op.method === b)?.operationId;
  const name = id ?? `${b.toUpperCase()} ${a}`;
  if (rest[0] === "requestBody") return `${name} request body${field}`;
  return rest[0] === "responses" ? `${name} response ${rest[1]}${field}` : `${name}${field}`;
}
