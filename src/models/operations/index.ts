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
