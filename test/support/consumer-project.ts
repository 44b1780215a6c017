// Helpers for test/consumer-install.test.ts and test/fresh-pack.test.ts: pack the package with npm (from
// a fresh copy of the repository, as a clone would be, or from a folder as it is), and install the
// tarball into throwaway consumer projects with npm, strictly offline.
//
// How the install stays offline, whatever the machine's npm cache holds: every npm command gets an
// unreachable registry (http://127.0.0.1:9), `offline`, and an empty npm cache of its own, so a package
// that is not given as a local tarball cannot be resolved (ENOTCACHED) and no request can reach the
// network. The package has no dependencies (zod is bundled into its dist), so its tarball is all a
// consumer needs.
import { existsSync } from "node:fs";
import { copyFile, lstat, mkdir, readdir, realpath, symlink, writeFile } from "node:fs/promises";
import { dirname, join, sep } from "node:path";
import { childEnv, describeChild, repoRoot, runChild } from "./build-once.js";

/** An address where nothing listens: any registry request fails at once instead of going out. */
export const UNREACHABLE_REGISTRY = "http://127.0.0.1:9/";

const npmCli = join(dirname(process.execPath), "../lib/node_modules/npm/bin/npm-cli.js");

/** npm run by this Node when it sits where Node's installers put it, else `npm` from PATH. */
function npmCommand(): [string, string[]] {
  return existsSync(npmCli) ? [process.execPath, [npmCli]] : ["npm", []];
}

/**
 * The environment for npm commands: no npm settings inherited from a surrounding `npm test` (npm_*),
 * an empty cache of the test's own, no registry that can answer, offline, no audit, fund or update check.
 */
export function offlineNpmEnv(cacheDir: string): NodeJS.ProcessEnv {
  const env = childEnv({});
  for (const name of Object.keys(env)) if (/^npm_/i.test(name)) delete env[name];
  return {
    ...env,
    npm_config_registry: UNREACHABLE_REGISTRY,
    npm_config_cache: cacheDir,
    npm_config_offline: "true",
    npm_config_audit: "false",
    npm_config_fund: "false",
    npm_config_update_notifier: "false",
    // Were a request ever made, fail at once rather than retry with back-off.
    npm_config_fetch_retries: "0",
    npm_config_loglevel: "warn",
  };
}

export async function runNpm(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv, timeoutMs = 60_000) {
  const [command, prefix] = npmCommand();
  return runChild(command, [...prefix, ...args], { cwd, env, timeoutMs });
}

export interface PackedFile {
  readonly path: string;
  readonly size: number;
  readonly mode: number;
}

export interface Packed {
  /** Absolute path of the .tgz. */
  readonly tarball: string;
  readonly name: string;
  readonly version: string;
  readonly entryCount: number;
  readonly files: readonly PackedFile[];
}

/**
 * `npm pack --json`'s report. Lifecycle scripts (prepack) print to the same stdout before it: the report
 * is the JSON array that starts on the first line holding only "[".
 */
function parsePackReport(stdout: string, dest: string): Packed {
  const start = stdout.startsWith("[") ? 0 : stdout.indexOf("\n[\n") + 1;
  if (start === 0 && !stdout.startsWith("[")) throw new Error(`npm pack printed no JSON report:\n${stdout}`);
  const [packed] = JSON.parse(stdout.slice(start)) as [Omit<Packed, "tarball"> & { filename: string }];
  return {
    tarball: join(dest, packed.filename),
    name: packed.name,
    version: packed.version,
    entryCount: packed.entryCount,
    files: packed.files,
  };
}

/**
 * `npm pack` of `spec` (a folder; "." is the repository) into `dest`, without lifecycle scripts (dist/
 * is already built: `npm test` builds before vitest). Throws with npm's output when it fails. The
 * package itself is packed from a fresh copy instead: see packFreshCopy.
 */
export async function npmPack(spec: string, dest: string, env: NodeJS.ProcessEnv): Promise<Packed> {
  const result = await runNpm(["pack", spec, "--json", "--ignore-scripts", "--pack-destination", dest], repoRoot, env);
  if (result.code !== 0) throw new Error(`npm pack ${spec} failed: ${describeChild(result)}`);
  return parsePackReport(result.stdout, dest);
}

/** Where scripts/build.mjs --if-stale keeps the time of the last build, relative to the package folder. */
export const BUILD_STAMP = "node_modules/.cache/openrouter-oauth/build-stamp";

/**
 * A copy of the repository as a fresh clone would have it, in `dir` (created): the files git tracks
 * plus the untracked ones it does not ignore (`git ls-files -co --exclude-standard`: the working tree's
 * version of each, committed or not), so no dist/ and no build stamp. Its node_modules is a real folder
 * of links to each entry of the repository's node_modules except .cache: the build finds its tools,
 * and writes its stamp inside the copy, never into the repository's node_modules. Returns the files
 * copied (paths relative to the root, with "/").
 */
export async function freshCopy(dir: string): Promise<string[]> {
  const listed = await runChild("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], {
    cwd: repoRoot,
    timeoutMs: 30_000,
  });
  if (listed.code !== 0) throw new Error(`git ls-files failed: ${describeChild(listed)}`);
  const copied: string[] = [];
  for (const file of new Set(listed.stdout.split("\0").filter(Boolean))) {
    // Ignored by .gitignore, so never listed; refused here all the same, as the copy depends on it.
    if (/^(dist|node_modules)\//.test(file)) throw new Error(`git lists ${file}: the copy must not hold it`);
    const from = join(repoRoot, file);
    const info = await lstat(from).catch(() => undefined);
    if (!info?.isFile()) continue; // deleted in the working tree (or not a regular file)
    await mkdir(dirname(join(dir, file)), { recursive: true });
    await copyFile(from, join(dir, file));
    copied.push(file);
  }
  const modules = join(dir, "node_modules");
  await mkdir(modules, { recursive: true });
  for (const entry of await readdir(join(repoRoot, "node_modules"))) {
    if (entry === ".cache") continue;
    await symlink(join(repoRoot, "node_modules", entry), join(modules, entry), "dir");
  }
  return copied;
}

export interface FreshPacked extends Packed {
  /** The fresh copy the tarball was packed from (its dist/ is what the prepack built). */
  readonly copy: string;
  /** The files the copy started with, relative to it. */
  readonly copied: readonly string[];
  /** npm pack's output other than its JSON report (the prepack's lines). */
  readonly log: string;
}

/**
 * `npm pack` as a release from a fresh clone does it: a freshCopy in `work`/fresh, packed into `dest`
 * with lifecycle scripts, so the `prepack` script is what builds dist/. Throws unless the copy started
 * without dist/ and a build stamp, and the prepack then built dist/ there and stamped it there (so the
 * tarball's dist/ is a build of the copy, not something left over).
 */
export async function packFreshCopy(work: string, dest: string, env: NodeJS.ProcessEnv): Promise<FreshPacked> {
  const copy = join(work, "fresh");
  const copied = await freshCopy(copy);
  const stamp = join(copy, BUILD_STAMP);
  if (existsSync(join(copy, "dist")) || existsSync(stamp)) throw new Error(`${copy} is not fresh: dist/ or a stamp`);
  const result = await runNpm(["pack", "--json", "--pack-destination", dest], copy, env, 180_000);
  if (result.code !== 0) throw new Error(`npm pack of a fresh copy failed: ${describeChild(result)}`);
  for (const built of ["dist/esm/src/index.js", "dist/cjs/src/index.js", "dist/esm/src/index.d.ts"]) {
    if (!existsSync(join(copy, built))) throw new Error(`the prepack built no ${built}: ${describeChild(result)}`);
  }
  if (!existsSync(stamp) || !(await realpath(stamp)).startsWith(`${await realpath(copy)}${sep}`)) {
    throw new Error(`the prepack's build stamp is not inside the copy: ${describeChild(result)}`);
  }
  const packed = parsePackReport(result.stdout, dest);
  const report = result.stdout.indexOf("\n[\n");
  const log = `${report > 0 ? result.stdout.slice(0, report) : ""}\n${result.stderr}`.trim();
  return { ...packed, copy, copied, log };
}

/**
 * A fresh consumer project in `dir` (`"type": "module"` or `"commonjs"`), with the tarballs installed by
 * `npm install` as a user would (install scripts, if any, would run). Returns npm's output.
 */
export async function createConsumer(
  dir: string,
  type: "module" | "commonjs",
  tarballs: readonly string[],
  env: NodeJS.ProcessEnv,
): Promise<string> {
  await mkdir(dir, { recursive: true });
  const manifest = { name: `consumer-${type}`, version: "1.0.0", private: true, type };
  await writeFile(join(dir, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  const result = await runNpm(["install", "--offline", "--no-audit", "--no-fund", ...tarballs], dir, env, 90_000);
  if (result.code !== 0) throw new Error(`npm install in ${dir} failed: ${describeChild(result)}`);
  return result.stdout + result.stderr;
}

/** Writes each file (path relative to `dir`), creating folders. */
export async function writeFiles(dir: string, files: Record<string, string>): Promise<void> {
  for (const [name, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, name)), { recursive: true });
    await writeFile(join(dir, name), text);
  }
}
