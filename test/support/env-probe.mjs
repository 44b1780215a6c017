// One SDK call in a fresh process, configured by the environment the test gives it: prints one line
// `PROBE <json>` on stdout with what was sent and how the call ended. Anything else on stdout (debug
// lines from OPENROUTER_DEBUG) is the SDK's. Imports the built package the way a consumer does.
//
//   node test/support/env-probe.mjs '{"call":"exchange","options":{"serverURL":"http://127.0.0.1:9"},"recordFetch":true}'
//   deno run test/support/env-probe.mjs '<json>' file:///…/dist/esm/src/index.js
//
// With `recordFetch`, the client's fetch records each request and answers 200 without any network;
// with `collectDebug`, a debugLogger option collects the debug lines. The optional second argument is
// the module to import instead of "openrouter-oauth" (Deno does not resolve the package by name here).
const args = globalThis.Deno ? globalThis.Deno.args : process.argv.slice(2);
const { OpenRouterCore, oAuthCreateAuthCode, oAuthCreateAuthorizationUrl, oAuthExchangeAuthCodeForAPIKey } =
  await import(args[1] ?? "openrouter-oauth");

const spec = JSON.parse(args[0] ?? "{}");
const debugLines = [];
const requests = [];
const okBody = (url) =>
  url.endsWith("/auth/keys/code")
    ? { data: { id: "auth_code_probe", app_id: 1, created_at: "2026-01-02T03:04:05Z" } }
    : { key: "sk-or-v1-probe-returned", user_id: "user_probe" };
const recordingFetch = async (request) => {
  requests.push({ url: request.url, headers: Object.fromEntries(request.headers) });
  return Response.json(okBody(request.url));
};

const options = {
  ...spec.options,
  ...(spec.recordFetch ? { fetch: recordingFetch } : {}),
  ...(spec.collectDebug ? { debugLogger: { log: (...parts) => debugLines.push(parts.join(" ")) } } : {}),
};
const core = new OpenRouterCore(options);
const appHeaders = spec.request ?? {};
let result;
if (spec.call === "create") {
  result = await oAuthCreateAuthCode(
    core,
    { requestBody: { callbackUrl: "https://myapp.example/cb" }, ...appHeaders },
    spec.callOptions,
  );
} else if (spec.call === "authorizationUrl") {
  result = oAuthCreateAuthorizationUrl(core, { callbackUrl: "https://myapp.example/cb" });
} else {
  result = await oAuthExchangeAuthCodeForAPIKey(
    core,
    {
      requestBody: { code: "CODE-PROBE-SECRET", codeVerifier: "VERIFIER-PROBE-SECRET-0123456789abcdefghijklmnop" },
      ...appHeaders,
    },
    spec.callOptions,
  );
}
const error = result.ok
  ? undefined
  : { name: result.error.name, message: result.error.message, field: result.error.field, reason: result.error.reason };
console.log(`PROBE ${JSON.stringify({ requests, ok: result.ok, value: result.value, error, debugLines })}`);
