// The runtimes of the runtime suite, as test/runtimes/package.json installs them: how to run the suite, the
// CLI and the server example on each, and how each names its version.
import { join } from "node:path";
import { describeChild, repoRoot, runChild } from "../support/build-once.js";

export const here = join(repoRoot, "test/runtimes");
export const bin = (name: string) => join(here, "node_modules/.bin", name);

export interface Runtime {
  /** Its name, e.g. "node" or "bun" (the table adds the version). */
  readonly name: string;
  /** What the runtime must call itself in its report (checked, so the column is the runtime it names). */
  readonly reportsAs: RegExp;
  /** Its version, as its binary prints it. */
  version(): Promise<string>;
  /** Runs the bundled suite (a file in the consumer project). */
  suite(file: string): [string, string[]];
  /** Runs the CLI installed in the consumer project the way a user of this runtime would. */
  cli(args: readonly string[]): [string, string[]];
  /** The CLI with the runtime's permissions withheld, when the runtime has permissions (Deno). */
  cliWithoutPermissions?(args: readonly string[]): [string, string[]];
  /** Serves the server example through its entry for this runtime (examples/server/<entry>.ts, bundled). */
  serveExample(entries: ExampleEntries): [string, string[]];
}

/** The server example's runtime entries, bundled into the consumer project. */
export interface ExampleEntries {
  readonly node: string;
  readonly bun: string;
  readonly deno: string;
  readonly worker: string;
}

/** The version a binary prints with --version, its number only ("v22.1.0", "deno 2.9.6 (…)" → "22.1.0", "2.9.6"). */
export const versionOf = async (command: string) => {
  const result = await runChild(command, ["--version"], { timeoutMs: 30_000 });
  if (result.code !== 0) throw new Error(`${command} --version ${describeChild(result)}`);
  const line = result.stdout.split("\n")[0]!.trim();
  return /(\d[\w.-]*)/.exec(line)?.[1] ?? line;
};

const nodeRuntime = (major: number, node: string): Runtime => ({
  name: "node",
  reportsAs: new RegExp(`^node ${major}\\.`),
  version: () => versionOf(node),
  suite: (file) => [node, [file]],
  // The bin file npm linked, run by this Node (`npx openrouter-oauth` would pick the Node on PATH).
  cli: (args) => [node, ["node_modules/.bin/openrouter-oauth", ...args]],
  serveExample: (entries) => [node, [entries.node]],
});

export const processRuntimes: readonly Runtime[] = [
  nodeRuntime(20, process.execPath),
  nodeRuntime(22, join(here, "node_modules/node22/bin/node")),
  nodeRuntime(24, join(here, "node_modules/node24/bin/node")),
  {
    name: "bun",
    reportsAs: /^bun /,
    version: () => versionOf(bin("bun")),
    suite: (file) => [bin("bun"), [file]],
    // bunx, with --bun: the bin's `#!/usr/bin/env node` would otherwise hand it to Node.
    cli: (args) => [bin("bun"), ["x", "--bun", "openrouter-oauth", ...args]],
    // Bun serves the entry's default export ({ port, hostname, fetch }) by itself.
    serveExample: (entries) => [bin("bun"), [entries.bun]],
  },
  {
    name: "deno",
    reportsAs: /^deno /,
    version: () => versionOf(bin("deno")),
    suite: (file) => [bin("deno"), ["run", "-A", file]],
    // npm: specifiers resolve from the project's node_modules (Deno's "bring your own node_modules").
    cli: (args) => [bin("deno"), ["run", "-A", "npm:openrouter-oauth", ...args]],
    cliWithoutPermissions: (args) => [bin("deno"), ["run", "npm:openrouter-oauth", ...args]],
    // Exactly the permissions the example's README gives.
    serveExample: (entries) => [bin("deno"), ["run", "--allow-net", "--allow-env", entries.deno]],
  },
];
