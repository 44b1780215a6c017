// The parts of `npm run spec:sync`, in process: slicing, the overlay checks, normalisation, and how
// the diff classifies each kind of change. test/spec-sync.test.ts runs the whole command.
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { parse } from "yaml";
import { OPERATIONS } from "../scripts/spec-sync/config.js";
import { diffSpecs, type Level, readablePointer } from "../scripts/spec-sync/diff.js";
import { SpecSyncError } from "../scripts/spec-sync/errors.js";
import { describeDropped, dropIgnoredFields } from "../scripts/spec-sync/ignored.js";
import type { JsonObject } from "../scripts/spec-sync/json.js";
import { parseOpenApi } from "../scripts/spec-sync/load.js";
import { normalise } from "../scripts/spec-sync/normalise.js";
import { nullableToTypeNull } from "../scripts/spec-sync/nullable.js";
import { applyOverlay, loadOverlay, type Overlay, type OverlayAction } from "../scripts/spec-sync/overlay.js";
import { checkOperations, closestIds, reachableComponents, sliceToOperations } from "../scripts/spec-sync/slice.js";

const FIXTURE = new URL("./fixtures/spec-sync/upstream.yaml", import.meta.url);
const IDS = OPERATIONS.map((op) => op.operationId);
let upstream: JsonObject;
let scratch: string;

beforeAll(async () => {
  upstream = parseOpenApi({ label: "upstream.yaml", text: await readFile(FIXTURE, "utf8") });
  scratch = await mkdtemp(join(tmpdir(), "spec-sync-units-"));
});
afterAll(() => rm(scratch, { recursive: true, force: true }));

const componentsOf = (doc: JsonObject): string[] =>
  Object.entries((doc["components"] ?? {}) as Record<string, Record<string, unknown>>)
    .flatMap(([kind, map]) => Object.keys(map).map((name) => `${kind}/${name}`))
    .sort();

/** A minimal document with our two operations; `patch` edits a copy. */
function tinyDoc(patch: (doc: JsonObject) => void = () => {}): JsonObject {
  const body = (schema: string) => ({
    content: { "application/json": { schema: { $ref: `#/components/schemas/${schema}` } } },
  });
  const doc = {
    openapi: "3.1.0",
    info: { title: "t", version: "1" },
    security: [{ bearer: [] }],
    paths: {
      "/auth/keys/code": {
        post: {
          operationId: "createAuthKeysCode",
          requestBody: { required: true, ...body("CreateRequest") },
          responses: { "200": { description: "ok", ...body("CreateResponse") } },
        },
      },
      "/auth/keys": {
        post: {
          operationId: "exchangeAuthCodeForAPIKey",
          security: [{}, { bearer: [] }],
          requestBody: { required: true, ...body("ExchangeRequest") },
          responses: {
            "200": { description: "ok", ...body("ExchangeResponse") },
            "403": { description: "no", ...body("Error") },
          },
        },
      },
    },
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer" } },
      schemas: {
        CreateRequest: {
          type: "object",
          required: ["callback_url"],
          properties: {
            callback_url: { type: "string", format: "uri", description: "Where to go back." },
            code_challenge_method: { type: "string", enum: ["S256", "plain"] },
            key_label: { type: "string", maxLength: 100 },
          },
        },
        CreateResponse: {
          type: "object",
          required: ["data"],
          properties: {
            data: {
              type: "object",
              required: ["id"],
              properties: { id: { type: "string" }, app_id: { type: "integer" } },
            },
          },
        },
        ExchangeRequest: { type: "object", required: ["code"], properties: { code: { type: "string" } } },
        ExchangeResponse: {
          type: "object",
          required: ["key", "user_id"],
          properties: {
            key: { type: "string" },
            user_id: { type: ["string", "null"] },
            kind: { type: "string", enum: ["user", "org"] },
          },
        },
        Error: { type: "object", properties: { message: { type: "string" } } },
      },
    },
  } as unknown as JsonObject;
  const copy = structuredClone(doc);
  patch(copy);
  return copy;
}

// biome-ignore lint/suspicious/noExplicitAny: tests reach into untyped documents
const at = (doc: JsonObject): any => doc;

describe("load", () => {
  test.each([
    ["a YAML list", "- a\n- b\n", /not an OpenAPI document: it is a list/],
    ["an HTML page", "<!doctype html><html><body>Not found</body></html>", /it is a string, not a mapping/],
    ["Swagger 2", "swagger: '2.0'\npaths: {}\n", /Swagger 2\.0; spec:sync needs OpenAPI 3/],
    ["no openapi field", "info: {title: x}\npaths: {}\n", /`openapi` field is missing/],
    ["OpenAPI without paths", "openapi: 3.1.0\ninfo: {title: x, version: '1'}\n", /has no `paths`/],
    ["broken YAML", "openapi: 3.1.0\n  paths: [\n", /neither JSON nor valid YAML/],
    ["broken JSON", '{"openapi": "3.1.0",', /not valid JSON/],
    ["an empty file", "", /it is empty/],
    [
      "a YAML alias bomb",
      `openapi: 3.1.0\npaths: {}\nx-a: &a [1, 2, 3]\nx-b: [${Array(2000).fill("*a").join(", ")}]\n`,
      /expands YAML aliases too many times \(a YAML alias bomb\?\)/,
    ],
  ])("rejects %s", (_name, text, message) => {
    expect(() => parseOpenApi({ label: "input", text })).toThrow(SpecSyncError);
    expect(() => parseOpenApi({ label: "input", text })).toThrow(message);
  });
});

describe("slice", () => {
  test("keeps exactly our operations and the components they reach, transitively", async () => {
    const sliced = await sliceToOperations(upstream, IDS);
    expect(Object.keys(at(sliced).paths).sort()).toEqual(["/auth/keys", "/auth/keys/code"]);
    expect(Object.keys(at(sliced).paths["/auth/keys"])).toEqual(["post"]);
    expect(componentsOf(sliced)).toEqual([
      // Upstream's error bodies, one per status, each with its error data: reached from the responses.
      "schemas/BadRequestResponse",
      "schemas/BadRequestResponseErrorData",
      "schemas/ConflictResponse",
      "schemas/ConflictResponseErrorData",
      "schemas/ForbiddenResponse",
      "schemas/ForbiddenResponseErrorData",
      "schemas/InternalServerResponse",
      "schemas/InternalServerResponseErrorData",
      "schemas/UnauthorizedResponse",
      "schemas/UnauthorizedResponseErrorData",
      "securitySchemes/apiKey", // from the global security requirement
    ]); // not NotFound or TooManyRequests (getCurrentKey's and the feedback's), nor the feedback bodies
    // Independent check: everything kept is reachable, and everything reachable is kept.
    expect([...reachableComponents(sliced)].sort()).toEqual(componentsOf(sliced));
    expect(sliced["webhooks"]).toBeUndefined();
    expect(at(sliced).tags).toEqual([{ name: "OAuth", description: "OAuth authentication endpoints" }]);
    expect(at(sliced).externalDocs.url).toBe("https://openrouter.ai/docs");
  });

  test("follows discriminator mappings and keeps empty objects that mean something", async () => {
    const doc = tinyDoc((d) => {
      const schemas = at(d).components.schemas;
      schemas.ExchangeResponse.properties.owner = {
        oneOf: [{ $ref: "#/components/schemas/User" }],
        discriminator: { propertyName: "type", mapping: { user: "#/components/schemas/User", org: "Org" } },
      };
      schemas.User = { type: "object", properties: { extra: { type: "object", additionalProperties: {} } } };
      schemas.Org = { type: "object" };
      schemas.Unused = { $ref: "#/components/schemas/User" };
      at(d).components.securitySchemes.other = { type: "http", scheme: "basic" };
    });
    const sliced = await sliceToOperations(doc, IDS);
    const kept = componentsOf(sliced);
    expect(kept).toContain("schemas/User");
    expect(kept).toContain("schemas/Org");
    expect(kept).not.toContain("schemas/Unused");
    expect(kept).not.toContain("securitySchemes/other");
    expect(at(sliced).components.schemas.User.properties.extra.additionalProperties).toEqual({});
  });

  test("a missing operation is named, with the operationId now at its place and the closest ones", () => {
    const renamed = tinyDoc((d) => {
      at(d).paths["/auth/keys"].post.operationId = "exchangeAuthorizationCode";
    });
    expect(() => checkOperations(renamed, OPERATIONS, "up.yaml")).toThrow(SpecSyncError);
    expect(() => checkOperations(renamed, OPERATIONS, "up.yaml")).toThrow(
      /exchangeAuthCodeForAPIKey \(POST \/auth\/keys, SDK method exchangeAuthCodeForAPIKey\) is missing: POST \/auth\/keys now has operationId "exchangeAuthorizationCode" \(renamed\?\)/,
    );
    const moved = tinyDoc((d) => {
      const paths = at(d).paths;
      paths["/oauth/code"] = { post: { ...paths["/auth/keys/code"].post, operationId: "createAuthKeyCode" } };
      delete paths["/auth/keys/code"];
    });
    expect(() => checkOperations(moved, OPERATIONS, "up.yaml")).toThrow(/closest operationId: "createAuthKeyCode"/);
    expect(closestIds("createAuthKeysCode", ["getModels", "createAuthKeysCodes", "createKeys"])).toEqual([
      "createAuthKeysCodes",
      "createKeys",
    ]);
  });
});

describe("fields marked not for SDKs", () => {
  test("upstream's x-speakeasy-ignore / x-fern-ignore fields are left out and named", async () => {
    const sliced = await sliceToOperations(upstream, IDS);
    const body = () => at(sliced).paths["/auth/keys/code"].post.requestBody.content["application/json"].schema;
    expect(Object.keys(body().properties)).toEqual(expect.arrayContaining(["spawn_agent", "spawn_cloud"]));
    const dropped = dropIgnoredFields(sliced);
    expect(dropped).toEqual([
      { place: "createAuthKeysCode request body", name: "spawn_agent" },
      { place: "createAuthKeysCode request body", name: "spawn_cloud" },
    ]);
    expect(describeDropped(dropped)).toBe("createAuthKeysCode request body: spawn_agent, spawn_cloud");
    expect(Object.keys(body().properties)).not.toContain("spawn_agent");
    expect(Object.keys(body().properties)).toContain("callback_url");
    expect(dropIgnoredFields(sliced)).toEqual([]);
  });

  test("either mark is enough; required lists, parameters and component schemas are covered", () => {
    const doc = tinyDoc((d) => {
      const schemas = at(d).components.schemas;
      schemas.CreateResponse.properties.data.properties.secret = { type: "string", "x-fern-ignore": true };
      schemas.CreateResponse.properties.data.required = ["id", "secret"];
      schemas.ExchangeRequest.properties.trace = { type: "string", "x-speakeasy-ignore": true };
      schemas.ExchangeRequest.properties.kept = { type: "string", "x-speakeasy-ignore": false };
      at(d).paths["/auth/keys"].post.parameters = [
        { name: "X-Trace", in: "header", schema: { type: "string" }, "x-speakeasy-ignore": true },
        { name: "X-Kept", in: "header", schema: { type: "string" } },
      ];
    });
    expect(describeDropped(dropIgnoredFields(doc))).toBe(
      "exchangeAuthCodeForAPIKey: parameter X-Trace; schema CreateResponse data: secret; schema ExchangeRequest: trace",
    );
    const schemas = at(doc).components.schemas;
    expect(schemas.CreateResponse.properties.data.required).toEqual(["id"]);
    expect(Object.keys(schemas.ExchangeRequest.properties)).toEqual(["code", "kept"]);
    expect(at(doc).paths["/auth/keys"].post.parameters.map((p: { name: string }) => p.name)).toEqual(["X-Kept"]);
  });
});

describe("3.0 `nullable` in a 3.1 document", () => {
  test("becomes `null` in `type` (and in `enum`), leaving examples and 3.0 documents alone", () => {
    const schema = () => ({
      type: "object",
      properties: {
        user_id: { type: "string", nullable: true },
        method: { type: "string", enum: ["S256"], nullable: true },
        both: { type: ["string", "null"], nullable: true },
        meta: { type: "object", additionalProperties: { nullable: true } },
        plain: { type: "string", nullable: false },
      },
      example: { nullable: true },
    });
    const doc = tinyDoc((d) => {
      at(d).components.schemas.Error = schema();
    });
    expect(nullableToTypeNull(doc)).toBe(5);
    expect(at(doc).components.schemas.Error).toEqual({
      type: "object",
      properties: {
        user_id: { type: ["string", "null"] },
        method: { type: ["string", "null"], enum: ["S256", null] },
        both: { type: ["string", "null"] },
        meta: { type: "object", additionalProperties: {} },
        plain: { type: "string" },
      },
      example: { nullable: true },
    });
    const old = tinyDoc((d) => {
      at(d).openapi = "3.0.3";
      at(d).components.schemas.Error = schema();
    });
    expect(nullableToTypeNull(old)).toBe(0);
    expect(at(old).components.schemas.Error).toEqual(schema());
  });
});

describe("overlay", () => {
  const overlay = (actions: Overlay["actions"]): Overlay => ({
    overlay: "1.0.0",
    info: { title: "t", version: "1" },
    actions,
  });

  test("an update whose target matches nothing stops the sync, naming the action", async () => {
    const actions: OverlayAction[] = [
      { target: "$.info", description: "Our title.", update: { title: "x" } },
      {
        target: "$.components.schemas.Gone.properties.code",
        description: "Accept string codes.",
        update: { type: "string" },
      },
    ];
    await expect(applyOverlay(tinyDoc(), overlay(actions), "overlay.yaml")).rejects.toThrow(
      /Overlay action 2 of 2 in overlay.yaml \("Accept string codes\."\) no longer matches anything: target \$\.components\.schemas\.Gone\.properties\.code/,
    );
  });

  test("a remove that matches nothing is fine; one that would hit several items of one list is refused", async () => {
    const doc = tinyDoc((d) => {
      at(d).paths["/auth/keys"].post.parameters = [{ $ref: "#/a" }, { $ref: "#/b" }, { $ref: "#/c" }];
    });
    const { applied } = await applyOverlay(
      doc,
      overlay([{ target: "$.paths[*].post.nothing", description: "Clear it.", remove: true }]),
      "o",
    );
    expect(applied).toEqual([{ number: 1, description: "Clear it.", matched: 0 }]);
    await expect(
      applyOverlay(
        doc,
        overlay([{ target: "$.paths[*].post.parameters[?(@['$ref'] != '#/b')]", description: "Two.", remove: true }]),
        "o",
      ),
    ).rejects.toThrow(/would remove several items of one list/);
  });

  test("openapi/overlay.yaml is valid and gives every action a reason", async () => {
    const ours = await loadOverlay(new URL("../openapi/overlay.yaml", import.meta.url).pathname);
    expect(ours.actions.length).toBeGreaterThan(5);
    for (const action of ours.actions) expect(action.description.length).toBeGreaterThan(20);
  });

  test("an overlay file without reasons, or not an overlay, is refused", async () => {
    const file = join(scratch, "bad-overlay.yaml");
    await writeFile(
      file,
      "overlay: 1.0.0\ninfo: {title: t, version: '1'}\nactions:\n  - target: $.info\n    update: {title: x}\n",
    );
    await expect(loadOverlay(file, "bad-overlay.yaml")).rejects.toThrow(/action 1: `description` must say why/);
    await writeFile(file, "openapi: 3.1.0\n");
    await expect(loadOverlay(file, "bad-overlay.yaml")).rejects.toThrow(/`overlay` must be a 1\.0\.x version/);
  });
});

describe("normalise", () => {
  /**
   * The same document with the keys of every object in reverse order, except where the order is the
   * author's and is kept: the properties of a schema, named examples, example values and extensions.
   */
  const KEPT = new Set(["properties", "examples", "example", "value"]);
  const reversed = (value: unknown, parentKey = ""): unknown =>
    Array.isArray(value)
      ? value.map((item) => reversed(item))
      : value && typeof value === "object"
        ? Object.fromEntries(
            (KEPT.has(parentKey) ? Object.entries(value) : Object.entries(value).reverse()).map(([k, v]) => [
              k,
              reversed(v, (KEPT.has(parentKey) && parentKey !== "properties") || k.startsWith("x-") ? "value" : k),
            ]),
          )
        : value;

  test("gives the same bytes whatever the order of keys that carry no meaning, and is stable on its own output", async () => {
    const sliced = await sliceToOperations(upstream, IDS);
    const text = await normalise(sliced);
    expect(await normalise(reversed(sliced) as JsonObject)).toBe(text);
    expect(await normalise(parse(text))).toBe(text);
  });

  test("quotes strings that YAML 1.1 readers would turn into dates, numbers or null", async () => {
    const text = await normalise(
      tinyDoc((d) => Object.assign(at(d).info, { "x-when": "2025-08-24T10:30:00Z", "x-n": "null", "x-yes": "yes" })),
    );
    expect(text).toContain("x-when: '2025-08-24T10:30:00Z'");
    expect(text).toContain("x-n: 'null'");
    expect(text).toContain("x-yes: 'yes'");
    expect(text).toMatch(/^openapi: 3\.1\.0\ninfo:/);
  });
});

describe("diff: what users see, and the semver bump", () => {
  const cases: [string, (d: JsonObject) => void, Level | "none", RegExp][] = [
    ["no change", () => {}, "none", /^$/],
    [
      "an optional request field added",
      (d) => {
        at(d).components.schemas.CreateRequest.properties.display_name = { type: "string" };
      },
      "minor",
      /createAuthKeysCode minor request field `display_name` added \(string, optional\)/,
    ],
    [
      "a required request field added",
      (d) => {
        const s = at(d).components.schemas.ExchangeRequest;
        s.properties.state = { type: "string" };
        s.required.push("state");
      },
      "major",
      /major request field `state` added \(string, required\)/,
    ],
    [
      "a response field removed",
      (d) => {
        delete at(d).components.schemas.CreateResponse.properties.data.properties.app_id;
      },
      "major",
      /major response 200 field `data.app_id` removed/,
    ],
    [
      "a response field added",
      (d) => {
        at(d).components.schemas.ExchangeResponse.properties.expires_at = { type: "string" };
      },
      "minor",
      /minor response 200 field `expires_at` added/,
    ],
    [
      "a required response field that may now be missing",
      (d) => {
        at(d).components.schemas.ExchangeResponse.required = ["key"];
      },
      "major",
      /major response 200 field `user_id` is now optional/,
    ],
    [
      "a request enum value removed",
      (d) => {
        at(d).components.schemas.CreateRequest.properties.code_challenge_method.enum = ["S256"];
      },
      "major",
      /major request field `code_challenge_method` enum - "plain"/,
    ],
    [
      "a request enum value added",
      (d) => {
        at(d).components.schemas.CreateRequest.properties.code_challenge_method.enum.push("S512");
      },
      "minor",
      /minor request field `code_challenge_method` enum \+ "S512"/,
    ],
    [
      "a response enum value added (an exhaustive switch no longer compiles)",
      (d) => {
        at(d).components.schemas.ExchangeResponse.properties.kind.enum.push("team");
      },
      "major",
      /major response 200 field `kind` enum \+ "team"/,
    ],
    [
      "a request type widened",
      (d) => {
        at(d).components.schemas.ExchangeRequest.properties.code.type = ["string", "null"];
      },
      "minor",
      /minor request field `code` retyped: string → null \| string/,
    ],
    [
      "a response type widened",
      (d) => {
        at(d).components.schemas.CreateResponse.properties.data.properties.app_id.type = ["integer", "string"];
      },
      "major",
      /major response 200 field `data.app_id` retyped: integer → integer \| string/,
    ],
    [
      "a request constraint tightened",
      (d) => {
        at(d).components.schemas.CreateRequest.properties.key_label.maxLength = 50;
      },
      "major",
      /major request field `key_label` maxLength: 100 → 50/,
    ],
    [
      "a new error status",
      (d) => {
        at(d).paths["/auth/keys"].post.responses["429"] = { description: "slow down" };
      },
      "minor",
      /minor status 429 added \(error\)/,
    ],
    [
      "a success status removed",
      (d) => {
        const responses = at(d).paths["/auth/keys"].post.responses;
        responses["201"] = responses["200"];
        delete responses["200"];
      },
      "major",
      /major status 200 removed \(success\)/,
    ],
    [
      "an API key now required",
      (d) => {
        delete at(d).paths["/auth/keys"].post.security;
      },
      "major",
      /major security: API key optional → required/,
    ],
    [
      "a description changed",
      (d) => {
        at(d).components.schemas.CreateRequest.properties.callback_url.description = "Where the user comes back.";
      },
      "patch",
      /patch documentation: 1 change \(request field callback_url: description\)/,
    ],
    [
      "a required header parameter added",
      (d) => {
        const post = at(d).paths["/auth/keys"].post;
        post.parameters = [
          ...(post.parameters ?? []),
          { name: "X-Nonce", in: "header", required: true, schema: { type: "string" } },
        ];
      },
      "major",
      /exchangeAuthCodeForAPIKey major parameter header X-Nonce added \(required\)/,
    ],
    [
      "an optional query parameter added",
      (d) => {
        at(d).paths["/auth/keys/code"].post.parameters = [
          { name: "dry_run", in: "query", schema: { type: "boolean" } },
        ];
      },
      "minor",
      /minor parameter query dry_run added \(optional\)/,
    ],
    [
      "a schema moved into a component (same shape)",
      (d) => {
        const schemas = at(d).components.schemas;
        schemas.Code = schemas.ExchangeRequest.properties.code;
        schemas.ExchangeRequest.properties.code = { $ref: "#/components/schemas/Code" };
      },
      "none",
      /^$/,
    ],
  ];

  test.each(cases)("%s", (_name, patch, level, line) => {
    const diff = diffSpecs(tinyDoc(), tinyDoc(patch));
    const lines = diff.changes.map((c) => `${c.operationId} ${c.level} ${c.summary}`).join("\n");
    expect(diff.level).toBe(level);
    expect(lines).toMatch(line);
  });

  test("a renamed component is noted for the maintainer, not counted as a change for users", () => {
    const diff = diffSpecs(
      tinyDoc(),
      tinyDoc((d) => {
        const schemas = at(d).components.schemas;
        schemas.Failure = schemas.Error;
        delete schemas.Error;
        at(d).paths["/auth/keys"].post.responses["403"].content["application/json"].schema.$ref =
          "#/components/schemas/Failure";
      }),
    );
    expect(diff.level).toBe("none");
    expect(diff.internal).toEqual(["+ components/schemas/Failure", "- components/schemas/Error"]);
  });

  test("what upstream says in other words is no change: `additionalProperties: {}` for `true`, a renamed security scheme", () => {
    const before = tinyDoc((d) => {
      at(d).components.schemas.Error.properties.metadata = { type: "object", additionalProperties: true };
    });
    const after = tinyDoc((d) => {
      at(d).components.schemas.Error.properties.metadata = { type: "object", additionalProperties: {} };
      const doc = at(d);
      doc.components.securitySchemes.apiKey = { ...doc.components.securitySchemes.bearer, description: "API key" };
      delete doc.components.securitySchemes.bearer;
      doc.security = [{ apiKey: [] }];
      doc.paths["/auth/keys"].post.security = [{}, { apiKey: [] }];
    });
    const diff = diffSpecs(before, after);
    expect(diff.changes.filter((change) => change.level !== "patch")).toEqual([]);
    expect(diff.internal).toEqual(["+ components/securitySchemes/apiKey", "- components/securitySchemes/bearer"]);
    // A scheme of another kind is a change.
    const basic = structuredClone(after);
    at(basic).components.securitySchemes.apiKey = { type: "http", scheme: "basic" };
    expect(diffSpecs(before, basic).level).not.toBe("none");
    expect(diffSpecs(before, basic).changes.some((change) => change.level !== "patch")).toBe(true);
  });

  test("user notes use the SDK's method and camelCase field names", () => {
    const diff = diffSpecs(
      tinyDoc(),
      tinyDoc((d) => {
        at(d).components.schemas.CreateRequest.properties.usage_limit_type = { type: "string" };
      }),
    );
    expect(diff.changes.map((c) => c.userNote)).toEqual([
      "`createAuthCode`: new optional request field `usageLimitType` (string).",
    ]);
  });

  test("pointers read as places in the operation", () => {
    expect(readablePointer("/summary")).toBe("summary");
    expect(readablePointer("/responses/403/content/application~1json/examples")).toBe("response 403: examples");
    expect(
      readablePointer("/requestBody/content/application~1json/schema/properties/data/properties/id/description"),
    ).toBe("request field data.id: description");
  });
});
