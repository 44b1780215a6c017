// Helpers for test/consumer-install.test.ts: pack the package with npm, and install the tarball into
// throwaway consumer projects with npm, strictly offline.
//
// How the install stays offline, whatever the machine's npm cache holds: every npm command gets an
// unreachable registry (http://127.0.0.1:9), `offline`, and an empty npm cache of its own, so a package
// that is not given as a local tarball cannot be resolved (ENOTCACHED) and no request can reach the
// network. The package has no dependencies (zod is bundled into its dist), so its tarball is all a
// consumer needs.
import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
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
 * `npm pack` of `spec` (a folder; "." is the repository) into `dest`, without lifecycle scripts (dist/
 * is already built: `npm test` builds before vitest). Throws with npm's output when it fails.
 */
export async function npmPack(spec: string, dest: string, env: NodeJS.ProcessEnv): Promise<Packed> {
  const result = await runNpm(["pack", spec, "--json", "--ignore-scripts", "--pack-destination", dest], repoRoot, env);
  if (result.code !== 0) throw new Error(`npm pack ${spec} failed: ${describeChild(result)}`);
  const [packed] = JSON.parse(result.stdout) as [Omit<Packed, "tarball"> & { filename: string }];
  return {
    tarball: join(dest, packed.filename),
    name: packed.name,
    version: packed.version,
    entryCount: packed.entryCount,
    files: packed.files,
  };
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
