#!/usr/bin/env node
// Writes package.json's version into src/lib/version.ts (the User-Agent and SDK_VERSION use it).
// Runs after `changeset version` in `npm run version`.
import { readFile, writeFile } from "node:fs/promises";

const { version } = JSON.parse(await readFile(new URL("../package.json", import.meta.url), "utf8"));
const target = new URL("../src/lib/version.ts", import.meta.url);
await writeFile(
  target,
  `/** The package version, kept equal to package.json's by scripts/sync-version.mjs. */\nexport const SDK_VERSION = "${version}";\n`,
);
console.log(`src/lib/version.ts → ${version}`);
