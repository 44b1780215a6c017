// The package as a user gets it: `npm pack` of a fresh copy of the repository, as a clone has it (no dist/:
// the prepack script builds it there; the repository's own dist/ takes no part), installed with
// `npm install` into fresh consumer projects outside the repository, strictly offline
// (test/support/consumer-project.ts says how). Then, through node_modules/openrouter-oauth only:
//   - the tarball's file list, and the published package.json (no install scripts, engines.node);
//   - ESM `import` and CommonJS `require` of every entry point, and real calls against the Prism mock;
//   - the documentation seeds (test/seeds/*.ts) type-checked with the repository's tsc, importing only
//     "openrouter-oauth", under NodeNext and Bundler (ESM consumer) and NodeNext and Node10 (CommonJS
//     consumer), each run also checking a negative control that must fail with exactly its planted errors;
//   - an esbuild bundle of OpenRouterCore + one standalone function with nothing of the class in it,
//     checked against a bundle of the class that has it, and run against Prism.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { cp, mkdir, mkdtemp, readFile, realpath, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { childEnv, describeChild, repoRoot, runChild } from "./support/build-once.js";
import {
  createConsumer,
  type FreshPacked,
  offlineNpmEnv,
  packFreshCopy,
  runNpm,
  UNREACHABLE_REGISTRY,
  writeFiles,
} from "./support/consumer-project.js";

const tsc = join(repoRoot, "node_modules/typescript/bin/tsc");
const seedFiles = readdirSync(join(repoRoot, "test/seeds")).filter((name) => name.endsWith(".ts"));
const funcNames = readdirSync(join(repoRoot, "src/funcs"))
  .filter((name) => name.endsWith(".ts"))
  .map((name) => name.slice(0, -".ts".length));

type ExportTarget = string | { [condition: string]: ExportTarget } | null;
const manifest = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as {
  exports: Record<string, ExportTarget>;
  bin: Record<string, string>;
};
/** "funcs/*" → one path per source file in src/funcs (the only pattern "exports" uses). */
const expandFuncs = (path: string): string[] =>
  path.includes("*") ? funcNames.map((name) => path.replace("funcs/*", `funcs/${name}`)) : [path];
/** The public entry points' sources (package.json "exports" and "bin"), as dist stems: "src/core", "src/node/cli"… */
const entryStems = (() => {
  const stems = new Set<string>();
  const collect = (target: ExportTarget): void => {
    if (typeof target === "string") {
      const match = /^\.\/dist\/esm\/(.*)\.js$/.exec(target);
      if (match) for (const stem of expandFuncs(match[1]!)) stems.add(stem);
    } else if (target) Object.values(target).forEach(collect);
  };
  Object.values(manifest.exports).forEach(collect);
  for (const bin of Object.values(manifest.bin)) stems.add(bin.replace(/^\.\/dist\/cjs\//, "").replace(/\.js$/, ""));
  return [...stems].sort();
})();

let work = "";
let npmEnv: NodeJS.ProcessEnv = {};
let packed: FreshPacked;
/** The two consumer projects: "type": "module" and "type": "commonjs". */
const consumers = { esm: "", cjs: "" };
/** node_modules/openrouter-oauth of each consumer (real paths). */
const installed = { esm: "", cjs: "" };

beforeAll(async () => {
  work = await realpath(await mkdtemp(join(tmpdir(), "openrouter-oauth-consumer-")));
  npmEnv = offlineNpmEnv(join(work, "npm-cache"));
  const tarballs = join(work, "tarballs");
  await mkdir(tarballs);
  // Throws unless the copy started without dist/ and its prepack built it (test/fresh-pack.test.ts checks more).
  const own = await packFreshCopy(work, tarballs, npmEnv);
  packed = own;
  consumers.esm = join(work, "consumer-esm");
  consumers.cjs = join(work, "consumer-cjs");
  await Promise.all([
    createConsumer(consumers.esm, "module", [own.tarball], npmEnv),
    createConsumer(consumers.cjs, "commonjs", [own.tarball], npmEnv),
  ]);
  installed.esm = await realpath(join(consumers.esm, "node_modules/openrouter-oauth"));
  installed.cjs = await realpath(join(consumers.cjs, "node_modules/openrouter-oauth"));
}, 240_000);

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

// ---------------------------------------------------------------------------------------------------

describe("the tarball", () => {
  /**
   * What is published, decided by package.json "files" (dist, README.md, CHANGELOG.md) plus what npm
   * always adds (package.json, README, LICENSE): dist/ exactly as the prepack built it in the fresh copy
   * (CHANGELOG.md from the first release on: test/fresh-pack.test.ts), that is every source file's ESM
   * and CommonJS build, the declarations of the public API (the same set for both formats) and
   * dist/cjs/package.json. Not published, on purpose: src/ and generated/ sources (the .d.ts files carry
   * the types), source maps (the build makes none; the JS is unminified, readable as is), openapi/ (the
   * SDK needs no spec at run time), tests, examples, bench and scripts.
   */
  test("holds exactly dist/ (the build of every source), README.md, package.json and LICENSE if any", () => {
    const paths = packed.files.map((file) => file.path);
    expect(packed.entryCount).toBe(paths.length);

    // 1. The tarball is dist/ as the fresh copy's prepack built it, plus the top-level files that exist.
    const topLevel = ["package.json", "README.md", "LICENSE", "LICENSE.md", "LICENCE", "CHANGELOG.md"];
    const dist = readdirSync(join(packed.copy, "dist"), { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => relative(packed.copy, join(entry.parentPath, entry.name)).replaceAll("\\", "/"));
    const present = topLevel.filter((file) => existsSync(join(packed.copy, file)));
    expect(present).toEqual(expect.arrayContaining(["package.json", "README.md"]));
    expect([...paths].sort()).toEqual([...dist, ...present].sort());

    // 2. dist/ is the build: per format, a .js for each public entry (package.json "exports" and "bin") and
    //    the few internal files they re-export from (the same in both formats), declarations only for
    //    source files (the same ones in both formats), and the CommonJS folder's package.json.
    const sources = ["src", "generated"].flatMap((dir) =>
      readdirSync(join(packed.copy, dir), { recursive: true, encoding: "utf8" })
        .filter((file) => file.endsWith(".ts") && !file.endsWith(".d.ts"))
        .map((file) => `${dir}/${file.replaceAll("\\", "/").slice(0, -".ts".length)}`),
    );
    expect(sources.length).toBeGreaterThanOrEqual(40);
    const inFormat = (format: string, suffix: string) =>
      paths
        .filter((path) => path.startsWith(`dist/${format}/`) && path.endsWith(suffix))
        .map((path) => path.slice(`dist/${format}/`.length, -suffix.length))
        .filter((stem) => suffix !== ".js" || !stem.endsWith(".d"))
        .sort();
    const entries = entryStems;
    expect(entries).toEqual(
      expect.arrayContaining(
        [
          ...["index", "core", "lib/http", "models/errors/index", "models/operations/index", "node/index", "node/cli"],
          ...funcNames.map((name) => `funcs/${name}`),
        ].map((entry) => `src/${entry}`),
      ),
    );
    const esmJs = inFormat("esm", ".js");
    expect(esmJs.filter((stem) => !stem.startsWith("internal/"))).toEqual([...entries].sort());
    const internal = esmJs.filter((stem) => stem.startsWith("internal/"));
    expect(internal).toEqual(expect.arrayContaining(["internal/runtime", "internal/node"]));
    expect(internal.filter((stem) => !/^internal\/(runtime|node|chunk-[A-Z\d]+)$/.test(stem))).toEqual([]);
    expect(internal.length).toBeLessThanOrEqual(6);
    expect(inFormat("cjs", ".js")).toEqual(esmJs);
    const declarations = inFormat("esm", ".d.ts");
    expect(inFormat("cjs", ".d.ts")).toEqual(declarations);
    expect(declarations.filter((stem) => !sources.includes(stem))).toEqual([]);
    for (const entry of ["index", "core", "models/errors/index", "models/operations/index", "node/index"]) {
      expect(declarations).toContain(`src/${entry}`);
    }
    expect(declarations.filter((stem) => stem.startsWith("src/funcs/")).sort()).toEqual(
      funcNames.map((name) => `src/funcs/${name}`).sort(),
    );
    const other = paths.filter((path) => path.startsWith("dist/") && !/\.(js|d\.ts)$/.test(path));
    expect(other).toEqual(["dist/cjs/package.json"]);

    // 3. The same, stated as rules, so a failure says what kind of file slipped in.
    expect(paths.filter((path) => !/^dist\/(esm|cjs)\//.test(path) && !topLevel.includes(path))).toEqual([]);
    expect(paths.filter((path) => path.endsWith(".ts") && !path.endsWith(".d.ts"))).toEqual([]);
    expect(
      paths.filter((path) => /\.map$|(^|\/)(test|tests|__tests__)\/|\.(test|spec)\.|^src\/|^openapi\//.test(path)),
    ).toEqual([]);
    // The bin is executable in the tarball itself.
    const cli = packed.files.find((file) => file.path === "dist/cjs/src/node/cli.js");
    expect(cli && cli.mode & 0o111).toBeTruthy();
  });

  test("its package.json has no install-time scripts, and declares engines.node and its one dependency", async () => {
    // Read from the installed copy: exactly the package.json inside the tarball.
    const manifest = JSON.parse(await readFile(join(installed.esm, "package.json"), "utf8")) as {
      name: string;
      version: string;
      scripts?: Record<string, string>;
      engines?: { node?: string };
      dependencies?: Record<string, string>;
    };
    expect(manifest.name).toBe("openrouter-oauth");
    expect(manifest.version).toBe(packed.version);
    const hooks = ["preinstall", "install", "postinstall", "prepare", "preprepare", "postprepare", "prepublish"];
    expect(Object.keys(manifest.scripts ?? {}).filter((name) => hooks.includes(name))).toEqual([]);
    expect(manifest.engines?.node).toMatch(/^>=\s*20(\.\d+){0,2}$/);
    // zod is bundled into dist (src/lib/zod.js): nothing to install, nothing to clash with.
    expect(manifest.dependencies ?? {}).toEqual({});
  });

  test("installs offline: the npm setup used here cannot fetch anything from a registry", async () => {
    // The consumers' node_modules hold just the package (it has no dependencies)...
    for (const dir of Object.values(consumers)) {
      const modules = readdirSync(join(dir, "node_modules")).filter((name) => !name.startsWith("."));
      expect(modules.sort()).toEqual(["openrouter-oauth"]);
    }
    // ...and the same environment refuses a package that is not given as a tarball.
    const dir = join(work, "needs-registry");
    await writeFiles(dir, { "package.json": '{ "name": "needs-registry", "version": "1.0.0", "private": true }\n' });
    const offline = await runNpm(["install", "zod@^4.6.0"], dir, npmEnv);
    expect(offline.code, describeChild(offline)).not.toBe(0);
    expect(offline.stdout + offline.stderr).toContain("ENOTCACHED");
    // Even with offline turned off, the only registry npm knows is a dead loopback port.
    const online = await runNpm(["install", "zod@^4.6.0"], dir, { ...npmEnv, npm_config_offline: "false" });
    expect(online.code, describeChild(online)).not.toBe(0);
    expect(online.stdout + online.stderr).toContain("ECONNREFUSED");
    expect(online.stdout + online.stderr).toContain(new URL(UNREACHABLE_REGISTRY).host);
  });
});

// ---------------------------------------------------------------------------------------------------

/** Every subpath of package.json "exports" (but ./package.json), "./funcs/*.js" expanded. */
const entryIds = Object.keys(manifest.exports)
  .filter((key) => key !== "./package.json")
  .flatMap((key) => expandFuncs(key === "." ? "openrouter-oauth" : `openrouter-oauth/${key.slice(2)}`));

test('every entry point of package.json "exports" is loaded below, and at least the ones this file checks by name', () => {
  expect(entryIds).toEqual(
    expect.arrayContaining([
      "openrouter-oauth",
      "openrouter-oauth/core.js",
      ...funcNames.map((name) => `openrouter-oauth/funcs/${name}.js`),
      "openrouter-oauth/models/errors",
      "openrouter-oauth/models/errors/index.js",
      "openrouter-oauth/models/operations",
      "openrouter-oauth/models/operations/index.js",
      "openrouter-oauth/node",
      "openrouter-oauth/browser",
      "openrouter-oauth/lib/http.js",
      "openrouter-oauth/lib/http",
    ]),
  );
});

/** The consumer's program, the same for both formats; only loading and resolving differ (preludes below). */
const checkBody = `
const assert = (ok, message) => { if (!ok) throw new Error("assertion failed: " + message); };
const main = async () => {
  const pkgDir = realpathSync(join(process.cwd(), "node_modules", "openrouter-oauth"));
  const manifest = JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8"));
  const mods = {};
  for (const id of ${JSON.stringify(entryIds)}) {
    const file = realpathSync(where(id));
    assert(file.startsWith(join(pkgDir, "dist", FORMAT, "src") + sep), id + " resolved to " + file);
    mods[id] = await load(id);
  }
  // No zod is installed: everything above loaded without it (the package carries its own copy).
  let zodFound = true;
  try { createRequire(join(pkgDir, "package.json")).resolve("zod"); } catch { zodFound = false; }
  assert(!zodFound, "a zod is installed beside the package, so its loading proves nothing");
  assert(localRequire("openrouter-oauth/package.json").version === manifest.version, "openrouter-oauth/package.json");

  const root = mods["openrouter-oauth"];
  assert(root.SDK_VERSION === manifest.version, "SDK_VERSION " + root.SDK_VERSION + " != " + manifest.version);
  for (const name of ["OpenRouter", "OpenRouterCore", "OAuth", "createCallbackNonce", "withCallbackNonce", ...${JSON.stringify(funcNames)}]) {
    assert(typeof root[name] === "function", "root export " + name + " is " + typeof root[name]);
  }
  const core = mods["openrouter-oauth/core.js"];
  assert(core.OpenRouterCore === root.OpenRouterCore, "OpenRouterCore differs between root and core.js");
  for (const name of ${JSON.stringify(funcNames)}) {
    assert(mods["openrouter-oauth/funcs/" + name + ".js"][name] === root[name], name + " differs between root and funcs/");
  }
  const errors = mods["openrouter-oauth/models/errors"];
  for (const name of ["OpenRouterError", "BadRequestResponseError", "UnauthorizedResponseError", "ConflictResponseError",
    "ConnectionError", "SDKValidationError", "AuthorizationCallbackError"]) {
    assert(typeof errors[name] === "function" && errors[name] === root[name], "models/errors " + name);
    assert(mods["openrouter-oauth/models/errors/index.js"][name] === errors[name], "models/errors/index.js " + name);
  }
  // Its run-time exports are the enums, as in @openrouter/sdk, the same objects from the root.
  const enums = ["CreateAuthKeysCodeCodeChallengeMethod", "ExchangeAuthCodeForAPIKeyCodeChallengeMethod", "UsageLimitType"];
  for (const id of ["openrouter-oauth/models/operations", "openrouter-oauth/models/operations/index.js"]) {
    const names = Object.keys(mods[id]).filter((name) => name !== "default" && name !== "__esModule").sort();
    assert(JSON.stringify(names) === JSON.stringify(enums), id + " has run-time exports " + names + ", not the enums alone");
    for (const name of enums) assert(mods[id][name] === root[name], id + " " + name + " differs from the root's");
  }
  assert(mods["openrouter-oauth/models/operations"].UsageLimitType.Monthly === "monthly", "UsageLimitType.Monthly");
  assert(root.HTTPClient === mods["openrouter-oauth/lib/http.js"].HTTPClient, "root HTTPClient differs from lib/http.js's");
  const node = mods["openrouter-oauth/node"];
  for (const name of ["loginWithLoopback", "LoginAbortedError", "LoginTimeoutError", "LoopbackBindError"]) {
    assert(typeof node[name] === "function", "openrouter-oauth/node " + name);
  }
  assert(typeof node.DEFAULT_LOGIN_TIMEOUT_MS === "number", "DEFAULT_LOGIN_TIMEOUT_MS");
  const browser = mods["openrouter-oauth/browser"];
  assert(typeof browser.createBrowserSignIn === "function" && typeof browser.BrowserSignInError === "function", "openrouter-oauth/browser");
  const http = mods["openrouter-oauth/lib/http.js"];
  assert(typeof http.HTTPClient === "function" && mods["openrouter-oauth/lib/http"].HTTPClient === http.HTTPClient, "lib/http");

  // Real calls against Prism through the installed package.
  const serverURL = process.env.PRISM_URL;
  const create = mods["openrouter-oauth/funcs/oAuthCreateAuthCode.js"].oAuthCreateAuthCode;
  const exchange = mods["openrouter-oauth/funcs/oAuthExchangeAuthCodeForAPIKey.js"].oAuthExchangeAuthCodeForAPIKey;
  const client = new core.OpenRouterCore({ apiKey: "sk-or-v1-consumer-test", serverURL, retryConfig: { strategy: "none" } });
  const created = await create(client, {
    requestBody: { callbackUrl: "https://myapp.com/auth/callback", codeChallenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", codeChallengeMethod: "S256", limit: 100 },
  });
  if (!created.ok) throw created.error;
  assert(created.value.data.id === "auth_code_xyz789" && created.value.data.appId === 12345, JSON.stringify(created.value));
  const exchanged = await exchange(client, {
    requestBody: { code: created.value.data.id, codeVerifier: "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk", codeChallengeMethod: "S256" },
  });
  if (!exchanged.ok) throw exchanged.error;
  assert(exchanged.value.key.startsWith("sk-or-v1-") && exchanged.value.userId === "user_2yOPcMpKoQhcd4bVgSMlELRaIah", JSON.stringify(exchanged.value));
  const pair = await root.oAuthCreateSHA256CodeChallenge();
  assert(pair.ok && pair.value.codeVerifier.length === 43 && pair.value.codeChallenge.length === 43, "PKCE pair");

  const sdk = new root.OpenRouter({ apiKey: "sk-or-v1-consumer-test", serverURL });
  const viaClass = await sdk.oAuth.exchangeAuthCodeForAPIKey({ requestBody: { code: "auth_code_abc123def456" } });
  assert(viaClass.userId === "user_2yOPcMpKoQhcd4bVgSMlELRaIah", JSON.stringify(viaClass));
  let thrown;
  try {
    await sdk.oAuth.createAuthCode(
      { requestBody: { callbackUrl: "https://myapp.com/auth/callback" } },
      { fetchOptions: { headers: { Prefer: "code=401" } }, retries: { strategy: "none" } },
    );
  } catch (error) {
    thrown = error;
  }
  assert(thrown instanceof errors.UnauthorizedResponseError && thrown instanceof root.OpenRouterError, "401 threw " + thrown);
  console.log("CONSUMER-OK " + FORMAT + " " + created.value.data.id + " " + exchanged.value.userId + " " + thrown.constructor.name);
};
main().catch((error) => { console.error(error); process.exit(1); });
`;

const checkScripts = {
  esm: `import { readFileSync, realpathSync } from "node:fs";
import { createRequire } from "node:module";
import { join, sep } from "node:path";
import { fileURLToPath } from "node:url";
const FORMAT = "esm";
const localRequire = createRequire(import.meta.url);
const load = (id) => import(id);
const where = (id) => fileURLToPath(import.meta.resolve(id));
${checkBody}`,
  cjs: `"use strict";
const { readFileSync, realpathSync } = require("node:fs");
const { createRequire } = require("node:module");
const { join, sep } = require("node:path");
const FORMAT = "cjs";
const localRequire = require;
const load = async (id) => require(id);
const where = (id) => require.resolve(id);
${checkBody}`,
};

describe.each(["esm", "cjs"] as const)("the installed package, loaded as %s", (format) => {
  test(`every entry point ${format === "esm" ? "imports" : "requires"} from node_modules and calls the API`, {
    timeout: 60_000,
  }, async () => {
    // check.js is ESM in the "type": "module" consumer and CommonJS in the "type": "commonjs" one.
    const dir = consumers[format];
    await writeFile(join(dir, "check.js"), checkScripts[format]);
    const result = await runChild(process.execPath, ["check.js"], {
      cwd: dir,
      env: childEnv({ PRISM_URL: inject("prismUrl") }),
      timeoutMs: 45_000,
    });
    expect(result.code, describeChild(result)).toBe(0);
    expect(result.stdout).toContain(
      `CONSUMER-OK ${format} auth_code_xyz789 user_2yOPcMpKoQhcd4bVgSMlELRaIah UnauthorizedResponseError`,
    );
  });

  test("the openrouter-oauth bin runs from node_modules/.bin", { timeout: 30_000 }, async () => {
    const result = await runChild(join(consumers[format], "node_modules/.bin/openrouter-oauth"), ["--version"], {
      cwd: consumers[format],
      env: childEnv({}),
      timeoutMs: 20_000,
    });
    expect(result.code, describeChild(result)).toBe(0);
    expect(result.stdout).toBe(`${packed.version}\n`);
  });
});

// ---------------------------------------------------------------------------------------------------

/** A file beside the seeds that touches the other entry points' types, incl. types-only models/operations. */
const entriesFile = `import { OpenRouter, OpenRouterCore, type Result, SDK_VERSION } from "openrouter-oauth";
import { oAuthCreateSHA256CodeChallenge } from "openrouter-oauth/funcs/oAuthCreateSHA256CodeChallenge.js";
import { type SDKValidationError, UnauthorizedResponseError } from "openrouter-oauth/models/errors";
import type { CreateAuthKeysCodeRequest, ExchangeAuthCodeForAPIKeyResponse } from "openrouter-oauth/models/operations";
import { LoginTimeoutError, loginWithLoopback } from "openrouter-oauth/node";

export const request: CreateAuthKeysCodeRequest = { requestBody: { callbackUrl: "https://myapp.com/auth/callback" } };
export const version: string = SDK_VERSION;
export const core: OpenRouterCore = new OpenRouter();

export async function verifier(): Promise<Result<string, SDKValidationError>> {
  const pair = await oAuthCreateSHA256CodeChallenge();
  return pair.ok ? { ok: true, value: pair.value.codeVerifier } : pair;
}

export async function login(): Promise<ExchangeAuthCodeForAPIKeyResponse | undefined> {
  try {
    return await loginWithLoopback({ onAuthorizationUrl: (url: string) => console.error(url), timeoutMs: 60_000 });
  } catch (error) {
    if (error instanceof LoginTimeoutError) return undefined;
    if (error instanceof UnauthorizedResponseError) throw new Error(error.message);
    throw error;
  }
}
`;

/** Must fail to type-check: a string where the API takes a number, and an import that does not exist. */
const negativeFile = `import { NoSuchExport } from "openrouter-oauth";
import { OpenRouterCore } from "openrouter-oauth/core.js";
import { oAuthCreateAuthCode } from "openrouter-oauth/funcs/oAuthCreateAuthCode.js";

export async function wrong(): Promise<unknown> {
  return oAuthCreateAuthCode(new OpenRouterCore(), { requestBody: { callbackUrl: "https://myapp.com/cb", limit: "100" } });
}
export const unused = NoSuchExport;
`;

interface TypeCheckCase {
  readonly name: string;
  readonly consumer: "esm" | "cjs";
  /** Which build's declarations the package name must resolve to. */
  readonly declarations: "esm" | "cjs";
  readonly options: Record<string, unknown>;
}

const typeCheckCases: TypeCheckCase[] = [
  {
    name: "NodeNext, ESM consumer",
    consumer: "esm",
    declarations: "esm",
    options: { module: "NodeNext", moduleResolution: "NodeNext", lib: ["ES2023"], verbatimModuleSyntax: true },
  },
  {
    name: "Bundler (module ESNext), ESM consumer",
    consumer: "esm",
    declarations: "esm",
    options: {
      module: "ESNext",
      moduleResolution: "Bundler",
      lib: ["ES2023", "DOM", "DOM.Iterable"],
      verbatimModuleSyntax: true,
    },
  },
  {
    name: "NodeNext, CommonJS consumer",
    consumer: "cjs",
    declarations: "cjs",
    // dist/cjs's .d.ts files are byte-for-byte copies of dist/esm's, which the two cases above check with
    // skipLibCheck off; the CommonJS cases are about resolution, so they skip it (tsc is this file's slow part).
    options: { module: "NodeNext", moduleResolution: "NodeNext", lib: ["ES2023"], skipLibCheck: true },
  },
  {
    // TypeScript's old default for module CommonJS: ignores "exports"; package.json "typesVersions" serves it.
    name: "Node10 (module CommonJS), CommonJS consumer",
    consumer: "cjs",
    declarations: "cjs",
    options: { module: "CommonJS", moduleResolution: "Node10", lib: ["ES2023"], skipLibCheck: true },
  },
];

function tsconfigName(testCase: TypeCheckCase): string {
  return `tsconfig.${testCase.name.replace(/[^A-Za-z0-9]+/g, "-").toLowerCase()}`;
}

/** Writes the case's tsconfig (for the seeds, the entries file and the negative control) into its consumer; returns its name. */
async function writeTypeCheckProject(testCase: TypeCheckCase): Promise<string> {
  const dir = consumers[testCase.consumer];
  const config = `${tsconfigName(testCase)}.json`;
  const compilerOptions = {
    target: "ES2022",
    strict: true,
    noUncheckedIndexedAccess: true,
    exactOptionalPropertyTypes: true,
    noImplicitOverride: true,
    noImplicitReturns: true,
    isolatedModules: true,
    // The published declarations (and @types/node) are checked too, unless a case says otherwise;
    // TypeScript's own lib files are not.
    skipLibCheck: false,
    skipDefaultLibCheck: true,
    noEmit: true,
    // Only Node's types come from the repository (a consumer would have @types/node of its own).
    types: ["node"],
    typeRoots: [join(repoRoot, "node_modules/@types")],
    ...testCase.options,
  };
  const include = ["seeds/*.ts", "entries/*.ts", "negative/*.ts"];
  await writeFiles(dir, { [config]: JSON.stringify({ compilerOptions, include }, null, 2) });
  return config;
}

/**
 * The sources every case of a consumer checks, written once before the (concurrent) cases run: the seeds
 * verbatim, as the docs show them (they import only "openrouter-oauth"), the entries file and the
 * negative control.
 */
async function writeTypeCheckSources(dir: string): Promise<void> {
  await writeFiles(dir, { "entries/entries.ts": entriesFile, "negative/wrong.ts": negativeFile });
  await mkdir(join(dir, "seeds"), { recursive: true });
  for (const seed of seedFiles) await cp(join(repoRoot, "test/seeds", seed), join(dir, "seeds", seed));
}

/**
 * One tsc run per case checks the seeds, the entries file and the negative control together (tsc is the
 * slow part of this file): it must report exactly the negative control's two planted errors, so the
 * seeds and the entries file have none, and the check demonstrably can fail under that configuration.
 */
describe.concurrent("the seeds type-check against the installed package, by package name only", () => {
  beforeAll(async () => {
    await Promise.all([writeTypeCheckSources(consumers.esm), writeTypeCheckSources(consumers.cjs)]);
  });

  test.each(typeCheckCases)("$name", { timeout: 120_000 }, async (testCase) => {
    const dir = consumers[testCase.consumer];
    const config = await writeTypeCheckProject(testCase);
    const result = await runChild(process.execPath, [tsc, "-p", config, "--listFiles", "--pretty", "false"], {
      cwd: dir,
      env: childEnv({}),
      timeoutMs: 110_000,
    });

    const lines = (result.stdout + result.stderr).split(/\r?\n/).map((line) => line.trim().replaceAll("\\", "/"));
    const errors = lines.filter((line) => / error TS\d+:/.test(line));
    expect(errors, describeChild(result)).toHaveLength(2);
    expect(errors[0]).toMatch(/^negative\/wrong\.ts\(1,\d+\): error TS2305: .*NoSuchExport/);
    expect(errors[1]).toMatch(/^negative\/wrong\.ts\(6,\d+\): error TS2322: Type 'string' is not assignable/);
    expect(result.code).toBe(2); // tsc: errors found, nothing emitted (noEmit)

    // Every seed was checked, and "openrouter-oauth" resolved to the installed package's declarations
    // of the expected format only.
    for (const seed of seedFiles) expect(lines).toContain(`${dir}/seeds/${seed}`.replaceAll("\\", "/"));
    const pkg = installed[testCase.consumer].replaceAll("\\", "/");
    for (const declaration of [
      "index",
      "core",
      "funcs/oAuthCreateAuthCode",
      "funcs/oAuthExchangeAuthCodeForAPIKey",
      "funcs/oAuthCreateSHA256CodeChallenge",
      "models/errors/index",
      "models/operations/index",
      "node/index",
    ]) {
      expect(lines).toContain(`${pkg}/dist/${testCase.declarations}/src/${declaration}.d.ts`);
    }
    const other = testCase.declarations === "esm" ? "cjs" : "esm";
    expect(lines.filter((line) => line.startsWith(`${pkg}/dist/${other}/`))).toEqual([]);
    // Nothing of the repository's own package (src/, dist/, generated/) took part; only @types/node.
    const repo = repoRoot.replaceAll("\\", "/");
    expect(lines.filter((line) => line.startsWith(`${repo}/`) && !line.startsWith(`${repo}/node_modules/`))).toEqual(
      [],
    );
  });
});

// ---------------------------------------------------------------------------------------------------

describe("an esbuild bundle from the installed package", () => {
  /**
   * Strings that only the class (src/sdk.ts, src/oauth.ts) puts in a minified bundle: its getter and
   * its method names (property names survive minification; the functions' own names are mangled, and
   * all start with "oAuth", so none contains these with a lower-case first letter).
   */
  const classMarkers = [
    "get oAuth(",
    "createAuthCode(",
    "exchangeAuthCodeForAPIKey(",
    "createSHA256CodeChallenge(",
    "createAuthorizationUrl(",
    "parseAuthorizationCallback(",
    "startAuthorization(",
    "completeAuthorization(",
  ];

  const bundle = async (contents: string) => {
    const result = await build({
      stdin: { contents, resolveDir: consumers.esm, loader: "js" },
      absWorkingDir: consumers.esm,
      bundle: true,
      minify: true,
      format: "esm",
      platform: "browser",
      write: false,
      metafile: true,
      logLevel: "silent",
    });
    const inputs = Object.keys(result.metafile.inputs);
    // Everything came from the installed package (zod included, bundled in its dist).
    expect(inputs.filter((file) => !/^node_modules\/openrouter-oauth\/dist\/esm\//.test(file))).toEqual(["<stdin>"]);
    return { code: result.outputFiles[0]!.text, inputs };
  };

  test("of OpenRouterCore + one standalone function holds nothing of the class, and works", {
    timeout: 60_000,
  }, async () => {
    const standalone = await bundle(
      `export { OpenRouterCore } from "openrouter-oauth/core.js";
       export { oAuthExchangeAuthCodeForAPIKey } from "openrouter-oauth/funcs/oAuthExchangeAuthCodeForAPIKey.js";`,
    );
    const withClass = await bundle(`export { OpenRouter } from "openrouter-oauth";`);

    // The markers are real: the class bundle has every one...
    expect(classMarkers.filter((marker) => !withClass.code.includes(marker))).toEqual([]);
    // ...and the standalone bundle has none of them: the class is tree-shaken out of the shared files
    // (dist/esm/internal/) that both read.
    expect(classMarkers.filter((marker) => standalone.code.includes(marker))).toEqual([]);
    expect(standalone.inputs).toEqual(
      expect.arrayContaining([
        "node_modules/openrouter-oauth/dist/esm/src/core.js",
        "node_modules/openrouter-oauth/dist/esm/src/funcs/oAuthExchangeAuthCodeForAPIKey.js",
      ]),
    );
    expect(standalone.code.length).toBeLessThan(withClass.code.length);

    // The minified bundle runs on its own and exchanges a code through Prism.
    const bundleDir = join(work, "bundle");
    await writeFiles(bundleDir, {
      "package.json": '{ "type": "module" }\n',
      "exchange.min.js": standalone.code,
      "run.js": `import { OpenRouterCore, oAuthExchangeAuthCodeForAPIKey } from "./exchange.min.js";
const core = new OpenRouterCore({ serverURL: process.env.PRISM_URL, retryConfig: { strategy: "none" } });
const res = await oAuthExchangeAuthCodeForAPIKey(core, { requestBody: { code: "auth_code_abc123def456" } });
if (!res.ok) throw res.error;
console.log("BUNDLE-OK " + res.value.userId);
`,
    });
    const result = await runChild(process.execPath, ["run.js"], {
      cwd: bundleDir,
      env: childEnv({ PRISM_URL: inject("prismUrl") }),
      timeoutMs: 30_000,
    });
    expect(result.code, describeChild(result)).toBe(0);
    expect(result.stdout).toContain("BUNDLE-OK user_2yOPcMpKoQhcd4bVgSMlELRaIah");
  });
});
