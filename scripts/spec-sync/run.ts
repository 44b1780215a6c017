// The whole sync, step by step. Everything that can fail on bad input (reading, slicing, the overlay,
// the lint) happens before the first write, so a failure there leaves every file as it was. Files are
// written to a temporary name and renamed over the old one.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { mkdir, readFile, rename, rm, unlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseDocument } from "yaml";
import { OPERATIONS, workspace } from "./config.js";
import { diffSpecs } from "./diff.js";
import { SpecSyncError } from "./errors.js";
import { describeDropped, dropIgnoredFields } from "./ignored.js";
import { isObject, type JsonObject } from "./json.js";
import { parseOpenApi, readSource } from "./load.js";
import { normalise } from "./normalise.js";
import { nullableToTypeNull } from "./nullable.js";
import { applyOverlay, loadOverlay } from "./overlay.js";
import { changesetText, formatChanges } from "./report.js";
import { checkOperations, listOperations, sliceToOperations } from "./slice.js";

/** The repository this script belongs to: its node_modules has Redocly. */
const TOOL_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");

export interface SyncOptions {
  /** A file path (relative to `cwd`) or an http(s) URL. */
  source: string;
  /** The workspace: a folder with openapi/, generated/, scripts/generate.mjs and .changeset/. */
  root: string;
  cwd: string;
  /** Skip `npm run typecheck` (for a workspace without the SDK sources). */
  skipTypecheck?: boolean;
  /** Print the report, write nothing. */
  dryRun?: boolean;
}

/** Syncs, printing what it does; a SpecSyncError says why it stopped (a failed typecheck is one too). */
export async function specSync(options: SyncOptions): Promise<void> {
  const log = (line: string) => console.log(line);
  const ws = workspace(resolve(options.root));
  const rel = (path: string) => relative(ws.root, path) || ".";
  const ids = OPERATIONS.map((op) => op.operationId);

  // 1. Read, check and slice the upstream document.
  const source = await readSource(options.source, options.cwd);
  const upstream = parseOpenApi(source);
  checkOperations(upstream, OPERATIONS, source.label);
  const sliced = await sliceToOperations(upstream, ids);
  log(
    `spec:sync ${source.label} → ${rel(ws.spec)}\n` +
      `  slice: kept ${ids.length} of ${listOperations(upstream).length} operations, ${countComponents(sliced)} of ${countComponents(upstream)} components`,
  );
  const leftOut = dropIgnoredFields(sliced);
  log(
    leftOut.length > 0
      ? `  left out, marked not for SDKs (x-speakeasy-ignore / x-fern-ignore): ${describeDropped(leftOut)}`
      : "  left out: nothing is marked not for SDKs (x-speakeasy-ignore / x-fern-ignore)",
  );
  const rewritten = nullableToTypeNull(sliced);
  if (rewritten > 0)
    log(`  3.1 form: ${rewritten} \`nullable\` (an OpenAPI 3.0 keyword) written as \`null\` in \`type\``);

  // 2. Apply our overlay, then drop what it left unreferenced.
  const overlay = await loadOverlay(ws.overlay, rel(ws.overlay));
  const { doc: corrected, applied } = await applyOverlay(sliced, overlay, rel(ws.overlay));
  const final = await sliceToOperations(corrected, ids);
  const removes = applied.filter((a) => a.matched === 0 && !a.skipped).length;
  const skipped = applied.filter((a) => a.skipped).map((a) => a.number);
  log(
    `  overlay: ${applied.length} actions from ${rel(ws.overlay)}` +
      (removes > 0 ? ` (${removes} removals had nothing to remove)` : "") +
      (skipped.length > 0 ? ` (optional, nothing to update here: ${skipped.join(", ")})` : ""),
  );

  // 3. Normalise, and stop here when nothing changed.
  const text = await normalise(final);
  const previousText = await readFile(ws.spec, "utf8").catch(() => undefined);
  if (previousText === text) {
    return log(`  ${rel(ws.spec)} is already in step: nothing to do.`);
  }

  // 4a. Lint the candidate before anything is written.
  lint(text, ws.redoclyConfig, rel(ws.spec));
  log("  lint: redocly lint passed");

  // The spec as it was (undefined if there was none, or it no longer parses), for the report.
  const parsed = previousText === undefined ? undefined : parseDocument(previousText);
  const previous: unknown = parsed?.errors.length === 0 ? parsed.toJS() : undefined;
  const diff = diffSpecs(isObject(previous) ? previous : undefined, final);
  const changesetPath =
    diff.level === "none"
      ? undefined
      : join(ws.changesets, `spec-sync-${createHash("sha256").update(text).digest("hex").slice(0, 8)}.md`);
  if (options.dryRun) return log(`\n${formatChanges(diff).join("\n")}\n\nDry run: nothing written.`);

  // 4b. Write the spec, regenerate generated/ (or put the old spec back), typecheck.
  if (!existsSync(ws.generateScript)) {
    throw new SpecSyncError(`${rel(ws.generateScript)} is missing: cannot regenerate generated/. Nothing was written.`);
  }
  await writeAtomically(ws.spec, text);
  const generated = run(process.execPath, [ws.generateScript], ws.root);
  if (generated.code !== 0) {
    if (previousText === undefined) await unlink(ws.spec);
    else await writeAtomically(ws.spec, previousText);
    throw new SpecSyncError(
      `Regenerating generated/ failed, so ${rel(ws.spec)} was put back as it was:\n${indent(generated.output)}`,
    );
  }
  log("  generate: generated/ regenerated");

  const checked = options.skipTypecheck ? undefined : run(npmCommand(), ["run", "--silent", "typecheck"], ws.root);
  if (!checked) log("  typecheck: skipped (--skip-typecheck)");
  else if (checked.code === 0) log("  typecheck: npm run typecheck passed");

  // 5. The report and the changeset draft.
  if (changesetPath) {
    const packageName = await readPackageName(ws.packageJson);
    const fromUrl = /^https?:\/\//i.test(source.label) ? source.label : undefined;
    await writeAtomically(changesetPath, changesetText(packageName, diff, fromUrl));
  }
  log(`\n${formatChanges(diff).join("\n")}\n`);
  log(
    changesetPath
      ? `Changeset draft: ${rel(changesetPath)} (${diff.level}). Review it, and the diff of openapi/ and generated/, before committing.`
      : "No changeset: nothing users can see changed.",
  );
  if (checked && checked.code !== 0) {
    throw new SpecSyncError(
      [
        "The typecheck failed: the SDK layer (src/ and its zod schemas) does not match the new spec.",
        ...(await explainTypeErrors(checked.output, ws.root)),
        `The new ${rel(ws.spec)}, generated/ and the changeset draft are kept so you can fix the SDK, then run npm run typecheck.`,
        `To drop the sync instead: git checkout -- openapi generated${changesetPath ? ` && rm ${rel(changesetPath)}` : ""}`,
      ].join("\n"),
    );
  }
}

const countComponents = (doc: JsonObject): number =>
  Object.values(isObject(doc["components"]) ? doc["components"] : {}).reduce<number>(
    (n, map) => n + (isObject(map) ? Object.keys(map).length : 0),
    0,
  );

/** The workspace's package name, for the changeset; ours when it has no package.json. */
const readPackageName = (path: string): Promise<string> =>
  readFile(path, "utf8").then(
    (text) => (JSON.parse(text) as { name?: string }).name ?? "openrouter-oauth",
    () => "openrouter-oauth",
  );

/** Lints `text` as the spec, in a temporary folder, with the workspace's Redocly config. */
function lint(text: string, config: string, name: string): void {
  const dir = mkdtempSync(join(tmpdir(), "spec-sync-"));
  const file = join(dir, basename(name));
  writeFileSync(file, text);
  const bin = join(TOOL_ROOT, "node_modules", ".bin", process.platform === "win32" ? "redocly.cmd" : "redocly");
  const args = ["lint", "--format", "stylish", ...(existsSync(config) ? ["--config", config] : []), file];
  const result = run(bin, args, dir, { REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" });
  rmSync(dir, { recursive: true, force: true });
  if (result.code === 0) return;
  const problems = result.output
    .split("\n")
    .filter((line) => line.trim() !== "" && !/[║╔╚]|validated in|generate-ignore-file/.test(line))
    .map((line) => line.replaceAll(file, name).replaceAll(basename(name), `${name} (synced)`));
  throw new SpecSyncError(`The synced spec fails redocly lint; nothing was written:\n${indent(problems.join("\n"))}`);
}

/** Writes to a temporary file beside `path`, then renames it over `path`. */
export async function writeAtomically(path: string, text: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    await writeFile(temporary, text);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

const npmCommand = () => (process.platform === "win32" ? "npm.cmd" : "npm");

/** Runs a command to its end: its exit code, and what it printed (standard output, then standard error). */
function run(command: string, args: string[], cwd: string, env: Record<string, string> = {}) {
  const result = spawnSync(command, args, {
    cwd,
    env: { ...process.env, FORCE_COLOR: "0", NO_COLOR: "1", ...env },
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  const output = result.error ? `${command}: ${result.error.message}` : `${result.stdout}${result.stderr}`;
  return { code: result.status ?? 1, output };
}

/** tsc's errors, each with the type test it sits in when it is in one: that test names what broke. */
async function explainTypeErrors(output: string, root: string): Promise<string[]> {
  const pattern = /^(?<file>[^\s(][^(]*)\((?<line>\d+),\d+\): error (?<code>TS\d+): (?<message>.*)$/;
  const errors = output
    .split("\n")
    .map((line) => pattern.exec(line.trim())?.groups)
    .filter((g) => g !== undefined);
  const lines: string[] = [];
  for (const { file = "", line = "", code, message } of errors.slice(0, 12)) {
    // The nearest `test("…")` above the error.
    const above = (await readFile(join(root, file), "utf8").catch(() => "")).split("\n").slice(0, Number(line));
    const test = above
      .reverse()
      .map((text) => /\btest(?:\.\w+)?\(\s*(["'`])(.+?)\1/.exec(text)?.[2])
      .find(Boolean);
    lines.push(`  ${file}:${line}${test ? ` (test "${test}")` : ""}: ${code} ${message}`);
  }
  if (errors.length > 12) lines.push(`  … and ${errors.length - 12} more (run npm run typecheck)`);
  if (errors.length === 0) lines.push(indent(output.trim().split("\n").slice(-20).join("\n")));
  return lines;
}

const indent = (text: string) => text.trim().replace(/^/gm, "  ");
