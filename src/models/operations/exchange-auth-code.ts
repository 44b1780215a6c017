import type * as generated from "../../../generated/public-types.js";
import type { AppHeaders } from "./app-headers.js";
import { CreateAuthKeysCodeCodeChallengeMethod } from "./create-auth-code.js";

// The bodies are generated from the spec as documented interfaces (scripts/public-types.mjs).
export type { ExchangeAuthCodeForAPIKeyResponse } from "../../../generated/public-types.js";

/**
 * The body of `POST /auth/keys` (exchangeAuthCodeForAPIKey), camelCase here and snake_case on the wire:
 * the generated interface, with its enum field typed as `@openrouter/sdk` types it (an `OpenEnum`).
 */
export interface ExchangeAuthCodeForAPIKeyRequestBody
  extends Omit<generated.ExchangeAuthCodeForAPIKeyRequestBody, "codeChallengeMethod"> {
  // The fields' descriptions are the spec's, word for word (test/editor-hover.test.ts holds them to it).
  /**
   * The method used to generate the code challenge
   *
   * @example "S256"
   */
  codeChallengeMethod?: ExchangeAuthCodeForAPIKeyCodeChallengeMethod | null | undefined;
}

/** The request of {@link oAuthExchangeAuthCodeForAPIKey}: the body plus optional per-request app headers. */
export interface ExchangeAuthCodeForAPIKeyRequest extends AppHeaders {
  /** The JSON body, camelCase here and snake_case on the wire. */
  requestBody: ExchangeAuthCodeForAPIKeyRequestBody;
}

/** The app headers an exchange request may carry, under `@openrouter/sdk`'s name. */
export type ExchangeAuthCodeForAPIKeyGlobals = AppHeaders;

/**
 * The PKCE methods of the exchange's `codeChallengeMethod` (the one the code was made with), as values:
 * the same object as {@link CreateAuthKeysCodeCodeChallengeMethod}, under the exchange's own name.
 */
export const ExchangeAuthCodeForAPIKeyCodeChallengeMethod = CreateAuthKeysCodeCodeChallengeMethod;
/** One of {@link ExchangeAuthCodeForAPIKeyCodeChallengeMethod}'s values. */
export type ExchangeAuthCodeForAPIKeyCodeChallengeMethod = CreateAuthKeysCodeCodeChallengeMethod;
