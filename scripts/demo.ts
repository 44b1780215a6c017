// `npm run demo`: the whole flow on this machine, no network. Starts a Prism mock of the API and a
// stand-in for OpenRouter's consent page on free 127.0.0.1 ports, then:
// - server side (Prism): makes a PKCE pair, creates an authorization code with an API key, exchanges
//   it for a user key, and shows a typed error;
// - CLI side (stand-in): runs the loopback login headless end to end, a simulated browser following
//   the consent page URL (the stand-in approves), then once more with the user denying;
// and stops everything. Keys are printed masked. Exits non-zero if any step fails.

import {
  AuthorizationCallbackError,
  ForbiddenResponseError,
  OpenRouter,
  oAuthCreateSHA256CodeChallenge,
} from "../src/index.js";
import { loginWithLoopback } from "../src/node/index.js";
import {
  type ConsentStandIn,
  type ConsentVisit,
  startConsentStandIn,
  startPrism,
  visitConsentPage,
} from "./demo/local-servers.js";

const mask = (secret: string) => `${secret.slice(0, 9)}…${secret.slice(-4)} (${secret.length} chars)`;
const step = (text: string) => console.log(text);

async function serverSide(prism: { url: string }): Promise<void> {
  step("\nServer side: createAuthCode and the exchange, against Prism");
  const server = new OpenRouter({
    apiKey: "sk-or-v1-demo-server-key",
    serverURL: prism.url,
    appTitle: "openrouter-oauth demo",
  });
  const pair = await oAuthCreateSHA256CodeChallenge();
  if (!pair.ok) throw pair.error;
  const { codeVerifier, codeChallenge } = pair.value;
  step(`  1. PKCE pair: challenge ${codeChallenge}, verifier kept in memory (${codeVerifier.length} chars)`);

  const { data } = await server.oAuth.createAuthCode({
    requestBody: {
      callbackUrl: "http://localhost:3000/callback",
      codeChallenge,
      codeChallengeMethod: "S256",
      limit: 10,
    },
  });
  step(`  2. createAuthCode → code ${data.id} for app ${data.appId}, created ${data.createdAt}`);

  // The app exchanging the code has no key of its own: no Authorization header is sent.
  const app = new OpenRouter({ serverURL: prism.url });
  const { key, userId } = await app.oAuth.exchangeAuthCodeForAPIKey({
    requestBody: { code: data.id, codeVerifier, codeChallengeMethod: "S256" },
  });
  step(`  3. exchangeAuthCodeForAPIKey → key ${mask(key)} for user ${userId}`);

  try {
    await app.oAuth.exchangeAuthCodeForAPIKey(
      { requestBody: { code: data.id, codeVerifier, codeChallengeMethod: "S256" } },
      { fetchOptions: { headers: { Prefer: "code=403, example=expiredCode" } } },
    );
    throw new Error("the exchange of an expired code did not fail");
  } catch (error) {
    if (!(error instanceof ForbiddenResponseError)) throw error;
    step(
      `  4. an exchange once the code has expired (the mock answers with the spec's expiredCode example) → ${error.name} ${error.statusCode}: "${error.message}" (reason: ${error.reason})`,
    );
  }
}

/** Runs loginWithLoopback with a simulated browser that follows the URL as soon as it is printed. */
async function headlessLogin(standIn: ConsentStandIn) {
  let visit: Promise<ConsentVisit> | undefined;
  const login = loginWithLoopback({
    serverURL: standIn.apiUrl,
    timeoutMs: 30_000,
    onAuthorizationUrl: (url) => {
      const callback = new URL(new URL(url).searchParams.get("callback_url") ?? "");
      step(`     callback server listening on ${callback.origin}, nonce in the path ${callback.pathname}`);
      step(`     consent page URL: ${url}`);
      step("     (a simulated browser opens it now)");
      visit = visitConsentPage(url);
    },
  });
  try {
    return { result: await login, visit: await visit };
  } catch (error) {
    return { error, visit: await visit?.catch(() => undefined) };
  }
}

async function cliSide(standIn: ConsentStandIn): Promise<void> {
  step("\nCLI side: loginWithLoopback (openrouter-oauth/node) headless, against the consent stand-in");
  step("  5. the user approves:");
  const approved = await headlessLogin(standIn);
  if (approved.result === undefined) throw approved.error;
  step(`     the stand-in redirected to ${redactCode(approved.visit?.location)}`);
  step(`     the browser was shown: ${approved.visit?.callback?.status} "${pageTitle(approved.visit)}"`);
  step(`     → key ${mask(approved.result.key)} for user ${approved.result.userId}; callback server closed`);

  step("  6. the user denies:");
  standIn.deny();
  const denied = await headlessLogin(standIn);
  if (!(denied.error instanceof AuthorizationCallbackError)) {
    throw new Error(`a denied login ended with ${denied.error ?? "a key"} instead of AuthorizationCallbackError`);
  }
  step(`     the browser was shown: ${denied.visit?.callback?.status} "${pageTitle(denied.visit)}"`);
  step(`     → ${denied.error.name} (kind ${denied.error.kind}): ${denied.error.message}`);
}

const redactCode = (location: string | undefined) =>
  location?.replace(/([?&]code=)[^&]+/, (_, prefix: string) => `${prefix}<code>`) ?? "(nowhere)";
const pageTitle = (visit: ConsentVisit | undefined) => /<title>([^<]*)<\/title>/.exec(visit?.callback?.body ?? "")?.[1];

async function main(): Promise<void> {
  const standIn = await startConsentStandIn();
  let prism: Awaited<ReturnType<typeof startPrism>> | undefined;
  try {
    prism = await startPrism();
    step(`Prism mock of openapi/openrouter-oauth.yaml on ${prism.url} (pid ${prism.pid})`);
    step(`Consent page stand-in on ${standIn.authUrl}, its API on ${standIn.apiUrl}`);
    await serverSide(prism);
    await cliSide(standIn);
    step("\nDemo finished.");
  } finally {
    await Promise.all([prism?.stop(), standIn.close()]);
  }
}

main().catch((error: unknown) => {
  console.error("\nDemo failed:", error);
  process.exitCode = 1;
});
