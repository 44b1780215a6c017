import type { ErrorResponse } from "../operations/error-response.js";
import { OpenRouterError, type HTTPErrorInit } from "./openrouter-error.js";

type ServerErrorInit = HTTPErrorInit<ErrorResponse>;

/** 400: the request was malformed, e.g. `Invalid code_challenge_method`. */
export class BadRequestResponseError extends OpenRouterError<ErrorResponse> {
  constructor(init: ServerErrorInit) {
    super(init);
  }
}

/** 401: the API key is missing or invalid. */
export class UnauthorizedResponseError extends OpenRouterError<ErrorResponse> {
  constructor(init: ServerErrorInit) {
    super(init);
  }
}

/** Why the exchange was refused, when the server said so. */
export type ForbiddenReason = "invalid_code" | "expired_code";

/**
 * 403. On the exchange it means the code or verifier was wrong, the code was already used, or it
 * expired; {@link reason} says which when the server's message tells.
 */
export class ForbiddenResponseError extends OpenRouterError<ErrorResponse> {
  /** `"expired_code"` or `"invalid_code"` when the server's message says which; otherwise undefined. */
  readonly reason: ForbiddenReason | undefined;

  constructor(init: ServerErrorInit) {
    super(init);
    const message = init.data$?.error.message ?? "";
    this.reason = /expired/i.test(message)
      ? "expired_code"
      : /invalid code/i.test(message)
        ? "invalid_code"
        : undefined;
  }
}

/** 409: the request conflicts with the current state. */
export class ConflictResponseError extends OpenRouterError<ErrorResponse> {
  constructor(init: ServerErrorInit) {
    super(init);
  }
}

/** 500: the server failed. */
export class InternalServerResponseError extends OpenRouterError<ErrorResponse> {
  constructor(init: ServerErrorInit) {
    super(init);
  }
}

/**
 * Any other 4XX/5XX status, or an error body that is not OpenRouter's JSON error shape (an HTML page
 * from a proxy, an empty body). {@link OpenRouterError.data$} is then undefined; the raw text is in `body`.
 */
export class OpenRouterDefaultError extends OpenRouterError<ErrorResponse | undefined> {
  constructor(init: HTTPErrorInit<ErrorResponse | undefined>) {
    super(init);
  }
}

/** A 2xx response whose body is not what the API documents. The parsed value is in {@link rawValue}. */
export class ResponseValidationError extends OpenRouterError<undefined> {
  /** The body as parsed JSON, or the text when it was not JSON. Hidden from logs: it may hold the key. */
  declare readonly rawValue: unknown;

  constructor(init: HTTPErrorInit<undefined> & { rawValue: unknown }) {
    super(init);
    Object.defineProperty(this, "rawValue", { value: init.rawValue, enumerable: false });
  }
}

/** A response body larger than the client's `maxResponseBytes`; reading stopped at the limit. */
export class ResponseTooLargeError extends OpenRouterError<undefined> {
  constructor(init: HTTPErrorInit<undefined>) {
    super(init);
  }
}
