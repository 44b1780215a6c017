import type { operations } from "../../../generated/openrouter-oauth.js";
import type { CamelCased } from "../../lib/casing.js";
import type { AppHeaders } from "./app-headers.js";

// Upstream describes both bodies inline in the operation, not as named components.
type Wire = operations["exchangeAuthCodeForAPIKey"];

/**
 * The body of `POST /auth/keys`, camelCased from the spec.
 *
 * @example
 * { code, codeVerifier, codeChallengeMethod: "S256" }
 *
 * @interface
 */
export type ExchangeAuthCodeForAPIKeyRequestBody = CamelCased<Wire["requestBody"]["content"]["application/json"]>;

/** The request of {@link oAuthExchangeAuthCodeForAPIKey}: the body plus optional per-request app headers. */
export interface ExchangeAuthCodeForAPIKeyRequest extends AppHeaders {
  /** The JSON body, camelCase here and snake_case on the wire. */
  requestBody: ExchangeAuthCodeForAPIKeyRequestBody;
}

/**
 * `{ key, userId }`: the user-controlled API key. `userId` is null when the server sends none.
 *
 * @interface
 */
export type ExchangeAuthCodeForAPIKeyResponse = CamelCased<Wire["responses"][200]["content"]["application/json"]>;
