#!/usr/bin/env node
// Bundles the vanilla example (app.ts) with esbuild into dist/app.js, from the BUILT package: the imports of
// "openrouter-oauth/…" resolve by package self-reference through package.json "exports" to ../../dist/esm.
// Run `npm run build` (the package) first.
import { existsSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "../..");
if (!existsSync(join(root, "dist/esm/src/core.js"))) {
  console.error("dist/ is not built: run `npm run build` in the repository root first.");
  process.exit(1);
}
const outfile = join(here, "dist/app.js");
const result = await build({
  absWorkingDir: root,
  entryPoints: [join(here, "app.ts")],
  outfile,
  bundle: true,
  format: "esm",
  platform: "browser",
  target: "es2022",
  minify: process.argv.includes("--minify"),
  sourcemap: true,
  metafile: true,
  logLevel: "warning",
}).catch(() => process.exit(1)); // esbuild has printed the errors
const inputs = Object.keys(result.metafile.inputs);
const fromSource = inputs.filter((file) => file.startsWith("src/") || file.startsWith("generated/"));
if (fromSource.length > 0) {
  console.error(`the bundle must use the built package, but it took ${fromSource.join(", ")}`);
  process.exit(1);
}
console.log(`built ${relative(process.cwd(), outfile)} from ${inputs.length} modules`);
