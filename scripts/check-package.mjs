#!/usr/bin/env node
// Lints the package exactly as it would be published: packs it once with `npm pack` (from the dist/
// already built, e.g. by `npm run size`; no lifecycle scripts), then runs on that one tarball
//   - publint (strict: warnings count as errors) — and any message at all, even a suggestion, fails;
//   - attw (@arethetypeswrong/cli, profile "strict": node10, node16 from CJS and from ESM, bundler) on
//     every entry point, including each file that the "./funcs/*.js" wildcard exports.
// Both work offline on the tarball; npm pack does not touch the network either. Exits non-zero on any problem.
//
// Why node10 passes: "exports" is ignored by TypeScript's moduleResolution node10 (the default of old
// tsconfigs with module commonjs), so package.json "typesVersions" maps each subpath to its CommonJS
// declarations; runtimes and bundlers use "exports". The "./node" entry is Node-only at run time, which
// is fine: attw checks types and resolution, not the platform.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { publint } from "publint";
import { formatMessage } from "publint/utils";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const npmCli = join(dirname(process.execPath), "../lib/node_modules/npm/bin/npm-cli.js");
const attwCli = join(root, "node_modules/@arethetypeswrong/cli/dist/index.js");

for (const file of ["dist/esm/src/index.js", "dist/cjs/src/index.js", "dist/esm/src/index.d.ts"]) {
  if (!existsSync(join(root, file))) {
    console.error(`check:package: ${file} is missing: run \`npm run build\` first.`);
    process.exit(1);
  }
}

const dir = await mkdtemp(join(tmpdir(), "openrouter-oauth-check-"));
let failed = false;
try {
  // `npm` through this Node when it sits where Node's installers put it, else from PATH.
  const [command, prefix] = existsSync(npmCli) ? [process.execPath, [npmCli]] : ["npm", []];
  const packed = JSON.parse(
    execFileSync(command, [...prefix, "pack", "--json", "--ignore-scripts", "--pack-destination", dir], {
      cwd: root,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
    }),
  );
  const tarball = join(dir, packed[0].filename);
  console.log(`packed ${packed[0].filename}: ${packed[0].entryCount} files, ${packed[0].size} bytes`);

  // publint on the tarball's bytes.
  const data = await readFile(tarball);
  const { messages, pkg } = await publint({
    pack: { tarball: data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) },
    level: "suggestion",
    strict: true,
  });
  if (messages.length === 0) {
    console.log("publint (strict): no errors, warnings or suggestions");
  } else {
    failed = true;
    console.error(`publint (strict): ${messages.length} message(s):`);
    for (const message of messages) {
      console.error(`  ${message.type}: ${formatMessage(message, pkg, { color: false }) ?? message.code}`);
    }
  }

  // attw on the same tarball (a file argument: attw only reads it; it deletes only what --pack made).
  const funcs = (await readdir(join(root, "dist/esm/src/funcs")))
    .filter((name) => name.endsWith(".js"))
    .map((name) => `./funcs/${name}`);
  if (funcs.length === 0) throw new Error("dist/esm/src/funcs has no .js file");
  const attwArgs = [tarball, "--profile", "strict", "--no-definitely-typed", "--no-emoji", "--no-color"];
  attwArgs.push("--format", "table-flipped", "--include-entrypoints", ...funcs);
  try {
    execFileSync(process.execPath, [attwCli, ...attwArgs], { cwd: dir, stdio: "inherit" });
    console.log(`attw (strict): no problems in ${funcs.length} functions and every exports entry`);
  } catch {
    failed = true;
    console.error("attw (strict): problems found (see above)");
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
