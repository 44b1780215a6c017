// The whole sync, step by step. Everything that can fail on bad input (reading, slicing, the overlay,
// the lint) happens before the first write, so a failure there leaves every file as it was. Files are
// written to a temporary name and renamed over the old one.
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { access, mkdir, mkdtemp, readFile, rename, rm, unlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { OPERATIONS, workspace } from "./config.js";
import { diffSpecs, type SpecDiff } from "./diff.js";
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
  log?: (line: string) => void;
}

export interface SyncResult {
  /** Whether openapi/openrouter-oauth.yaml was rewritten. */
  written: boolean;
  diff: SpecDiff | undefined;
  changeset: string | undefined;
  /** false when the typecheck failed (the new spec and generated/ are then kept for fixing the SDK). */
  typecheckPassed: boolean | undefined;
}

export async function specSync(options: SyncOptions): Promise<SyncResult> {
  const log = options.log ?? ((line: string) => console.log(line));
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
    log(`  ${rel(ws.spec)} is already in step: nothing to do.`);
    return { written: false, diff: undefined, changeset: undefined, typecheckPassed: undefined };
  }

  // 4a. Lint the candidate before anything is written.
  await lint(text, ws.redoclyConfig, rel(ws.spec));
  log("  lint: redocly lint passed");

  const previous = previousText === undefined ? undefined : parseOrUndefined(previousText);
  const diff = diffSpecs(previous, final);
  const changesetPath =
    diff.level === "none"
      ? undefined
      : join(ws.changesets, `spec-sync-${createHash("sha256").update(text).digest("hex").slice(0, 8)}.md`);
  const packageName = await readPackageName(ws.packageJson);
  const fromUrl = /^https?:\/\//i.test(source.label) ? source.label : undefined;

  if (options.dryRun) {
    log("");
    for (const line of formatChanges(diff)) log(line);
    log("\nDry run: nothing written.");
    return { written: false, diff, changeset: undefined, typecheckPassed: undefined };
  }

  // 4b. Write the spec, regenerate generated/ (or put the old spec back), typecheck.
  await access(ws.generateScript).catch(() => {
    throw new SpecSyncError(`${rel(ws.generateScript)} is missing: cannot regenerate generated/. Nothing was written.`);
  });
  await writeAtomically(ws.spec, text);
  const generated = await run(process.execPath, [ws.generateScript], ws.root);
  if (generated.code !== 0) {
    if (previousText === undefined) await unlink(ws.spec);
    else await writeAtomically(ws.spec, previousText);
    throw new SpecSyncError(
      `Regenerating generated/ failed, so ${rel(ws.spec)} was put back as it was:\n${indent(generated.output)}`,
    );
  }
  log("  generate: generated/ regenerated");

  let typecheckPassed: boolean | undefined;
  let typecheckReport: string[] = [];
  if (options.skipTypecheck) log("  typecheck: skipped (--skip-typecheck)");
  else {
    const checked = await run(npmCommand(), ["run", "--silent", "typecheck"], ws.root);
    typecheckPassed = checked.code === 0;
    if (typecheckPassed) log("  typecheck: npm run typecheck passed");
    else typecheckReport = await explainTypeErrors(checked.output, ws.root);
  }

  // 5. The report and the changeset draft.
  if (changesetPath) {
    await mkdir(ws.changesets, { recursive: true });
    await writeAtomically(changesetPath, changesetText(packageName, diff, fromUrl));
  }
  log("");
  for (const line of formatChanges(diff)) log(line);
  log("");
  log(
    changesetPath
      ? `Changeset draft: ${rel(changesetPath)} (${diff.level}). Review it, and the diff of openapi/ and generated/, before committing.`
      : "No changeset: nothing users can see changed.",
  );
  if (typecheckPassed === false) {
    throw new SpecSyncError(
      [
        "The typecheck failed: the SDK layer (src/ and its zod schemas) does not match the new spec.",
        ...typecheckReport,
        `The new ${rel(ws.spec)}, generated/ and the changeset draft are kept so you can fix the SDK, then run npm run typecheck.`,
        `To drop the sync instead: git checkout -- openapi generated${changesetPath ? ` && rm ${rel(changesetPath)}` : ""}`,
      ].join("\n"),
    );
  }
  return { written: true, diff, changeset: changesetPath, typecheckPassed };
}

function countComponents(doc: JsonObject): number {
  const components = doc["components"];
  if (!isObject(components)) return 0;
  return Object.values(components).reduce<number>((n, map) => n + (isObject(map) ? Object.keys(map).length : 0), 0);
}

function parseOrUndefined(text: string): JsonObject | undefined {
  try {
    const doc: unknown = parse(text);
    return isObject(doc) ? doc : undefined;
  } catch {
    return undefined;
  }
}

async function readPackageName(path: string): Promise<string> {
  try {
    const pkg: unknown = JSON.parse(await readFile(path, "utf8"));
    if (isObject(pkg) && typeof pkg["name"] === "string") return pkg["name"];
  } catch {
    // No package.json in the workspace: use ours.
  }
  return "openrouter-oauth";
}

/** Lints `text` as the spec, in a temporary folder, with the workspace's Redocly config. */
async function lint(text: string, config: string, name: string): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), "spec-sync-"));
  try {
    const file = join(dir, basename(name));
    await writeFile(file, text);
    const hasConfig = await access(config).then(
      () => true,
      () => false,
    );
    const bin = join(TOOL_ROOT, "node_modules", ".bin", process.platform === "win32" ? "redocly.cmd" : "redocly");
    const args = ["lint", "--format", "stylish", ...(hasConfig ? ["--config", config] : []), file];
    const result = await run(bin, args, dir, { REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" });
    if (result.code !== 0) {
      const problems = result.output
        .split("\n")
        .filter((line) => line.trim() !== "" && !/[║╔╚]|validated in|generate-ignore-file/.test(line))
        .map((line) => line.replaceAll(file, name).replaceAll(basename(name), `${name} (synced)`));
      throw new SpecSyncError(
        `The synced spec fails redocly lint; nothing was written:\n${indent(problems.join("\n"))}`,
      );
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
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

function run(
  command: string,
  args: string[],
  cwd: string,
  env: Record<string, string> = {},
): Promise<{ code: number; output: string }> {
  return new Promise((resolvePromise) => {
    const child = spawn(command, args, {
      cwd,
      env: { ...process.env, FORCE_COLOR: "0", NO_COLOR: "1", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on("error", (error) => resolvePromise({ code: 1, output: `${command}: ${error.message}` }));
    child.on("close", (code) => resolvePromise({ code: code ?? 1, output }));
  });
}

/** tsc's errors, each with the type test it sits in when it is in one: that test names what broke. */
async function explainTypeErrors(output: string, root: string): Promise<string[]> {
  const lines: string[] = [];
  const pattern = /^(?<file>[^\s(][^(]*)\((?<line>\d+),\d+\): error (?<code>TS\d+): (?<message>.*)$/;
  const errors = output.split("\n").flatMap((line) => {
    const match = pattern.exec(line.trim());
    return match?.groups ? [match.groups as { file: string; line: string; code: string; message: string }] : [];
  });
  for (const error of errors.slice(0, 12)) {
    const test = await enclosingTest(join(root, error.file), Number(error.line));
    lines.push(`  ${error.file}:${error.line}${test ? ` (test "${test}")` : ""}: ${error.code} ${error.message}`);
  }
  if (errors.length > 12) lines.push(`  … and ${errors.length - 12} more (run npm run typecheck)`);
  if (errors.length === 0) lines.push(indent(output.trim().split("\n").slice(-20).join("\n")));
  return lines;
}

async function enclosingTest(file: string, line: number): Promise<string | undefined> {
  const text = await readFile(file, "utf8").catch(() => "");
  const lines = text.split("\n").slice(0, line).reverse();
  for (const candidate of lines) {
    const match = /\btest(?:\.\w+)?\(\s*(["'`])(.+?)\1/.exec(candidate);
    if (match?.[2]) return match[2];
  }
  return undefined;
}

const indent = (text: string) =>
  text
    .trim()
    .split("\n")
    .map((line) => `  ${line}`)
    .join("\n");
