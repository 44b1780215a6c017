// spec:sync as a maintainer runs it, for the end-to-end tests: the command in a child process, against a
// temporary workspace (copies of what it reads and writes, never the repository's own files).
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { cp, readdir, readFile, symlink } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const REPO = fileURLToPath(new URL("../..", import.meta.url));
const CLI = join(REPO, "scripts", "spec-sync.ts");
export const SPEC = join("openapi", "openrouter-oauth.yaml");
export const GENERATED = join("generated", "openrouter-oauth.ts");
export const PUBLIC_TYPES = join("generated", "public-types.ts");

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the command as `npm run spec:sync -- <source> --root <workspace>` would, from the workspace. */
export function sync(workspace: string, source: string, ...flags: string[]): Promise<Run> {
  return syncWith([], workspace, source, ...flags);
}

/** `sync` with extra node options (e.g. a heap limit). */
export function syncWith(nodeOptions: string[], workspace: string, source: string, ...flags: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const args = [...nodeOptions, "--import", "tsx", CLI, source, "--root", workspace, ...flags];
    const child = spawn(process.execPath, args, {
      cwd: workspace,
      env: { ...process.env, INIT_CWD: workspace, FORCE_COLOR: "0", NO_COLOR: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

/** A workspace: copies of what spec:sync reads and writes, and a link to node_modules. */
export async function makeWorkspace(dir: string): Promise<string> {
  for (const item of [
    "openapi",
    "generated",
    ".changeset",
    "redocly.yaml",
    "scripts/generate.mjs",
    "scripts/public-types.mjs",
  ]) {
    await cp(join(REPO, item), join(dir, item), { recursive: true });
  }
  await symlink(join(REPO, "node_modules"), join(dir, "node_modules"), "dir");
  return dir;
}

/** Adds what `npm run typecheck` checks: the SDK sources, the type tests and the configs. */
export async function addSdk(dir: string): Promise<void> {
  const configs = (await readdir(REPO)).filter((name) => /^tsconfig.*\.json$/.test(name));
  const checked = ["test/tsconfig.json", "test/types", "test/runtimes/suite", "examples/server"];
  for (const item of ["src", "package.json", ...checked, ...configs]) {
    await cp(join(REPO, item), join(dir, item), { recursive: true });
  }
}

/** path → sha256 of every file in the workspace (node_modules aside). */
export async function hashTree(dir: string): Promise<Record<string, string>> {
  const hashes: Record<string, string> = {};
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  for (const entry of entries) {
    const path = join(entry.parentPath, entry.name).slice(dir.length + 1);
    if (!entry.isFile() || path.startsWith("node_modules")) continue;
    hashes[path] = createHash("sha256")
      .update(await readFile(join(dir, path)))
      .digest("hex");
  }
  return hashes;
}
