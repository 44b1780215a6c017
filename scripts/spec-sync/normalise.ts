// Step 3: one canonical form, so that a re-run, or an upstream that only reorders its keys, gives the
// same bytes. openapi-format sorts (its priority lists, then alphabetical) but keeps the input order of
// the objects its lists do not name, so the glue first puts every key in alphabetical order, except where
// the order is the author's: the properties of a schema, named examples, example values, extensions.
// It also orders status codes, and writes YAML with fixed options.
import { getDefaultSortSet, type OpenAPISortSet, openapiSort } from "openapi-format";
import { stringify } from "yaml";
import { isObject, type Json, type JsonObject } from "./json.js";
import { HTTP_METHODS } from "./slice.js";

const OPERATION_ORDER = [
  "operationId",
  "summary",
  "description",
  "tags",
  "deprecated",
  "security",
  "parameters",
  "requestBody",
  "responses",
];
const SCHEMA_ORDER = [
  "$ref",
  "title",
  "description",
  "type",
  "format",
  "const",
  "enum",
  "items",
  "required",
  "properties",
  "additionalProperties",
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
  "nullable",
  "readOnly",
  "writeOnly",
  "deprecated",
  "default",
  "example",
  "examples",
];
const COMPONENT_KINDS = [
  "securitySchemes",
  "parameters",
  "headers",
  "requestBodies",
  "responses",
  "schemas",
  "examples",
  "links",
  "callbacks",
  "pathItems",
  "mediaTypes",
];

/** The canonical YAML text of `doc`. */
export async function normalise(doc: JsonObject): Promise<string> {
  const sortSet = {
    ...(await getDefaultSortSet()),
    root: [
      "openapi",
      "info",
      "jsonSchemaDialect",
      "servers",
      "security",
      "tags",
      "externalDocs",
      "paths",
      "webhooks",
      "components",
    ],
    info: ["title", "version", "summary", "description", "termsOfService", "contact", "license"],
    contact: ["name", "url", "email"],
    license: ["name", "identifier", "url"],
    servers: ["url", "description", "variables"],
    tags: ["name", "description", "externalDocs"],
    "application/json": ["schema", "example", "examples", "encoding"],
    ...Object.fromEntries(HTTP_METHODS.map((method) => [method, OPERATION_ORDER])),
    components: COMPONENT_KINDS,
    schema: SCHEMA_ORDER,
    schemas: SCHEMA_ORDER,
    properties: SCHEMA_ORDER,
    sortPathsBy: "path",
  } as OpenAPISortSet;
  const { data } = await openapiSort(alphabetical(doc, "keywords"), {
    sortSet,
    sortComponentsSet: COMPONENT_KINDS,
  });
  const sorted = data as JsonObject;
  sortStatusCodes(sorted);
  return stringify(sorted, {
    lineWidth: 120,
    minContentWidth: 40,
    singleQuote: true,
    aliasDuplicateObjects: false,
    compat: "yaml-1.1",
  });
}

/** `responses` maps in status order: 1XX–5XX (exact codes before their `4XX` range), `default` last. */
function sortStatusCodes(value: Json): void {
  if (Array.isArray(value)) {
    for (const item of value) sortStatusCodes(item);
    return;
  }
  if (!isObject(value)) return;
  for (const [key, item] of Object.entries(value)) {
    if (
      key === "responses" &&
      isObject(item) &&
      Object.keys(item).every((code) => /^([1-5]\d\d|[1-5]XX|default)$/i.test(code))
    ) {
      const rank = (code: string) => (code === "default" ? "9" : code.toUpperCase().replace(/X/g, "9"));
      const entries = Object.entries(item).sort(([a], [b]) => rank(a).localeCompare(rank(b)) || a.localeCompare(b));
      value[key] = Object.fromEntries(entries);
    }
    sortStatusCodes(value[key] as Json);
  }
}

/** Keys whose value is data, kept exactly as written. */
const LITERAL_KEYS = new Set(["example", "examples", "default", "const", "enum", "value"]);
/** Keys whose value is a map from names (not keywords) to OpenAPI or JSON Schema objects. */
const NAME_MAP_KEYS = new Set([
  "paths",
  "webhooks",
  "schemas",
  "responses",
  "parameters",
  "requestBodies",
  "headers",
  "securitySchemes",
  "links",
  "callbacks",
  "pathItems",
  "mediaTypes",
  "content",
  "encoding",
  "patternProperties",
  "$defs",
  "definitions",
  "dependentSchemas",
  "variables",
  "mapping",
  "scopes",
]);
const byKey = ([a]: [string, Json], [b]: [string, Json]) => {
  const [x, y] = [a.toLowerCase(), b.toLowerCase()];
  return x < y ? -1 : x > y ? 1 : a < b ? -1 : a > b ? 1 : 0;
};

/** `value` with object keys in alphabetical order, except in the author-ordered places. */
function alphabetical(value: Json, mode: "keywords" | "names" | "ordered-names"): Json {
  if (Array.isArray(value)) return value.map((item) => alphabetical(item, "keywords"));
  if (!isObject(value)) return value;
  const entries = Object.entries(value);
  if (mode !== "ordered-names") entries.sort(byKey);
  return Object.fromEntries(
    entries.map(([key, item]): [string, Json] => {
      if (mode !== "keywords") return [key, alphabetical(item, "keywords")];
      if (key.startsWith("x-")) return [key, item];
      if (key === "examples" && isObject(item)) return [key, alphabetical(item, "ordered-names")];
      if (LITERAL_KEYS.has(key)) return [key, item];
      if (key === "properties" && isObject(item)) return [key, alphabetical(item, "ordered-names")];
      return [key, alphabetical(item, NAME_MAP_KEYS.has(key) && isObject(item) ? "names" : "keywords")];
    }),
  );
}
