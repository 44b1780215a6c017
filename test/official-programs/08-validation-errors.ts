// Input the SDK refuses before sending: SDKValidationError, thrown by the class, returned by the function.
import { OpenRouter } from "@openrouter/sdk";
import { OpenRouterCore } from "@openrouter/sdk/core.js";
import { oAuthExchangeAuthCodeForAPIKey } from "@openrouter/sdk/funcs/oAuthExchangeAuthCodeForAPIKey.js";
import { SDKValidationError } from "@openrouter/sdk/models/errors";

// The callback came back without ?code= (the user denied access), and the app forgot to check.
const callback = new URL("https://myapp.com/auth/callback?error=access_denied");
const code = callback.searchParams.get("code") as string;

const openRouter = new OpenRouter({ retryConfig: { strategy: "none" } });
try {
  await openRouter.oAuth.exchangeAuthCodeForAPIKey({ requestBody: { code } });
  console.log("class: no error");
} catch (e) {
  if (e instanceof SDKValidationError) {
    console.log(`class: ${e.name}`);
    console.log(`  rawValue: ${JSON.stringify(e.rawValue)}`);
    console.log(`  rawMessage is a string: ${typeof e.rawMessage === "string"}`);
    console.log(`  pretty() mentions the field: ${e.pretty().includes("code")}`);
    console.log(`  message starts with rawMessage: ${e.message.startsWith(String(e.rawMessage))}`);
  } else {
    throw e;
  }
}

const core = new OpenRouterCore({ retryConfig: { strategy: "none" } });
const res = await oAuthExchangeAuthCodeForAPIKey(core, { requestBody: { code } });
if (res.ok) {
  console.log("standalone: ok");
} else if (res.error instanceof SDKValidationError) {
  console.log(`standalone: ${res.error.name}, rawValue ${JSON.stringify(res.error.rawValue)}`);
} else {
  console.log(`standalone: other error ${res.error.name}`);
}
