// The operations' enums as runtime constants and as types, and the app-identification globals.
import { OpenRouter } from "@openrouter/sdk";
import * as operations from "@openrouter/sdk/models/operations";

const s256: operations.CreateAuthKeysCodeCodeChallengeMethod = operations.CreateAuthKeysCodeCodeChallengeMethod.S256;
const monthly: operations.UsageLimitType = operations.UsageLimitType.Monthly;
const plain: operations.ExchangeAuthCodeForAPIKeyCodeChallengeMethod =
  operations.ExchangeAuthCodeForAPIKeyCodeChallengeMethod.Plain;
console.log(`constants: ${s256} ${monthly} ${plain}`);
console.log(`usage limit types: ${Object.values(operations.UsageLimitType).join(",")}`);

// The app's identity, set once for the client and overridden for one call.
const globals: operations.CreateAuthKeysCodeGlobals = {
  httpReferer: "https://myapp.com",
  appTitle: "My App",
  appCategories: "cli-agent",
};
const exchangeGlobals: operations.ExchangeAuthCodeForAPIKeyGlobals = { appTitle: "My App (exchange)" };

const openRouter = new OpenRouter({ ...globals, apiKey: process.env["OPENROUTER_API_KEY"] ?? "" });

async function run() {
  // A plain-method challenge (the verifier itself), a monthly credit limit.
  const verifier = "plain-verifier-0123456789-0123456789-0123456789";
  const request: operations.CreateAuthKeysCodeRequest = {
    requestBody: {
      callbackUrl: "https://myapp.com/auth/callback",
      codeChallenge: verifier,
      codeChallengeMethod: operations.CreateAuthKeysCodeCodeChallengeMethod.Plain,
      limit: 10,
      usageLimitType: monthly,
    },
  };
  const { data } = await openRouter.oAuth.createAuthCode(request);
  console.log(`code: ${data.id}`);

  const result = await openRouter.oAuth.exchangeAuthCodeForAPIKey({
    ...exchangeGlobals,
    requestBody: { code: data.id, codeVerifier: verifier, codeChallengeMethod: plain },
  });
  console.log(`user: ${result.userId}`);
}

run();
