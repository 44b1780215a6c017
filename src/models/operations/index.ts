/**
 * The request and response types of both operations, generated from the OpenAPI spec as camelCase
 * interfaces documented field by field (also exported from the root). Types only: nothing here exists at
 * run time.
 *
 * @module openrouter-oauth/models/operations
 */
export type { AppHeaders } from "./app-headers.js";
export type {
  CreateAuthKeysCodeRequest,
  CreateAuthKeysCodeRequestBody,
  CreateAuthKeysCodeResponse,
  CreateAuthKeysCodeResponseData,
} from "./create-auth-code.js";
export type { ErrorResponse, ErrorResponseErrorData } from "./error-response.js";
export type {
  ExchangeAuthCodeForAPIKeyRequest,
  ExchangeAuthCodeForAPIKeyRequestBody,
  ExchangeAuthCodeForAPIKeyResponse,
} from "./exchange-auth-code.js";
