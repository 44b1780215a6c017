/**
 * Every error class the SDK throws or returns, for `instanceof` checks (also exported from the root).
 *
 * @module openrouter-oauth/models/errors
 */
export { AuthorizationCallbackError, type AuthorizationCallbackErrorKind } from "./authorization-callback-error.js";
export {
  ConnectionError,
  HTTPClientError,
  InvalidRequestError,
  RequestAbortedError,
  RequestTimeoutError,
  SDKValidationError,
  UnexpectedClientError,
} from "./client-errors.js";
export { type HttpMeta, OpenRouterError } from "./openrouter-error.js";
export {
  BadRequestResponseError,
  type BadRequestResponseErrorData,
  ConflictResponseError,
  type ConflictResponseErrorData,
  ErrorResponseError,
  type ForbiddenReason,
  ForbiddenResponseError,
  type ForbiddenResponseErrorData,
  InternalServerResponseError,
  type InternalServerResponseErrorData,
  OpenRouterDefaultError,
  ResponseTooLargeError,
  ResponseValidationError,
  UnauthorizedResponseError,
  type UnauthorizedResponseErrorData,
} from "./response-errors.js";
export type { SDKError } from "./sdk-error.js";
