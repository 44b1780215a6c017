import { gzipSync } from "node:zlib";
import { build } from "esbuild";

const r = await build({
  stdin: {
    contents: `import { OpenRouterCore } from "openrouter-oauth/core.js";
     import { oAuthCreateAuthCode } from "openrouter-oauth/funcs/oAuthCreateAuthCode.js";
     import { oAuthExchangeAuthCodeForAPIKey } from "openrouter-oauth/funcs/oAuthExchangeAuthCodeForAPIKey.js";
     export { OpenRouterCore, oAuthCreateAuthCode, oAuthExchangeAuthCodeForAPIKey };`,
    resolveDir: process.cwd(),
    loader: "js",
  },
  bundle: true,
  minify: true,
  format: "esm",
  platform: "browser",
  write: false,
  logLevel: "silent",
});
console.log(gzipSync(r.outputFiles[0].contents, { level: 9 }).length);
