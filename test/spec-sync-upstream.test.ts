// `npm run spec:sync` on OpenRouter's real OpenAPI documents, as OpenRouter publishes them: two versions in
// ../shared/upstream/ (beside the project; CI has them there, they are not part of the project). Where
// the folder is missing these tests are skipped, saying why; with REQUIRE_UPSTREAM=1 (set by .ci/run)
// a missing folder fails instead, so CI cannot pass without them.
import { access, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { OPERATIONS } from "../scripts/spec-sync/config.js";
import { isObject, type JsonObject } from "../scripts/spec-sync/json.js";
import { parseOpenApi } from "../scripts/spec-sync/load.js";
import { listOperations, reachableComponents, sliceToOperations } from "../scripts/spec-sync/slice.js";
import {
  addSdk,
  GENERATED,
  hashTree,
  makeWorkspace,
  PUBLIC_TYPES,
  REPO,
  type Run,
  SPEC,
  sync,
} from "./support/spec-sync-workspace.js";

/** Beside the project; UPSTREAM_DIR points elsewhere (e.g. to check what happens when it is missing). */
const UPSTREAM = process.env["UPSTREAM_DIR"] ?? join(REPO, "..", "shared", "upstream");
const OLDER = join(UPSTREAM, "openrouter-openapi-2026-04-16.yaml");
const NEWER = join(UPSTREAM, "openrouter-openapi-2026-08-22.yaml");
const RUN_TIMEOUT = 180_000;
const IDS = OPERATIONS.map((op) => op.operationId);

const missing = await Promise.all([OLDER, NEWER].map((file) => access(file))).then(
  () => undefined,
  () => `${UPSTREAM} (OpenRouter's published OpenAPI documents, 2026-04-16 and 2026-08-22) is missing`,
);
const required = process.env["REQUIRE_UPSTREAM"] === "1";
if (missing && !required) console.warn(`spec-sync-upstream tests skipped: ${missing}.`);
const skipNote = missing ? ` (${required ? "missing" : "skipped"}: ${missing})` : "";

test(`OpenRouter's real documents are there${skipNote}`, (context) => {
  if (missing && !required) context.skip(missing);
  expect(missing, `${missing}; REQUIRE_UPSTREAM=1 makes that a failure`).toBeUndefined();
});

// biome-ignore lint/suspicious/noExplicitAny: tests reach into untyped documents
type Doc = any;
const documents = new Map<string, JsonObject>();
async function upstream(file: string): Promise<JsonObject> {
  let doc = documents.get(file);
  if (!doc) {
    doc = parseOpenApi({ label: file, text: await readFile(file, "utf8") });
    documents.set(file, doc);
  }
  return doc;
}
const operation = (doc: JsonObject, id: string): Doc =>
  listOperations(doc).find((op) => op.operationId === id)?.operation;
const componentsOf = (doc: JsonObject): string[] =>
  Object.entries(isObject(doc["components"]) ? doc["components"] : {})
    .flatMap(([kind, map]) => (isObject(map) ? Object.keys(map).map((name) => `${kind}/${name}`) : []))
    .sort();

describe.skipIf(missing !== undefined)(`the slice of the real documents${skipNote}`, () => {
  test.for([
    { file: OLDER, operations: 42, components: 441 },
    { file: NEWER, operations: 97, components: 771 },
  ])("keeps exactly what our two operations reach: $file", async ({ file, operations, components }) => {
    const doc = await upstream(file);
    expect(listOperations(doc)).toHaveLength(operations);
    expect(componentsOf(doc)).toHaveLength(components);
    const sliced = await sliceToOperations(doc, IDS);
    expect(listOperations(sliced).map((op) => op.operationId)).toEqual([
      "exchangeAuthCodeForAPIKey",
      "createAuthKeysCode",
    ]);
    // Independently of the slicer: what our operations reach in the whole document, walking its $refs.
    const ours = structuredClone(doc) as Doc;
    ours.paths = {
      "/auth/keys": { post: operation(doc, IDS[1] ?? "") },
      "/auth/keys/code": { post: operation(doc, IDS[0] ?? "") },
    };
    delete ours.webhooks;
    expect(componentsOf(sliced)).toEqual([...reachableComponents(ours)].sort());
    // And by hand, from the document: upstream's error bodies of the five statuses, and its global scheme.
    expect(componentsOf(sliced)).toEqual([
      ...["BadRequest", "Conflict", "Forbidden", "InternalServer", "Unauthorized"].flatMap((status) => [
        `schemas/${status}Response`,
        `schemas/${status}ResponseErrorData`,
      ]),
      "securitySchemes/apiKey",
    ]);
    expect(componentsOf(doc)).toContain("securitySchemes/bearer"); // used by other operations only
  });

  test("the telemetry fields upstream marks as not for SDKs are there in both, to be left out", async () => {
    for (const file of [OLDER, NEWER]) {
      const body = operation(await upstream(file), "createAuthKeysCode").requestBody.content["application/json"].schema;
      for (const name of ["spawn_agent", "spawn_cloud"]) {
        expect(body.properties[name]).toMatchObject({ "x-speakeasy-ignore": true, "x-fern-ignore": true });
      }
    }
  });
});

describe.skipIf(missing !== undefined)(`a sync of 2026-04-16, then of 2026-08-22${skipNote}`, () => {
  let base: string;
  let workspace: string;
  let older: Run;
  let newer: Run;
  let again: Run;
  let treeAfterNewer: Record<string, string>;

  beforeAll(async () => {
    base = await mkdtemp(join(tmpdir(), "spec-sync-upstream-"));
    workspace = await makeWorkspace(join(base, "ws"));
    await addSdk(workspace);
    older = await sync(workspace, OLDER);
    newer = await sync(workspace, NEWER);
    treeAfterNewer = await hashTree(workspace);
    again = await sync(workspace, NEWER);
  }, RUN_TIMEOUT);
  afterAll(() => (base ? rm(base, { recursive: true, force: true }) : undefined));

  test("2026-04-16 syncs up to the typecheck, which names what the SDK reads and that document lacks", async () => {
    expect(older.stdout).toMatch(/slice: kept 2 of 42 operations, 11 of 441 components/);
    expect(older.stdout).toMatch(
      /left out, marked not for SDKs \(x-speakeasy-ignore \/ x-fern-ignore\): createAuthKeysCode request body: spawn_agent, spawn_cloud/,
    );
    expect(older.stdout).toMatch(/3\.1 form: 18 `nullable` \(an OpenAPI 3\.0 keyword\) written as `null` in `type`/);
    expect(older.stdout).toMatch(/lint: redocly lint passed/);
    expect(older.stdout).toMatch(/major {2}request field `workspace_id` removed/);
    expect(older.stdout).toMatch(/major {2}response 400 field `openrouter_metadata` removed/);
    // The SDK reads openrouterMetadata (and sends workspaceId), which that older description lacks.
    expect(older.code).toBe(1);
    expect(older.stderr).toMatch(/^\nspec:sync failed: The typecheck failed/);
    expect(older.stderr).toMatch(/^ {2}src\/\S+\.ts:\d+: TS\d+ .*'openrouterMetadata'/m);
  });

  test("2026-08-22 then succeeds, typecheck included, and reports the real differences", async () => {
    expect(newer.stderr).toBe("");
    expect(newer.code).toBe(0);
    expect(newer.stdout).toMatch(/slice: kept 2 of 97 operations, 11 of 771 components/);
    expect(newer.stdout).toMatch(/typecheck: npm run typecheck passed/);
    expect(newer.stdout).toMatch(/What changed for users \(not breaking, additions: minor\):/);
    const create = newer.stdout.slice(newer.stdout.indexOf("createAuthCode (operationId createAuthKeysCode)"));
    expect(create).toMatch(/^ {4}minor {2}request field `workspace_id` added \(string \(uuid\), optional\)$/m);
    expect(create).toMatch(/^ {4}minor {2}status 403 added \(error\)$/m);
    expect(create).toMatch(
      /^ {4}minor {2}response 400 field `openrouter_metadata` added \(null \| object, optional\)$/m,
    );
    // Upstream reworded callback_url's description, but the overlay sets our own (the callbacks the API
    // accepts in practice) on both: not a difference of our spec.
    expect(create).not.toMatch(/callback_url/);
    expect(newer.stdout).toMatch(
      /exchangeAuthCodeForAPIKey\n {4}minor {2}response 400 field `openrouter_metadata` added/,
    );
    expect(newer.stdout).toMatch(/the document\n {4}patch {2}documentation: x-fern-base-path/);
    // Nothing the two documents share is reported: the nullable rewrite makes them say it the same way.
    expect(newer.stdout).not.toMatch(/user_id|code_challenge_method|error\.metadata/);
  });

  test("the differences reported are the documents' own (checked in the documents, by hand)", async () => {
    const [before, after] = [await upstream(OLDER), await upstream(NEWER)];
    const body = (doc: JsonObject) =>
      operation(doc, "createAuthKeysCode").requestBody.content["application/json"].schema;
    expect(body(before).properties.workspace_id).toBeUndefined();
    expect(body(after).properties.workspace_id).toMatchObject({ type: "string", format: "uuid" });
    expect(operation(before, "createAuthKeysCode").responses["403"]).toBeUndefined();
    expect(operation(after, "createAuthKeysCode").responses["403"]).toBeDefined();
    const errorBody = (doc: JsonObject) => (doc as Doc).components.schemas.BadRequestResponse.properties;
    expect(errorBody(before).openrouter_metadata).toBeUndefined();
    expect(errorBody(after).openrouter_metadata).toBeDefined();
    expect(body(before).properties.callback_url.description).not.toBe(body(after).properties.callback_url.description);
    expect((before as Doc)["x-fern-base-path"]).toBe("/");
    expect((after as Doc)["x-fern-base-path"]).toBeUndefined();
  });

  test("the result is exactly the committed openapi/ and generated/", async () => {
    for (const file of [SPEC, GENERATED, PUBLIC_TYPES]) {
      expect(await readFile(join(workspace, file), "utf8")).toBe(await readFile(join(REPO, file), "utf8"));
    }
  });

  test("a re-run changes nothing, byte for byte", async () => {
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/openapi\/openrouter-oauth\.yaml is already in step: nothing to do\./);
    expect(await hashTree(workspace)).toEqual(treeAfterNewer);
  });
});
