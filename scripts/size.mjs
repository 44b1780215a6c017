#!/usr/bin/env node
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
// Bundles what a consumer would import (esbuild, minified, ESM, browser platform) and prints the gzip
// size of each; exits non-zero when a bundle is over its budget. Measures the built dist/ files.
import { build } from "esbuild";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const KB = 1024;

/** name → [entry source, budget in gzip bytes] */
const bundles = [
  [
    "OpenRouterCore + both standalone functions",
    `import { OpenRouterCore } from "openrouter-oauth/core.js";
     import { oAuthCreateAuthCode } from "openrouter-oauth/funcs/oAuthCreateAuthCode.js";
     import { oAuthExchangeAuthCodeForAPIKey } from "openrouter-oauth/funcs/oAuthExchangeAuthCodeForAPIKey.js";
     export { OpenRouterCore, oAuthCreateAuthCode, oAuthExchangeAuthCodeForAPIKey };`,
    10 * KB,
  ],
  ["OpenRouter class", `export { OpenRouter } from "openrouter-oauth";`, 12 * KB],
  [
    "OpenRouterCore + oAuthExchangeAuthCodeForAPIKey",
    `export { OpenRouterCore } from "openrouter-oauth/core.js";
     export { oAuthExchangeAuthCodeForAPIKey } from "openrouter-oauth/funcs/oAuthExchangeAuthCodeForAPIKey.js";`,
    undefined,
  ],
  [
    "OpenRouterCore + oAuthCreateAuthCode",
    `export { OpenRouterCore } from "openrouter-oauth/core.js";
     export { oAuthCreateAuthCode } from "openrouter-oauth/funcs/oAuthCreateAuthCode.js";`,
    undefined,
  ],
];

let failed = false;
for (const [name, contents, budget] of bundles) {
  const result = await build({
    stdin: { contents, resolveDir: root, loader: "js" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    write: false,
    logLevel: "silent",
  });
  const code = result.outputFiles[0].contents;
  const gzip = gzipSync(code, { level: 9 }).length;
  const over = budget !== undefined && gzip > budget;
  failed ||= over;
  const limit = budget === undefined ? "" : ` (budget ${(budget / KB).toFixed(1)} KB${over ? ", OVER" : ""})`;
  console.log(`${name}: ${(gzip / KB).toFixed(2)} KB gzip, ${(code.length / KB).toFixed(1)} KB minified${limit}`);
}
process.exit(failed ? 1 : 0);
