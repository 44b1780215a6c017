// The SDK runs in browsers, Deno, Bun and edge workers: outside src/node/ (the loopback login, the
// package's `./node` entry), no source file may import a Node built-in, by `node:` name or bare.

import { readdirSync, readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { join, relative } from "node:path";
import { describe, expect, test } from "vitest";
import { repoRoot } from "./support/build-once.js";

const src = join(repoRoot, "src");

/** Every module specifier in a TypeScript source: static and dynamic imports, re-exports, require. */
function specifiers(source: string): string[] {
  const patterns = [
    /\b(?:import|export)\s[^'"]*?\bfrom\s*["']([^"']+)["']/g,
    /^\s*import\s*["']([^"']+)["']/gm,
    /\bimport\s*\(\s*["']([^"']+)["']\s*\)/g,
    /\brequire\s*\(\s*["']([^"']+)["']\s*\)/g,
  ];
  return patterns.flatMap((pattern) => [...source.matchAll(pattern)].map((match) => match[1]!));
}

const builtins = new Set(builtinModules.flatMap((name) => [name, name.split("/")[0]!]));
const isNodeBuiltin = (specifier: string): boolean =>
  specifier.startsWith("node:") || builtins.has(specifier) || builtins.has(specifier.split("/")[0]!);

describe("Node built-ins stay in src/node", () => {
  test("the checker recognises every way of importing a built-in (so the real check can fail)", () => {
    const sample = [
      `import { createServer } from "node:http";`,
      `import fs from 'fs';`,
      `export { promisify } from "util";`,
      `import "node:process";`,
      `const p = await import("path/posix");`,
      `const c = require("crypto");`,
      `import type { Readable } from "stream";`,
      `import { ok } from "../lib/result.js";`,
      `import * as z from "zod/mini";`,
    ].join("\n");
    expect(specifiers(sample).filter(isNodeBuiltin)).toEqual([
      "node:http",
      "fs",
      "util",
      "stream",
      "node:process",
      "path/posix",
      "crypto",
    ]);
  });

  test("no file in src/ outside src/node/ imports one", () => {
    const files = readdirSync(src, { recursive: true, encoding: "utf8" })
      .filter((file) => file.endsWith(".ts"))
      .map((file) => join(src, file));
    const outside = files.filter((file) => relative(src, file).split(/[\\/]/)[0] !== "node");
    expect(outside.length).toBeGreaterThan(20);
    const offenders = outside.flatMap((file) =>
      specifiers(readFileSync(file, "utf8"))
        .filter(isNodeBuiltin)
        .map((specifier) => `${relative(repoRoot, file)}: ${specifier}`),
    );
    expect(offenders).toEqual([]);
    // src/node itself does use them: the check is looking at the right files.
    const inside = files.filter((file) => !outside.includes(file));
    expect(inside.flatMap((file) => specifiers(readFileSync(file, "utf8"))).filter(isNodeBuiltin)).toContain(
      "node:http",
    );
  });
});
