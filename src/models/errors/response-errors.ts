import type { ErrorResponse } from "../operations/error-response.js";
import { hideFields } from "./hidden-fields.js";
import { OpenRouterError } from "./openrouter-error.js";

/** 400: the request was malformed, e.g. `Invalid code_challenge_method`. */
export class BadRequestResponseError extends OpenRouterError<ErrorResponse> {
  /** Always `"BadRequestResponseError"`, also in minified code (unlike `constructor.name`). */
  override name = "BadRequestResponseError";
}

/** 401: the API key is missing or invalid. */
export class UnauthorizedResponseError extends OpenRouterError<ErrorResponse> {
  /** Always `"UnauthorizedResponseError"`, also in minified code (unlike `constructor.name`). */
  override name = "UnauthorizedResponseError";
}

/** Why the exchange was refused, when the server said so. */
export type ForbiddenReason = "invalid_code" | "expired_code";

/**
 * 403. On the exchange: the code or verifier was wrong, the code was already used, or it expired;
 * {@link reason} tells which when the server's message does.
 */
export class ForbiddenResponseError extends OpenRouterError<ErrorResponse> {
  /** Always `"ForbiddenResponseError"`, also in minified code (unlike `constructor.name`). */
  override name = "ForbiddenResponseError";

  /** `"expired_code"` or `"invalid_code"` when the server's message says which; otherwise undefined. */
  get reason(): ForbiddenReason | undefined {
    const message = this.data$.error.message;
    return /expired/i.test(message) ? "expired_code" : /invalid code/i.test(message) ? "invalid_code" : undefined;
  }
}

/** 409: the request conflicts with the current state. */
export class ConflictResponseError extends OpenRouterError<ErrorResponse> {
  /** Always `"ConflictResponseError"`, also in minified code (unlike `constructor.name`). */
  override name = "ConflictResponseError";
}

/** 500: the server failed. */
export class InternalServerResponseError extends OpenRouterError<ErrorResponse> {
  /** Always `"InternalServerResponseError"`, also in minified code (unlike `constructor.name`). */
  override name = "InternalServerResponseError";
}

/**
 * Any other 4XX/5XX status, or an error body that is not OpenRouter's JSON error shape (an HTML page
 * from a proxy, an empty body): then `data$` is undefined and the raw text is in `body`.
 */
export class OpenRouterDefaultError extends OpenRouterError {
  /** Always `"OpenRouterDefaultError"`, also in minified code (unlike `constructor.name`). */
  override name = "OpenRouterDefaultError";
}

/** A 2xx response whose body is not what the API documents. */
export class ResponseValidationError extends OpenRouterError<undefined> {
  /** Always `"ResponseValidationError"`, also in minified code (unlike `constructor.name`). */
  override name = "ResponseValidationError";
  /** The body as parsed JSON, or its text when it was not JSON. Left out of printed views: it may hold the key. */
  declare readonly rawValue: unknown;

  constructor(message: string, response: Response, body: string, rawValue: unknown) {
    super(message, response, body);
    hideFields(this, { rawValue });
  }
}

/** A response body larger than the client's `maxResponseBytes`; reading stopped at the limit. */
export class ResponseTooLargeError extends OpenRouterError<undefined> {
  /** Always `"ResponseTooLargeError"`, also in minified code (unlike `constructor.name`). */
  override name = "ResponseTooLargeError";
}
