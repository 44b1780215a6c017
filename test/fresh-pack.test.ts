// `npm pack` as it runs on a fresh clone (issue 25: it once shipped 3 files and no dist/): a copy of the
// repository's tracked and untracked-not-ignored files, without dist/ and without the build stamp, packed
// with lifecycle scripts so that the `prepack` script has to build dist/ (test/support/consumer-project.ts,
// packFreshCopy, which test/consumer-install.test.ts installs too). Checks that the tarball holds the
// build of every entry point in both formats with its declarations, the bin, and every file package.json
// "files" names.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { mkdir, mkdtemp, realpath, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { repoRoot } from "./support/build-once.js";
import { BUILD_STAMP, type FreshPacked, offlineNpmEnv, packFreshCopy } from "./support/consumer-project.js";

type ExportTarget = string | { [condition: string]: ExportTarget } | null;

interface Manifest {
  version: string;
  main: string;
  module: string;
  types: string;
  bin: Record<string, string>;
  files: string[];
  scripts: Record<string, string>;
  exports: Record<string, ExportTarget>;
}

/** Files npm puts in every tarball whatever "files" says (npm-packlist: package.json, README*, LICENSE*, LICENCE*). */
const alwaysPacked = /^(package\.json|readme(\.[^/]*)?|licen[cs]e(\.[^/]*)?)$/i;

let work = "";
let packed: FreshPacked;
let manifest: Manifest;
let paths: string[] = [];
let startedMs = 0;
let packMs = 0;

beforeAll(async () => {
  work = await realpath(await mkdtemp(join(tmpdir(), "openrouter-oauth-fresh-pack-")));
  const dest = join(work, "tarballs");
  await mkdir(dest);
  startedMs = performance.now();
  packed = await packFreshCopy(work, dest, offlineNpmEnv(join(work, "npm-cache")));
  packMs = performance.now() - startedMs;
  manifest = JSON.parse(readFileSync(join(packed.copy, "package.json"), "utf8")) as Manifest;
  paths = packed.files.map((file) => file.path);
}, 200_000);

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

/** Every string in an "exports" value, with the "*" of a subpath pattern expanded against the copy's files. */
function exportFiles(target: ExportTarget, copy: string): string[] {
  if (target === null) return [];
  if (typeof target !== "string") return Object.values(target).flatMap((value) => exportFiles(value, copy));
  const path = target.replace(/^\.\//, "");
  if (!path.includes("*")) return [path];
  // "dist/esm/src/funcs/*.d.ts": one file per source in src/funcs (the build's input, present in the copy).
  const match = /^dist\/(esm|cjs)\/(.*)\/\*(\.d\.ts|\.js)$/.exec(path);
  if (!match) throw new Error(`unexpected export pattern ${target}`);
  const [, format, folder, suffix] = match;
  const stems = readdirSync(join(copy, folder!))
    .filter((file) => file.endsWith(".ts") && !file.endsWith(".d.ts"))
    .map((file) => file.slice(0, -".ts".length));
  expect(stems.length, `${folder} has no sources`).toBeGreaterThan(0);
  return stems.map((stem) => `dist/${format}/${folder}/${stem}${suffix}`);
}

describe("npm pack of a fresh copy of the repository", () => {
  test("starts from no dist/ and no build stamp; the prepack builds dist/ in the copy", () => {
    expect(packed.copied).toEqual(expect.arrayContaining(["package.json", "scripts/build.mjs", "src/index.ts"]));
    expect(packed.copied.filter((file) => /^(dist|node_modules)\//.test(file))).toEqual([]);
    expect(packed.copied.length).toBeGreaterThan(100);
    // `npm pack` ran the prepack script, and the build really ran (not "up to date: not rebuilt").
    expect(manifest.scripts["prepack"]).toMatch(/\bscripts\/build\.mjs\b/);
    expect(packed.log).toContain("prepack");
    expect(packed.log).toMatch(/\bbuilt \d+ entry points\b/);
    expect(packed.log).not.toContain("not rebuilt");
    expect(existsSync(join(packed.copy, BUILD_STAMP))).toBe(true);
    console.info(`fresh copy of ${packed.copied.length} files packed in ${(packMs / 1000).toFixed(1)} s`);
  });

  test("the tarball holds the ESM and CommonJS build and the declarations of every entry point", () => {
    // Each target of package.json "exports" (both formats, code and types), "./funcs/*.js" expanded.
    const targets = Object.entries(manifest.exports)
      .filter(([key]) => key !== "./package.json")
      .flatMap(([, target]) => exportFiles(target, packed.copy));
    expect(targets.length).toBeGreaterThanOrEqual(4 * 12);
    for (const format of ["esm", "cjs"]) {
      for (const suffix of [".js", ".d.ts"]) {
        expect(targets.filter((target) => target.startsWith(`dist/${format}/`) && target.endsWith(suffix))).not.toEqual(
          [],
        );
      }
    }
    expect([...new Set(targets)].filter((target) => !paths.includes(target)).sort()).toEqual([]);
    // The root entry by name, and what main, module, types and the bin point to.
    const named = [
      "dist/esm/src/index.js",
      "dist/esm/src/index.d.ts",
      "dist/cjs/src/index.js",
      "dist/cjs/src/index.d.ts",
      "dist/cjs/package.json",
      ...[manifest.main, manifest.module, manifest.types, ...Object.values(manifest.bin)].map((path) =>
        path.replace(/^\.\//, ""),
      ),
    ];
    expect(named.filter((path) => !paths.includes(path))).toEqual([]);
    // Built files, not empty placeholders: every .js and .d.ts of the build has content.
    const empty = packed.files.filter((file) => /\.(js|d\.ts)$/.test(file.path) && file.size === 0);
    expect(empty.map((file) => file.path)).toEqual([]);
    // The tarball's dist/ is exactly the copy's build.
    const built = readdirSync(join(packed.copy, "dist"), { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => `${entry.parentPath.slice(packed.copy.length + 1).replaceAll("\\", "/")}/${entry.name}`);
    expect(paths.filter((path) => path.startsWith("dist/")).sort()).toEqual(built.sort());
  });

  /**
   * CHANGELOG.md is written by changesets at the first `changeset version` (`npm run release`), which
   * also consumes .changeset/first-release.md; npm would not pack it by itself (npm-packlist always adds
   * only package.json, README and LICENSE), so "files" names it ahead. Until that first release it does
   * not exist, and npm skips a "files" entry that matches nothing: accepted then, and only then.
   * (scripts/release.mjs, run by CI as `npm run release:dry-run`, checks the released tarball holds it.)
   */
  test('every file package.json "files" names is in the tarball (CHANGELOG.md from the first release on)', () => {
    const unreleased = existsSync(join(packed.copy, ".changeset/first-release.md"));
    const missing: string[] = [];
    for (const entry of manifest.files) {
      const name = entry.replace(/^\.\//, "").replace(/\/$/, "");
      expect(name, `"files" entry ${entry}: use plain paths here`).not.toMatch(/[*?![\]{}]/);
      const inTarball = paths.includes(name) || paths.some((path) => path.startsWith(`${name}/`));
      if (inTarball) continue;
      if (name === "CHANGELOG.md" && unreleased && !existsSync(join(packed.copy, name))) continue;
      missing.push(entry);
    }
    expect(missing).toEqual([]);
    // Nothing outside "files" and npm's always-packed files.
    const covered = (path: string) =>
      alwaysPacked.test(path) ||
      manifest.files.some((entry) => {
        const name = entry.replace(/^\.\//, "").replace(/\/$/, "");
        return path === name || path.startsWith(`${name}/`);
      });
    expect(paths.filter((path) => !covered(path))).toEqual([]);
    expect(paths).toEqual(expect.arrayContaining(["package.json", "README.md", "LICENSE"]));
    expect(packed.version).toBe(manifest.version);
  });

  test("the prepack stamped its build in the copy, not in the repository's node_modules", async () => {
    // The copy's node_modules is a folder of links without .cache: the stamp the prepack wrote is in the copy.
    const stamp = await realpath(join(packed.copy, BUILD_STAMP));
    expect(stamp.startsWith(`${packed.copy}/`)).toBe(true);
    expect(stamp.startsWith(`${repoRoot}/`)).toBe(false);
    expect(readdirSync(join(packed.copy, "node_modules/.cache"))).toEqual(["openrouter-oauth"]);
  });
});
