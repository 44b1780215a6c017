// src/ has no import circle, type-only imports included: each module can be read after the ones it imports.
// The graph is the TypeScript compiler's (every import and export-from of every file, resolved as NodeNext).
import { readdirSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";
import { expect, test } from "vitest";
import { repoRoot } from "../support/build-once.js";

const src = join(repoRoot, "src");
const files = readdirSync(src, { recursive: true, encoding: "utf8" })
  .filter((file) => file.endsWith(".ts"))
  .map((file) => join(src, file));

/** The src/ files `file` imports or re-exports from, resolved. */
function importsOf(file: string): string[] {
  const info = ts.preProcessFile(ts.sys.readFile(file)!, true, true);
  const options = { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext };
  return info.importedFiles
    .map((ref) => ts.resolveModuleName(ref.fileName, file, options, ts.sys).resolvedModule?.resolvedFileName)
    .filter((target): target is string => target?.startsWith(src) === true);
}

/** Every cycle found by a depth-first walk, as the list of files around it. */
function cycles(): string[][] {
  const graph = new Map(files.map((file) => [file, importsOf(file)]));
  const found: string[][] = [];
  const done = new Set<string>();
  const walk = (file: string, path: string[]): void => {
    const at = path.indexOf(file);
    if (at >= 0) {
      found.push(
        path
          .slice(at)
          .concat(file)
          .map((f) => relative(repoRoot, f)),
      );
      return;
    }
    if (done.has(file)) return;
    for (const next of graph.get(file) ?? []) walk(next, [...path, file]);
    done.add(file);
  };
  for (const file of files) walk(file, []);
  return found;
}

test("the walk sees the graph: src/ files import each other", () => {
  expect(files.length).toBeGreaterThan(30);
  expect(importsOf(join(src, "lib/call-operation.ts")).map((f) => relative(src, f))).toContain("lib/call-config.ts");
});

test("no import circle in src/, type-only imports included", () => {
  expect(cycles()).toEqual([]);
});
