#!/usr/bin/env node
import { execFileSync } from "node:child_process";
import { chmod, cp, mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
// Builds dist/: every source file transpiled on its own (no bundling, so consumers' bundlers can
// tree-shake file by file) as ESM in dist/esm and CommonJS in dist/cjs, with declarations from tsc.
// The exception is src/lib/zod.ts, bundled with the part of zod it re-exports (see below).
import { build } from "esbuild";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const dist = join(root, "dist");

async function sources(dir) {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts"))
    .map((entry) => join(entry.parentPath, entry.name));
}

await rm(dist, { recursive: true, force: true });
// src/lib/zod.ts is the one module built as a bundle: zod inlined, tree-shaken to the builders it names.
const zodEntry = join(root, "src/lib/zod.ts");
const entryPoints = [...(await sources(join(root, "src"))), ...(await sources(join(root, "generated")))].filter(
  (file) => file !== zodEntry,
);
const zodManifest = JSON.parse(await readFile(join(root, "node_modules/zod/package.json"), "utf8"));
const zodLicense = (await readFile(join(root, "node_modules/zod/LICENSE"), "utf8")).trim();
if (!(await readFile(join(root, "LICENSE"), "utf8")).includes(zodLicense.split("\n").slice(2).join("\n"))) {
  throw new Error("LICENSE must hold zod's licence text: zod is bundled into dist/");
}

for (const format of ["esm", "cjs"]) {
  await build({
    entryPoints,
    outbase: root,
    outdir: join(dist, format),
    format,
    platform: "neutral",
    target: "es2022",
    bundle: false,
    sourcemap: false,
    logLevel: "warning",
  });
  await build({
    entryPoints: [zodEntry],
    outbase: root,
    outdir: join(dist, format),
    format,
    platform: "neutral",
    target: "es2022",
    bundle: true,
    treeShaking: true,
    // zod's MIT notice travels with the package: in full in LICENSE (checked below), by name here.
    banner: {
      js: `/*! zod ${zodManifest.version} | MIT License | Copyright (c) 2025 Colin McDonnell | see LICENSE */`,
    },
    legalComments: "inline",
    sourcemap: false,
    logLevel: "warning",
  });
}
await writeFile(join(dist, "cjs/package.json"), `${JSON.stringify({ type: "commonjs" }, null, 2)}\n`);

// The `openrouter-oauth` bin (package.json "bin"): esbuild keeps its shebang; make it executable.
for (const format of ["esm", "cjs"]) {
  const cli = join(dist, format, "src/node/cli.js");
  if (!(await readFile(cli, "utf8")).startsWith("#!/usr/bin/env node\n")) throw new Error(`${cli} lost its shebang`);
  await chmod(cli, 0o755);
}

// One set of declarations serves both formats; under dist/cjs they are read as CommonJS types.
execFileSync(join(root, "node_modules/.bin/tsc"), ["-p", join(root, "tsconfig.build.json")], { stdio: "inherit" });
const declarations = await publicDeclarations();
for (const file of (await readdir(join(dist, "esm"), { recursive: true })).filter((f) => f.endsWith(".d.ts"))) {
  if (!declarations.has(file)) await rm(join(dist, "esm", file));
}
for (const file of declarations) {
  await mkdir(dirname(join(dist, "cjs", file)), { recursive: true });
  await cp(join(dist, "esm", file), join(dist, "cjs", file));
}
console.log(`built ${entryPoints.length + 1} modules into ${relative(root, dist)}/esm and ${relative(root, dist)}/cjs`);

/**
 * The declaration files reachable from the `types` of package.json's exports, following relative
 * imports. The others describe internal modules (the zod schemas, the call pipeline): shipping them
 * would only put zod types in the package for nobody to use.
 */
async function publicDeclarations() {
  const manifest = JSON.parse(await readFile(join(root, "package.json"), "utf8"));
  const typesOf = (entry) =>
    typeof entry === "string" ? (entry.endsWith(".d.ts") ? [entry] : []) : Object.values(entry).flatMap(typesOf);
  const esmRoot = join(dist, "esm");
  const queue = typesOf(manifest.exports)
    .filter((path) => path.startsWith("./dist/esm/"))
    .flatMap((path) => (path.includes("*") ? [] : [path.slice("./dist/esm/".length)]));
  // `./funcs/*.js`: every declaration in that folder.
  for (const path of typesOf(manifest.exports).filter((p) => p.startsWith("./dist/esm/") && p.includes("*"))) {
    const folder = dirname(path.slice("./dist/esm/".length));
    for (const file of await readdir(join(esmRoot, folder))) if (file.endsWith(".d.ts")) queue.push(join(folder, file));
  }
  const reached = new Set();
  while (queue.length > 0) {
    const file = queue.pop();
    if (reached.has(file)) continue;
    reached.add(file);
    const text = await readFile(join(esmRoot, file), "utf8");
    for (const [, specifier] of text.matchAll(/(?:from|import)\s*\(?\s*"(\.{1,2}\/[^"]+)"/g)) {
      queue.push(relative(esmRoot, join(esmRoot, dirname(file), specifier.replace(/\.js$/, ".d.ts"))));
    }
  }
  return reached;
}
