// Errors raised on this side of the wire, before or instead of a usable response.
import { hideFields, readsHiddenFields } from "./hidden-fields.js";

/**
 * The input or an option failed validation; nothing was sent. Names the field and the reason.
 *
 * Takes the arguments `@openrouter/sdk`'s constructor takes (message, cause, raw value), read as field,
 * reason and the refused value.
 */
export class SDKValidationError extends Error {
  /** Always `"SDKValidationError"`. */
  override name = "SDKValidationError";
  /** Why it was rejected, e.g. `is required`. */
  readonly reason: string;
  /** The input that was refused (a request: all of it, as `@openrouter/sdk` gives it). Left out of printed views: it may hold a code or a key. */
  declare readonly rawValue: unknown;

  static {
    readsHiddenFields(SDKValidationError);
  }

  /**
   * @param field Dotted path of the offending field, e.g. `requestBody.callbackUrl` or `options.timeoutMs`.
   * @param reason Why it was rejected, e.g. `is required`.
   * @param rawValue The input that was refused.
   */
  constructor(
    readonly field: string,
    reason: unknown,
    rawValue?: unknown,
  ) {
    super(`Invalid ${field}: ${reason}`);
    this.reason = String(reason);
    hideFields(this, { rawValue });
  }

  /** The message without the reason: `Invalid <field>`. */
  get rawMessage(): string {
    return `Invalid ${this.field}`;
  }

  /** The error in one line: the message already names the field and the reason. */
  pretty(): string {
    return String(this);
  }
}

/**
 * Base class of the errors raised when a request could not be made or completed on this side: the
 * connection failed, the call timed out or was aborted, the request was invalid, or something
 * unexpected failed. Its `cause` can be read in code but never shows in a printed view of the error
 * (`console.log`, `util.inspect` with any option, JSON): a cause thrown by your own `fetch`, hook or
 * `apiKey` function may carry the request and its API key.
 */
export class HTTPClientError extends Error {
  /** Always `"HTTPClientError"`. */
  override name = "HTTPClientError";
  /** What failed underneath, when anything did: read it in code; it is left out of every printed view. */
  declare readonly cause: unknown;

  static {
    readsHiddenFields(HTTPClientError);
  }

  constructor(message: string, options?: { cause?: unknown }) {
    super(message);
    if (options && "cause" in options) hideFields(this, { cause: options.cause });
  }
}

/** The request could not be sent or its response not received (refused, reset, DNS, TLS). */
export class ConnectionError extends HTTPClientError {
  /** Always `"ConnectionError"`. */
  override readonly name = "ConnectionError";
}

/** The call's `timeoutMs` ran out (it covers every attempt and backoff wait). */
export class RequestTimeoutError extends HTTPClientError {
  /** Always `"RequestTimeoutError"`. */
  override readonly name = "RequestTimeoutError";
}

/** The caller's `signal` aborted the call. */
export class RequestAbortedError extends HTTPClientError {
  /** Always `"RequestAbortedError"`. */
  override readonly name = "RequestAbortedError";
}

/**
 * The request could not be built from what it was given (an invalid `fetchOptions` value, such as
 * `mode: "bogus"`): fetch refused it before anything was sent. Not retried: it would fail the same way.
 */
export class InvalidRequestError extends HTTPClientError {
  /** Always `"InvalidRequestError"`. */
  override name = "InvalidRequestError";
}

/** A failure on the client that is none of the above, e.g. an `apiKey` function that threw. */
export class UnexpectedClientError extends HTTPClientError {
  /** Always `"UnexpectedClientError"`. */
  override name = "UnexpectedClientError";
}
