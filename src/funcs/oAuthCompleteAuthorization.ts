/**
 * Finishes a login: checks the callback URL and exchanges its code. Returns a `Result`, never throws.
 *
 * @module openrouter-oauth/funcs/oAuthCompleteAuthorization.js
 */
import type { OpenRouterCore } from "../core.js";
import { err, type Result } from "../lib/result.js";
import type { RequestOptions } from "../lib/sdks.js";
import type { AuthorizationCallbackError } from "../models/errors/authorization-callback-error.js";
import { SDKValidationError } from "../models/errors/client-errors.js";
import type { SDKError } from "../models/errors/sdk-error.js";
import type { ExchangeAuthCodeForAPIKeyResponse } from "../models/operations/exchange-auth-code.js";
import { oAuthExchangeAuthCodeForAPIKey } from "./oAuthExchangeAuthCodeForAPIKey.js";
import { oAuthParseAuthorizationCallback } from "./oAuthParseAuthorizationCallback.js";

/** What {@link oAuthCompleteAuthorization} takes: the URL the user came back on and what the start returned. */
export interface CompleteAuthorizationParams {
  /** The URL the user came back on (in a browser, `location.href`). */
  callbackUrl: string | URL;
  /** The verifier oAuthStartAuthorization returned. */
  codeVerifier: string;
  /** The nonce oAuthStartAuthorization returned. */
  nonce: string;
}

/**
 * Finishes a login started with {@link "openrouter-oauth"!oAuthStartAuthorization}: checks the URL the user came back on
 * (nonce, denial, code) and exchanges the code with the verifier (S256) for the user's key.
 *
 * @example
 * const res = await oAuthCompleteAuthorization(core, { callbackUrl: location.href, codeVerifier, nonce });
 * if (res.ok) useKey(res.value.key);
 */
export async function oAuthCompleteAuthorization(
  client: OpenRouterCore,
  params: CompleteAuthorizationParams,
  options?: RequestOptions,
): Promise<Result<ExchangeAuthCodeForAPIKeyResponse, AuthorizationCallbackError | SDKError>> {
  const { callbackUrl, codeVerifier, nonce } = params ?? {};
  if (typeof codeVerifier !== "string" || !codeVerifier) {
    return err(new SDKValidationError("codeVerifier", "is required: it is the one oAuthStartAuthorization returned"));
  }
  if (typeof nonce !== "string" || !nonce) {
    return err(new SDKValidationError("nonce", "is required: it protects the login against forged callbacks"));
  }
  const callback = oAuthParseAuthorizationCallback(callbackUrl, { expectedNonce: nonce });
  if (!callback.ok) return callback;
  return oAuthExchangeAuthCodeForAPIKey(
    client,
    { requestBody: { code: callback.value.code, codeVerifier, codeChallengeMethod: "S256" } },
    options,
  );
}
