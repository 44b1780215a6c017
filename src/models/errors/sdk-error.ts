import type {
  ConnectionError,
  InvalidRequestError,
  RequestAbortedError,
  RequestTimeoutError,
  SDKValidationError,
  UnexpectedClientError,
} from "./client-errors.js";
import type { OpenRouterError } from "./openrouter-error.js";

/** Every error a call can end with: an HTTP response error or a client-side one. */
export type SDKError =
  | OpenRouterError<unknown>
  | SDKValidationError
  | ConnectionError
  | InvalidRequestError
  | RequestTimeoutError
  | RequestAbortedError
  | UnexpectedClientError;
