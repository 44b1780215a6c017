// The everyday server-side flow with the class: create a code bound to a PKCE challenge, then exchange it.
import { OpenRouter } from "@openrouter/sdk";
import type * as operations from "@openrouter/sdk/models/operations";

const openRouter = new OpenRouter({
  httpReferer: "https://myapp.com",
  appTitle: "My App",
  apiKey: process.env["OPENROUTER_API_KEY"] ?? "",
});

async function run() {
  const result = await openRouter.oAuth.createAuthCode({
    requestBody: {
      callbackUrl: "https://myapp.com/auth/callback",
      codeChallenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
      codeChallengeMethod: "S256",
      limit: 100,
      keyLabel: "My Custom Key",
      expiresAt: new Date("2027-12-31T23:59:59Z"),
    },
  });
  const data: operations.CreateAuthKeysCodeData = result.data;
  console.log(`code: ${data.id}`);
  console.log(`app: ${data.appId} (${typeof data.appId})`);
  console.log(`created: ${data.createdAt}`);

  const exchanged: operations.ExchangeAuthCodeForAPIKeyResponse = await openRouter.oAuth.exchangeAuthCodeForAPIKey({
    requestBody: {
      code: data.id,
      codeVerifier: "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk",
      codeChallengeMethod: "S256",
    },
  });
  // Never print the key itself.
  console.log(`key: ${exchanged.key.slice(0, 9)}… (${exchanged.key.length} chars)`);
  console.log(`user: ${exchanged.userId ?? "(none)"}`);
}

run();
