// The published package as consumers load it: dist/ through package.json "exports", from CommonJS
// (require) and ESM (import) in child processes, plus the manifest and the public declarations.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { beforeAll, describe, expect, inject, test } from "vitest";
import { childEnv, describeChild, repoRoot, requireBuiltDist, runChild } from "./support/build-once.js";

type ExportTarget = string | { [condition: string]: ExportTarget } | null;

interface Manifest {
  name: string;
  sideEffects?: unknown;
  scripts?: Record<string, string>;
  exports: Record<string, ExportTarget>;
  main?: string;
  module?: string;
  types?: string;
}

const manifest = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as Manifest;

beforeAll(() => requireBuiltDist());

const entryPoints = [
  "openrouter-oauth",
  "openrouter-oauth/core.js",
  "openrouter-oauth/funcs/oAuthCreateAuthCode.js",
  "openrouter-oauth/funcs/oAuthExchangeAuthCodeForAPIKey.js",
  "openrouter-oauth/models/errors",
  "openrouter-oauth/models/errors/index.js",
  "openrouter-oauth/models/operations",
  "openrouter-oauth/lib/http.js",
  "openrouter-oauth/lib/http",
];

/**
 * One script for both formats; only how modules are loaded and resolved differs. It loads every entry
 * point, checks they come from the right dist/ folder and share their classes, then really calls the
 * API through Prism: both standalone functions, the class, and a typed error.
 */
const body = String.raw`
const assert = (ok, message) => { if (!ok) throw new Error("assertion failed: " + message); };
const main = async () => {
  const ids = ${JSON.stringify(entryPoints)};
  const mods = {};
  for (const id of ids) {
    const file = where(id);
    assert(file.split(/[\\/]/).join("/").includes("/dist/" + FORMAT + "/"), id + " resolved to " + file);
    mods[id] = await load(id);
  }
  const root = mods["openrouter-oauth"];
  const core = mods["openrouter-oauth/core.js"];
  const create = mods["openrouter-oauth/funcs/oAuthCreateAuthCode.js"];
  const exchange = mods["openrouter-oauth/funcs/oAuthExchangeAuthCodeForAPIKey.js"];
  const errors = mods["openrouter-oauth/models/errors"];

  for (const name of ["OpenRouter", "OpenRouterCore", "OAuth", "oAuthCreateAuthCode", "oAuthExchangeAuthCodeForAPIKey"]) {
    assert(typeof root[name] === "function", "root export " + name + " is " + typeof root[name]);
  }
  assert(root.OpenRouterCore === core.OpenRouterCore, "OpenRouterCore from root and core.js differ");
  assert(root.oAuthCreateAuthCode === create.oAuthCreateAuthCode, "oAuthCreateAuthCode from root and funcs/ differ");
  assert(root.oAuthExchangeAuthCodeForAPIKey === exchange.oAuthExchangeAuthCodeForAPIKey, "oAuthExchangeAuthCodeForAPIKey differs");

  const errorNames = Object.keys(errors).filter((name) => name !== "default" && name !== "__esModule");
  for (const name of ["OpenRouterError", "BadRequestResponseError", "UnauthorizedResponseError", "ForbiddenResponseError",
    "ConflictResponseError", "InternalServerResponseError", "OpenRouterDefaultError", "ConnectionError", "SDKValidationError"]) {
    assert(errorNames.includes(name), "models/errors lacks " + name);
  }
  for (const name of errorNames) {
    assert(typeof errors[name] === "function", "models/errors " + name + " is not a class");
    assert(root[name] === errors[name], name + " from the root and from models/errors are different objects");
    assert(mods["openrouter-oauth/models/errors/index.js"][name] === errors[name], name + " differs in models/errors/index.js");
  }

  const serverURL = process.env.PRISM_URL;
  const client = new core.OpenRouterCore({ apiKey: "sk-or-v1-packaging-test", serverURL, retryConfig: { strategy: "none" } });
  const created = await create.oAuthCreateAuthCode(client, {
    requestBody: { callbackUrl: "https://myapp.com/auth/callback", codeChallenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", codeChallengeMethod: "S256", limit: 100 },
  });
  if (!created.ok) throw created.error;
  assert(created.value.data.id === "auth_code_xyz789" && created.value.data.appId === 12345, JSON.stringify(created.value));

  const exchanged = await exchange.oAuthExchangeAuthCodeForAPIKey(client, {
    requestBody: { code: "auth_code_abc123def456", codeVerifier: "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk", codeChallengeMethod: "S256" },
  });
  if (!exchanged.ok) throw exchanged.error;
  assert(exchanged.value.key.startsWith("sk-or-v1-") && exchanged.value.userId === "user_2yOPcMpKoQhcd4bVgSMlELRaIah", JSON.stringify(exchanged.value));

  const sdk = new root.OpenRouter({ apiKey: "sk-or-v1-packaging-test", serverURL });
  const viaClass = await sdk.oAuth.createAuthCode({ requestBody: { callbackUrl: "https://myapp.com/auth/callback" } });
  assert(viaClass.data.id === "auth_code_xyz789", JSON.stringify(viaClass));

  // lib/http.js (also without .js, as @openrouter/sdk allows): its HTTPClient as the httpClient option,
  // and a failing hook ends in the root's own UnexpectedClientError class.
  const { HTTPClient } = mods["openrouter-oauth/lib/http.js"];
  assert(HTTPClient === mods["openrouter-oauth/lib/http"].HTTPClient, "lib/http and lib/http.js differ");
  const hooked = [];
  const httpClient = new HTTPClient().addHook("beforeRequest", (request) => void hooked.push(request.method));
  const viaHttpClient = await new root.OpenRouter({ apiKey: "sk-or-v1-packaging-test", serverURL, httpClient }).oAuth
    .createAuthCode({ requestBody: { callbackUrl: "https://myapp.com/auth/callback" } });
  assert(viaHttpClient.data.id === "auth_code_xyz789" && hooked.join() === "POST", JSON.stringify(viaHttpClient));
  httpClient.addHook("response", () => { throw new Error("hook failed"); });
  const hookFailed = await create.oAuthCreateAuthCode(new core.OpenRouterCore({ serverURL, httpClient }), {
    requestBody: { callbackUrl: "https://myapp.com/auth/callback" },
  });
  assert(hookFailed.error instanceof root.UnexpectedClientError, "a failing hook gave " + hookFailed.error);

  // A typed error thrown by the class is an instance of the class exported by both entry points.
  let thrown;
  try {
    await sdk.oAuth.createAuthCode(
      { requestBody: { callbackUrl: "https://myapp.com/auth/callback" } },
      { fetchOptions: { headers: { Prefer: "code=401" } }, retries: { strategy: "none" } },
    );
  } catch (error) {
    thrown = error;
  }
  assert(thrown instanceof errors.UnauthorizedResponseError, "401 did not throw models/errors UnauthorizedResponseError: " + thrown);
  assert(thrown instanceof root.UnauthorizedResponseError && thrown instanceof root.OpenRouterError, "401 error is not an instance of the root classes");

  console.log("PACKAGING-OK " + FORMAT + " " + created.value.data.id + " " + exchanged.value.userId + " " + thrown.constructor.name);
};
main().catch((error) => { console.error(error); process.exit(1); });
`;

const scripts = {
  cjs: `"use strict";\nconst FORMAT = "cjs";\nconst load = async (id) => require(id);\nconst where = (id) => require.resolve(id);\n${body}`,
  esm: `import { fileURLToPath } from "node:url";\nconst FORMAT = "esm";\nconst load = (id) => import(id);\nconst where = (id) => fileURLToPath(import.meta.resolve(id));\n${body}`,
};

describe.each(["cjs", "esm"] as const)("loading dist/ as %s", (format) => {
  test("every entry point loads, shares its classes, and calls the API", { timeout: 40_000 }, async () => {
    const args =
      format === "cjs" ? ["--input-type=commonjs", "-e", scripts.cjs] : ["--input-type=module", "-e", scripts.esm];
    const result = await runChild(process.execPath, args, {
      env: childEnv({ PRISM_URL: inject("prismUrl") }),
      timeoutMs: 30_000,
    });
    expect(result.code, describeChild(result)).toBe(0);
    expect(result.stdout).toContain(
      `PACKAGING-OK ${format} auth_code_xyz789 user_2yOPcMpKoQhcd4bVgSMlELRaIah UnauthorizedResponseError`,
    );
  });
});

describe("package.json", () => {
  test("declares no side effects", () => {
    expect(manifest.sideEffects).toBe(false);
  });

  test("has no install-time scripts", () => {
    const scripts = Object.keys(manifest.scripts ?? {});
    for (const hook of ["preinstall", "install", "postinstall", "prepare", "preprepare", "postprepare"]) {
      expect(scripts, `scripts.${hook} runs at install time`).not.toContain(hook);
    }
  });

  test("every file named by main, module, types and exports exists in dist/", () => {
    const targets = [
      manifest.main,
      manifest.module,
      manifest.types,
      ...exportTargets(manifest.exports).map((t) => t.target),
    ];
    const missing = targets
      .filter((t): t is string => t !== undefined)
      .flatMap(expandTarget)
      .filter((file) => !existsSync(file));
    expect(missing.map((file) => relative(repoRoot, file))).toEqual([]);
    // The wildcard really matched both standalone functions.
    const funcs = expandTarget("./dist/cjs/src/funcs/*.js").map((file) => relative(repoRoot, file));
    expect(funcs).toEqual(
      expect.arrayContaining([
        "dist/cjs/src/funcs/oAuthCreateAuthCode.js",
        "dist/cjs/src/funcs/oAuthExchangeAuthCodeForAPIKey.js",
      ]),
    );
  });
});

describe("public declarations", () => {
  test("no zod type is reachable from any exported types entry", () => {
    const starts = exportTargets(manifest.exports)
      .filter((t) => t.conditions.includes("types"))
      .flatMap((t) => expandTarget(t.target));
    if (manifest.types) starts.push(...expandTarget(manifest.types));
    expect(starts.length).toBeGreaterThanOrEqual(10);

    const { reached, parents, unresolved } = walkDeclarations(starts);
    expect(unresolved, "relative imports in .d.ts files that resolve to no file").toEqual([]);
    // The walk went past the entry files into the library's internals.
    expect([...reached].map((file) => relative(repoRoot, file))).toEqual(
      expect.arrayContaining(["dist/esm/src/lib/logger.d.ts", "dist/cjs/src/lib/logger.d.ts"]),
    );

    const leaks = [...reached]
      .filter((file) => readFileSync(file, "utf8").includes("zod"))
      .map((file) =>
        chain(file, parents)
          .map((f) => relative(repoRoot, f))
          .join(" <- "),
      );
    expect(leaks, "declaration files mentioning zod, each with the import chain from an exports entry").toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------------

/** Every leaf of an exports map, with the conditions leading to it. */
function exportTargets(value: ExportTarget, conditions: string[] = []): { target: string; conditions: string[] }[] {
  if (value === null) return [];
  if (typeof value === "string") return [{ target: value, conditions }];
  return Object.entries(value).flatMap(([key, inner]) =>
    exportTargets(inner, key.startsWith(".") ? conditions : [...conditions, key]),
  );
}

/** The files a target names; a `*` pattern matches the files of its folder (one level, as used here). */
function expandTarget(target: string): string[] {
  const absolute = resolve(repoRoot, target);
  if (!target.includes("*")) return [absolute];
  const dir = dirname(absolute);
  const [prefix, suffix] = absolute.slice(dir.length + 1).split("*") as [string, string];
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.startsWith(prefix) && name.endsWith(suffix) && name.length > prefix.length + suffix.length)
    .filter((name) => !(suffix === ".js" && name.endsWith(".d.js")))
    .map((name) => join(dir, name));
}

const specifierPatterns = [
  /\bfrom\s*["']([^"']+)["']/g,
  /\bimport\s*\(\s*["']([^"']+)["']\s*\)/g,
  /^\s*import\s*["']([^"']+)["']/gm,
  /\brequire\s*\(\s*["']([^"']+)["']\s*\)/g,
  /\/\/\/\s*<reference\s+path\s*=\s*["']([^"']+)["']/g,
];

function resolveDeclaration(from: string, specifier: string): string | undefined {
  const base = resolve(dirname(from), specifier);
  const candidates = /\.d\.[cm]?ts$/.test(base)
    ? [base]
    : /\.js$/.test(base)
      ? [base.replace(/\.js$/, ".d.ts")]
      : /\.mjs$/.test(base)
        ? [base.replace(/\.mjs$/, ".d.mts")]
        : /\.cjs$/.test(base)
          ? [base.replace(/\.cjs$/, ".d.cts")]
          : [`${base}.d.ts`, join(base, "index.d.ts")];
  return candidates.find((file) => existsSync(file));
}

/** Breadth-first walk of relative imports between .d.ts files. Bare imports (dependencies) are not followed. */
function walkDeclarations(starts: string[]) {
  const reached = new Set<string>();
  const parents = new Map<string, string>();
  const unresolved: string[] = [];
  const queue = [...new Set(starts)];
  for (const file of queue) reached.add(file);
  while (queue.length > 0) {
    const file = queue.shift()!;
    const text = readFileSync(file, "utf8");
    for (const pattern of specifierPatterns) {
      for (const match of text.matchAll(pattern)) {
        const specifier = match[1]!;
        if (!specifier.startsWith(".")) continue;
        const target = resolveDeclaration(file, specifier);
        if (target === undefined) {
          unresolved.push(`${relative(repoRoot, file)}: ${specifier}`);
        } else if (!reached.has(target)) {
          reached.add(target);
          parents.set(target, file);
          queue.push(target);
        }
      }
    }
  }
  return { reached, parents, unresolved };
}

function chain(file: string, parents: Map<string, string>): string[] {
  const path = [file];
  for (let parent = parents.get(file); parent !== undefined; parent = parents.get(parent)) path.push(parent);
  return path;
}
