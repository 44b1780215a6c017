/**
 * The request and response types of both operations, generated from the OpenAPI spec as camelCase
 * interfaces documented field by field, and the enums of their fields as values too, under the names
 * `@openrouter/sdk` gives them (all also exported from the root).
 *
 * @module openrouter-oauth/models/operations
 */
export type { AppHeaders } from "./app-headers.js";
export {
  CreateAuthKeysCodeCodeChallengeMethod,
  type CreateAuthKeysCodeData,
  type CreateAuthKeysCodeGlobals,
  type CreateAuthKeysCodeRequest,
  type CreateAuthKeysCodeRequestBody,
  type CreateAuthKeysCodeResponse,
  type CreateAuthKeysCodeResponseData,
  UsageLimitType,
} from "./create-auth-code.js";
export type { ErrorResponse, ErrorResponseErrorData } from "./error-response.js";
export {
  ExchangeAuthCodeForAPIKeyCodeChallengeMethod,
  type ExchangeAuthCodeForAPIKeyGlobals,
  type ExchangeAuthCodeForAPIKeyRequest,
  type ExchangeAuthCodeForAPIKeyRequestBody,
  type ExchangeAuthCodeForAPIKeyResponse,
} from "./exchange-auth-code.js";
