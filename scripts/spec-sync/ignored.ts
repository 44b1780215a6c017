// Step 1b: upstream marks some fields as not for SDKs (`x-speakeasy-ignore: true` for its Speakeasy
// generator, `x-fern-ignore: true` for Fern): its own SDKs never send or read them. We leave them out
// too, and say which, so the report shows what upstream has that the SDK does not.
import { isObject, type Json, type JsonObject, unescapePointer } from "./json.js";
import { HTTP_METHODS } from "./slice.js";

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
    if (Array.isArray(value)) {
      value.forEach((item, index) => {
        walk(item, [...pointer, String(index)]);
      });
      return;
    }
    if (!isObject(value)) return;
    const properties = value["properties"];
    if (isObject(properties)) {
      for (const [name, schema] of Object.entries(properties)) {
        if (!isIgnored(schema)) continue;
        delete properties[name];
        dropped.push({ place: place(doc, pointer), name });
        if (Array.isArray(value["required"])) {
          value["required"] = value["required"].filter((item) => item !== name);
          if (value["required"].length === 0) delete value["required"];
        }
      }
    }
    const parameters = value["parameters"];
    if (Array.isArray(parameters)) {
      const kept = parameters.filter((parameter) => !isIgnored(parameter));
      for (const parameter of parameters) {
        if (isIgnored(parameter) && isObject(parameter)) {
          dropped.push({ place: place(doc, pointer), name: `parameter ${String(parameter["name"])}` });
        }
      }
      value["parameters"] = kept;
    }
    for (const [key, item] of Object.entries(value)) {
      if (!key.startsWith("x-") && !LITERAL_KEYS.has(key)) walk(item, [...pointer, key]);
    }
  };
  walk(doc, []);
  return dropped;
}

/** A pointer as a maintainer reads it: operation and part (`request body`, `response 200`), or schema. */
function place(doc: JsonObject, pointer: string[]): string {
  const [root, a, b, ...rest] = pointer.map(unescapePointer);
  if (root === "components" && a === "schemas" && b !== undefined) return `schema ${b}${suffix(rest)}`;
  if (root === "paths" && a !== undefined && b !== undefined && HTTP_METHODS.includes(b)) {
    const item = isObject(doc["paths"]) ? doc["paths"][a] : undefined;
    const operation = isObject(item) ? item[b] : undefined;
    const id = isObject(operation) && typeof operation["operationId"] === "string" ? operation["operationId"] : "";
    const name = id || `${b.toUpperCase()} ${a}`;
    if (rest[0] === "requestBody") return `${name} request body${suffix(rest.slice(4))}`;
    if (rest[0] === "responses" && rest[1] !== undefined) return `${name} response ${rest[1]}${suffix(rest.slice(5))}`;
    return `${name}${suffix(rest)}`;
  }
  return pointer.length > 0 ? `/${pointer.join("/")}` : "the document";
}

/** The rest of a pointer below a schema: the property path (`data.items`), if any. */
const suffix = (rest: string[]): string => {
  const names = rest.filter((segment, index) => rest[index - 1] === "properties" || segment === "items");
  return names.length > 0 ? ` ${names.join(".")}` : "";
};
