#!/usr/bin/env node
// Bundles the extension into dist/extension.js: CommonJS, `vscode` left to the host, no Node built-ins, so one
// file serves both "main" (desktop) and "browser" (VS Code for the Web). In this repository "openrouter-oauth"
// comes from the built package in ../../dist (tsconfig "paths"); run `npm run build` in the root first.
import { existsSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const here = dirname(fileURLToPath(import.meta.url));
if (!existsSync(join(here, "../../dist/esm/src/core.js"))) {
  console.error("dist/ is not built: run `npm run build` in the repository root first.");
  process.exit(1);
}
const outfile = join(here, "dist/extension.js");
const result = await build({
  absWorkingDir: here,
  entryPoints: [join(here, "src/extension.ts")],
  tsconfig: join(here, "tsconfig.json"),
  outfile,
  bundle: true,
  format: "cjs",
  platform: "neutral",
  mainFields: ["module", "main"],
  target: "es2022",
  external: ["vscode"],
  minify: process.argv.includes("--minify"),
  sourcemap: true,
  metafile: true,
  logLevel: "warning",
}).catch(() => process.exit(1)); // esbuild has printed the errors
const inputs = Object.keys(result.metafile.inputs);
const fromSource = inputs.filter((file) => /(^|\/)\.\.\/\.\.\/(src|generated)\//.test(file));
if (fromSource.length > 0) {
  console.error(`the bundle must use the built package, but it took ${fromSource.join(", ")}`);
  process.exit(1);
}
console.log(`built ${relative(process.cwd(), outfile)} from ${inputs.length} modules`);
