/**
 * Makes a PKCE verifier and its S256 challenge. Returns a `Result`, never throws.
 *
 * @module openrouter-oauth/funcs/oAuthCreateSHA256CodeChallenge.js
 */
import { base64url, randomToken } from "../lib/random.js";
import { err, ok, type Result } from "../lib/result.js";
import { validateInput } from "../lib/zod.js";
import { SDKValidationError } from "../models/errors/client-errors.js";
import { codeChallengeParams } from "../schemas/pkce.js";

/** A PKCE pair: keep `codeVerifier` secret until the exchange; send `codeChallenge` to the consent page. */
export interface CodeChallengePair {
  /** The PKCE verifier, 43 to 128 characters of `[A-Za-z0-9-._~]`. A secret until the exchange sends it. */
  codeVerifier: string;
  /** base64url(SHA-256(`codeVerifier`)), unpadded: safe to put in the consent page URL. */
  codeChallenge: string;
}

/** The parameters of {@link oAuthCreateSHA256CodeChallenge}, under `@openrouter/sdk`'s name. */
export interface CreateSHA256CodeChallengeRequest {
  /** A verifier of your own (43 to 128 characters of `[A-Za-z0-9-._~]`); by default a random one is made. */
  codeVerifier?: string | undefined;
}

/** What {@link oAuthCreateSHA256CodeChallenge} makes, under `@openrouter/sdk`'s name. */
export type CreateSHA256CodeChallengeResponse = CodeChallengePair;

/**
 * Makes a PKCE pair (RFC 7636, method S256): a random verifier of 32 bytes from the platform's CSPRNG,
 * base64url (43 characters), and its challenge, base64url(SHA-256(verifier)) without padding. A given
 * `codeVerifier` must be 43 to 128 characters of `[A-Za-z0-9-._~]`.
 *
 * @example
 * const res = await oAuthCreateSHA256CodeChallenge();
 * if (res.ok) sessionStorage.setItem("verifier", res.value.codeVerifier);
 */
export async function oAuthCreateSHA256CodeChallenge(
  params: CreateSHA256CodeChallengeRequest = {},
): Promise<Result<CreateSHA256CodeChallengeResponse, SDKValidationError>> {
  try {
    const { codeVerifier = randomToken(32) } = validateInput(codeChallengeParams, params);
    const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(codeVerifier));
    return ok({ codeVerifier, codeChallenge: base64url(new Uint8Array(digest)) });
  } catch (error) {
    return err(
      error instanceof SDKValidationError ? error : new SDKValidationError("crypto.subtle", "is not available here"),
    );
  }
}
