/**
 * `POST /auth/keys/code` as a standalone function. Returns a `Result`, never throws.
 *
 * @module openrouter-oauth/funcs/oAuthCreateAuthCode.js
 */
import type { OpenRouterCore } from "../core.js";
import { callOperation, type Operation } from "../lib/call-operation.js";
import type { Result } from "../lib/result.js";
import type { RequestOptions } from "../lib/sdks.js";
import { SDKValidationError } from "../models/errors/client-errors.js";
import type { SDKError } from "../models/errors/sdk-error.js";
import type { CreateAuthKeysCodeRequest, CreateAuthKeysCodeResponse } from "../models/operations/create-auth-code.js";
import { createAuthCodeRequest, createAuthCodeResponseWire } from "../schemas/create-auth-code.js";

const createAuthCode: Operation<"/auth/keys/code"> = {
  path: "/auth/keys/code",
  request: createAuthCodeRequest,
  response: createAuthCodeResponseWire,
  checkRequest({ requestBody }: { requestBody: { codeChallenge?: string; codeChallengeMethod?: string } }) {
    // The server cannot check a challenge whose method it is not told (createAuthorizationUrl refuses it too).
    if (requestBody.codeChallenge !== undefined && requestBody.codeChallengeMethod === undefined) {
      throw new SDKValidationError("requestBody.codeChallengeMethod", "is required with a codeChallenge");
    }
  },
};

/**
 * Create an authorization code for the PKCE flow (`POST /auth/keys/code`). Needs the app's API key.
 * `value.data.id` is the code to exchange with {@link "openrouter-oauth"!oAuthExchangeAuthCodeForAPIKey}.
 *
 * Returns a `Result` and never throws. Errors: `BadRequestResponseError` 400, `UnauthorizedResponseError`
 * 401, `ForbiddenResponseError` 403, `ConflictResponseError` 409, `InternalServerResponseError` 500,
 * `OpenRouterDefaultError` (other statuses), and the client-side errors.
 *
 * @example
 * const res = await oAuthCreateAuthCode(core, {
 *   requestBody: { callbackUrl: "https://myapp.com/auth/callback", codeChallenge, codeChallengeMethod: "S256", limit: 100 },
 * });
 * if (res.ok) console.log(res.value.data.id);
 */
export function oAuthCreateAuthCode(
  client: OpenRouterCore,
  request: CreateAuthKeysCodeRequest,
  options?: RequestOptions,
): Promise<Result<CreateAuthKeysCodeResponse, SDKError>> {
  return callOperation(client, createAuthCode, request, options);
}
