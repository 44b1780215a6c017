// Step 3: one canonical form, so that a re-run, or an upstream that only reorders its keys, gives the
// same bytes. openapi-format sorts (its priority lists, then alphabetical) but keeps the input order of
// the objects its lists do not name, so the glue first puts every key in alphabetical order, except where
// the order is the author's: the properties of a schema, named examples, example values, extensions.
// It also orders status codes, and writes YAML with fixed options.
import { getDefaultSortSet, type OpenAPISortSet, openapiSort } from "openapi-format";
import { stringify } from "yaml";
import { isObject, type Json, type JsonObject } from "./json.js";
import { HTTP_METHODS } from "./slice.js";

const words = (text: string) => text.trim().split(/\s+/);
const OPERATION_ORDER = words(
  "operationId summary description tags deprecated security parameters requestBody responses",
);
const SCHEMA_ORDER = words(`$ref title description type format const enum items required properties additionalProperties
  minimum exclusiveMinimum maximum exclusiveMaximum minLength maxLength pattern minItems maxItems uniqueItems nullable
  readOnly writeOnly deprecated default example examples`);
const COMPONENT_KINDS = words(
  "securitySchemes parameters headers requestBodies responses schemas examples links callbacks pathItems mediaTypes",
);

/** The canonical YAML text of `doc`. */
export async function normalise(doc: JsonObject): Promise<string> {
  const sortSet = {
    ...(await getDefaultSortSet()),
    root: words("openapi info jsonSchemaDialect servers security tags externalDocs paths webhooks components"),
    info: words("title version summary description termsOfService contact license"),
    contact: words("name url email"),
    license: words("name identifier url"),
    servers: words("url description variables"),
    tags: words("name description externalDocs"),
    "application/json": words("schema example examples encoding"),
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
  const options = { lineWidth: 120, minContentWidth: 40, singleQuote: true, aliasDuplicateObjects: false };
  return stringify(data, { ...options, compat: "yaml-1.1" });
}

/** Keys whose value is data, kept exactly as written. */
const LITERAL_KEYS = new Set(["example", "examples", "default", "const", "enum", "value"]);
/** Keys whose value is a map from names (not keywords) to OpenAPI or JSON Schema objects. */
const NAME_MAP_KEYS = new Set(
  words(`paths webhooks schemas responses parameters requestBodies headers securitySchemes links callbacks pathItems
    mediaTypes content encoding patternProperties $defs definitions dependentSchemas variables mapping scopes`),
);
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const byKey = ([a]: [string, Json], [b]: [string, Json]) => compare(a.toLowerCase(), b.toLowerCase()) || compare(a, b);
/** Status codes in order: 1XX–5XX (exact codes before their `4XX` range), `default` last. */
const rank = (code: string) => (code === "default" ? "9" : code.toUpperCase().replace(/X/g, "9"));
const byStatus = ([a]: [string, Json], [b]: [string, Json]) => compare(rank(a), rank(b)) || compare(a, b);

/** `value` with object keys in alphabetical order, except in the author-ordered places. */
function alphabetical(value: Json, mode: "keywords" | "names" | "ordered-names" | "responses"): Json {
  if (Array.isArray(value)) return value.map((item) => alphabetical(item, "keywords"));
  if (!isObject(value)) return value;
  const entries = Object.entries(value);
  const statuses = mode === "responses" && entries.every(([code]) => /^([1-5]\d\d|[1-5]XX|default)$/i.test(code));
  if (mode !== "ordered-names") entries.sort(statuses ? byStatus : byKey);
  return Object.fromEntries(
    entries.map(([key, item]): [string, Json] => {
      if (mode !== "keywords") return [key, alphabetical(item, "keywords")];
      if (key.startsWith("x-")) return [key, item];
      if (key === "examples" && isObject(item)) return [key, alphabetical(item, "ordered-names")];
      if (LITERAL_KEYS.has(key)) return [key, item];
      if (key === "properties" && isObject(item)) return [key, alphabetical(item, "ordered-names")];
      const names = NAME_MAP_KEYS.has(key) && isObject(item);
      return [key, alphabetical(item, names ? (key === "responses" ? "responses" : "names") : "keywords")];
    }),
  );
}
