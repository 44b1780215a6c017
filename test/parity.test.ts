// One program written for @openrouter/sdk, configured only through OPENROUTER_* variables and an
// httpClient with a beforeRequest hook, run twice: as written, then with only the package name changed.
// Both runs must send the same requests (paths, bodies, the headers the configuration sets) and print
// the same results. The official SDK comes from bench/ (`cd bench && npm ci`); without it, this skips (under CI, fails).
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { childEnv, describeChild, repoRoot, requireBuiltDist, runChild } from "./support/build-once.js";
import { type RecordingServer, startRecordingServer } from "./support/recording-server.js";

const official = join(repoRoot, "bench/node_modules/@openrouter/sdk/esm");
const preload = pathToFileURL(join(repoRoot, "test/seeds/support/redirect-fetch.mjs")).href;
const skipReason = existsSync(join(official, "index.js"))
  ? undefined
  : "@openrouter/sdk is not installed: run `cd bench && npm ci --prefer-offline` to include this test";
if (skipReason !== undefined) console.warn(`parity with @openrouter/sdk: ${skipReason}`);

/** The program, importing `root` and `http` (the package and its lib/http.js, as file URLs). */
const program = (root: string, http: string) => `
import { OpenRouter } from ${JSON.stringify(root)};
import { HTTPClient } from ${JSON.stringify(http)};

const httpClient = new HTTPClient();
httpClient.addHook("beforeRequest", (request) => {
  const next = new Request(request, { signal: request.signal });
  next.headers.set("x-request-id", "parity-1");
  return next;
});
const openRouter = new OpenRouter({ httpClient, retryConfig: { strategy: "none" } });
const created = await openRouter.oAuth.createAuthCode({
  requestBody: { callbackUrl: "https://myapp.example/callback", codeChallenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", codeChallengeMethod: "S256", limit: 5 },
});
const exchanged = await openRouter.oAuth.exchangeAuthCodeForAPIKey({
  requestBody: { code: created.data.id, codeVerifier: "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk", codeChallengeMethod: "S256" },
});
console.log(JSON.stringify({ created, exchanged }));
`;

// Under CI the official SDK must be there (.ci/run installs bench/): a missing one fails rather than skips.
test.runIf(skipReason !== undefined && process.env.CI)("CI installs the official SDK (cd bench && npm ci)", () => {
  expect.fail(skipReason);
});

describe.skipIf(skipReason !== undefined)("parity with @openrouter/sdk", () => {
  let server: RecordingServer;
  let scratch: string;
  beforeAll(async () => {
    requireBuiltDist();
    server = await startRecordingServer();
    scratch = await mkdtemp(join(tmpdir(), "openrouter-oauth-parity-"));
  });
  afterAll(async () => {
    await server?.close();
    if (scratch) await rm(scratch, { recursive: true, force: true });
  });

  async function runProgram(name: string, root: string, http: string) {
    const file = join(scratch, `${name}.mjs`);
    await writeFile(file, program(root, http));
    server.reset();
    // The preload refuses any request off loopback: were OPENROUTER_BASE_URL ignored, the default URL would
    // land on /not-configured of the same server instead of the internet.
    const result = await runChild(process.execPath, ["--import", preload, file], {
      cwd: repoRoot,
      env: childEnv({
        SEED_MOCK_URL: `${server.url}/not-configured`,
        OPENROUTER_API_KEY: "sk-or-v1-parity-key",
        OPENROUTER_BASE_URL: `${server.url}/api/v1`,
        OPENROUTER_HTTP_REFERER: "https://myapp.example",
        OPENROUTER_APP_TITLE: "Parity App",
        OPENROUTER_APP_CATEGORIES: "cli-agent",
      }),
      timeoutMs: 60_000,
    });
    expect(result.code, describeChild(result)).toBe(0);
    const sent = server.requests.map((request) => ({
      method: request.method,
      url: request.url,
      body: request.json(),
      headers: Object.fromEntries(
        [
          "authorization",
          "http-referer",
          "x-openrouter-title",
          "x-openrouter-categories",
          "x-request-id",
          "content-type",
        ].map((header) => [header, request.headers[header]]),
      ),
    }));
    return { sent, printed: JSON.parse(result.stdout.trim()) as unknown };
  }

  test("the same requests and results, with only the package name changed", { timeout: 120_000 }, async () => {
    const theirs = await runProgram(
      "official",
      pathToFileURL(join(official, "index.js")).href,
      pathToFileURL(join(official, "lib/http.js")).href,
    );
    // What "openrouter-oauth" and "openrouter-oauth/lib/http.js" resolve to (the program sits outside the package).
    const ours = await runProgram(
      "ours",
      pathToFileURL(join(repoRoot, "dist/esm/src/index.js")).href,
      pathToFileURL(join(repoRoot, "dist/esm/src/lib/http.js")).href,
    );
    expect(theirs.sent).toHaveLength(2);
    expect(theirs.sent[0]).toMatchObject({
      url: "/api/v1/auth/keys/code",
      headers: {
        authorization: "Bearer sk-or-v1-parity-key",
        "x-openrouter-title": "Parity App",
        "x-request-id": "parity-1",
      },
    });
    expect(ours.sent).toEqual(theirs.sent);
    expect(ours.printed).toEqual(theirs.printed);
  });
});
