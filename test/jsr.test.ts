// The JSR package (jsr.json): JSR publishes the TypeScript sources, as the official @openrouter/sdk does.
//   - jsr.json's entry points are package.json's "exports" (their ESM targets mapped back to src/, "./funcs/*.js"
//     spelled out: JSR has no patterns), every one a file that is published; its version is package.json's,
//     and scripts/sync-version.mjs keeps it so on release;
//   - its "imports" map each package the sources import (zod/v4/core, and the types of openapi-fetch and
//     openapi-typescript-helpers) to npm: at the range package.json pins, and nothing else;
//   - `deno publish --dry-run` passes on a fresh copy of the repository (Deno from test/runtimes, where
//     `.ci/run` installs it; without it the test skips, but not under CI): type check, slow-types check, the
//     published file list, and the specifiers JSR would get. It needs no network: the npm: imports resolve
//     from the node_modules the copy links to (Deno's default when there is a package.json), so the npm and
//     JSR registries and any proxy point at a dead loopback port, and a fresh DENO_DIR holds nothing.
//     The sources import "./x.js" for x.ts (what tsc wants); jsr.json's "unstable": ["sloppy-imports"] lets
//     Deno resolve those, and publishing rewrites them to "./x.ts" (checked below from Deno's debug log).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { cp, mkdir, mkdtemp, readFile, realpath, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { childEnv, describeChild, repoRoot, runChild } from "./support/build-once.js";
import { inCI } from "./support/chromium.js";
import { freshCopy, UNREACHABLE_REGISTRY } from "./support/consumer-project.js";

type ExportTarget = string | { [condition: string]: ExportTarget } | null;

interface Manifest {
  name: string;
  version: string;
  exports: Record<string, ExportTarget>;
  devDependencies: Record<string, string>;
  dependencies?: Record<string, string>;
}

interface JsrConfig {
  name: string;
  version: string;
  exports: Record<string, string>;
  imports: Record<string, string>;
  unstable?: string[];
  publish: { include: string[]; exclude?: string[] };
}

const readJson = <T>(file: string): T => JSON.parse(readFileSync(join(repoRoot, file), "utf8")) as T;
const manifest = readJson<Manifest>("package.json");
const jsr = readJson<JsrConfig>("jsr.json");
const funcNames = readdirSync(join(repoRoot, "src/funcs"))
  .filter((file) => file.endsWith(".ts"))
  .map((file) => file.slice(0, -".ts".length))
  .sort();

/** The ESM target of an export ("import" → "default"): the one file a JSR entry maps to, as TypeScript source. */
function esmTarget(target: ExportTarget): string | undefined {
  if (typeof target === "string" || target === null) return target ?? undefined;
  const viaImport = target["import"];
  return typeof viaImport === "object" && viaImport !== null ? esmTarget(viaImport["default"] ?? null) : undefined;
}

/** package.json "exports" as JSR entry points: "./dist/esm/src/x.js" → "./src/x.ts", "./funcs/*.js" spelled out. */
function expectedJsrExports(): Record<string, string> {
  const expected: Record<string, string> = {};
  for (const [key, target] of Object.entries(manifest.exports)) {
    if (key === "./package.json") continue;
    const esm = esmTarget(target);
    if (!esm?.startsWith("./dist/esm/") || !esm.endsWith(".js")) throw new Error(`exports ${key}: no ESM .js target`);
    const source = `./${esm.slice("./dist/esm/".length, -".js".length)}.ts`;
    if (key.includes("*")) {
      for (const name of funcNames) expected[key.replace("*", name)] = source.replace("*", name);
    } else expected[key] = source;
  }
  return expected;
}

/** Every TypeScript source JSR publishes (publish.include's globs are "src/**\/*.ts" and "generated/**\/*.ts"). */
function publishedSources(): string[] {
  return ["src", "generated"].flatMap((dir) =>
    readdirSync(join(repoRoot, dir), { recursive: true, encoding: "utf8" })
      .filter((file) => file.endsWith(".ts"))
      .map((file) => `${dir}/${file.replaceAll("\\", "/")}`),
  );
}

/** The package name of a bare specifier: "zod/v4/core" → "zod", "@scope/pkg/x" → "@scope/pkg". */
const packageOf = (specifier: string) =>
  specifier
    .split("/")
    .slice(0, specifier.startsWith("@") ? 2 : 1)
    .join("/");

describe("jsr.json", () => {
  test("its entry points are package.json's exports, mapped to the TypeScript sources", () => {
    const expected = expectedJsrExports();
    // Stated as what to add or remove, so a new entry point in package.json says what jsr.json needs.
    const missing = Object.entries(expected).filter(([key, source]) => jsr.exports[key] !== source);
    const extra = Object.keys(jsr.exports).filter((key) => !(key in expected));
    expect({ missing: Object.fromEntries(missing), extra }).toEqual({ missing: {}, extra: [] });
    expect(Object.keys(jsr.exports).length).toBeGreaterThanOrEqual(11 + funcNames.length);
    // The official SDK's JSR entries that ours has too (its jsr.json: ".", "./models/errors", "./models/operations",
    // "./lib/http" …).
    expect(Object.keys(jsr.exports)).toEqual(
      expect.arrayContaining([".", "./core.js", "./lib/http", "./models/errors", "./models/operations", "./node"]),
    );
  });

  test("every entry point is a source file that is published", () => {
    const sources = publishedSources();
    expect(jsr.publish.include).toEqual(expect.arrayContaining(["src/**/*.ts", "generated/**/*.ts", "LICENSE"]));
    expect(jsr.publish.exclude ?? []).toEqual([]);
    const targets = [...new Set(Object.values(jsr.exports))].map((target) => target.replace(/^\.\//, ""));
    expect(targets.filter((target) => !existsSync(join(repoRoot, target)))).toEqual([]);
    expect(targets.filter((target) => !sources.includes(target))).toEqual([]);
  });

  test("its name is the npm package's under a JSR scope, and its version is package.json's", () => {
    expect(jsr.name).toMatch(new RegExp(`^@[a-z0-9-]{2,20}/${manifest.name}$`));
    expect(jsr.version).toBe(manifest.version);
  });

  test("its imports map each package the sources import to npm:, at package.json's range, and nothing else", () => {
    const bare = new Map<string, string[]>();
    for (const file of publishedSources()) {
      const info = ts.preProcessFile(readFileSync(join(repoRoot, file), "utf8"), true, true);
      for (const { fileName } of info.importedFiles) {
        if (fileName.startsWith(".") || fileName.startsWith("node:")) continue;
        const name = packageOf(fileName);
        bare.set(name, [...(bare.get(name) ?? []), `${file}: ${fileName}`]);
      }
    }
    // The sources import zod's core and (types only) openapi-fetch's helpers; never the package itself.
    expect([...bare.keys()].sort()).toEqual(expect.arrayContaining(["zod"]));
    expect([...bare.keys()].filter((name) => name === manifest.name)).toEqual([]);
    expect(Object.keys(jsr.imports).sort()).toEqual([...bare.keys()].sort());
    for (const [name, specifier] of Object.entries(jsr.imports)) {
      const range = manifest.dependencies?.[name] ?? manifest.devDependencies[name];
      expect(range, `${name} is not in package.json`).toBeDefined();
      expect(specifier, `jsr.json imports ${name}`).toBe(`npm:${name}@${range}`);
    }
  });

  test("scripts/sync-version.mjs writes package.json's version into jsr.json, keeping the rest as it is", async () => {
    const dir = await realpath(await mkdtemp(join(tmpdir(), "openrouter-oauth-sync-version-")));
    try {
      await mkdir(join(dir, "scripts"));
      await mkdir(join(dir, "src/lib"), { recursive: true });
      await cp(join(repoRoot, "scripts/sync-version.mjs"), join(dir, "scripts/sync-version.mjs"));
      const jsrText = readFileSync(join(repoRoot, "jsr.json"), "utf8");
      await writeFile(join(dir, "jsr.json"), jsrText);
      await writeFile(
        join(dir, "package.json"),
        `${JSON.stringify({ ...manifest, version: "7.8.9-next.1" }, null, 2)}\n`,
      );
      await writeFile(join(dir, "src/lib/version.ts"), 'export const SDK_VERSION = "0.0.0";\n');

      const result = await runChild(process.execPath, [join(dir, "scripts/sync-version.mjs")], {
        cwd: dir,
        env: childEnv({}),
      });
      expect(result.code, describeChild(result)).toBe(0);
      const after = await readFile(join(dir, "jsr.json"), "utf8");
      expect(JSON.parse(after)).toEqual({ ...jsr, version: "7.8.9-next.1" });
      // Only the version's text changed: the file keeps its formatting.
      expect(after).toBe(jsrText.replace(`"version": "${jsr.version}"`, '"version": "7.8.9-next.1"'));
      expect(await readFile(join(dir, "src/lib/version.ts"), "utf8")).toContain('SDK_VERSION = "7.8.9-next.1"');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

// ---------------------------------------------------------------------------------------------------

const deno = join(repoRoot, "test/runtimes/node_modules/.bin/deno");
const denoSkip =
  existsSync(deno) || inCI()
    ? undefined
    : `skipped: ${deno} is missing (\`cd test/runtimes && npm ci\`; .ci/run does it; with CI=true this fails instead)`;

describe.skipIf(denoSkip !== undefined)("deno publish --dry-run", () => {
  let work = "";
  let copy = "";
  let result: Awaited<ReturnType<typeof runChild>>;
  let output = "";
  let tookMs = 0;

  beforeAll(async () => {
    work = await realpath(await mkdtemp(join(tmpdir(), "openrouter-oauth-jsr-")));
    copy = join(work, "copy");
    await freshCopy(copy);
    const started = performance.now();
    // Nothing can come from the network: a fresh Deno cache, the npm and JSR registries and any proxy at a
    // dead loopback port. Debug logging, for the specifiers the publish would rewrite.
    const dead = UNREACHABLE_REGISTRY.replace(/\/$/, "");
    result = await runChild(deno, ["publish", "--dry-run"], {
      cwd: copy,
      env: childEnv({
        DENO_DIR: join(work, "deno-dir"),
        DENO_NO_UPDATE_CHECK: "1",
        NPM_CONFIG_REGISTRY: UNREACHABLE_REGISTRY,
        JSR_URL: UNREACHABLE_REGISTRY,
        HTTP_PROXY: dead,
        HTTPS_PROXY: dead,
        ALL_PROXY: dead,
        NO_PROXY: "",
        DENO_LOG: "debug",
      }),
      timeoutMs: 150_000,
    });
    tookMs = performance.now() - started;
    output = result.stdout + result.stderr;
  }, 200_000);

  afterAll(async () => {
    if (work) await rm(work, { recursive: true, force: true });
  });

  /** The lines Deno prints for a user (not its debug log). */
  const userLines = () => output.split(/\r?\n/).filter((line) => line && !/^(DEBUG|TRACE) /.test(line));

  test("passes offline: type check, slow types, and the simulated publish", () => {
    const summary = userLines()
      .filter((line) => !line.startsWith("   file://"))
      .join("\n");
    expect(result.code, summary.slice(-6000)).toBe(0);
    expect(output).toContain("Checking for slow types in the public API...");
    expect(output).toContain(`Simulating publish of ${jsr.name}@${jsr.version}`);
    expect(output).toContain("Success Dry run complete");
    // No warning either (unanalyzable imports, excluded modules, missing licence…).
    expect(userLines().filter((line) => /^(warning|error)\b/i.test(line))).toEqual([]);
    console.info(`deno publish --dry-run: ${(tookMs / 1000).toFixed(1)} s`);
  });

  test("publishes the sources, LICENSE, README.md and jsr.json, and nothing else", () => {
    const files = userLines()
      .map((line) => /^ {3}file:\/\/(.+?) \([\d.]+[KMG]?B\)$/.exec(line)?.[1])
      .filter((file): file is string => file !== undefined)
      .map((file) => file.slice(copy.length + 1))
      .sort();
    expect(files).toEqual(expect.arrayContaining(["LICENSE", "README.md", "jsr.json"]));
    expect(
      files.filter(
        (file) => !/^(src|generated)\/.+\.ts$/.test(file) && !["LICENSE", "README.md", "jsr.json"].includes(file),
      ),
    ).toEqual([]);
    // Every source (the copy's are the repository's), so every entry point and all it imports.
    expect(files.filter((file) => file.endsWith(".ts"))).toEqual(publishedSources().sort());
  });

  test("rewrites the sources' specifiers for JSR: bare ones to npm: at the mapped range, ./x.js to ./x.ts", () => {
    const unfurled = [...output.matchAll(/Unfurled specifier: (\S+) from file:\/\/\S+ -> (\S+)/g)].map(
      ([, from, to]) => `${from} -> ${to}`,
    );
    expect(unfurled).toContain(`zod/v4/core -> npm:/zod@${manifest.devDependencies["zod"]}/v4/core`);
    // A relative import of a .ts source, as tsc wants it written, becomes the file JSR serves.
    expect(unfurled).toContain("./core.js -> ./core.ts");
    const relativeJs = unfurled.filter((line) => /^\.{1,2}\/\S+\.js -> /.test(line));
    expect(relativeJs.length).toBeGreaterThan(50);
    expect(relativeJs.filter((line) => !/^(\S+)\.js -> \1\.ts$/.test(line))).toEqual([]);
  });
});
