// `npm run spec:sync`, end to end, as a maintainer runs it: the real command on the fixture cut from
// OpenRouter's real document (test/fixtures/spec-sync/upstream.yaml: our two operations and two others,
// cut by test/support/cut-upstream-fixture.ts) and variants of it, against temporary copies
// of the repository's openapi/, generated/ and .changeset/ (never the real ones). URLs are served from
// 127.0.0.1. Unit-level checks are in spec-sync-units.test.ts.
import { readFileSync } from "node:fs";
import { cp, mkdir, mkdtemp, readFile, rm, truncate, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { parse, stringify } from "yaml";
import { freePort } from "./support/free-port.js";
import {
  addSdk,
  hashTree,
  makeWorkspace,
  REPO,
  type Run,
  SPEC,
  sync,
  syncWith,
} from "./support/spec-sync-workspace.js";

const FIXTURE = join(REPO, "test", "fixtures", "spec-sync", "upstream.yaml");
const RUN_TIMEOUT = 90_000;
/** How many actions openapi/overlay.yaml holds: what the report counts. */
const overlayActions = (parse(readFileSync(join(REPO, "openapi", "overlay.yaml"), "utf8")) as { actions: unknown[] })
  .actions.length;

let base: string;
let baseline: string;
let baselineRun: Run;
let server: Server;
let serverUrl: string;
/** What /huge.yaml may send (hundreds of MB), and what it did send before the client hung up. */
const HUGE_BYTES = 400 * 1024 * 1024;
let hugeBytesSent = 0;

let copies = 0;
async function copyOfBaseline(): Promise<string> {
  const dir = join(base, `ws-${++copies}`);
  await cp(baseline, dir, { recursive: true, verbatimSymlinks: true });
  return dir;
}

// biome-ignore lint/suspicious/noExplicitAny: fixtures are untyped YAML documents
type Doc = any;
const readYaml = async (path: string): Promise<Doc> => parse(await readFile(path, "utf8"));

/** The fixture, changed by `edit`, written as YAML outside every workspace. */
async function variant(name: string, edit: (doc: Doc) => void): Promise<string> {
  const doc = await readYaml(FIXTURE);
  edit(doc);
  const path = join(base, "inputs", `${name}.yaml`);
  await mkdir(join(base, "inputs"), { recursive: true });
  await writeFile(path, stringify(doc));
  return path;
}

/** Upstream describes the bodies inline, in the operations. */
const createBody = (doc: Doc) => doc.paths["/auth/keys/code"].post.requestBody.content["application/json"].schema;
const exchangeOk = (doc: Doc) => doc.paths["/auth/keys"].post.responses["200"].content["application/json"];
/** The exchange's 200 without `user_id`, in its schema and in both of upstream's copies of its example. */
function removeUserId(doc: Doc): void {
  const media = exchangeOk(doc);
  delete media.schema.properties.user_id;
  media.schema.required = ["key"];
  delete media.schema.example.user_id;
  delete media.example.user_id;
}

/** A file outside every workspace. */
async function inputFile(name: string, text: string): Promise<string> {
  const path = join(base, "inputs", name);
  await mkdir(join(base, "inputs"), { recursive: true });
  await writeFile(path, text);
  return path;
}

const newChangesets = (before: Record<string, string>, after: Record<string, string>) =>
  Object.keys(after).filter((path) => path.startsWith(".changeset/") && !(path in before));

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), "spec-sync-test-"));
  baseline = await makeWorkspace(join(base, "baseline"));
  // From scratch: the committed spec is what the fixture must give, compared below.
  await rm(join(baseline, SPEC));
  baselineRun = await sync(baseline, FIXTURE, "--skip-typecheck");
  const fixtureJson = JSON.stringify(await readYaml(FIXTURE));
  server = createServer((request, response) => {
    if (request.url === "/api/v1/openapi.json") {
      response.writeHead(200, { "content-type": "application/json" }).end(fixtureJson);
    } else if (request.url === "/loop/a") {
      response.writeHead(302, { location: "/loop/b" }).end();
    } else if (request.url === "/loop/b") {
      response.writeHead(301, { location: `${serverUrl}/loop/a` }).end();
    } else if (request.url?.startsWith("/chain/")) {
      // Redirects without end, never to the same URL twice.
      response.writeHead(307, { location: `/chain/${Number(request.url.slice("/chain/".length)) + 1}` }).end();
    } else if (request.url === "/huge.yaml") {
      // Hundreds of MB of YAML, without a content-length: only the reader's own cap can stop it.
      response.writeHead(200, { "content-type": "application/yaml" });
      response.write("openapi: 3.1.0\npaths: {}\nx-padding: |\n");
      const line = Buffer.from(`  ${"lol ".repeat(255)}\n`);
      const pump = () => {
        while (hugeBytesSent < HUGE_BYTES && !response.destroyed) {
          hugeBytesSent += line.length;
          if (!response.write(line)) return;
        }
        if (hugeBytesSent >= HUGE_BYTES) response.end();
      };
      response.on("drain", pump);
      pump();
    } else response.writeHead(404, { "content-type": "text/html" }).end("<h1>Not Found</h1>");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  serverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, RUN_TIMEOUT);

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await rm(base, { recursive: true, force: true });
});

describe("a sync from the full upstream document", () => {
  test("succeeds and says what it did", () => {
    expect(baselineRun.stderr).toBe("");
    expect(baselineRun.code).toBe(0);
    expect(baselineRun.stdout).toMatch(/slice: kept 2 of 4 operations, 11 of 17 components/);
    expect(baselineRun.stdout).toMatch(
      /left out, marked not for SDKs \(x-speakeasy-ignore \/ x-fern-ignore\): createAuthKeysCode request body: spawn_agent, spawn_cloud\n/,
    );
    expect(baselineRun.stdout).toMatch(new RegExp(`overlay: ${overlayActions} actions from openapi/overlay\\.yaml`));
    expect(baselineRun.stdout).toMatch(/lint: redocly lint passed/);
    expect(baselineRun.stdout).toMatch(/generate: generated\/ regenerated/);
  });

  test("gives exactly the committed spec and generated/ (synced from the real document the fixture was cut from)", async () => {
    for (const file of [SPEC, join("generated", "openrouter-oauth.ts")]) {
      expect(await readFile(join(baseline, file), "utf8")).toBe(await readFile(join(REPO, file), "utf8"));
    }
  });

  test("keeps exactly our two operations and what they reference, transitively", async () => {
    const spec = await readYaml(join(baseline, SPEC));
    expect(Object.keys(spec.paths)).toEqual(["/auth/keys", "/auth/keys/code"]);
    expect(Object.keys(spec.paths["/auth/keys"])).toEqual(["post"]);
    expect(Object.keys(spec.paths["/auth/keys/code"])).toEqual(["post"]);
    expect(spec.paths["/auth/keys"].post.operationId).toBe("exchangeAuthCodeForAPIKey");
    expect(spec.paths["/auth/keys/code"].post.operationId).toBe("createAuthKeysCode");
    const components = Object.fromEntries(
      Object.entries(spec.components as Record<string, object>).map(([kind, map]) => [kind, Object.keys(map)]),
    );
    expect(components).toEqual({
      securitySchemes: ["apiKey"], // from the global security requirement
      parameters: ["AppCategories", "AppTitle", "HttpReferer"], // ours, from the overlay
      schemas: [
        "BadRequestResponse",
        "BadRequestResponseErrorData",
        "ConflictResponse",
        "ConflictResponseErrorData",
        "ForbiddenResponse",
        "ForbiddenResponseErrorData",
        "InternalServerResponse",
        "InternalServerResponseErrorData",
        "UnauthorizedResponse",
        "UnauthorizedResponseErrorData",
      ], // not NotFound, TooManyRequests or the generation feedback bodies
    });
    expect(spec.webhooks).toBeUndefined();
    expect(spec.tags).toEqual([{ name: "OAuth", description: "OAuth authentication endpoints" }]);
    const body = spec.paths["/auth/keys/code"].post.requestBody.content["application/json"].schema;
    expect(Object.keys(body.properties)).not.toContain("spawn_agent");
    expect(Object.keys(body.properties)).not.toContain("spawn_cloud");
    expect(Object.keys(body.properties)).toContain("workspace_id");
    const generated = await readFile(join(baseline, "generated", "openrouter-oauth.ts"), "utf8");
    expect(generated).toContain('"/auth/keys/code"');
    expect(generated).not.toMatch(/NotFound|TooManyRequests|GenerationFeedback|"\/key"|spawn_/);
  });

  test("applies every correction of openapi/overlay.yaml", async () => {
    const spec = await readYaml(join(baseline, SPEC));
    const exchange = spec.paths["/auth/keys"].post;
    const create = spec.paths["/auth/keys/code"].post;
    expect(spec.info.title).toBe("OpenRouter OAuth PKCE");
    expect(spec.security).toEqual([{ apiKey: [] }]);
    expect(exchange.security).toEqual([{}, { apiKey: [] }]);
    expect(create.security).toBeUndefined();
    const appHeaders = [
      { $ref: "#/components/parameters/HttpReferer" },
      { $ref: "#/components/parameters/AppTitle" },
      { $ref: "#/components/parameters/AppCategories" },
    ];
    expect(exchange.parameters).toEqual(appHeaders);
    expect(create.parameters).toEqual(appHeaders);
    expect(spec.components.parameters.HttpReferer).toMatchObject({ name: "HTTP-Referer", in: "header" });
    const json = (response: Doc) => response.content["application/json"];
    expect(Object.keys(json(exchange.responses["400"]).examples)).toEqual([
      "invalidChallengeMethod",
      "invalidParameters",
    ]);
    expect(json(exchange.responses["400"]).example).toBeUndefined();
    expect(json(exchange.responses["403"])).toEqual({
      schema: { $ref: "#/components/schemas/ForbiddenResponse" },
      examples: expect.objectContaining({ invalidCode: expect.anything(), expiredCode: expect.anything() }),
    });
    expect(exchange.responses["403"].description).toBe("Forbidden - invalid or expired authorization code");
    // Upstream's, kept: the management-key 403 fits creating a code.
    expect(json(create.responses["403"]).example.error.message).toBe("Only management keys can perform this operation");
    for (const status of ["BadRequest", "Unauthorized", "Forbidden", "Conflict", "InternalServer"]) {
      const code = spec.components.schemas[`${status}ResponseErrorData`].properties.code;
      expect(code.type).toBe("integer");
      expect(code.description).toBe(
        "The HTTP status, as a number (a numeric string from the server is read as its number).",
      );
    }
  });
});

describe("idempotence", () => {
  test("a second run with the same document changes nothing", async () => {
    const workspace = await copyOfBaseline();
    const before = await hashTree(workspace);
    const run = await sync(workspace, FIXTURE, "--skip-typecheck");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/openapi\/openrouter-oauth\.yaml is already in step: nothing to do\./);
    expect(await hashTree(workspace)).toEqual(before);
  });

  test("a run on the synced spec itself changes nothing", async () => {
    const workspace = await copyOfBaseline();
    const before = await hashTree(workspace);
    const run = await sync(workspace, SPEC, "--skip-typecheck"); // relative to the workspace, like npm run
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/already in step/);
    expect(await hashTree(workspace)).toEqual(before);
  });

  test("the repository's own spec is in the tool's normal form: syncing it from itself changes nothing", async () => {
    // If this fails, openapi/openrouter-oauth.yaml was edited by hand: run
    // `npm run spec:sync -- openapi/openrouter-oauth.yaml` and commit the result.
    const workspace = await makeWorkspace(join(base, "repo-copy"));
    const before = await hashTree(workspace);
    const run = await sync(workspace, SPEC, "--skip-typecheck");
    expect(run.stderr).toBe("");
    expect(run.stdout).toMatch(/already in step/);
    expect(await hashTree(workspace)).toEqual(before);
  });

  test("the same document fetched as JSON from a URL gives the same spec", async () => {
    const workspace = await copyOfBaseline();
    const before = await hashTree(workspace);
    const run = await sync(workspace, `${serverUrl}/api/v1/openapi.json`, "--skip-typecheck");
    expect(run.stderr).toBe("");
    expect(run.stdout).toMatch(/already in step/);
    expect(await hashTree(workspace)).toEqual(before);
  });
});

describe.concurrent("the report and the changeset draft", () => {
  const cases: { name: string; edit: (doc: Doc) => void; bump: string; report: RegExp[]; note: RegExp[] }[] = [
    {
      name: "an added optional field",
      edit: (doc) => {
        createBody(doc).properties.display_name = {
          type: "string",
          description: "Shown to the user on the consent page.",
        };
      },
      bump: "minor",
      report: [
        /What changed for users \(not breaking, additions: minor\):/,
        /createAuthCode \(operationId createAuthKeysCode\)\n {4}minor {2}request field `display_name` added \(string, optional\)/,
      ],
      note: [/^- `createAuthCode`: new optional request field `displayName` \(string\)\.$/m],
    },
    {
      name: "a removed field",
      edit: (doc) => {
        removeUserId(doc);
      },
      bump: "major",
      report: [/What changed for users \(BREAKING: major\):/, /major {2}response 200 field `user_id` removed/],
      note: [/^- \*\*Breaking:\*\* `exchangeAuthCodeForAPIKey`: the response no longer has `userId`\.$/m],
    },
    {
      name: "a changed enum",
      edit: (doc) => {
        createBody(doc).properties.code_challenge_method.enum = ["S256", "S512"];
      },
      bump: "major",
      report: [
        /What changed for users \(BREAKING: major\):/,
        /major {2}request field `code_challenge_method` enum - "plain"/,
        /minor {2}request field `code_challenge_method` enum \+ "S512"/,
      ],
      note: [
        /^- \*\*Breaking:\*\* `createAuthCode`: `codeChallengeMethod` no longer accepts "plain"\.$/m,
        /^- `createAuthCode`: `codeChallengeMethod` also accepts "S512"\.$/m,
      ],
    },
    {
      name: "a new error status",
      edit: (doc) => {
        doc.paths["/auth/keys"].post.responses["429"] = {
          description: "Too Many Requests - Rate limit exceeded",
          content: { "application/json": { schema: { $ref: "#/components/schemas/TooManyRequestsResponse" } } },
        };
      },
      bump: "minor",
      report: [
        /What changed for users \(not breaking, additions: minor\):/,
        /exchangeAuthCodeForAPIKey\n {4}minor {2}status 429 added \(error\)/,
        /Spec internals .*\+ components\/schemas\/TooManyRequestsResponse, \+ components\/schemas\/TooManyRequestsResponseErrorData/,
      ],
      note: [/^- `exchangeAuthCodeForAPIKey`: the API documents a new 429 error\.$/m],
    },
    {
      name: "a documentation-only change",
      edit: (doc) => {
        doc.paths["/auth/keys"].post.requestBody.content["application/json"].schema.properties.code.description =
          "The authorization code from the redirect's `?code=`; single use, valid for about ten minutes.";
      },
      bump: "patch",
      report: [
        /What changed for users \(documentation only: patch\):/,
        /patch {2}documentation: 1 change \(request field code: description\)/,
      ],
      note: [/^- `exchangeAuthCodeForAPIKey`: documentation and examples updated\.$/m],
    },
  ];

  test.for(cases)(
    "$name: reported, regenerated, drafted as $bump; a second run changes nothing",
    { timeout: RUN_TIMEOUT },
    async ({ name, edit, bump, report, note }) => {
      const workspace = await copyOfBaseline();
      const input = await variant(name.replace(/\W+/g, "-"), edit);
      const before = await hashTree(workspace);
      const run = await sync(workspace, input, "--skip-typecheck");
      expect(run.stderr).toBe("");
      expect(run.code).toBe(0);
      for (const line of report) expect(run.stdout).toMatch(line);
      const after = await hashTree(workspace);
      expect(after[SPEC]).not.toBe(before[SPEC]);
      expect(after["generated/openrouter-oauth.ts"]).not.toBe(before["generated/openrouter-oauth.ts"]);
      const [changeset, ...more] = newChangesets(before, after);
      expect(more).toEqual([]);
      expect(run.stdout).toContain(`Changeset draft: ${changeset} (${bump}).`);
      const text = await readFile(join(workspace, changeset ?? "missing"), "utf8");
      expect(text).toMatch(new RegExp(`^---\\n"openrouter-oauth": ${bump}\\n---\\n`));
      for (const line of note) expect(text).toMatch(line);

      const again = await sync(workspace, input, "--skip-typecheck");
      expect(again.stdout).toMatch(/already in step/);
      expect(await hashTree(workspace)).toEqual(after);
    },
  );
});

describe.concurrent("bad input: a clear error, and every file as it was", () => {
  const cases: { name: string; input: () => Promise<string>; error: RegExp }[] = [
    {
      name: "an empty file",
      input: () => inputFile("empty.yaml", ""),
      error: /empty\.yaml is not an OpenAPI document: it is empty, not a mapping\./,
    },
    {
      name: "an HTML page",
      input: () => inputFile("page.html", "<!doctype html><html><body><h1>OpenRouter</h1></body></html>\n"),
      error: /page\.html is not an OpenAPI document: it is a string, not a mapping\./,
    },
    {
      name: "a file that is not OpenAPI",
      input: async () => join(REPO, "test", "fixtures", "spec-sync", "not-openapi.yaml"),
      error: /not-openapi\.yaml is not an OpenAPI 3\.0\/3\.1 document: its `openapi` field is missing\./,
    },
    {
      name: "a file that is not YAML",
      input: async () => {
        const path = join(base, "inputs", "broken.yaml");
        await mkdir(join(base, "inputs"), { recursive: true });
        await writeFile(path, "openapi: 3.1.0\npaths:\n  /a: {get: [\n");
        return path;
      },
      error: /broken\.yaml is neither JSON nor valid YAML/,
    },
    {
      name: "a missing file",
      input: async () => join(base, "inputs", "no-such-file.yaml"),
      error: /no-such-file\.yaml: no such file\./,
    },
    {
      name: "an operation renamed upstream",
      input: () =>
        variant("renamed", (doc) => {
          doc.paths["/auth/keys"].post.operationId = "exchangeAuthCode";
        }),
      error:
        /lacks an operation the SDK is built on:\n {2}- exchangeAuthCodeForAPIKey \(POST \/auth\/keys, SDK method exchangeAuthCodeForAPIKey\) is missing: POST \/auth\/keys now has operationId "exchangeAuthCode" \(renamed\?\)\./,
    },
    {
      name: "an operation gone, with a similar one elsewhere",
      input: () =>
        variant("moved", (doc) => {
          doc.paths["/oauth/code"] = { post: { ...doc.paths["/auth/keys/code"].post, operationId: "createAuthCode" } };
          delete doc.paths["/auth/keys/code"];
        }),
      error:
        /createAuthKeysCode \(POST \/auth\/keys\/code, SDK method createAuthCode\) is missing: closest operationIds?: "createAuthCode"/,
    },
    {
      name: "an overlay target that no longer matches (upstream dropped the exchange's 400)",
      input: () =>
        variant("stale-overlay-target", (doc) => {
          delete doc.paths["/auth/keys"].post.responses["400"];
        }),
      error:
        /Overlay action 10 of \d+ in openapi\/overlay\.yaml \("The exchange's 400 with the messages it really sends: a code challenge method other than the one the code was made wi\.\.\."\) no longer matches anything: target \$\.paths\[\*\]\[\?\(@\.operationId == 'exchangeAuthCodeForAPIKey'\)\]\.responses\['400'\]\.content\['application\/json'\]\./,
    },
    {
      name: "an overlay target that no longer matches (upstream renamed its error bodies)",
      input: () =>
        variant("renamed-error-data", (doc) => {
          const schemas = doc.components.schemas;
          for (const name of Object.keys(schemas).filter((key) => key.endsWith("ResponseErrorData"))) {
            const renamed = name.replace(/ErrorData$/, "ErrorDetail");
            schemas[renamed] = schemas[name];
            delete schemas[name];
            schemas[name.replace(/ErrorData$/, "")].properties.error.$ref = `#/components/schemas/${renamed}`;
          }
        }),
      error:
        /\("Servers have been seen sending the error code as a string \("400"\), not the documented integer; the SDK reads a numeri\.\.\."\) no longer matches anything: target \$\.components\.schemas\['BadRequestResponseErrorData'/,
    },
    {
      name: "a result that fails the lint (upstream renamed its security scheme)",
      input: () =>
        variant("renamed-security-scheme", (doc) => {
          doc.components.securitySchemes.bearer = doc.components.securitySchemes.apiKey;
          delete doc.components.securitySchemes.apiKey;
          doc.security = [{ bearer: [] }];
        }),
      error: /The synced spec fails redocly lint; nothing was written:[\s\S]*security-defined/,
    },
    {
      name: "a document nested too deep for the tools (a case nobody foresaw: still one line)",
      input: async () => {
        // Deep enough to overflow the stack of the slicer's recursive walks, not the JSON parser's.
        const doc = await readYaml(FIXTURE);
        doc.paths["/auth/keys/code"].post["x-deep"] = "DEEP";
        const text = JSON.stringify(doc).replace('"DEEP"', `${"[".repeat(9000)}${"]".repeat(9000)}`);
        return inputFile("nested-too-deep.json", text);
      },
      error:
        /unexpected RangeError on \S+nested-too-deep\.json: Maximum call stack size exceeded \(SPEC_SYNC_DEBUG=1 shows where\)\./,
    },
    {
      name: "an unreachable URL",
      input: async () => `http://127.0.0.1:${await freePort()}/openapi.json`,
      error: /http:\/\/127\.0\.0\.1:\d+\/openapi\.json is unreachable: ECONNREFUSED\./,
    },
    {
      name: "a URL that redirects without end",
      input: async () => `${serverUrl}/chain/0`,
      error: /\/chain\/0 redirects more than 5 times \(last to http:\/\/127\.0\.0\.1:\d+\/chain\/6\)\./,
    },
    {
      name: "a URL that answers 404",
      input: async () => `${serverUrl}/api/v1/openapi.yaml`,
      error: /\/api\/v1\/openapi\.yaml answered 404 Not Found, not an OpenAPI document\./,
    },
  ];

  test.for(cases)("$name", { timeout: RUN_TIMEOUT }, async ({ input, error }) => {
    const workspace = await copyOfBaseline();
    const source = await input();
    const before = await hashTree(workspace);
    const run = await sync(workspace, source, "--skip-typecheck");
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^\nspec:sync failed: /);
    expect(run.stderr).toMatch(error);
    expect(await hashTree(workspace)).toEqual(before);
  });
});

describe("hostile input: one clear line, within bounded time and memory, every file as it was", () => {
  /** The heap the command gets: a fraction of any of these documents expanded or read whole. */
  const HEAP_MB = 256;
  const TIME_LIMIT_MS = 30_000;

  async function expectOneLineFailure(source: string, error: RegExp): Promise<void> {
    const workspace = await copyOfBaseline();
    const before = await hashTree(workspace);
    const started = performance.now();
    const run = await syncWith([`--max-old-space-size=${HEAP_MB}`], workspace, source, "--skip-typecheck");
    expect(performance.now() - started).toBeLessThan(TIME_LIMIT_MS);
    expect(run.code).toBe(1);
    // Exactly one line after the blank one: no stack trace, no library's error text dumped.
    expect(run.stderr.split("\n").filter((line) => line !== "")).toEqual([expect.stringMatching(error)]);
    expect(run.stderr).toMatch(/^\nspec:sync failed: /);
    expect(await hashTree(workspace)).toEqual(before);
  }

  test(
    "a YAML alias bomb",
    async () => {
      // Nine levels of nine aliases each: 9^9 (387 million) strings once expanded.
      const levels = ["  l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"];
      for (let level = 1; level < 10; level++) {
        levels.push(
          `  l${level}: &l${level} [${Array(9)
            .fill(`*l${level - 1}`)
            .join(", ")}]`,
        );
      }
      const source = await inputFile("alias-bomb.yaml", `openapi: 3.1.0\npaths: {}\nx-lol:\n${levels.join("\n")}\n`);
      await expectOneLineFailure(
        source,
        /alias-bomb\.yaml expands YAML aliases too many times \(a YAML alias bomb\?\)/,
      );
    },
    RUN_TIMEOUT,
  );

  test(
    "a file of hundreds of MB",
    async () => {
      const source = join(base, "inputs", "huge.yaml");
      await mkdir(join(base, "inputs"), { recursive: true });
      await writeFile(source, "openapi: 3.1.0\n");
      await truncate(source, 300 * 1024 * 1024); // sparse: no 300 MB written to the disk
      await expectOneLineFailure(source, /huge\.yaml is 300 MB; spec:sync reads at most 32 MB/);
    },
    RUN_TIMEOUT,
  );

  test(
    "a URL that sends hundreds of MB",
    async () => {
      await expectOneLineFailure(
        `${serverUrl}/huge.yaml`,
        /\/huge\.yaml is more than 32 MB; spec:sync reads at most 32 MB/,
      );
      // It stopped reading at the cap, instead of taking the whole document.
      expect(hugeBytesSent).toBeLessThan(HUGE_BYTES / 4);
    },
    RUN_TIMEOUT,
  );

  test(
    "a URL that redirects in a loop",
    async () => {
      await expectOneLineFailure(
        `${serverUrl}/loop/a`,
        /\/loop\/a redirects in a loop: http:\/\/127\.0\.0\.1:\d+\/loop\/a → http:\/\/127\.0\.0\.1:\d+\/loop\/b → http:\/\/127\.0\.0\.1:\d+\/loop\/a\./,
      );
    },
    RUN_TIMEOUT,
  );
});

describe("when a later step fails", () => {
  const addedField = () =>
    variant("added-field", (doc) => {
      createBody(doc).properties.display_name = { type: "string" };
    });

  test(
    "--dry-run prints the report and writes nothing",
    async () => {
      const workspace = await copyOfBaseline();
      const before = await hashTree(workspace);
      const run = await sync(workspace, await addedField(), "--dry-run");
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/minor {2}request field `display_name` added \(string, optional\)/);
      expect(run.stdout).toMatch(/Dry run: nothing written\./);
      expect(await hashTree(workspace)).toEqual(before);
    },
    RUN_TIMEOUT,
  );

  test(
    "a failed regeneration puts the old spec back",
    async () => {
      const workspace = await copyOfBaseline();
      await writeFile(
        join(workspace, "scripts", "generate.mjs"),
        'console.error("generator crashed");\nprocess.exit(3);\n',
      );
      const before = await hashTree(workspace);
      const run = await sync(workspace, await addedField(), "--skip-typecheck");
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(
        /Regenerating generated\/ failed, so openapi\/openrouter-oauth\.yaml was put back as it was:\n {2}generator crashed/,
      );
      expect(await hashTree(workspace)).toEqual(before);
    },
    RUN_TIMEOUT,
  );

  test(
    "a change the SDK layer does not follow fails the typecheck, naming what broke, and keeps the new spec for fixing",
    async () => {
      const workspace = await copyOfBaseline();
      await addSdk(workspace);
      const input = await variant("user-id-removed", removeUserId);
      const run = await sync(workspace, input);
      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(/major {2}response 200 field `user_id` removed/);
      expect(run.stderr).toMatch(
        /The typecheck failed: the SDK layer \(src\/ and its zod schemas\) does not match the new spec\./,
      );
      expect(run.stderr).toMatch(/^ {2}\S+\.ts:\d+.*TS\d+ .*user_?id/im);
      expect(run.stderr).toMatch(/are kept so you can fix the SDK[\s\S]*git checkout -- openapi generated/);
      const spec = await readYaml(join(workspace, SPEC));
      expect(exchangeOk(spec).schema.properties.user_id).toBeUndefined();
    },
    RUN_TIMEOUT * 2,
  );
});
