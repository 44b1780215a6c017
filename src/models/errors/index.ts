/**
 * Every error class the SDK throws or returns, for `instanceof` checks (also exported from the root).
 * Two bases: {@link OpenRouterError} for what came back in a response, {@link HTTPClientError} for what
 * failed on this side (plus {@link SDKValidationError}, for input refused before anything was sent).
 *
 * Each class sets its `name` to a string literal rather than relying on `constructor.name`, which a
 * minifier renames: `error.name` reads the same in every bundle.
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
