/**
 * The request and response types of both operations, camelCased from the OpenAPI spec (also exported
 * from the root). Types only: nothing here exists at run time.
 *
 * @module openrouter-oauth/models/operations
 */
export type { AppHeaders } from "./app-headers.js";
export type {
  CreateAuthKeysCodeRequest,
  CreateAuthKeysCodeRequestBody,
  CreateAuthKeysCodeResponse,
} from "./create-auth-code.js";
export type { ErrorResponse } from "./error-response.js";
export type {
  ExchangeAuthCodeForAPIKeyRequest,
  ExchangeAuthCodeForAPIKeyRequestBody,
  ExchangeAuthCodeForAPIKeyResponse,
} from "./exchange-auth-code.js";
