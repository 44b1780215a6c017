// The documentation examples (test/seeds/*.ts, copied verbatim from the TypeScript SDK reference with
// only the package name changed) must type-check against the published declarations and run as real
// programs against the Prism mock, through the built package in dist/.
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { beforeAll, describe, expect, inject, test } from "vitest";
import { childEnv, describeChild, repoRoot, requireBuiltDist, runChild } from "./support/build-once.js";
import { refusedURL } from "./support/fault-server.js";
import { startRecordingServer } from "./support/recording-server.js";

const tsc = join(repoRoot, "node_modules/typescript/bin/tsc");
const preload = pathToFileURL(join(repoRoot, "test/seeds/support/redirect-fetch.mjs")).href;
const DEFAULT_BASE = "https://openrouter.ai/api/v1";
const seedFiles = [
  "exchange-class.ts",
  "exchange-standalone.ts",
  "create-class.ts",
  "create-standalone.ts",
  "custom-http-client.ts",
];

beforeAll(() => requireBuiltDist());

describe("seeds type-check against dist/ declarations", () => {
  test.each([
    ["NodeNext", "test/seeds/tsconfig.json"],
    ["Bundler", "test/seeds/tsconfig.bundler.json"],
  ])("moduleResolution %s", { timeout: 120_000 }, async (_name, project) => {
    const result = await runChild(process.execPath, [tsc, "--noEmit", "--listFiles", "-p", project], {
      timeoutMs: 110_000,
    });
    expect(result.code, describeChild(result)).toBe(0);
    // The check really covered every seed and resolved "openrouter-oauth" to the built ESM declarations.
    const files = result.stdout.split(/\r?\n/).map((line) => line.trim().replaceAll("\\", "/"));
    for (const seed of seedFiles) expect(files).toContain(`${repoRoot}/test/seeds/${seed}`.replaceAll("\\", "/"));
    for (const declaration of [
      "dist/esm/src/index.d.ts",
      "dist/esm/src/core.d.ts",
      "dist/esm/src/funcs/oAuthCreateAuthCode.d.ts",
      "dist/esm/src/funcs/oAuthExchangeAuthCodeForAPIKey.d.ts",
      "dist/esm/src/lib/http.d.ts",
    ]) {
      expect(files).toContain(`${repoRoot}/${declaration}`.replaceAll("\\", "/"));
    }
    expect(
      files.some((file) => file.includes("/src/") && !file.includes("/dist/") && !file.includes("/node_modules/")),
    ).toBe(false);
  });
});

interface Seed {
  readonly file: string;
  readonly path: string;
  /** What console.log(result) must show: the camelCased values from the spec's examples. */
  readonly shows: readonly string[];
  /** Wire (snake_case) names that must not leak into the result. */
  readonly hides: readonly string[];
  /** The standalone seeds' error branch. */
  readonly failedBranch?: string;
}

const exchangeShows = ["key: 'sk-or-v1-", "userId: 'user_2yOPcMpKoQhcd4bVgSMlELRaIah'"];
const createShows = ["id: 'auth_code_xyz789'", "appId: 12345", "createdAt"];

const seeds: Seed[] = [
  { file: "exchange-class.ts", path: "/auth/keys", shows: exchangeShows, hides: ["user_id"] },
  {
    file: "exchange-standalone.ts",
    path: "/auth/keys",
    shows: exchangeShows,
    hides: ["user_id"],
    failedBranch: "oAuthExchangeAuthCodeForAPIKey failed:",
  },
  { file: "create-class.ts", path: "/auth/keys/code", shows: createShows, hides: ["app_id", "created_at"] },
  {
    file: "create-standalone.ts",
    path: "/auth/keys/code",
    shows: createShows,
    hides: ["app_id", "created_at"],
    failedBranch: "oAuthCreateAuthCode failed:",
  },
];

function runWithPreload(args: readonly string[], env: Record<string, string>) {
  return runChild(process.execPath, ["--import", "tsx", "--import", preload, ...args], {
    env: childEnv(env),
    timeoutMs: 30_000,
  });
}

describe("seeds run against the Prism mock", () => {
  test.each(seeds)("$file", { timeout: 40_000 }, async (seed) => {
    const prismUrl = inject("prismUrl");
    const result = await runWithPreload([join("test/seeds", seed.file)], {
      SEED_MOCK_URL: prismUrl,
      OPENROUTER_API_KEY: "sk-or-v1-seed-test-key",
    });
    expect(result.code, describeChild(result)).toBe(0);
    // The request went to the default server URL and was redirected to Prism by the preload.
    expect(result.stderr).toContain(`[redirect-fetch] POST ${DEFAULT_BASE}${seed.path} -> ${prismUrl}${seed.path}\n`);
    for (const text of seed.shows) expect(result.stdout, describeChild(result)).toContain(text);
    for (const text of seed.hides) expect(result.stdout, describeChild(result)).not.toContain(text);
    expect(result.stdout).not.toContain("failed:");
    if (seed.failedBranch) expect(result.stdout).not.toContain(seed.failedBranch);
  });
});

// custom-http-client.ts is the "Custom HTTP Client" example of Speakeasy's generated TypeScript READMEs,
// the documented use of @openrouter/sdk's lib/http.js (whose 1.3.19 README leaves the section out), with
// only the package name changed and one call appended.
describe("the custom HTTP client example", () => {
  test("runs: the hook's header and the OPENROUTER_API_KEY reach the server", { timeout: 40_000 }, async () => {
    const server = await startRecordingServer();
    try {
      const result = await runWithPreload([join("test/seeds", "custom-http-client.ts")], {
        SEED_MOCK_URL: server.url,
        OPENROUTER_API_KEY: "sk-or-v1-seed-env-key",
      });
      expect(result.code, describeChild(result)).toBe(0);
      expect(result.stderr).toContain(`[redirect-fetch] POST ${DEFAULT_BASE}/auth/keys -> ${server.url}/auth/keys\n`);
      expect(server.requests).toHaveLength(1);
      const sent = server.requests[0]!;
      expect(sent.headers["x-custom-header"]).toBe("custom value");
      expect(sent.headers.authorization).toBe("Bearer sk-or-v1-seed-env-key");
      expect(result.stdout).toContain("key: 'sk-or-v1-recorded'");
      expect(result.stdout).not.toContain("Request Error");
    } finally {
      await server.close();
    }
  });

  // The example keeps the default retries, so this takes the 20 s retry budget (within the 30 s limit).
  test("its requestError hook runs when the server is unreachable; the call fails with ConnectionError", {
    timeout: 45_000,
  }, async () => {
    const result = await runWithPreload([join("test/seeds", "custom-http-client.ts")], {
      SEED_MOCK_URL: await refusedURL(),
      OPENROUTER_API_KEY: "sk-or-v1-seed-env-key",
    });
    expect(result.code, describeChild(result)).not.toBe(0);
    expect(result.stdout).toContain("Request Error");
    expect(result.stdout).toContain(`Endpoint: POST ${DEFAULT_BASE}/auth/keys`);
    expect(result.stderr).toContain("ConnectionError");
    expect(result.stdout + result.stderr).not.toContain("sk-or-v1-seed-env-key");
  });
});

describe("the redirect-fetch preload", () => {
  test("refuses non-loopback fetches and TCP connections, without touching the network", {
    timeout: 40_000,
  }, async () => {
    const script = `
      import net from "node:net";
      const outcomes = [];
      for (const url of ["https://example.com/", "https://openrouter.ai/api/v2/x", "http://10.0.0.1:80/"]) {
        try { await fetch(url); outcomes.push("reached " + url); }
        catch (error) { outcomes.push(String(error.message).includes("redirect-fetch: refusing") ? "refused" : "other: " + error.message); }
      }
      try { net.connect(443, "example.com"); outcomes.push("connected"); }
      catch (error) { outcomes.push(String(error.message).includes("redirect-fetch: refusing") ? "refused" : "other: " + error.message); }
      console.log(JSON.stringify(outcomes));
    `;
    const result = await runWithPreload(["--input-type=module", "-e", script], { SEED_MOCK_URL: inject("prismUrl") });
    expect(result.code, describeChild(result)).toBe(0);
    expect(JSON.parse(result.stdout.trim())).toEqual(["refused", "refused", "refused", "refused"]);
  });

  test("refuses to start without a loopback SEED_MOCK_URL", { timeout: 40_000 }, async () => {
    const envs: Record<string, string>[] = [{}, { SEED_MOCK_URL: "https://openrouter.ai/api/v1" }];
    for (const env of envs) {
      const result = await runWithPreload(["--input-type=module", "-e", "console.log('ran')"], env);
      expect(result.code, describeChild(result)).not.toBe(0);
      expect(result.stdout).not.toContain("ran");
      expect(result.stderr).toContain("redirect-fetch:");
    }
  });
});
