// The browser side: a PKCE pair, then the consent page URL — with the class (a Promise, used with .then)
// and with the standalone functions (a Result).
import { OpenRouter } from "@openrouter/sdk";
import { OpenRouterCore } from "@openrouter/sdk/core.js";
import {
  type CreateAuthorizationUrlRequest,
  oAuthCreateAuthorizationUrl,
} from "@openrouter/sdk/funcs/oAuthCreateAuthorizationUrl.js";
import {
  type CreateSHA256CodeChallengeRequest,
  type CreateSHA256CodeChallengeResponse,
  oAuthCreateSHA256CodeChallenge,
} from "@openrouter/sdk/funcs/oAuthCreateSHA256CodeChallenge.js";

const openRouter = new OpenRouter();

// A fresh pair: a random 43-character verifier and its S256 challenge.
const pair: CreateSHA256CodeChallengeResponse = await openRouter.oAuth.createSHA256CodeChallenge();
console.log(
  `fresh verifier: ${pair.codeVerifier.length} chars, url-safe: ${/^[A-Za-z0-9._~-]+$/.test(pair.codeVerifier)}`,
);
console.log(
  `fresh challenge: ${pair.codeChallenge.length} chars, differs from verifier: ${pair.codeChallenge !== pair.codeVerifier}`,
);

// The RFC 7636 appendix B vector, through the standalone function.
const vector: CreateSHA256CodeChallengeRequest = { codeVerifier: "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk" };
const challenged = await oAuthCreateSHA256CodeChallenge(vector);
if (!challenged.ok) throw challenged.error;
console.log(`rfc7636 challenge: ${challenged.value.codeChallenge}`);

const request: CreateAuthorizationUrlRequest = {
  callbackUrl: "https://myapp.com/auth/callback",
  codeChallenge: challenged.value.codeChallenge,
  codeChallengeMethod: "S256",
  limit: 25,
};

await openRouter.oAuth.createAuthorizationUrl(request).then((url) => {
  console.log(`class url: ${url}`);
});

const core = new OpenRouterCore();
const res = oAuthCreateAuthorizationUrl(core, { callbackUrl: new URL("http://localhost:3000/callback") });
if (res.ok) {
  console.log(`standalone url: ${res.value}`);
} else {
  console.log("oAuthCreateAuthorizationUrl failed:", res.error);
}
