// A login's start: the PKCE pair, the nonce and the consent page URL, as oAuthStartAuthorization makes them
// (test/unit/browser-sign-in.test.ts holds the two to the same URL). Written with the small checks below
// instead of calling it: its zod schemas would put the browser bundle ~1.4 KB gzip over its budget.
import type { OpenRouterCore } from "../core.js";
import { baseUrlOf, resolveClientOptions } from "../lib/call-config.js";
import { createCallbackNonce, withCallbackNonce } from "../lib/callback-nonce.js";
import { base64url, randomToken } from "../lib/random.js";
import { clientOptionsOf } from "../lib/sdks.js";
import { SDKValidationError } from "../models/errors/client-errors.js";

/** A started login: where to send the user, and what this tab keeps for the way back. */
export interface StartedLogin {
  authorizationUrl: string;
  codeVerifier: string;
  nonce: string;
}

/**
 * Starts a login; throws `SDKValidationError` naming the option that cannot work, or what Web Crypto
 * throws where it is missing (outside a secure context).
 */
export async function startLogin(
  client: OpenRouterCore,
  callbackUrl: string | URL,
  authorizationUrl: string | URL | undefined,
  limit: number | undefined,
): Promise<StartedLogin> {
  // Both are pages of the web: https, or http on loopback, the rule of the API's own URL.
  baseUrlOf("callbackUrl", callbackUrl);
  if (authorizationUrl !== undefined) baseUrlOf("authorizationUrl", authorizationUrl);
  if (limit !== undefined && !(limit >= 0 && limit < Number.POSITIVE_INFINITY)) {
    throw new SDKValidationError("limit", "must be a non-negative number");
  }
  const url = new URL(authorizationUrl ?? new URL("/auth", resolveClientOptions(clientOptionsOf(client)).baseUrl));
  const codeVerifier = randomToken(32);
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(codeVerifier));
  const nonce = createCallbackNonce();
  url.searchParams.set("callback_url", withCallbackNonce(callbackUrl, nonce));
  url.searchParams.set("code_challenge", base64url(new Uint8Array(digest)));
  url.searchParams.set("code_challenge_method", "S256");
  if (limit !== undefined) url.searchParams.set("limit", String(limit));
  return { authorizationUrl: url.href, codeVerifier, nonce };
}
