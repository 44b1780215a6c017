#!/usr/bin/env node
// Writes package.json's version into src/lib/version.ts (the User-Agent and SDK_VERSION use it) and into
// jsr.json (the JSR package publishes the same version from the TypeScript sources).
// Runs after `changeset version` in `npm run version`.
import { readFile, writeFile } from "node:fs/promises";

const { version } = JSON.parse(await readFile(new URL("../package.json", import.meta.url), "utf8"));
const target = new URL("../src/lib/version.ts", import.meta.url);
await writeFile(
  target,
  `/** The package version, kept equal to package.json's by scripts/sync-version.mjs. */\nexport const SDK_VERSION = "${version}";\n`,
);
console.log(`src/lib/version.ts → ${version}`);

// jsr.json: only its top-level "version" value changes, so the file keeps its formatting (biome's).
const jsrFile = new URL("../jsr.json", import.meta.url);
const jsrText = await readFile(jsrFile, "utf8");
const versionField = /^( {2}"version"\s*:\s*)"[^"]*"/m;
const matches = jsrText.match(new RegExp(versionField.source, "gm")) ?? [];
if (matches.length !== 1) throw new Error(`jsr.json: expected one top-level "version" field, found ${matches.length}`);
const updated = jsrText.replace(versionField, (_, key) => `${key}${JSON.stringify(version)}`);
const parsed = JSON.parse(updated);
if (parsed.version !== version)
  throw new Error(`jsr.json: its version is ${parsed.version} after the update, not ${version}`);
await writeFile(jsrFile, updated);
console.log(`jsr.json → ${version}`);
