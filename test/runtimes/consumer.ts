// The consumer project of the runtime suite: the packed tarball installed as a user would (offline), and
// the suite and the server example bundled inside it, so every "openrouter-oauth" import resolves there.
import { cp, mkdir } from "node:fs/promises";
import { join } from "node:path";
import { build } from "esbuild";
import { repoRoot } from "../support/build-once.js";
import { createConsumer, npmPack, offlineNpmEnv } from "../support/consumer-project.js";
import { type ExampleEntries, here } from "./runtimes.js";
import type { SuiteConfig } from "./suite/report.js";

/** npm pack of the package (and of hono and @hono/node-server, for the server example), installed offline. */
export async function installConsumer(work: string): Promise<string> {
  const env = offlineNpmEnv(join(work, "npm-cache"));
  const tarballs = join(work, "tarballs");
  await mkdir(tarballs);
  const own = await npmPack(".", tarballs, env);
  const hono = await npmPack("./node_modules/hono", tarballs, env);
  const honoNode = await npmPack("./node_modules/@hono/node-server", tarballs, env);
  const consumer = join(work, "consumer");
  await createConsumer(consumer, "module", [own.tarball, hono.tarball, honoNode.tarball], env);
  return consumer;
}

/**
 * Bundles, inside the consumer project (sources copied there, so every import of "openrouter-oauth" and
 * "hono" resolves to its node_modules), the suite's two entry points and the server example's four: for
 * processes with the packages left as imports, for workerd with everything in. Fails if a worker bundle
 * took the package from anywhere but the installed tarball.
 */
export async function bundleSuite(consumer: string, config: SuiteConfig) {
  await cp(join(here, "suite"), join(consumer, "test/runtimes/suite"), { recursive: true });
  await cp(join(repoRoot, "examples/server"), join(consumer, "examples/server"), {
    recursive: true,
    filter: (source) => !source.endsWith(".json") && !source.endsWith(".md"),
  });
  const nodePaths = [join(repoRoot, "node_modules")];
  const common = {
    absWorkingDir: consumer,
    bundle: true,
    format: "esm",
    target: "es2022",
    logLevel: "warning",
    metafile: true,
    // unstorage (the server example's store) is not in the consumer project: bundled from the repository's.
    nodePaths,
  } as const;
  const processSuite = join(consumer, "suite.mjs");
  await build({
    ...common,
    entryPoints: [join(consumer, "test/runtimes/suite/process-entry.ts")],
    outfile: processSuite,
    platform: "neutral",
    external: ["openrouter-oauth", "openrouter-oauth/*", "hono", "hono/*", "node:util"],
    define: { SUITE_CONFIG: JSON.stringify(config) },
  });
  const workerSuite = join(consumer, "worker.mjs");
  const worker = await build({
    ...common,
    entryPoints: [join(consumer, "test/runtimes/suite/worker-entry.ts")],
    outfile: workerSuite,
    platform: "browser",
    conditions: ["workerd", "worker", "browser"],
  });
  const exampleWorker = await build({
    ...common,
    entryPoints: [join(consumer, "examples/server/worker.ts")],
    outfile: join(consumer, "example-worker.mjs"),
    platform: "browser",
    conditions: ["workerd", "worker", "browser"],
  });
  for (const bundle of [worker, exampleWorker]) {
    const inputs = Object.keys(bundle.metafile.inputs);
    const sdk = inputs.filter((input) => input.includes("openrouter-oauth/"));
    if (sdk.length === 0 || sdk.some((input) => !input.startsWith("node_modules/openrouter-oauth/dist/esm/"))) {
      throw new Error(`a worker bundle must take the package from the installed tarball, not ${sdk.join(", ")}`);
    }
  }
  // The process entries, with the packages left as imports from the consumer's node_modules.
  const entries: Record<string, string> = {};
  for (const name of ["node", "bun", "deno"]) {
    entries[name] = join(consumer, `example-${name}.mjs`);
    await build({
      ...common,
      entryPoints: [join(consumer, `examples/server/${name}.ts`)],
      outfile: entries[name],
      platform: "neutral",
      // The Redis driver is imported only when REDIS_URL is set, which these runs do not set.
      external: [
        "openrouter-oauth",
        "openrouter-oauth/*",
        "hono",
        "hono/*",
        "@hono/node-server",
        "unstorage/drivers/redis",
      ],
    });
  }
  const example: ExampleEntries = {
    node: entries["node"]!,
    bun: entries["bun"]!,
    deno: entries["deno"]!,
    worker: join(consumer, "example-worker.mjs"),
  };
  return { processSuite, workerSuite, example };
}
