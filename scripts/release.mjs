#!/usr/bin/env node
// `npm run release`: turns the pending changesets into a release, ready to publish.
//   1. `npm run version`: `changeset version` (bumps package.json, writes CHANGELOG.md, deletes the
//      consumed .changeset/*.md), scripts/sync-version.mjs (src/lib/version.ts), biome on package.json;
//   2. `npm run size`: builds dist/ and checks the bundle budgets; then `npm run check:package`
//      (publint and attw on a packed tarball) when package.json has that script;
//   3. `npm pack`: the tarball that would be published;
//   4. verifies all of it: the version is the one the changesets ask for, CHANGELOG.md has every summary,
//      src/lib/version.ts and the built SDK_VERSION say the same version, the tarball holds what it should.
// It never publishes: it prints the command for a human to run after reviewing and committing.
// Refuses a working tree with uncommitted changes (the release commit should hold only the release);
// `--allow-dirty` overrides.
//
// `npm run release:dry-run` (`--dry-run`): the same in a temporary clone of this repository holding the
// working tree's files (committed or not; node_modules symlinked), so nothing here changes; prints the
// version, the CHANGELOG section and the tarball's files, then deletes the clone. Exits non-zero on any
// failure.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  copyFileSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const dryRun = args.includes("--dry-run");
const allowDirty = args.includes("--allow-dirty");
for (const arg of args) {
  if (arg !== "--dry-run" && arg !== "--allow-dirty") fail(`unknown argument ${arg} (--dry-run, --allow-dirty)`);
}
const started = performance.now();
const seconds = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;
const BUMPS = ["patch", "minor", "major"];

function fail(message) {
  console.error(`\nrelease${dryRun ? " (dry run)" : ""} FAILED: ${message}`);
  process.exit(1);
}

// Child npm processes must find the package in `cwd`, not in the directory npm ran this script from:
// npm passes that down (npm_config_local_prefix, npm_package_json…), and a nested `npm run` in the clone
// would otherwise act on this repository.
const childEnv = Object.fromEntries(
  Object.entries(process.env).filter(
    ([key]) => !/^(npm_config_local_prefix|npm_package_.*|npm_lifecycle_.*|INIT_CWD)$/i.test(key),
  ),
);

/** Runs a command; returns its stdout. Quiet unless it fails, then prints everything and exits. */
function run(cwd, command, commandArgs, label = [command, ...commandArgs].join(" ")) {
  const t0 = performance.now();
  const result = spawnSync(command, commandArgs, { cwd, env: childEnv, encoding: "utf8", maxBuffer: 64 << 20 });
  const took = `${((performance.now() - t0) / 1000).toFixed(1)} s`;
  if (result.status !== 0) {
    process.stderr.write(`${result.stdout ?? ""}${result.stderr ?? ""}`);
    fail(`\`${label}\` ${result.error ? `could not run: ${result.error.message}` : `exited with ${result.status}`}`);
  }
  console.log(`  ok  ${label} (${took})`);
  return result.stdout;
}

const git = (...gitArgs) => run(root, "git", gitArgs, `git ${gitArgs.join(" ")}`);
const readJson = (file) => JSON.parse(readFileSync(file, "utf8"));
const squash = (text) => text.replace(/\s+/g, " ").trim();

/** The pending changesets in `dir`: file, bump and summary. Only this package may be named. */
function readChangesets(dir, name) {
  const folder = join(dir, ".changeset");
  return readdirSync(folder)
    .filter((file) => file.endsWith(".md") && file !== "README.md")
    .map((file) => {
      const text = readFileSync(join(folder, file), "utf8");
      const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n([\s\S]*)$/.exec(text);
      if (!match) fail(`.changeset/${file} has no front matter`);
      const releases = [...match[1].matchAll(/^\s*["']?([^"':]+)["']?\s*:\s*(\w+)\s*$/gm)];
      if (releases.length !== 1 || releases[0][1] !== name || !BUMPS.includes(releases[0][2])) {
        fail(`.changeset/${file} must release "${name}" with one of ${BUMPS.join(", ")}`);
      }
      return { file, bump: releases[0][2], summary: match[2].trim() };
    });
}

/** What `changeset version` makes of `version` with this bump (0.x included: a minor is 0.1.0 → 0.2.0). */
function bumped(version, bump) {
  const [major, minor, patch] = version.split("-")[0].split(".").map(Number);
  if (bump === "major") return `${major + 1}.0.0`;
  if (bump === "minor") return `${major}.${minor + 1}.0`;
  return version.includes("-") ? version.split("-")[0] : `${major}.${minor}.${patch + 1}`;
}

/** Hash of the files a release rewrites, to prove a dry run left this working tree alone. */
function fingerprint() {
  const hash = createHash("sha256");
  const changesets = readdirSync(join(root, ".changeset")).sort();
  for (const file of [
    "package.json",
    "CHANGELOG.md",
    "src/lib/version.ts",
    ...changesets.map((f) => `.changeset/${f}`),
  ]) {
    hash.update(`${file}\0${existsSync(join(root, file)) ? readFileSync(join(root, file)) : "(none)"}\0`);
  }
  return hash.digest("hex");
}

// --- where to work: here, or a throwaway clone of the working tree ---
let dir = root;
let cleanup = () => {};
const before = dryRun ? fingerprint() : undefined;
if (dryRun) {
  console.log("Dry run in a temporary clone of the working tree (this one is not touched):");
  dir = mkdtempSync(join(tmpdir(), "openrouter-oauth-release-"));
  cleanup = () => rmSync(dir, { recursive: true, force: true });
  process.on("exit", () => cleanup());
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
    process.on(signal, () => {
      cleanup();
      process.exit(128 + (signal === "SIGINT" ? 2 : signal === "SIGTERM" ? 15 : 1));
    });
  }
  // A clone keeps the history, so the CHANGELOG names each committed changeset's commit as the real
  // release will; --shared borrows this repository's objects (nothing is written to it).
  run(root, "git", ["clone", "--quiet", "--shared", "--no-checkout", root, dir], "git clone --shared (temporary)");
  const files = git("ls-files", "-z", "--cached", "--others", "--exclude-standard").split("\0").filter(Boolean);
  let copied = 0;
  for (const file of files) {
    const from = join(root, file);
    if (!existsSync(from) || !lstatSync(from).isFile()) continue; // deleted in the working tree
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    copyFileSync(from, join(dir, file));
    copied++;
  }
  run(dir, "git", ["reset", "--quiet"], "git reset (index = HEAD, working tree = yours)");
  symlinkSync(join(root, "node_modules"), join(dir, "node_modules"), "dir");
  console.log(`  ok  copied ${copied} files of the working tree, node_modules linked`);
} else {
  console.log("Release:");
  const dirty = git("status", "--porcelain");
  if (dirty.trim() && !allowDirty) {
    fail(`the working tree has uncommitted changes; commit or stash them first (or --allow-dirty):\n${dirty}`);
  }
}

// --- the release ---
const name = readJson(join(dir, "package.json")).name;
const changesets = readChangesets(dir, name);
if (changesets.length === 0) fail("no pending changeset in .changeset/: nothing to release (`npx changeset` adds one)");
const from = readJson(join(dir, "package.json")).version;
const bump = BUMPS[Math.max(...changesets.map((c) => BUMPS.indexOf(c.bump)))];
const expected = bumped(from, bump);
console.log(`  ..  ${changesets.length} changesets (${changesets.map((c) => `${c.file}: ${c.bump}`).join(", ")})`);

run(dir, "npm", ["run", "--silent", "version"], "npm run version");
run(dir, "npm", ["run", "--silent", "size"], "npm run size");
if (readJson(join(dir, "package.json")).scripts?.["check:package"]) {
  run(dir, "npm", ["run", "--silent", "check:package"], "npm run check:package");
} else {
  console.log("  --  npm run check:package: no such script, skipped");
}
const packed = JSON.parse(run(dir, "npm", ["pack", "--json", "--ignore-scripts"], "npm pack"))[0];

// --- checks ---
const problems = [];
const check = (ok, message) => ok || problems.push(message);
const pkg = readJson(join(dir, "package.json"));
check(
  pkg.version === expected,
  `package.json says ${pkg.version}, the changesets ask for ${expected} (${from} + ${bump})`,
);
const left = readChangesets(dir, name).map((c) => c.file);
check(left.length === 0, `changesets not consumed: ${left.join(", ")}`);

const changelog = existsSync(join(dir, "CHANGELOG.md")) ? readFileSync(join(dir, "CHANGELOG.md"), "utf8") : "";
const section = new RegExp(`^## ${expected.replaceAll(".", "\\.")}\\s*$([\\s\\S]*?)(?=^## |(?![\\s\\S]))`, "m").exec(
  changelog,
);
check(section, `CHANGELOG.md has no "## ${expected}" section`);
for (const { file, summary } of changesets) {
  check(
    section && squash(section[1]).includes(squash(summary)),
    `CHANGELOG.md ${expected} lacks the summary of ${file}`,
  );
}

const versionTs = readFileSync(join(dir, "src/lib/version.ts"), "utf8");
const sdkVersion = /SDK_VERSION = "([^"]*)"/.exec(versionTs)?.[1];
check(sdkVersion === pkg.version, `src/lib/version.ts says ${sdkVersion}, package.json ${pkg.version}`);
const built = await import(pathToFileURL(join(dir, "dist/esm/src/index.js")).href);
check(built.SDK_VERSION === pkg.version, `the built SDK_VERSION is ${built.SDK_VERSION}, not ${pkg.version}`);

const tarball = join(dir, packed?.filename ?? "(none)");
check(packed && existsSync(tarball), "npm pack produced no tarball");
check(packed?.version === expected, `the tarball is version ${packed?.version}, not ${expected}`);
const packedFiles = (packed?.files ?? []).map((f) => f.path);
for (const file of ["package.json", "README.md", "CHANGELOG.md", "dist/esm/src/index.js", "dist/cjs/src/index.js"]) {
  check(packedFiles.includes(file), `the tarball lacks ${file}`);
}
const stray = packedFiles.filter((f) => !/^(dist\/|package\.json$|README\.md$|CHANGELOG\.md$|LICENSE)/.test(f));
check(stray.length === 0, `the tarball holds files outside dist/: ${stray.join(", ")}`);
if (dryRun) check(fingerprint() === before, "the dry run changed files of this working tree");
if (problems.length) fail(`\n  - ${problems.join("\n  - ")}`);

// --- report ---
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
console.log(`\n${name} ${from} → ${pkg.version} (${bump}, from ${changesets.length} changesets)`);
console.log(`\nCHANGELOG.md, ## ${pkg.version}:\n${section[1].trim().replace(/^/gm, "  ")}`);
console.log(
  `\n${packed.filename}: ${packed.entryCount} files, ${kb(packed.size)} packed, ${kb(packed.unpackedSize)} unpacked`,
);
for (const file of packed.files) console.log(`  ${kb(file.size).padStart(9)}  ${file.path}`);
if (dryRun) {
  console.log(`\nDry run OK in ${seconds()}: \`npm run release\` would produce the above. Temporary clone deleted.`);
} else {
  console.log(`\nRelease ${pkg.version} prepared in ${seconds()}; tarball: ${relative(process.cwd(), tarball)}`);
  console.log("Not published. Review `git diff`, then, as a human with npm rights:");
  console.log(`  git add -A && git commit -m "Release ${pkg.version}"`);
  console.log("  npx changeset publish   # npm publish of this version, and the git tag");
  console.log("  git push --follow-tags");
}
