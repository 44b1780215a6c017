import type { ExchangeAuthCodeForAPIKeyRequestBody } from "../../../generated/public-types.js";
import type { AppHeaders } from "./app-headers.js";

// The bodies are generated from the spec as documented interfaces (scripts/public-types.mjs).
export type {
  ExchangeAuthCodeForAPIKeyRequestBody,
  ExchangeAuthCodeForAPIKeyResponse,
} from "../../../generated/public-types.js";

/** The request of {@link oAuthExchangeAuthCodeForAPIKey}: the body plus optional per-request app headers. */
export interface ExchangeAuthCodeForAPIKeyRequest extends AppHeaders {
  /** The JSON body, camelCase here and snake_case on the wire. */
  requestBody: ExchangeAuthCodeForAPIKeyRequestBody;
}

/** The app headers an exchange request may carry, under `@openrouter/sdk`'s name. */
export type ExchangeAuthCodeForAPIKeyGlobals = AppHeaders;

/** The PKCE methods of the exchange's `codeChallengeMethod`, as values: the one the code was made with. */
export const ExchangeAuthCodeForAPIKeyCodeChallengeMethod = {
  /** The challenge was base64url(SHA-256(verifier)). */
  S256: "S256",
  /** The challenge was the verifier itself. */
  Plain: "plain",
} as const;
/** One of {@link ExchangeAuthCodeForAPIKeyCodeChallengeMethod}'s values. */
export type ExchangeAuthCodeForAPIKeyCodeChallengeMethod =
  (typeof ExchangeAuthCodeForAPIKeyCodeChallengeMethod)[keyof typeof ExchangeAuthCodeForAPIKeyCodeChallengeMethod];
