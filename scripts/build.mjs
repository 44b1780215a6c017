#!/usr/bin/env node
import { execFileSync } from "node:child_process";
import { chmod, cp, mkdir, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
// Builds dist/ for a cheap cold start (each ESM file costs Node about 1 ms to load) without giving up
// tree-shaking or class identity:
// - dist/esm/internal/runtime.js: all the web-standard code in one file, zod inlined and tree-shaken to
//   the builders src/lib/zod.ts uses; dist/esm/internal/node.js: src/node, importing that same runtime
//   file, so one copy of every class serves every entry and `instanceof` works whichever entry an error
//   came from;
// - the bin, src/node/cli.js, is one self-contained file with only the code it runs: a program, not a
//   library, so no caller's `instanceof` needs its classes to be the runtime's, and one file of 100 KB
//   starts about 3 ms sooner than its 35 KB plus the 92 KB runtime (npm run bench's CLI launch);
// - each public entry (package.json "exports"; the file paths stay as they were) is a one-line
//   re-export of its own names from there;
// - dist/cjs: the same files converted one for one to CommonJS, `import` to `require`, so the sharing
//   holds in CommonJS too.
// Consumers' bundlers still tree-shake runtime.js statement by statement (package.json sideEffects:
// false; the schema builders are marked free of side effects). Declarations come from tsc, one per
// source file, as before.
import { build } from "esbuild";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const dist = join(root, "dist");
const manifest = JSON.parse(await readFile(join(root, "package.json"), "utf8"));

/** The source of each public entry: package.json's ESM export targets, mapped back to src/ (the bin is built apart). */
async function entrySources() {
  const targets = new Set();
  const collect = (value) => {
    if (typeof value === "string") {
      if (value.startsWith("./dist/esm/") && value.endsWith(".js")) targets.add(value);
    } else if (value && typeof value === "object") Object.values(value).forEach(collect);
  };
  collect(manifest.exports);
  const sources = new Set();
  for (const target of targets) {
    const source = target.slice("./dist/esm/".length).replace(/\.js$/, ".ts");
    if (source.includes("*")) {
      const folder = dirname(source);
      for (const file of await readdir(join(root, folder)))
        if (file.endsWith(".ts")) sources.add(join(root, folder, file));
    } else sources.add(join(root, source));
  }
  return [...sources].sort();
}

/** The names a module exports, as esbuild sees them. */
async function exportNames(source) {
  const result = await build({
    entryPoints: [source],
    bundle: true,
    write: false,
    metafile: true,
    format: "esm",
    platform: "neutral",
    mainFields: ["module", "main"],
    external: ["node:*", "zod", "zod/*"],
    logLevel: "silent",
  });
  return Object.values(result.metafile.outputs)[0].exports;
}

// `--if-stale`: nothing to do when dist/ was built after the last change to what it is built from (so
// CI builds once and `npm test`, `npm run size` and the runtime suite reuse it).
const stamp = join(root, "node_modules/.cache/openrouter-oauth/build-stamp");
const inputs = [
  "src",
  "generated",
  "package.json",
  "scripts/build.mjs",
  "tsconfig.build.json",
  "node_modules/zod/package.json",
];
async function newestInput() {
  let newest = 0;
  for (const input of inputs) {
    const path = join(root, input);
    const info = await stat(path);
    newest = Math.max(newest, info.mtimeMs);
    if (info.isDirectory()) {
      for (const file of await readdir(path, { recursive: true }))
        newest = Math.max(newest, (await stat(join(path, file))).mtimeMs);
    }
  }
  return newest;
}
if (process.argv.includes("--if-stale")) {
  // The stamp holds when the last build started (not when it ended): a change made while it ran counts.
  const built = Date.parse((await readFile(stamp, "utf8").catch(() => "")).trim()) || 0;
  if (built > (await newestInput()) && (await stat(join(dist, "esm/src/index.js")).catch(() => undefined))) {
    console.log(`${relative(root, dist)}/ is up to date: not rebuilt`);
    process.exit(0);
  }
}
const buildStarted = Date.now();

await rm(dist, { recursive: true, force: true });
const entries = await entrySources();
const cli = join(root, "src/node/cli.ts");
const isNode = (source) => source.startsWith(join(root, "src/node/"));
const zodManifest = JSON.parse(await readFile(join(root, "node_modules/zod/package.json"), "utf8"));
const zodLicense = (await readFile(join(root, "node_modules/zod/LICENSE"), "utf8")).trim();
if (!(await readFile(join(root, "LICENSE"), "utf8")).includes(zodLicense.split("\n").slice(2).join("\n"))) {
  throw new Error("LICENSE must hold zod's licence text: zod is bundled into dist/");
}

// The two internal entries, as modules that re-export every public entry of their kind.
const internal = {
  runtime: entries.filter((source) => !isNode(source)),
  node: entries.filter(isNode),
};
const virtualEntries = {
  name: "internal-entries",
  setup(build) {
    build.onResolve({ filter: /^internal:/ }, (args) => ({
      path: args.path.slice("internal:".length),
      namespace: "internal",
    }));
    build.onLoad({ filter: /.*/, namespace: "internal" }, (args) => ({
      contents: internal[args.path].map((source) => `export * from ${JSON.stringify(source)};`).join("\n"),
      resolveDir: root,
      loader: "ts",
    }));
  },
};
const common = {
  outdir: join(dist, "esm"),
  format: "esm",
  bundle: true,
  treeShaking: true,
  platform: "neutral",
  mainFields: ["module", "main"],
  target: "es2022",
  // zod's MIT notice travels with the package: in full in LICENSE (checked above), by name here.
  banner: {
    js: `/*! includes zod ${zodManifest.version} (MIT): see LICENSE */`,
  },
  legalComments: "inline",
  sourcemap: false,
  logLevel: "warning",
};
// The runtime: every web-standard entry in one file.
await build({
  ...common,
  entryPoints: [{ in: "internal:runtime", out: "internal/runtime" }],
  plugins: [virtualEntries],
});
// The Node parts: their imports of the package root ("../index.js") become imports of that same
// runtime file, so no class exists twice.
const runtimeFile = join(dist, "esm", "internal", "runtime.js");
const rootIndex = join(root, "src", "index.ts");
const toRuntime = (outFile) => ({
  name: "runtime-external",
  setup(build) {
    build.onResolve({ filter: /\/index\.js$/ }, (args) => {
      if (resolve(args.resolveDir, args.path.replace(/\.js$/, ".ts")) !== rootIndex) return undefined;
      return { path: relative(dirname(outFile), runtimeFile).replace(/^(?!\.)/, "./"), external: true };
    });
  },
});
await build({
  ...common,
  entryPoints: [{ in: "internal:node", out: "internal/node" }],
  plugins: [virtualEntries, toRuntime(join(dist, "esm", "internal", "node.js"))],
  external: ["node:*"],
});
// The bin: everything it runs inlined and tree-shaken, no import but Node's own.
await build({
  ...common,
  entryPoints: [{ in: cli, out: "src/node/cli" }],
  external: ["node:*"],
});

// The public entries: each re-exports its own names from the internal entry of its kind.
for (const source of entries) {
  const file = join(dist, "esm", relative(root, source).replace(/\.ts$/, ".js"));
  const from = join(dist, "esm", "internal", isNode(source) ? "node.js" : "runtime.js");
  const names = await exportNames(source);
  const specifier = relative(dirname(file), from).replace(/^(?!\.)/, "./");
  await mkdir(dirname(file), { recursive: true });
  await writeFile(
    file,
    names.length === 0 ? "export {};\n" : `export { ${names.join(", ")} } from ${JSON.stringify(specifier)};\n`,
  );
}

// The same files as CommonJS.
const esmFiles = (await readdir(join(dist, "esm"), { recursive: true }))
  .filter((file) => file.endsWith(".js"))
  .map((file) => join(dist, "esm", file));
await build({
  entryPoints: esmFiles,
  outbase: join(dist, "esm"),
  outdir: join(dist, "cjs"),
  format: "cjs",
  bundle: false,
  platform: "node",
  target: "es2022",
  legalComments: "inline",
  sourcemap: false,
  logLevel: "warning",
});
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
await mkdir(dirname(stamp), { recursive: true });
await writeFile(stamp, `${new Date(buildStarted).toISOString()}\n`);
const internalFiles = (await readdir(join(dist, "esm", "internal"))).filter((file) => file.endsWith(".js"));
console.log(
  `built ${entries.length} entry points and the bin over ${internalFiles.length} internal files into ${relative(root, dist)}/esm and ${relative(root, dist)}/cjs`,
);

/**
 * The declaration files reachable from the `types` of package.json's exports, following relative
 * imports. The others describe internal modules (the zod schemas, the call pipeline): shipping them
 * would only put zod types in the package for nobody to use.
 */
async function publicDeclarations() {
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
