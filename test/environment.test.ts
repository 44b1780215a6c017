// The OPENROUTER_* environment variables, read like @openrouter/sdk reads them: an explicit option wins,
// then the variable, then the default. Each case runs in a fresh process (test/support/env-probe.mjs,
// through the built package) with exactly the variables it names, so no case sees another's. Then the
// places with no environment to read: a bundle run where there is no `process` (a browser, a worker),
// and Deno without --allow-env, where every variable reads as unset.
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { createContext, runInContext } from "node:vm";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { childEnv, describeChild, repoRoot, requireBuiltDist, runChild } from "./support/build-once.js";
import { type RecordingServer, startRecordingServer } from "./support/recording-server.js";

const probe = join(repoRoot, "test/support/env-probe.mjs");
const ENV_KEY = "sk-or-v1-ENV-SECRET-KEY-777";
const CODE = "CODE-PROBE-SECRET";
const VERIFIER = "VERIFIER-PROBE-SECRET";
const DEFAULT_EXCHANGE_URL = "https://openrouter.ai/api/v1/auth/keys";

interface ProbeSpec {
  call?: "exchange" | "create" | "authorizationUrl";
  options?: Record<string, unknown>;
  callOptions?: Record<string, unknown>;
  request?: Record<string, unknown>;
  recordFetch?: boolean;
  collectDebug?: boolean;
}

interface ProbeReport {
  requests: { url: string; headers: Record<string, string> }[];
  ok: boolean;
  value?: unknown;
  error?: { name: string; message: string; field?: string; reason?: string };
  debugLines: string[];
  /** stdout without the PROBE line: what the SDK printed itself. */
  printed: string;
}

function parseProbe(stdout: string, context: string): ProbeReport {
  const lines = stdout.split("\n");
  const line = lines.find((l) => l.startsWith("PROBE "));
  if (line === undefined) throw new Error(`the probe printed no result:\n${context}`);
  const report = JSON.parse(line.slice("PROBE ".length)) as Omit<ProbeReport, "printed">;
  return { ...report, printed: lines.filter((l) => l !== line).join("\n") };
}

/** Runs the probe in a fresh Node process whose only OPENROUTER_* variables are `env`. */
async function probeNode(env: Record<string, string>, spec: ProbeSpec): Promise<ProbeReport> {
  const result = await runChild(process.execPath, [probe, JSON.stringify(spec)], { env: childEnv(env) });
  expect(result.code, describeChild(result)).toBe(0);
  return parseProbe(result.stdout, describeChild(result));
}

const exchange: ProbeSpec = { call: "exchange", recordFetch: true };

let server: RecordingServer;
beforeAll(async () => {
  requireBuiltDist();
  server = await startRecordingServer();
});
afterAll(async () => {
  await server?.close();
});

describe("each variable alone, and against its option", () => {
  test("nothing set: the defaults (production URL, no key, no app headers)", async () => {
    const report = await probeNode({}, exchange);
    expect(report.ok).toBe(true);
    expect(report.requests).toHaveLength(1);
    expect(report.requests[0]!.url).toBe(DEFAULT_EXCHANGE_URL);
    const headers = report.requests[0]!.headers;
    for (const name of ["authorization", "http-referer", "x-openrouter-title", "x-openrouter-categories"]) {
      expect(headers[name]).toBeUndefined();
    }
    expect(report.printed.trim()).toBe("");
  });

  test("OPENROUTER_API_KEY is the apiKey when none is given", async () => {
    const report = await probeNode({ OPENROUTER_API_KEY: ENV_KEY }, exchange);
    expect(report.requests[0]!.headers.authorization).toBe(`Bearer ${ENV_KEY}`);
  });

  test("an apiKey option wins over OPENROUTER_API_KEY, and apiKey: '' means no key", async () => {
    const given = await probeNode({ OPENROUTER_API_KEY: ENV_KEY }, { ...exchange, options: { apiKey: "sk-option" } });
    expect(given.requests[0]!.headers.authorization).toBe("Bearer sk-option");
    const empty = await probeNode({ OPENROUTER_API_KEY: ENV_KEY }, { ...exchange, options: { apiKey: "" } });
    expect(empty.requests[0]!.headers.authorization).toBeUndefined();
  });

  test.each([
    ["OPENROUTER_HTTP_REFERER", "httpReferer", "http-referer", "https://env.example"],
    ["OPENROUTER_APP_TITLE", "appTitle", "x-openrouter-title", "Env App"],
    ["OPENROUTER_APP_CATEGORIES", "appCategories", "x-openrouter-categories", "cli-agent,programming-app"],
  ])("%s: alone, under the client option, under the request's", async (variable, option, header, value) => {
    const alone = await probeNode({ [variable]: value }, exchange);
    expect(alone.requests[0]!.headers[header]).toBe(value);
    const client = await probeNode({ [variable]: value }, { ...exchange, options: { [option]: "from-option" } });
    expect(client.requests[0]!.headers[header]).toBe("from-option");
    const request = await probeNode({ [variable]: value }, { ...exchange, request: { [option]: "from-request" } });
    expect(request.requests[0]!.headers[header]).toBe("from-request");
  });

  test("OPENROUTER_BASE_URL sends the calls there (a real request through the global fetch)", async () => {
    server.reset();
    const report = await probeNode({ OPENROUTER_BASE_URL: `${server.url}/gateway/v1` }, { call: "create" });
    expect(report.ok, JSON.stringify(report)).toBe(true);
    expect(server.requests.map((r) => `${r.method} ${r.url}`)).toEqual(["POST /gateway/v1/auth/keys/code"]);
  });

  test("serverURL, server: 'production' and a call's serverURL each win over OPENROUTER_BASE_URL", async () => {
    const env = { OPENROUTER_BASE_URL: "https://gateway.example/api/v1" };
    const option = await probeNode(env, { ...exchange, options: { serverURL: "https://option.example/v1" } });
    expect(option.requests[0]!.url).toBe("https://option.example/v1/auth/keys");
    const named = await probeNode(env, { ...exchange, options: { server: "production" } });
    expect(named.requests[0]!.url).toBe(DEFAULT_EXCHANGE_URL);
    const call = await probeNode(env, { ...exchange, callOptions: { serverURL: "https://call.example/v1" } });
    expect(call.requests[0]!.url).toBe("https://call.example/v1/auth/keys");
    const alone = await probeNode(env, exchange);
    expect(alone.requests[0]!.url).toBe("https://gateway.example/api/v1/auth/keys");
  });

  test("OPENROUTER_BASE_URL also gives the consent page's origin", async () => {
    const report = await probeNode(
      { OPENROUTER_BASE_URL: "https://gateway.example/api/v1" },
      { call: "authorizationUrl" },
    );
    expect(report.ok).toBe(true);
    expect(String(report.value)).toMatch(/^https:\/\/gateway\.example\/auth\?callback_url=/);
  });

  test("an empty variable counts as unset", async () => {
    const report = await probeNode({ OPENROUTER_BASE_URL: "", OPENROUTER_API_KEY: "" }, exchange);
    expect(report.requests[0]!.url).toBe(DEFAULT_EXCHANGE_URL);
    expect(report.requests[0]!.headers.authorization).toBeUndefined();
  });
});

describe("invalid values are refused before anything is sent", () => {
  test.each([
    "not a url",
    "openrouter.ai/api/v1",
    "/api/v1",
    "ftp://user:hunter2-secret@gateway.example/api",
    "javascript:alert(1)",
  ])("OPENROUTER_BASE_URL=%j", async (value) => {
    for (const call of ["exchange", "create", "authorizationUrl"] as const) {
      const report = await probeNode({ OPENROUTER_BASE_URL: value }, { call, recordFetch: true });
      expect(report.ok).toBe(false);
      expect(report.error).toMatchObject({
        name: "SDKValidationError",
        field: "OPENROUTER_BASE_URL",
        message: "Invalid OPENROUTER_BASE_URL: must be an absolute http(s) URL",
      });
      expect(report.requests).toEqual([]);
    }
  });

  test("a plain-http OPENROUTER_BASE_URL off loopback is refused, key or not, naming the variable", async () => {
    const env = { OPENROUTER_BASE_URL: "http://gateway.example/api/v1", OPENROUTER_API_KEY: ENV_KEY };
    const report = await probeNode(env, exchange);
    expect(report.error).toMatchObject({ name: "SDKValidationError", field: "OPENROUTER_BASE_URL" });
    expect(report.error!.reason).toMatch(/https/);
    expect(report.requests).toEqual([]);
    expect(JSON.stringify(report.error)).not.toContain(ENV_KEY);
    // Without a key it is refused all the same: the code and verifier go out, the user's new key comes back.
    const keyless = await probeNode({ OPENROUTER_BASE_URL: "http://gateway.example/api/v1" }, exchange);
    expect(keyless.error).toMatchObject({ name: "SDKValidationError", field: "OPENROUTER_BASE_URL" });
    expect(keyless.requests).toEqual([]);
  });

  test("a bad variable is not even read when an option takes its place", async () => {
    const report = await probeNode(
      { OPENROUTER_BASE_URL: "not a url" },
      { ...exchange, options: { serverURL: "https://option.example/v1" } },
    );
    expect(report.ok).toBe(true);
  });
});

describe("OPENROUTER_DEBUG", () => {
  test.each(["1", "true", "TRUE"])(
    "OPENROUTER_DEBUG=%s logs each attempt on the console, without a secret",
    async (value) => {
      const report = await probeNode({ OPENROUTER_DEBUG: value, OPENROUTER_API_KEY: ENV_KEY }, exchange);
      expect(report.ok).toBe(true);
      expect(report.printed).toMatch(/^\[openrouter-oauth\] POST \/api\/v1\/auth\/keys #1: 200 in \d+ ms$/m);
      for (const secret of [ENV_KEY, "ENV-SECRET", CODE, VERIFIER, "sk-or-v1-probe-returned"]) {
        expect(report.printed).not.toContain(secret);
      }
    },
  );

  test.each(["0", "false", "no", ""])("OPENROUTER_DEBUG=%j logs nothing", async (value) => {
    const report = await probeNode({ OPENROUTER_DEBUG: value }, exchange);
    expect(report.ok).toBe(true);
    expect(report.printed.trim()).toBe("");
  });

  test("a debugLogger option wins over OPENROUTER_DEBUG", async () => {
    const report = await probeNode({ OPENROUTER_DEBUG: "1" }, { ...exchange, collectDebug: true });
    expect(report.printed.trim()).toBe("");
    expect(report.debugLines).toHaveLength(1);
    expect(report.debugLines[0]).toMatch(/^\[openrouter-oauth\] POST \/api\/v1\/auth\/keys #1: 200/);
  });
});

describe("where there is no environment", () => {
  /** The package bundled for a browser, as an IIFE that sets `globalThis.SDK`. */
  async function browserBundle(): Promise<string> {
    const result = await build({
      stdin: { contents: `export * from "openrouter-oauth";`, resolveDir: repoRoot, loader: "js" },
      bundle: true,
      format: "iife",
      globalName: "SDK",
      platform: "browser",
      write: false,
      logLevel: "silent",
    });
    return result.outputFiles[0]!.text;
  }

  /** Runs `code` in a realm with web APIs only: no `process`, no `Deno` (or a `process` that throws). */
  function runWithoutEnvironment(bundle: string, code: string, extra: object = {}): Promise<unknown> {
    const realm = createContext({
      ...{ fetch, Request, Response, Headers, URL, AbortController, AbortSignal, TextDecoder, TextEncoder },
      ...{ setTimeout, clearTimeout, crypto, console },
      ...extra,
    });
    runInContext(bundle, realm);
    return runInContext(code, realm) as Promise<unknown>;
  }

  const calls = `(async () => {
    const requests = [];
    const recordFetch = async (request) => {
      requests.push({ url: request.url, authorization: request.headers.get("authorization"), title: request.headers.get("x-openrouter-title") });
      return Response.json({ key: "sk-or-v1-x", user_id: null });
    };
    const url = SDK.oAuthCreateAuthorizationUrl(new SDK.OpenRouterCore(), { callbackUrl: "https://app.example/cb" });
    const call = await SDK.oAuthExchangeAuthCodeForAPIKey(new SDK.OpenRouterCore({ fetch: recordFetch }), { requestBody: { code: "c" } });
    return JSON.stringify({ url, ok: call.ok, error: call.error && call.error.message, requests });
  })()`;

  test("a browser bundle in a realm without process or Deno: no crash, the defaults", async () => {
    const bundle = await browserBundle();
    // The test's own environment has every variable set: none of it may reach the realm.
    const variables = {
      OPENROUTER_API_KEY: ENV_KEY,
      OPENROUTER_BASE_URL: "https://gateway.example/api/v1",
      OPENROUTER_APP_TITLE: "Env App",
    };
    Object.assign(process.env, variables);
    try {
      const outcome = JSON.parse(String(await runWithoutEnvironment(bundle, calls)));
      expect(outcome.url.ok).toBe(true);
      expect(outcome.url.value).toMatch(/^https:\/\/openrouter\.ai\/auth\?/);
      expect(outcome.ok).toBe(true);
      expect(outcome.requests).toEqual([{ url: DEFAULT_EXCHANGE_URL, authorization: null, title: null }]);
    } finally {
      for (const name of Object.keys(variables)) delete process.env[name];
    }
  });

  test("a realm whose process global throws on access (a bundler's stub): no crash, the defaults", async () => {
    const bundle = await browserBundle();
    const realm = {};
    Object.defineProperty(realm, "process", {
      get() {
        throw new Error("process is not defined in this runtime");
      },
    });
    const outcome = JSON.parse(String(await runWithoutEnvironment(bundle, calls, realm)));
    expect(outcome.ok).toBe(true);
    expect(outcome.requests).toEqual([{ url: DEFAULT_EXCHANGE_URL, authorization: null, title: null }]);
  });
});

const miniflareModule = join(repoRoot, "test/runtimes/node_modules/miniflare/dist/src/index.js");
const workerSkip = existsSync(miniflareModule)
  ? undefined
  : "miniflare is not installed: run `cd test/runtimes && npm ci --prefer-offline` to include this case";
if (workerSkip !== undefined) console.warn(`worker environment case: ${workerSkip}`);

describe.skipIf(workerSkip !== undefined)("a Cloudflare worker (workerd, through miniflare)", () => {
  test("no process, no Deno: no crash, the defaults, though this process has OPENROUTER_API_KEY set", {
    timeout: 60_000,
  }, async () => {
    const worker = await build({
      stdin: {
        contents: `import * as SDK from "openrouter-oauth";
          export default {
            async fetch() {
              const requests = [];
              const recordFetch = async (request) => {
                requests.push({ url: request.url, authorization: request.headers.get("authorization") });
                return Response.json({ key: "sk-or-v1-x", user_id: null });
              };
              const core = new SDK.OpenRouterCore({ fetch: recordFetch });
              const call = await SDK.oAuthExchangeAuthCodeForAPIKey(core, { requestBody: { code: "c" } });
              return Response.json({ ok: call.ok, process: typeof process, deno: typeof Deno, requests });
            },
          };`,
        resolveDir: repoRoot,
        loader: "js",
      },
      bundle: true,
      format: "esm",
      platform: "browser",
      write: false,
      logLevel: "silent",
    });
    const { Miniflare } = (await import(pathToFileURL(miniflareModule).href)) as {
      Miniflare: new (
        options: object,
      ) => {
        dispatchFetch(url: string): Promise<Response>;
        dispose(): Promise<void>;
      };
    };
    process.env["OPENROUTER_API_KEY"] = ENV_KEY;
    const mf = new Miniflare({ modules: true, script: worker.outputFiles[0]!.text, compatibilityDate: "2025-01-01" });
    try {
      const outcome = await (await mf.dispatchFetch("http://localhost/")).json();
      expect(outcome).toEqual({
        ok: true,
        process: "undefined",
        deno: "undefined",
        requests: [{ url: DEFAULT_EXCHANGE_URL, authorization: null }],
      });
    } finally {
      delete process.env["OPENROUTER_API_KEY"];
      await mf.dispose();
    }
  });
});

const deno = join(repoRoot, "test/runtimes/node_modules/.bin/deno");
const denoSkip = existsSync(deno)
  ? undefined
  : "Deno is not installed: run `cd test/runtimes && npm ci --prefer-offline` to include these cases";
if (denoSkip !== undefined) console.warn(`Deno environment cases: ${denoSkip}`);

describe.skipIf(denoSkip !== undefined)("Deno: variables read only with --allow-env", () => {
  let scratch: string;
  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), "openrouter-oauth-deno-"));
  });
  afterAll(async () => {
    await rm(scratch, { recursive: true, force: true });
  });

  const env = {
    OPENROUTER_API_KEY: ENV_KEY,
    OPENROUTER_APP_TITLE: "Env App",
    // Not a URL: were it read, the call would fail.
    OPENROUTER_BASE_URL: "not a url",
  };

  async function probeDeno(permission: string[]): Promise<ProbeReport> {
    const index = pathToFileURL(join(repoRoot, "dist/esm/src/index.js")).href;
    const readable = `--allow-read=${join(repoRoot, "dist")},${join(repoRoot, "test/support")}`;
    const args = ["run", "--no-prompt", "--no-config", "--no-lock", readable, ...permission, probe];
    const result = await runChild(deno, [...args, JSON.stringify(exchange), index], {
      cwd: scratch,
      env: childEnv({ ...env, DENO_DIR: join(scratch, "cache"), DENO_NO_UPDATE_CHECK: "1" }),
      timeoutMs: 60_000,
    });
    expect(result.code, describeChild(result)).toBe(0);
    return parseProbe(result.stdout, describeChild(result));
  }

  test.each([
    ["without --allow-env", []],
    ["with --deny-env", ["--deny-env"]],
  ])("%s every variable reads as unset (no prompt, no error)", { timeout: 70_000 }, async (_name, flags) => {
    const report = await probeDeno(flags);
    expect(report.ok, JSON.stringify(report)).toBe(true);
    expect(report.requests).toEqual([
      {
        url: DEFAULT_EXCHANGE_URL,
        headers: expect.not.objectContaining({ authorization: expect.anything() }),
      },
    ]);
    expect(report.requests[0]!.headers["x-openrouter-title"]).toBeUndefined();
  });

  test("with --allow-env=OPENROUTER_API_KEY only that one is read", { timeout: 70_000 }, async () => {
    const report = await probeDeno(["--allow-env=OPENROUTER_API_KEY"]);
    expect(report.ok, JSON.stringify(report)).toBe(true);
    expect(report.requests[0]!.headers.authorization).toBe(`Bearer ${ENV_KEY}`);
    expect(report.requests[0]!.headers["x-openrouter-title"]).toBeUndefined();
  });

  test("with --allow-env the variables apply, the bad base URL included", { timeout: 70_000 }, async () => {
    const report = await probeDeno(["--allow-env"]);
    expect(report.ok).toBe(false);
    expect(report.error).toMatchObject({ name: "SDKValidationError", field: "OPENROUTER_BASE_URL" });
    expect(report.requests).toEqual([]);
  });
});
