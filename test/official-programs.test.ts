// Issue 25: "a folder of small programs written against @openrouter/sdk that are compiled, and run against the
// mock, with only the package name changed". Each program in test/official-programs/ imports only the official
// package's documented entry points. For each program, this test:
//   1. type-checks it against the official @openrouter/sdk 1.3.19 (from bench/), strict NodeNext, as a consumer;
//   2. runs it on the official SDK against the mock and checks what it prints (so it is a valid official program);
//   3. rewrites only the package name ("@openrouter/sdk" → "openrouter-oauth") and type-checks it against ours
//      (through package.json exports, to dist/'s declarations);
//   4. runs the rewritten program on ours against the same mock and checks that it prints the same lines.
// Mocks: the Prism mock of openapi/ for the documented successes, and a scenario server below (127.0.0.1, a free
// port) for error statuses, slow answers and retries. Programs get the mock's URL from OPENROUTER_BASE_URL (which
// both SDKs read) or from variables they pass as `serverURL`. The redirect-fetch preload refuses any request off
// loopback (and sends one to the default production URL to a path that fails the check below).
// The official SDK comes from bench/ (CI installs it): without it this skips, except under CI, where it fails.
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { transformSync } from "esbuild";
import ts from "typescript";
import { afterAll, beforeAll, beforeEach, describe, expect, inject, test } from "vitest";
import { COMPILER_OPTIONS } from "./parity/official-names.js";
import { childEnv, describeChild, repoRoot, requireBuiltDist, runChild } from "./support/build-once.js";
import { refusedURL } from "./support/fault-server.js";

const sdkDir = join(repoRoot, "bench/node_modules/@openrouter/sdk");
const installed = existsSync(join(sdkDir, "package.json"));
if (!installed && !process.env.CI) {
  console.warn("official programs: @openrouter/sdk is not installed: run `cd bench && npm ci --prefer-offline`");
}
const programsDir = join(repoRoot, "test/official-programs");
const preload = pathToFileURL(join(repoRoot, "test/seeds/support/redirect-fetch.mjs")).href;

/** The API key the programs read from OPENROUTER_API_KEY; it must never be printed. */
const API_KEY = "sk-or-v1-official-programs-0123456789abcdef";
/** The key the scenario server mints; programs may print it only masked. */
const MINTED_KEY = `sk-or-v1-${"5c".repeat(32)}`;
/** Prism's example key (openapi/), the same rule. */
const PRISM_KEY = "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";

// ---------------------------------------------------------------------------------------------------
// The scenario server: answers by the request (path, exchange code, create body, bearer), like the real API.

interface Seen {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: Record<string, unknown>;
}

interface Answer {
  readonly status: number;
  readonly body: string;
  readonly type?: string;
  readonly delayMs?: number;
}

const errorBody = (code: number, message: string, extra: Record<string, unknown> = {}): Answer => ({
  status: code,
  body: JSON.stringify({ error: { code, message }, user_id: null, openrouter_metadata: null, ...extra }),
});

function answer(path: string, body: Record<string, unknown>, headers: IncomingHttpHeaders, attempts: number): Answer {
  if (path === "/api/v1/auth/keys/code") {
    if (headers.authorization !== `Bearer ${API_KEY}`) return errorBody(401, "Invalid API key");
    const callback = String(body.callback_url);
    if (new URL(callback).port === "8443") {
      return errorBody(400, "Invalid callback_url: only https URLs on ports 443 and 3000 are allowed");
    }
    if (body.workspace_id !== undefined) return errorBody(403, "You are not a member of this workspace");
    if (body.key_label === "taken") return errorBody(409, "A key with this label already exists");
    if (body.key_label === "crash") {
      return errorBody(500, "Internal Server Error", {
        user_id: "user_2yOPcMpKoQhcd4bVgSMlELRaIah",
        openrouter_metadata: { request_id: "req_create_crash" },
      });
    }
    const id = body.code_challenge_method === "plain" ? "auth_code_plain" : "auth_code_scenario";
    return { status: 200, body: JSON.stringify({ data: { id, app_id: 4242, created_at: "2026-12-01T10:00:00Z" } }) };
  }
  if (path === "/api/v1/auth/keys") {
    const ok: Answer = { status: 200, body: JSON.stringify({ key: MINTED_KEY, user_id: `user_for_${body.code}` }) };
    switch (body.code) {
      case "auth_code_wrong_method":
        return errorBody(400, "Invalid code_challenge_method");
      case "auth_code_expired":
        return errorBody(403, "Authorization code expired");
      case "auth_code_crash":
        return errorBody(500, "Internal Server Error", {
          user_id: "user_2yOPcMpKoQhcd4bVgSMlELRaIah",
          openrouter_metadata: { request_id: "req_exchange_crash", region: "iad" },
        });
      case "auth_code_proxy":
        return { status: 502, type: "text/html", body: "<html><body>502 Bad Gateway</body></html>" };
      case "auth_code_405":
        return errorBody(405, "Method not allowed");
      case "auth_code_malformed":
        return { status: 200, body: JSON.stringify({ user_id: "user_without_a_key" }) };
      case "auth_code_slow":
        return { ...ok, delayMs: 2_000 };
      case "auth_code_flaky":
        return attempts <= 2 ? errorBody(503, "Service temporarily unavailable") : ok;
      case "auth_code_unavailable":
        return errorBody(503, "Service temporarily unavailable");
      default:
        return ok;
    }
  }
  return errorBody(404, `no route for ${path}`);
}

interface ScenarioServer {
  readonly url: string;
  readonly seen: Seen[];
  reset(): void;
  close(): Promise<void>;
}

async function startScenarioServer(): Promise<ScenarioServer> {
  const seen: Seen[] = [];
  const attempts = new Map<string, number>();
  const timers = new Set<NodeJS.Timeout>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      let body: Record<string, unknown> = {};
      try {
        body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
      } catch {
        body = { unparsable: text };
      }
      const url = req.url ?? "";
      seen.push({ method: req.method ?? "", url, headers: req.headers, body });
      // Any prefix before /api/v1 names a server (staging, canary): the routes are the same.
      const path = url.replace(/^.*?(?=\/api\/v1\/)/, "");
      const key = `${path} ${String(body.code)}`;
      attempts.set(key, (attempts.get(key) ?? 0) + 1);
      const reply = answer(path, body, req.headers, attempts.get(key)!);
      const send = () => {
        timers.delete(timer);
        res.writeHead(reply.status, {
          "content-type": reply.type ?? "application/json",
          "x-request-id": `req-${seen.length}`,
        });
        res.end(reply.body);
      };
      const timer = setTimeout(send, reply.delayMs ?? 0);
      timers.add(timer);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    reset() {
      seen.length = 0;
      attempts.clear();
    },
    close() {
      for (const timer of timers) clearTimeout(timer);
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

// ---------------------------------------------------------------------------------------------------
// The programs and what each must print.

type Mock = "prism" | "scenario" | "none";
interface Expectation {
  readonly file: string;
  readonly mock: Mock;
  /** Every line printed, in order: a string is compared exactly, a RegExp must match the whole line. */
  readonly lines: readonly (string | RegExp)[];
  /** Checks on the requests the scenario server received. */
  readonly requests?: (seen: readonly Seen[]) => void;
  /**
   * Lines ours prints differently, on purpose (each is a row of README's "Differences from @openrouter/sdk"):
   * `line` is the official line's index in `lines` (from 0), `ours` what ours prints there instead, `why` the reason.
   */
  readonly differences?: readonly { readonly line: number; readonly ours: string; readonly why: string }[];
}

const errorReport = (
  label: string,
  name: string,
  status: number,
  message: string,
  userId: string,
  metadata: string,
  requestNumber: number,
) => [
  `${label}: ${name} ${status}`,
  `  error.code: ${status}, error.message: ${message}`,
  `  message: ${message}`,
  `  userId: ${userId}`,
  `  openrouterMetadata: ${metadata}`,
  `  data$.error.message: ${message}`,
  "  contentType: application/json",
  `  x-request-id: req-${requestNumber}`,
  `  body: ${answerBody(status, message, userId, metadata)}`,
];
function answerBody(status: number, message: string, userId: string, metadata: string): string {
  return JSON.stringify({
    error: { code: status, message },
    user_id: userId === "(none)" ? null : userId,
    openrouter_metadata: JSON.parse(metadata),
  });
}

const EXPECTATIONS: readonly Expectation[] = [
  {
    file: "01-class-create-and-exchange.ts",
    mock: "prism",
    lines: [
      "code: auth_code_xyz789",
      "app: 12345 (number)",
      "created: 2025-08-24T10:30:00Z",
      "key: sk-or-v1-… (73 chars)",
      "user: user_2yOPcMpKoQhcd4bVgSMlELRaIah",
    ],
  },
  {
    file: "02-authorization-url.ts",
    mock: "none",
    lines: [
      "fresh verifier: 43 chars, url-safe: true",
      "fresh challenge: 43 chars, differs from verifier: true",
      "rfc7636 challenge: E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
      `class url: https://openrouter.ai/auth?callback_url=https%3A%2F%2Fmyapp.com%2Fauth%2Fcallback&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256&limit=25`,
      "standalone url: https://openrouter.ai/auth?callback_url=http%3A%2F%2Flocalhost%3A3000%2Fcallback",
    ],
  },
  {
    file: "03-standalone-functions.ts",
    mock: "prism",
    lines: [
      "oAuthCreateAuthCode: ok",
      "code: auth_code_xyz789, app 12345",
      "key prefix: sk-or-v1-",
      "user: user_2yOPcMpKoQhcd4bVgSMlELRaIah",
      "without a key: ok=false",
      "error: UnauthorizedResponseError",
    ],
  },
  {
    file: "04-enums-and-globals.ts",
    mock: "scenario",
    lines: [
      "constants: S256 monthly plain",
      "usage limit types: daily,weekly,monthly",
      "code: auth_code_plain",
      "user: user_for_auth_code_plain",
    ],
    requests: (seen) => {
      expect(seen.map((r) => `${r.method} ${r.url}`)).toEqual([
        "POST /api/v1/auth/keys/code",
        "POST /api/v1/auth/keys",
      ]);
      const [create, exchange] = seen as [Seen, Seen];
      expect(create.body).toEqual({
        callback_url: "https://myapp.com/auth/callback",
        code_challenge: "plain-verifier-0123456789-0123456789-0123456789",
        code_challenge_method: "plain",
        limit: 10,
        usage_limit_type: "monthly",
      });
      expect(create.headers).toMatchObject({
        authorization: `Bearer ${API_KEY}`,
        "http-referer": "https://myapp.com",
        "x-openrouter-title": "My App",
        "x-openrouter-categories": "cli-agent",
      });
      expect(exchange.body).toEqual({
        code: "auth_code_plain",
        code_verifier: "plain-verifier-0123456789-0123456789-0123456789",
        code_challenge_method: "plain",
      });
      // The call's appTitle overrides the client's; the other globals stay.
      expect(exchange.headers).toMatchObject({
        "x-openrouter-title": "My App (exchange)",
        "http-referer": "https://myapp.com",
      });
    },
  },
  {
    file: "05-response-errors.ts",
    mock: "scenario",
    lines: [
      ...errorReport(
        "create 400",
        "BadRequestResponseError",
        400,
        "Invalid callback_url: only https URLs on ports 443 and 3000 are allowed",
        "(none)",
        "null",
        1,
      ),
      ...errorReport("create 401", "UnauthorizedResponseError", 401, "Invalid API key", "(none)", "null", 2),
      ...errorReport(
        "create 403",
        "ForbiddenResponseError",
        403,
        "You are not a member of this workspace",
        "(none)",
        "null",
        3,
      ),
      ...errorReport(
        "create 409",
        "ConflictResponseError",
        409,
        "A key with this label already exists",
        "(none)",
        "null",
        4,
      ),
      ...errorReport(
        "create 500",
        "InternalServerResponseError",
        500,
        "Internal Server Error",
        "user_2yOPcMpKoQhcd4bVgSMlELRaIah",
        '{"request_id":"req_create_crash"}',
        5,
      ),
      ...errorReport(
        "exchange 400",
        "BadRequestResponseError",
        400,
        "Invalid code_challenge_method",
        "(none)",
        "null",
        6,
      ),
      ...errorReport("exchange 403", "ForbiddenResponseError", 403, "Authorization code expired", "(none)", "null", 7),
      ...errorReport(
        "exchange 500",
        "InternalServerResponseError",
        500,
        "Internal Server Error",
        "user_2yOPcMpKoQhcd4bVgSMlELRaIah",
        '{"request_id":"req_exchange_crash","region":"iad"}',
        8,
      ),
    ],
    // One request per call: retryConfig { strategy: "none" } holds for the 500s.
    requests: (seen) => expect(seen).toHaveLength(8),
  },
  {
    file: "06-default-and-unparsed-errors.ts",
    mock: "scenario",
    lines: [
      "proxy page: OpenRouterDefaultError",
      "  default error: true",
      "  validation error: false",
      "  statusCode: 502",
      "  contentType: text/html",
      "  header content-type: text/html",
      "  body: <html><body>502 Bad Gateway</body></html>",
      "  message mentions the status: true",
      "method not allowed: OpenRouterDefaultError",
      "  default error: true",
      "  validation error: false",
      "  statusCode: 405",
      "  contentType: application/json",
      "  header content-type: application/json",
      `  body: ${answerBody(405, "Method not allowed", "(none)", "null")}`,
      "  message mentions the status: true",
      "wrong shape: ResponseValidationError",
      "  default error: false",
      "  validation error: true",
      "  statusCode: 200",
      "  contentType: application/json",
      "  header content-type: application/json",
      '  body: {"user_id":"user_without_a_key"}',
      '  rawValue: {"user_id":"user_without_a_key"}',
      "  pretty() names the missing field: true",
    ],
    requests: (seen) => expect(seen).toHaveLength(3),
    differences: [
      {
        line: 15,
        ours: "  message mentions the status: false",
        why: "an OpenRouter error body's message is the error's, verbatim; the official one quotes the whole body",
      },
    ],
  },
  {
    file: "07-client-errors.ts",
    mock: "scenario",
    lines: [
      "unreachable: ConnectionError (is the server up?)",
      "client timeoutMs: RequestTimeoutError (took too long)",
      "per-call timeoutMs: RequestTimeoutError (took too long)",
      "aborted: RequestAbortedError (cancelled)",
      "InvalidRequestError: InvalidRequestError (could not build the request); message bad request options",
      // The official HTTPClientError appends its cause to the message.
      "UnexpectedClientError: UnexpectedClientError; message boom: Error: inner",
      "ConnectionError: ConnectionError (is the server up?); message offline",
    ],
    differences: [
      {
        line: 5,
        ours: "UnexpectedClientError: UnexpectedClientError; message boom",
        why: "a cause is never part of a message: one thrown by your fetch, hook or apiKey function may carry the key",
      },
    ],
    // The three slow calls reached the server (the unreachable one could not).
    requests: (seen) =>
      expect(seen.map((r) => r.body.code)).toEqual(["auth_code_slow", "auth_code_slow", "auth_code_slow"]),
  },
  {
    file: "08-validation-errors.ts",
    mock: "scenario",
    lines: [
      "class: SDKValidationError",
      '  rawValue: {"requestBody":{"code":null}}',
      "  rawMessage is a string: true",
      "  pretty() mentions the field: true",
      "  message starts with rawMessage: true",
      'standalone: SDKValidationError, rawValue {"requestBody":{"code":null}}',
    ],
    // Refused before sending.
    requests: (seen) => expect(seen).toEqual([]),
  },
  {
    file: "09-retries.ts",
    mock: "scenario",
    lines: [
      "flaky: user user_for_auth_code_flaky after 503 → 503 → 200",
      "unavailable: 503 after 503",
      "retryCodes 429: 503 after 503",
    ],
    requests: (seen) =>
      expect(seen.map((r) => r.body.code)).toEqual([
        "auth_code_flaky",
        "auth_code_flaky",
        "auth_code_flaky",
        "auth_code_unavailable",
        "auth_code_unavailable",
      ]),
  },
  {
    file: "10-custom-http-client.ts",
    mock: "prism",
    lines: [
      "before trace-1234",
      "fetch POST /auth/keys/code",
      "response 200 /auth/keys/code",
      "before trace-1234",
      "fetch POST /auth/keys",
      "response 200 /auth/keys",
      "user: user_2yOPcMpKoQhcd4bVgSMlELRaIah",
    ],
  },
  {
    file: "11-config-and-request-options.ts",
    mock: "scenario",
    lines: [
      "production server: production = https://openrouter.ai/api/v1",
      "staging: auth_code_plain",
      "canary: user_for_auth_code_canary",
    ],
    requests: (seen) => {
      expect(seen.map((r) => `${r.method} ${r.url}`)).toEqual([
        "POST /staging/api/v1/auth/keys/code",
        "POST /canary/api/v1/auth/keys",
      ]);
      expect(seen[0]!.headers).toMatchObject({ "x-openrouter-title": "Config Demo" });
      expect(seen[0]!.headers["x-request-source"]).toBeUndefined();
      expect(seen[1]!.headers).toMatchObject({
        "x-openrouter-title": "Config Demo",
        "x-request-source": "config-demo",
      });
    },
  },
];

// ---------------------------------------------------------------------------------------------------
// Consumer projects, type-checking and running.

type Side = "official" | "ours";
const PACKAGE: Record<Side, string> = { official: "@openrouter/sdk", ours: "openrouter-oauth" };

/** The program with only the package name changed (in its import specifiers). */
function rewrite(source: string): string {
  return source.replace(/(from\s+|import\s*\(\s*)(["'])@openrouter\/sdk(?=["'/])/g, `$1$2openrouter-oauth`);
}

/** A consumer project: package.json, the SDK (official or ours) and @types/node in node_modules, the programs. */
function makeConsumer(side: Side): string {
  const dir = mkdtempSync(join(tmpdir(), `openrouter-oauth-official-programs-${side}-`));
  mkdirSync(join(dir, "node_modules/@openrouter"), { recursive: true });
  mkdirSync(join(dir, "node_modules/@types"), { recursive: true });
  symlinkSync(side === "official" ? sdkDir : repoRoot, join(dir, "node_modules", PACKAGE[side]), "dir");
  symlinkSync(join(repoRoot, "node_modules/@types/node"), join(dir, "node_modules/@types/node"), "dir");
  writeFileSync(join(dir, "package.json"), '{ "type": "module", "private": true }\n');
  for (const { file } of EXPECTATIONS) {
    const source = readFileSync(join(programsDir, file), "utf8");
    const text = side === "official" ? source : rewrite(source);
    writeFileSync(join(dir, file), text);
    // What runs: the same program with its types stripped (esbuild), as plain ESM.
    const js = transformSync(text, { loader: "ts", format: "esm", target: "node20", sourcefile: file }).code;
    writeFileSync(join(dir, file.replace(/\.ts$/, ".mjs")), js);
  }
  return dir;
}

/** Type-checks every program of a consumer in one compiler program; the diagnostics per program file. */
function typeCheck(dir: string): Map<string, string[]> {
  const files = EXPECTATIONS.map(({ file }) => join(dir, file));
  const program = ts.createProgram(files, { ...COMPILER_OPTIONS, types: ["node"], noErrorTruncation: true });
  const byFile = new Map<string, string[]>(EXPECTATIONS.map(({ file }) => [file, []]));
  for (const d of ts.getPreEmitDiagnostics(program)) {
    const text = ts
      .flattenDiagnosticMessageText(d.messageText, "\n")
      .replaceAll(dir, "<consumer>")
      .replaceAll(repoRoot, "<repo>");
    if (!d.file) {
      // A global diagnostic (options, a missing type library) fails every program.
      for (const list of byFile.values()) list.push(`(global) TS${d.code}: ${text}`);
      continue;
    }
    const file = d.file.fileName.slice(dir.length + 1);
    const { line, character } = d.file.getLineAndCharacterOfPosition(d.start ?? 0);
    const list = byFile.get(file);
    const where = `${file}:${line + 1}:${character + 1}`;
    if (list) list.push(`${where} TS${d.code}: ${text}`);
    else for (const each of byFile.values()) each.push(`(in ${d.file.fileName}) ${where} TS${d.code}: ${text}`);
  }
  return byFile;
}

const folder = readdirSync(programsDir).filter((name) => name.endsWith(".ts"));

describe.skipIf(!installed && !process.env.CI)("programs written for @openrouter/sdk", () => {
  const dirs: Partial<Record<Side, string>> = {};
  const diagnostics: Partial<Record<Side, Map<string, string[]>>> = {};
  let scenario: ScenarioServer;
  let unreachable: string;

  beforeAll(async () => {
    expect(installed, "CI must install the official SDK: (cd bench && npm ci)").toBe(true);
    requireBuiltDist(); // ours as published: dist/ through package.json exports
    scenario = await startScenarioServer();
    unreachable = await refusedURL();
    for (const side of ["official", "ours"] as const) {
      dirs[side] = makeConsumer(side);
      diagnostics[side] = typeCheck(dirs[side]);
    }
  }, 120_000);
  afterAll(async () => {
    await scenario?.close();
    for (const dir of Object.values(dirs)) rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(() => scenario?.reset());

  test("every program in the folder has its expectations here, and the folder covers the table", () => {
    expect(folder.sort()).toEqual(EXPECTATIONS.map((e) => e.file).sort());
    const all = folder.map((file) => readFileSync(join(programsDir, file), "utf8")).join("\n");
    // Imports come only from the official package's documented entry points.
    const specifiers = [...all.matchAll(/from\s+"([^"]+)"/g)].map((m) => m[1]!);
    const allowed = new Set([
      "@openrouter/sdk",
      "@openrouter/sdk/core.js",
      "@openrouter/sdk/funcs/oAuthCreateAuthCode.js",
      "@openrouter/sdk/funcs/oAuthExchangeAuthCodeForAPIKey.js",
      "@openrouter/sdk/funcs/oAuthCreateAuthorizationUrl.js",
      "@openrouter/sdk/funcs/oAuthCreateSHA256CodeChallenge.js",
      "@openrouter/sdk/models/operations",
      "@openrouter/sdk/models/errors",
      "@openrouter/sdk/lib/config.js",
      "@openrouter/sdk/lib/http.js",
      "@openrouter/sdk/lib/retries.js",
      "@openrouter/sdk/lib/sdks.js",
      "@openrouter/sdk/types",
    ]);
    expect(specifiers.filter((s) => !allowed.has(s))).toEqual([]);
    // The rows of issue 25's table, by what the programs use.
    for (const used of [
      ".createAuthorizationUrl(request).then(",
      "operations.CreateAuthKeysCodeCodeChallengeMethod.S256",
      "operations.UsageLimitType.Monthly",
      "operations.ExchangeAuthCodeForAPIKeyCodeChallengeMethod.Plain",
      "operations.CreateAuthKeysCodeData",
      "operations.CreateAuthKeysCodeGlobals",
      "operations.ExchangeAuthCodeForAPIKeyGlobals",
      "type CreateAuthorizationUrlRequest",
      "type CreateSHA256CodeChallengeRequest",
      "type CreateSHA256CodeChallengeResponse",
      "error.error.message",
      "error.openrouterMetadata",
      "error.userId",
      "e.contentType",
      "e.statusCode",
      "e.body",
      "e.headers.get(",
      "e.message",
      "instanceof errors.HTTPClientError",
      "errors.InvalidRequestError",
      "e.rawValue",
      "e.rawMessage",
      "e.pretty()",
      'import type { BackoffStrategy, RetryConfig } from "@openrouter/sdk/lib/retries.js"',
      'import type { RequestOptions } from "@openrouter/sdk/lib/sdks.js"',
      'import { type SDKOptions, ServerList, ServerProduction } from "@openrouter/sdk/lib/config.js"',
      'import type { OpenEnum, Result } from "@openrouter/sdk/types"',
      "type Fetcher,",
      "HTTPClient,",
      "type HTTPClientOptions,",
      "type SDKOptions,",
      "new OpenRouterCore(",
      "res.ok",
      "res.value",
      "res.error",
      "timeoutMs:",
      "retryConfig",
      'addHook("beforeRequest"',
    ]) {
      expect(all, `no program uses ${used}`).toContain(used);
    }
    expect(rewrite('import { A } from "@openrouter/sdk";\nimport * as e from "@openrouter/sdk/models/errors";')).toBe(
      'import { A } from "openrouter-oauth";\nimport * as e from "openrouter-oauth/models/errors";',
    );
  });

  async function run(side: Side, program: Expectation): Promise<void> {
    const base = program.mock === "prism" ? inject("prismUrl") : `${scenario.url}/api/v1`;
    const env: Record<string, string> = {
      OPENROUTER_API_KEY: API_KEY,
      // A request to the default production URL lands here, on a path no check accepts.
      SEED_MOCK_URL: `${scenario.url}/not-configured`,
      UNREACHABLE_URL: unreachable,
      STAGING_URL: `${scenario.url}/staging/api/v1`,
      CANARY_URL: `${scenario.url}/canary/api/v1`,
    };
    if (program.mock !== "none") env.OPENROUTER_BASE_URL = base;
    const file = join(dirs[side]!, program.file.replace(/\.ts$/, ".mjs"));
    const result = await runChild(process.execPath, ["--import", preload, file], {
      cwd: dirs[side]!,
      env: childEnv(env),
      timeoutMs: 30_000,
    });
    const label = `${program.file} on ${PACKAGE[side]}: ${describeChild(result)}`;
    expect(result.code, label).toBe(0);
    expect(result.stderr, label).not.toContain("[redirect-fetch]");
    const printed = result.stdout.replace(/\n$/, "").split("\n");
    expect(printed.length, label).toBe(program.lines.length);
    const lines = program.lines.map((line, i) =>
      side === "ours" ? (program.differences?.find((d) => d.line === i)?.ours ?? line) : line,
    );
    lines.forEach((line, i) => {
      if (typeof line === "string") expect(printed[i], `line ${i + 1} of ${label}`).toBe(line);
      else expect(printed[i], `line ${i + 1} of ${label}`).toMatch(new RegExp(`^(?:${line.source})$`));
    });
    for (const secret of [API_KEY, MINTED_KEY, PRISM_KEY, "sk-or-v1-revoked"]) {
      expect(result.stdout + result.stderr, `${program.file} printed a secret`).not.toContain(secret);
    }
    if (program.mock === "scenario") program.requests?.([...scenario.seen]);
    else expect(scenario.seen, `${program.file} must not reach the scenario server`).toEqual([]);
  }

  describe.each(EXPECTATIONS.map((e) => [e.file, e] as const))("%s", (_name, program) => {
    for (const side of ["official", "ours"] as const) {
      test(`type-checks against ${PACKAGE[side]}`, () => {
        const found = diagnostics[side]!.get(program.file)!;
        expect(found, `${program.file} does not compile against ${PACKAGE[side]}:\n${found.join("\n")}`).toEqual([]);
      });
      test(`runs on ${PACKAGE[side]} and prints what it should`, { timeout: 40_000 }, () => run(side, program));
    }
  });
});
