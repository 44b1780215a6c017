import type { ErrorResponse, ErrorResponseErrorData } from "../operations/error-response.js";
import { hideFields } from "./hidden-fields.js";
import { type HttpMeta, OpenRouterError } from "./openrouter-error.js";

/**
 * The common part of the errors whose body is OpenRouter's JSON error shape: its fields, under the names
 * `@openrouter/sdk` gives them. Like the body, they can be read in code and never show in a printed view.
 */
export abstract class ErrorResponseError extends OpenRouterError<ErrorResponse> {
  /** The `error` of the body: the status `code`, the `message` (also the error's own), and any `metadata`. */
  declare readonly error: ErrorResponseErrorData;
  /** The body's `openrouter_metadata`, when the server sent any. */
  declare readonly openrouterMetadata?: { [k: string]: unknown } | null | undefined;
  /** The body's `user_id`, when the server sent one. */
  declare readonly userId?: string | null | undefined;

  /**
   * @param err The parsed body (camelCase), as `@openrouter/sdk`'s constructors take it.
   * @param note Appended to the server's message.
   */
  constructor(err: ErrorResponse, httpMeta: HttpMeta, note = "") {
    super(err.error.message + note, httpMeta, err);
    hideFields(this, { error: err.error, openrouterMetadata: err.openrouterMetadata, userId: err.userId });
  }
}

/** The body of a {@link BadRequestResponseError}, under `@openrouter/sdk`'s name. */
export type BadRequestResponseErrorData = ErrorResponse;
/** 400: the request was malformed, e.g. `Invalid code_challenge_method`. */
export class BadRequestResponseError extends ErrorResponseError {
  /** Always `"BadRequestResponseError"`. */
  override name = "BadRequestResponseError";
}

/** The body of an {@link UnauthorizedResponseError}, under `@openrouter/sdk`'s name. */
export type UnauthorizedResponseErrorData = ErrorResponse;
/** 401: the API key is missing or invalid. */
export class UnauthorizedResponseError extends ErrorResponseError {
  /** Always `"UnauthorizedResponseError"`. */
  override name = "UnauthorizedResponseError";
}

/** Why the exchange was refused, when the server said so. */
export type ForbiddenReason = "invalid_code" | "expired_code";

/** The body of a {@link ForbiddenResponseError}, under `@openrouter/sdk`'s name. */
export type ForbiddenResponseErrorData = ErrorResponse;
/**
 * 403. On the exchange: the code or verifier was wrong, the code was already used, or it expired;
 * {@link reason} tells which when the server's message does.
 */
export class ForbiddenResponseError extends ErrorResponseError {
  /** Always `"ForbiddenResponseError"`. */
  override name = "ForbiddenResponseError";

  /** `"expired_code"` or `"invalid_code"` when the server's message says which; otherwise undefined. */
  get reason(): ForbiddenReason | undefined {
    const message = this.error.message;
    return /expired/i.test(message) ? "expired_code" : /invalid code/i.test(message) ? "invalid_code" : undefined;
  }
}

/** The body of a {@link ConflictResponseError}, under `@openrouter/sdk`'s name. */
export type ConflictResponseErrorData = ErrorResponse;
/** 409: the request conflicts with the current state. */
export class ConflictResponseError extends ErrorResponseError {
  /** Always `"ConflictResponseError"`. */
  override name = "ConflictResponseError";
}

/** The body of an {@link InternalServerResponseError}, under `@openrouter/sdk`'s name. */
export type InternalServerResponseErrorData = ErrorResponse;
/** 500: the server failed. */
export class InternalServerResponseError extends ErrorResponseError {
  /** Always `"InternalServerResponseError"`. */
  override name = "InternalServerResponseError";
}

/**
 * Any other 4XX/5XX status, or an error body that is not OpenRouter's JSON error shape (an HTML page
 * from a proxy, an empty body): then `data$` is undefined and the raw text is in `body`.
 */
export class OpenRouterDefaultError extends OpenRouterError {
  /** Always `"OpenRouterDefaultError"`. */
  override name = "OpenRouterDefaultError";
}

/** A 2xx response whose body is not what the API documents. */
export class ResponseValidationError extends OpenRouterError<undefined> {
  /** Always `"ResponseValidationError"`. */
  override name = "ResponseValidationError";
  /** The body as parsed JSON, or its text when it was not JSON. Left out of printed views: it may hold the key. */
  declare readonly rawValue: unknown;
  /** What failed, without the detail `@openrouter/sdk` appends: here, the same as `message`. */
  readonly rawMessage: unknown;

  /** @param extra The response, its body, and the value that failed (`cause` is accepted and not kept). */
  constructor(message: string, extra: HttpMeta & { rawValue: unknown; rawMessage?: unknown; cause?: unknown }) {
    super(message, extra);
    this.rawMessage = extra.rawMessage ?? message;
    hideFields(this, { rawValue: extra.rawValue });
  }

  /** The error in one line: this SDK's messages already say where the body differs from the API. */
  pretty(): string {
    return String(this);
  }
}

/** A response body larger than the client's `maxResponseBytes`; reading stopped at the limit. */
export class ResponseTooLargeError extends OpenRouterError<undefined> {
  /** Always `"ResponseTooLargeError"`. */
  override name = "ResponseTooLargeError";
}
