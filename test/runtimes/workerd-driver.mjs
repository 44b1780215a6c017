// Runs the bundled runtime suite worker in workerd through miniflare's API, and prints its JSON report.
// Started by test/runtimes/run.ts with Node 22 or later (miniflare needs it), from this folder, where
// `npm ci` installed miniflare and workerd.
// Usage: node workerd-driver.mjs WORKER_BUNDLE CONFIG_JSON
import { readFile } from "node:fs/promises";
import { Miniflare } from "miniflare";

const [bundle, configJson] = process.argv.slice(2);
const mf = new Miniflare({
  modules: true,
  script: await readFile(bundle, "utf8"),
  compatibilityDate: "2026-07-01",
});
try {
  const response = await mf.dispatchFetch("http://localhost/run", { method: "POST", body: configJson });
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
