// Errors raised on this side of the wire, before or instead of a usable response.

/** The input failed validation before any request was sent. Names the field and the reason. */
export class SDKValidationError extends Error {
  /** Dotted path of the offending field, e.g. `requestBody.callbackUrl`. */
  readonly field: string;
  /** Why the field was rejected. */
  readonly reason: string;

  constructor(field: string, reason: string, options?: { cause?: unknown }) {
    super(`Invalid ${field}: ${reason}`, options);
    this.name = "SDKValidationError";
    this.field = field;
    this.reason = reason;
  }
}

/** The request could not be sent or its response not received (DNS, refused, reset, TLS). */
export class ConnectionError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "ConnectionError";
  }
}

/** The call's `timeoutMs` ran out (across all attempts and backoff sleeps). */
export class RequestTimeoutError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "RequestTimeoutError";
  }
}

/** The caller's `signal` aborted the call. */
export class RequestAbortedError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "RequestAbortedError";
  }
}

/** Something failed on the client that is none of the above, e.g. an `apiKey` function that threw. */
export class UnexpectedClientError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "UnexpectedClientError";
  }
}
