// Bundle sizes, measured as scripts/size.mjs does (the same scripts/bundle-size.mjs), but on the
// installed copy of the packed tarball and with @openrouter/sdk beside it. Runs in the temporary
// consumer folder (run.mjs copies it and bundle-size.mjs there). Prints one JSON line: a list of bundles.
import { readdir } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { BUDGETS, measureBundle } from "./bundle-size.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const funcs = (await readdir(join(here, "node_modules/openrouter-oauth/dist/esm/src/funcs")))
  .filter((file) => file.endsWith(".js"))
  .map((file) => file.slice(0, -3))
  .sort();

/** [label, contender, entry source, budget in gzip bytes (bundle-size.mjs's), or undefined] */
const bundles = [
  [
    "core + both operations",
    "openrouter-oauth",
    `export { OpenRouterCore } from "openrouter-oauth/core.js";
     export { oAuthCreateAuthCode } from "openrouter-oauth/funcs/oAuthCreateAuthCode.js";
     export { oAuthExchangeAuthCodeForAPIKey } from "openrouter-oauth/funcs/oAuthExchangeAuthCodeForAPIKey.js";`,
    BUDGETS.standalone,
  ],
  [
    "core + both operations",
    "@openrouter/sdk",
    `export { OpenRouterCore } from "@openrouter/sdk/core.js";
     export { oAuthCreateAuthCode } from "@openrouter/sdk/funcs/oAuthCreateAuthCode.js";
     export { oAuthExchangeAuthCodeForAPIKey } from "@openrouter/sdk/funcs/oAuthExchangeAuthCodeForAPIKey.js";`,
    undefined,
  ],
  ["OpenRouter class", "openrouter-oauth", `export { OpenRouter } from "openrouter-oauth";`, BUDGETS.class],
  ["OpenRouter class", "@openrouter/sdk", `export { OpenRouter } from "@openrouter/sdk";`, undefined],
  ...funcs.map((func) => [
    `${func} alone`,
    "openrouter-oauth",
    `export { ${func} } from "openrouter-oauth/funcs/${func}.js";`,
    undefined,
  ]),
];

const out = [];
for (const [label, contender, contents, budget] of bundles) {
  const { minified, gzip } = await measureBundle(contents, here);
  out.push({ label, contender, minified, gzip, budget });
}
process.stdout.write(`${JSON.stringify(out)}\n`);
