// `npm run demo`: the whole server-side flow against a local Prism mock of the API, no network.
// Starts Prism on a free 127.0.0.1 port, makes a PKCE pair, creates an authorization code with an
// API key, exchanges it for a user key, shows typed errors, and stops Prism.

import { ForbiddenResponseError, OpenRouter } from "../src/index.js";
import { startPrism } from "../test/support/prism.js";

const mask = (secret: string) => `${secret.slice(0, 9)}…${secret.slice(-4)} (${secret.length} chars)`;

async function pkcePair(): Promise<{ codeVerifier: string; codeChallenge: string }> {
  const base64url = (bytes: Uint8Array) =>
    btoa(String.fromCharCode(...bytes))
      .replace(/\+/g, "-")
      .replace(/\//g, "_")
      .replace(/=+$/, "");
  const codeVerifier = base64url(crypto.getRandomValues(new Uint8Array(32)));
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(codeVerifier));
  return { codeVerifier, codeChallenge: base64url(new Uint8Array(digest)) };
}

const prism = await startPrism();
try {
  console.log(`1. Prism mock of openapi/openrouter-oauth.yaml listening on ${prism.url} (pid ${prism.pid})`);
  const server = new OpenRouter({
    apiKey: "sk-or-v1-demo-server-key",
    serverURL: prism.url,
    appTitle: "openrouter-oauth demo",
  });
  const { codeVerifier, codeChallenge } = await pkcePair();
  console.log(`2. PKCE pair: challenge ${codeChallenge}, verifier kept in memory (${codeVerifier.length} chars)`);

  const { data } = await server.oAuth.createAuthCode({
    requestBody: {
      callbackUrl: "http://localhost:3000/callback",
      codeChallenge,
      codeChallengeMethod: "S256",
      limit: 10,
    },
  });
  console.log(`3. createAuthCode → code ${data.id} for app ${data.appId}, created ${data.createdAt}`);

  // The app exchanging the code has no key of its own: no Authorization header is sent.
  const app = new OpenRouter({ serverURL: prism.url });
  const { key, userId } = await app.oAuth.exchangeAuthCodeForAPIKey({
    requestBody: { code: data.id, codeVerifier, codeChallengeMethod: "S256" },
  });
  console.log(`4. exchangeAuthCodeForAPIKey → key ${mask(key)} for user ${userId}`);

  try {
    await app.oAuth.exchangeAuthCodeForAPIKey(
      { requestBody: { code: data.id, codeVerifier, codeChallengeMethod: "S256" } },
      { fetchOptions: { headers: { Prefer: "code=403, example=expiredCode" } } },
    );
  } catch (error) {
    if (!(error instanceof ForbiddenResponseError)) throw error;
    console.log(
      `5. an exchange once the code has expired (the mock answers with the spec's expiredCode example) → ${error.name} ${error.statusCode}: "${error.message}" (reason: ${error.reason})`,
    );
  }
  console.log("Demo finished.");
} finally {
  await prism.stop();
}
