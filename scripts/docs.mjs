#!/usr/bin/env node
// `npm run docs`: the API reference of every entry point in package.json "exports", built by TypeDoc
// (settings in typedoc.json) into docs/api. Fails on any TypeDoc warning, which includes an exported
// symbol without documentation, a broken {@link}, and a public type that refers to an unexported one.
// Checks two things TypeDoc does not: every entry point of "exports" is documented as a module named by
// its import path, and no zod type (nor anything from src/schemas/) is reachable from the public API.
// Extra TypeDoc options pass through: `npm run docs -- --out /tmp/api`.
import { readdir, readFile } from "node:fs/promises";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import * as td from "typedoc";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
process.chdir(root); // typedoc.json and its relative paths
const started = performance.now();

const app = await td.Application.bootstrapWithPlugins({}, [
  new td.ArgumentsReader(0),
  new td.TypeDocReader(),
  new td.PackageJsonReader(),
  new td.TSConfigReader(),
  new td.ArgumentsReader(300),
]);

function fail(message) {
  console.error(`npm run docs: ${message}`);
  process.exit(1);
}
// typedoc.json sets treatWarningsAsErrors: a warning at any stage fails the run, as TypeDoc's CLI does.
function checkLog(stage) {
  if (app.logger.hasErrors() || app.logger.hasWarnings()) {
    fail(`TypeDoc reported ${app.logger.errorCount} errors and ${app.logger.warningCount} warnings (${stage})`);
  }
}

checkLog("options");
const project = await app.convert();
if (!project) fail("TypeDoc could not convert the project (type errors?)");
checkLog("conversion");
app.validate(project);
if (app.logger.validationWarningCount) {
  fail(`${app.logger.validationWarningCount} validation warnings (undocumented exports, broken links…)`);
}
checkLog("validation");

// 1. One module per entry point, named by its import path ("openrouter-oauth/node"): each entry file
// starts with a `@module` comment. A new entry point missing from typedoc.json, or without that
// comment, fails here.
const pkg = JSON.parse(await readFile(join(root, "package.json"), "utf8"));
const expected = new Map(); // source file → module name
for (const [key, target] of Object.entries(pkg.exports)) {
  const types = target?.import?.types;
  if (typeof types !== "string") continue; // ./package.json
  const source = types.replace(/^\.\/dist\/esm\//, "").replace(/\.d\.ts$/, ".ts");
  const sources = source.includes("*")
    ? (await readdir(join(root, dirname(source))))
        .filter((file) => file.endsWith(".ts") && !file.endsWith(".d.ts"))
        .map((file) => [join(dirname(source), file), key.replace("*", file.replace(/\.ts$/, ""))])
    : [[source, key]];
  for (const [file, subpath] of sources) {
    const name = `${pkg.name}${subpath.slice(1)}`;
    // "./models/errors" and "./models/errors/index.js" are one module: keep the shorter name.
    if (!expected.has(file) || name.length < expected.get(file).length) expected.set(file, name);
  }
}
const modules = new Set(project.getChildrenByKind(td.ReflectionKind.Module).map((module) => module.name));
const wanted = new Set(expected.values());
const missing = [...expected].filter(([, name]) => !modules.has(name));
const extra = [...modules].filter((name) => !wanted.has(name));
if (missing.length || extra.length) {
  fail(
    [
      'the documented modules do not match package.json "exports":',
      ...missing.map(
        ([file, name]) => `  missing ${name}: list ${file} in typedoc.json and start it with \`@module ${name}\``,
      ),
      ...extra.map((name) => `  not an entry point: ${name}`),
    ].join("\n"),
  );
}

// 2. No zod type in the public API: the build strips nothing of it, so it would reach users' .d.ts.
// TypeDoc does not warn about references to other packages' types; look for them in its model.
const leaks = [];
(function walk(node, path) {
  if (Array.isArray(node)) {
    for (const child of node) walk(child, path);
    return;
  }
  if (node === null || typeof node !== "object") return;
  const here = node.variant && node.variant !== "project" ? `${path}${path ? "." : ""}${node.name}` : path;
  const from = node.target?.packageName ?? node.package;
  const file = node.target?.packagePath ?? "";
  if (from === "zod" || /(^|\/)src\/schemas\//.test(file)) leaks.push(`${here} → ${node.name} (${from}/${file})`);
  for (const [key, child] of Object.entries(node)) if (key !== "symbolIdMap") walk(child, here);
})(app.serializer.projectToObject(project, root), "");
if (leaks.length) fail(`zod or src/schemas types reach the public API:\n  ${leaks.join("\n  ")}`);

await app.generateOutputs(project);
checkLog("output");
const documented = project.getReflectionsByKind(td.ReflectionKind.All).filter((r) => r.hasComment()).length;
const out = relative(root, app.options.getValue("out")) || ".";
console.log(
  `docs: ${modules.size} modules (every entry point of package.json "exports"), ${documented} documented ` +
    `reflections, no zod type; written to ${out} in ${((performance.now() - started) / 1000).toFixed(1)} s`,
);
