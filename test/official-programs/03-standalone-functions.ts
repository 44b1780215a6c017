// The standalone functions with OpenRouterCore: results, not exceptions.
import { OpenRouterCore } from "@openrouter/sdk/core.js";
import { oAuthCreateAuthCode } from "@openrouter/sdk/funcs/oAuthCreateAuthCode.js";
import { oAuthExchangeAuthCodeForAPIKey } from "@openrouter/sdk/funcs/oAuthExchangeAuthCodeForAPIKey.js";
import type { Result } from "@openrouter/sdk/types";

// Use `OpenRouterCore` for best tree-shaking performance.
// You can create one instance of it to use across an application.
const openRouter = new OpenRouterCore({
  apiKey: process.env["OPENROUTER_API_KEY"] ?? "",
});

function describe<T>(label: string, res: Result<T, Error>): T | undefined {
  if (res.ok) {
    console.log(`${label}: ok`);
    return res.value;
  }
  console.log(`${label} failed: ${res.error.name}`);
  return undefined;
}

async function run() {
  const created = await oAuthCreateAuthCode(openRouter, {
    requestBody: {
      callbackUrl: "https://myapp.com/auth/callback",
      codeChallenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
      codeChallengeMethod: "S256",
      limit: 100,
    },
  });
  const value = describe("oAuthCreateAuthCode", created);
  if (value === undefined) return;
  console.log(`code: ${value.data.id}, app ${value.data.appId}`);

  const res = await oAuthExchangeAuthCodeForAPIKey(openRouter, {
    requestBody: {
      code: value.data.id,
      codeVerifier: "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk",
      codeChallengeMethod: "S256",
    },
  });
  if (res.ok) {
    const { value: result } = res;
    console.log(`key prefix: ${result.key.slice(0, 9)}`);
    console.log(`user: ${result.userId}`);
  } else {
    console.log("oAuthExchangeAuthCodeForAPIKey failed:", res.error.message);
  }

  // An error is a value too: a create without an API key is refused by the server (401).
  const anonymous = new OpenRouterCore({ apiKey: "" });
  const refused = await oAuthCreateAuthCode(anonymous, {
    requestBody: { callbackUrl: "https://myapp.com/auth/callback" },
  });
  console.log(`without a key: ok=${refused.ok}`);
  if (!refused.ok) console.log(`error: ${refused.error.name}`);
}

run();
