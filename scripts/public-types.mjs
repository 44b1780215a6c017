// Writes the SDK's public request and response types (camelCase) from the OpenAPI spec as plain
// interfaces, each property carrying the spec's description, format, constraints and example as TSDoc,
// so that editors show them on hover. A mapped type over openapi-typescript's output (`CamelCased<…>`)
// cannot: TypeScript keeps no declaration, hence no comment, for a renamed key.
//
// A small generator over the same document rather than openapi-typescript's transform hooks: the hooks
// rewrite types node by node but cannot rename keys or emit extra declarations, and the output here is
// a few interfaces. test/types/schemas-match-spec.test-d.ts ties every interface to the wire types.

/** The public types: where each is in the spec, and what its own TSDoc says. */
const ROOTS = [
  {
    name: "CreateAuthKeysCodeRequestBody",
    schema: (spec) => jsonBody(operation(spec, "createAuthKeysCode").requestBody),
    request: true,
    summary: "The body of `POST /auth/keys/code` (createAuthCode), camelCase here and snake_case on the wire.",
  },
  {
    name: "CreateAuthKeysCodeResponse",
    schema: (spec) => jsonBody(operation(spec, "createAuthKeysCode").responses["200"]),
    summary: "The 200 body of `POST /auth/keys/code`: `data.id` is the code to exchange.",
  },
  {
    name: "ExchangeAuthCodeForAPIKeyRequestBody",
    schema: (spec) => jsonBody(operation(spec, "exchangeAuthCodeForAPIKey").requestBody),
    request: true,
    summary: "The body of `POST /auth/keys` (exchangeAuthCodeForAPIKey), camelCase here and snake_case on the wire.",
  },
  {
    name: "ExchangeAuthCodeForAPIKeyResponse",
    schema: (spec) => jsonBody(operation(spec, "exchangeAuthCodeForAPIKey").responses["200"]),
    summary: "The 200 body of `POST /auth/keys`: the user-controlled API key.",
  },
  {
    name: "ErrorResponse",
    // Upstream has one error body per status, all of one shape (the type test checks it): this one stands for all.
    schema: (spec) => spec.components.schemas.BadRequestResponse,
    summary:
      "OpenRouter's JSON error body, the same for every error status; the SDK's error classes hold it as `data$`.",
  },
];

/**
 * Nested object types are named `<Parent><Property>` and documented like their property, except these: the
 * error object's component is per status upstream ("Error data for BadRequestResponse"), ours is for all.
 */
const NESTED = {
  "ErrorResponse.error": {
    name: "ErrorResponseErrorData",
    summary: "What went wrong: the status `code`, a `message` for people, and `metadata` when there is any.",
  },
};

const camel = (key) => key.replace(/_([a-z\d])/g, (_, c) => c.toUpperCase());
const pascal = (key) => camel(key).replace(/^./, (c) => c.toUpperCase());

function operation(spec, operationId) {
  for (const item of Object.values(spec.paths ?? {})) {
    for (const op of Object.values(item)) if (op?.operationId === operationId) return op;
  }
  throw new Error(`the spec has no operation ${operationId}`);
}

function jsonBody(holder) {
  const schema = holder?.content?.["application/json"]?.schema;
  if (!schema) throw new Error("an operation body the public types need has no application/json schema");
  return schema;
}

/** Keys of plain objects camelCased, deeply: what the SDK takes and returns. */
function camelKeys(value) {
  if (Array.isArray(value)) return value.map(camelKeys);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [camel(k), camelKeys(v)]));
}

/** TSDoc text may not close the comment. */
const safe = (text) => String(text).replaceAll("*/", "*\\/");

function docComment(lines, indent) {
  const body = lines.flatMap((line) => safe(line).split("\n"));
  if (body.length === 0) return "";
  return `${indent}/**\n${body.map((line) => `${indent} *${line ? ` ${line}` : ""}`).join("\n")}\n${indent} */\n`;
}

/** What the spec says about a property, as TSDoc lines. */
function propertyDoc(schema, request) {
  const lines = [];
  if (schema.description) lines.push(schema.description.trim());
  const facts = [];
  if (schema.format === "date-time" && request) {
    facts.push("Format: `date-time` (RFC 3339, with a time zone); a `Date` is sent as its ISO string.");
  } else if (schema.format) {
    facts.push(`Format: \`${schema.format}\`.`);
  }
  if (schema.minLength !== undefined) facts.push(`At least ${schema.minLength} characters.`);
  if (schema.maxLength !== undefined) facts.push(`At most ${schema.maxLength} characters.`);
  if (schema.minimum !== undefined) facts.push(`At least ${schema.minimum}.`);
  if (schema.maximum !== undefined) facts.push(`At most ${schema.maximum}.`);
  if (schema.pattern !== undefined) facts.push(`Matches \`${schema.pattern}\`.`);
  if (facts.length > 0) lines.push("", facts.join(" "));
  if (schema.example !== undefined) lines.push("", `@example ${JSON.stringify(camelKeys(schema.example))}`);
  return lines;
}

/** Generates the interfaces; returns the module's text. */
export function publicTypesSource(spec) {
  const resolve = (schema) => {
    let current = schema;
    for (let hops = 0; current?.$ref; hops++) {
      if (hops > 20 || !current.$ref.startsWith("#/components/schemas/")) {
        throw new Error(`cannot follow ${current.$ref} for the public types`);
      }
      current = spec.components.schemas[current.$ref.slice("#/components/schemas/".length)];
    }
    if (!current) throw new Error(`a $ref for the public types points at nothing: ${schema.$ref}`);
    return current;
  };

  const declarations = [];

  /** The TypeScript type of a schema; objects with properties become interfaces of their own. */
  function typeOf(schema, context) {
    const resolved = resolve(schema);
    if (resolved.enum) return resolved.enum.map((value) => JSON.stringify(value)).join(" | ");
    const types = [resolved.type ?? (resolved.properties ? "object" : undefined)].flat();
    if (types[0] === undefined) throw new Error(`${context.path}: a schema without a type`);
    return types
      .map((type) => {
        switch (type) {
          case "string":
            return context.request && resolved.format === "date-time" ? "Date | string" : "string";
          case "integer":
          case "number":
            return "number";
          case "boolean":
            return "boolean";
          case "null":
            return "null";
          case "array":
            return `(${typeOf(resolved.items, { ...context, path: `${context.path}[]` })})[]`;
          case "object":
            if (resolved.properties) {
              const nested = NESTED[context.path];
              const name = nested?.name ?? `${context.parent}${pascal(context.key)}`;
              const summary = nested?.summary ?? schema.description ?? resolved.description;
              declare(name, resolved, context.request, summary ? [summary] : []);
              return name;
            }
            return "{ [key: string]: unknown }";
          default:
            throw new Error(`${context.path}: type ${type} is not one the public types know`);
        }
      })
      .join(" | ");
  }

  function declare(name, schema, request, summary) {
    const required = new Set(schema.required ?? []);
    const members = Object.entries(schema.properties).map(([key, property]) => {
      const optional = !required.has(key);
      const type = typeOf(property, { parent: name, key, path: `${name}.${key}`, request });
      // A description beside a $ref is the property's own, and wins over the referenced schema's.
      const described = property.description
        ? { ...resolve(property), description: property.description }
        : resolve(property);
      const doc = docComment(propertyDoc(described, request), "  ");
      // Requests take an explicit `undefined` for a field left out (exactOptionalPropertyTypes).
      return `${doc}  ${camel(key)}${optional ? "?" : ""}: ${type}${optional && request ? " | undefined" : ""};\n`;
    });
    const example = schema.example === undefined ? [] : ["", `@example ${JSON.stringify(camelKeys(schema.example))}`];
    declarations.push(`${docComment([...summary, ...example], "")}export interface ${name} {\n${members.join("")}}\n`);
  }

  for (const root of ROOTS) declare(root.name, resolve(root.schema(spec)), root.request ?? false, [root.summary]);

  return (
    "/**\n * Generated by `npm run generate` from openapi/openrouter-oauth.yaml (scripts/public-types.mjs).\n" +
    " * Do not edit: change the spec and regenerate.\n *\n" +
    " * The SDK's public request and response types: the spec's bodies camelCased, documented from the spec.\n" +
    " *\n * @module\n */\n\n" +
    declarations.join("\n")
  );
}
