/**
 * Starts a login: PKCE pair, nonce and consent page URL in one call. Returns a `Result`, never throws.
 *
 * @module openrouter-oauth/funcs/oAuthStartAuthorization.js
 */
import type { OpenRouterCore } from "../core.js";
import { createCallbackNonce, withCallbackNonce } from "../lib/callback-nonce.js";
import { err, ok, type Result } from "../lib/result.js";
import type { SDKValidationError } from "../models/errors/client-errors.js";
import { oAuthCreateAuthorizationUrl } from "./oAuthCreateAuthorizationUrl.js";
import { oAuthCreateSHA256CodeChallenge } from "./oAuthCreateSHA256CodeChallenge.js";

/** A login in progress: send the user to `authorizationUrl`; keep `codeVerifier` and `nonce` for the way back. */
export interface PendingAuthorization {
  /** The consent page URL, with the S256 challenge and the nonce-carrying callback URL. */
  authorizationUrl: string;
  /** The PKCE verifier. A secret: keep it (e.g. in `sessionStorage`) until the exchange, never put it in a URL. */
  codeVerifier: string;
  /** This login's nonce; it rides in the callback URL's `nonce` query parameter. */
  nonce: string;
}

/** What {@link oAuthStartAuthorization} takes. */
export interface StartAuthorizationParams {
  /** Where the user comes back: the rule of createAuthCode's `callbackUrl`; the nonce is added to it. */
  callbackUrl: string | URL;
  /** Credit limit of the key to be created. */
  limit?: number | undefined;
  /** The consent page. Default: `/auth` at the client's server URL. */
  authorizationUrl?: string | URL | undefined;
}

/**
 * Starts a login in one call: a PKCE pair (S256), a nonce added to the callback URL, and the consent
 * page URL. Finish it with {@link "openrouter-oauth"!oAuthCompleteAuthorization} on the URL the user comes back on.
 *
 * @example
 * const res = await oAuthStartAuthorization(core, { callbackUrl: "https://myapp.com/callback" });
 * if (res.ok) {
 *   sessionStorage.setItem("openrouter-login", JSON.stringify({ v: res.value.codeVerifier, n: res.value.nonce }));
 *   location.assign(res.value.authorizationUrl);
 * }
 */
export async function oAuthStartAuthorization(
  client: OpenRouterCore,
  params: StartAuthorizationParams,
): Promise<Result<PendingAuthorization, SDKValidationError>> {
  const pair = await oAuthCreateSHA256CodeChallenge();
  if (!pair.ok) return pair;
  const nonce = createCallbackNonce();
  let callbackUrl = params?.callbackUrl;
  try {
    callbackUrl = withCallbackNonce(callbackUrl, nonce);
  } catch {
    // Not a URL: the check below rejects it and names the field.
  }
  const url = oAuthCreateAuthorizationUrl(client, {
    ...params,
    callbackUrl,
    codeChallenge: pair.value.codeChallenge,
    codeChallengeMethod: "S256",
  });
  return url.ok ? ok({ authorizationUrl: url.value, codeVerifier: pair.value.codeVerifier, nonce }) : err(url.error);
}
