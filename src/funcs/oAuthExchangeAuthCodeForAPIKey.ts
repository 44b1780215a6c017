/**
 * `POST /auth/keys` as a standalone function. Returns a `Result`, never throws.
 *
 * @module openrouter-oauth/funcs/oAuthExchangeAuthCodeForAPIKey.js
 */
import type { OpenRouterCore } from "../core.js";
import { callOperation, type Operation } from "../lib/call-operation.js";
import type { Result } from "../lib/result.js";
import type { RequestOptions } from "../lib/sdks.js";
import type { SDKError } from "../models/errors/sdk-error.js";
import type {
  ExchangeAuthCodeForAPIKeyRequest,
  ExchangeAuthCodeForAPIKeyResponse,
} from "../models/operations/exchange-auth-code.js";
import { exchangeAuthCodeRequest, exchangeAuthCodeResponseWire } from "../schemas/exchange-auth-code.js";

const exchangeAuthCode: Operation<"/auth/keys"> = {
  path: "/auth/keys",
  request: exchangeAuthCodeRequest,
  response: exchangeAuthCodeResponseWire,
  defaults: { userId: null },
  retriedForbiddenNote: " (an earlier attempt of this call may have used the single-use code before failing)",
};

/**
 * Exchange an authorization code from the PKCE flow for a user-controlled API key (`POST /auth/keys`).
 * Works without an API key: none is sent when the client has none.
 *
 * Returns a `Result` and never throws. Errors: `BadRequestResponseError` 400 (e.g. `Invalid
 * code_challenge_method`), `ForbiddenResponseError` 403 (`reason` tells an invalid from an expired code),
 * `InternalServerResponseError` 500, `OpenRouterDefaultError` (other statuses), and the client-side errors.
 *
 * @example
 * const res = await oAuthExchangeAuthCodeForAPIKey(core, {
 *   requestBody: { code, codeVerifier, codeChallengeMethod: "S256" },
 * });
 * if (res.ok) saveKey(res.value.key);
 */
export function oAuthExchangeAuthCodeForAPIKey(
  client: OpenRouterCore,
  request: ExchangeAuthCodeForAPIKeyRequest,
  options?: RequestOptions,
): Promise<Result<ExchangeAuthCodeForAPIKeyResponse, SDKError>> {
  return callOperation(client, exchangeAuthCode, request, options);
}
