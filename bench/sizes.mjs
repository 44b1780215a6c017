// Bundle sizes as scripts/size.mjs measures them (scripts/bundle-size.mjs, copied here by run.mjs), on the
// installed tarball and with @openrouter/sdk beside it. Prints one JSON line: a list of bundles.
import { readdir } from "node:fs/promises";
import { BUDGETS, measureBundle } from "./bundle-size.mjs";

const here = import.meta.dirname;
const entries = (sdk) => `export { OpenRouterCore } from "${sdk}/core.js";
  export { oAuthCreateAuthCode } from "${sdk}/funcs/oAuthCreateAuthCode.js";
  export { oAuthExchangeAuthCodeForAPIKey } from "${sdk}/funcs/oAuthExchangeAuthCodeForAPIKey.js";`;
const funcs = (await readdir(`${here}/node_modules/openrouter-oauth/dist/esm/src/funcs`))
  .filter((file) => file.endsWith(".js"))
  .map((file) => file.slice(0, -3))
  .sort();
/** [label, contender, entry source, budget in gzip bytes (bundle-size.mjs's), or undefined] */
const bundles = [
  ["core + both operations", "openrouter-oauth", entries("openrouter-oauth"), BUDGETS.standalone],
  ["core + both operations", "@openrouter/sdk", entries("@openrouter/sdk"), undefined],
  ["OpenRouter class", "openrouter-oauth", `export { OpenRouter } from "openrouter-oauth";`, BUDGETS.class],
  ["OpenRouter class", "@openrouter/sdk", `export { OpenRouter } from "@openrouter/sdk";`, undefined],
  ...funcs.map((f) => [`${f} alone`, "openrouter-oauth", `export { ${f} } from "openrouter-oauth/funcs/${f}.js";`]),
];

const out = [];
for (const [label, contender, contents, budget] of bundles) {
  const { minified, gzip } = await measureBundle(contents, here);
  out.push({ label, contender, minified, gzip, budget });
}
process.stdout.write(`${JSON.stringify(out)}\n`);
