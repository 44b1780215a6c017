#!/usr/bin/env node
import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
// Bundles what a consumer would import (see bundle-size.mjs) and prints the gzip size of each; exits
// non-zero when a bundle is over its budget. Measures the built dist/ files as a consumer's bundler sees
// them, from node_modules/openrouter-oauth: from there esbuild moves our licence comment to the end, under
// a "Bundled license information" heading, which a bundle of the repository's own files would not show.
import { BUDGETS, KB, measureBundle } from "./bundle-size.mjs";

const repo = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const root = await mkdtemp(join(tmpdir(), "openrouter-oauth-size-"));
for (const part of ["package.json", "dist"])
  await cp(join(repo, part), join(root, "node_modules/openrouter-oauth", part), { recursive: true });

/** name → [entry source, budget in gzip bytes, whether it may hold lib/http.js's HTTPClient] */
const bundles = [
  [
    "OpenRouterCore + both standalone functions",
    `import { OpenRouterCore } from "openrouter-oauth/core.js";
     import { oAuthCreateAuthCode } from "openrouter-oauth/funcs/oAuthCreateAuthCode.js";
     import { oAuthExchangeAuthCodeForAPIKey } from "openrouter-oauth/funcs/oAuthExchangeAuthCodeForAPIKey.js";
     export { OpenRouterCore, oAuthCreateAuthCode, oAuthExchangeAuthCodeForAPIKey };`,
    BUDGETS.standalone,
  ],
  ["OpenRouter class", `export { OpenRouter } from "openrouter-oauth";`, BUDGETS.class],
  [
    "browser controller + exchange (openrouter-oauth/browser)",
    `export { createBrowserSignIn } from "openrouter-oauth/browser";`,
    BUDGETS.browser,
  ],
  [
    "OpenRouter class + HTTPClient (lib/http.js)",
    `export { OpenRouter } from "openrouter-oauth";
     export { HTTPClient } from "openrouter-oauth/lib/http.js";`,
    undefined,
    true,
  ],
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
for (const [name, contents, budget, withHttpClient] of bundles) {
  const { gzip, minified, code } = await measureBundle(contents, root);
  const over = budget !== undefined && gzip > budget;
  failed ||= over;
  // Only a bundle that imports lib/http.js may carry it (its hook names survive minification).
  if (!withHttpClient && code.includes("beforeRequest")) {
    failed = true;
    console.log(`${name}: holds lib/http.js's HTTPClient without importing it`);
  }
  // A standalone or browser bundle holds nothing of the OpenRouter class (its method names survive minification).
  if (/^(OpenRouterCore|browser)/.test(name) && code.includes("createSHA256CodeChallenge")) {
    failed = true;
    console.log(`${name}: holds the OpenRouter class without importing it`);
  }
  const limit = budget === undefined ? "" : ` (budget ${(budget / KB).toFixed(1)} KB${over ? ", OVER" : ""})`;
  console.log(`${name}: ${(gzip / KB).toFixed(2)} KB gzip, ${(minified / KB).toFixed(1)} KB minified${limit}`);
}
await rm(root, { recursive: true, force: true });
process.exit(failed ? 1 : 0);
