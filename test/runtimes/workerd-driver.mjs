// Runs a bundled worker in workerd through miniflare's API. Started by test/runtimes/run.ts with Node 22 or
// later (miniflare needs it), from this folder, where `npm ci` installed miniflare and workerd.
//
//   node workerd-driver.mjs suite SUITE_BUNDLE CONFIG_JSON
//     posts the config to the runtime suite's worker and prints its JSON report;
//   node workerd-driver.mjs serve WORKER_BUNDLE BINDINGS_JSON
//     serves the worker over HTTP on a free 127.0.0.1 port with those bindings (env), prints
//     "listening URL" and runs until it is stopped (SIGTERM).
import { readFile } from "node:fs/promises";
import { Miniflare } from "miniflare";

const [mode, bundle, json] = process.argv.slice(2);
const options = { modules: true, script: await readFile(bundle, "utf8"), compatibilityDate: "2026-07-01" };

if (mode === "serve") {
  const mf = new Miniflare({ ...options, bindings: JSON.parse(json), host: "127.0.0.1", port: 0 });
  const url = await mf.ready;
  console.log(`listening ${url.href}`);
  const stop = () => mf.dispose().finally(() => process.exit(0));
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
} else {
  const mf = new Miniflare(options);
  try {
    const response = await mf.dispatchFetch("http://localhost/run", { method: "POST", body: json });
    const text = await response.text();
    if (response.status !== 200) {
      console.error(`the worker answered ${response.status}: ${text}`);
      process.exitCode = 1;
    } else {
      console.log(text);
    }
  } finally {
    await mf.dispose();
  }
}
