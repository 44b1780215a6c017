// Errors raised on this side of the wire, before or instead of a usable response.

/** The input or an option failed validation; nothing was sent. Names the field and the reason. */
export class SDKValidationError extends Error {
  /** Always `"SDKValidationError"`, also in minified code (unlike `constructor.name`). */
  override name = "SDKValidationError";

  /**
   * @param field Dotted path of the offending field, e.g. `requestBody.callbackUrl` or `options.timeoutMs`.
   * @param reason Why it was rejected, e.g. `is required`.
   */
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`Invalid ${field}: ${reason}`);
  }
}

/** The request could not be sent or its response not received (refused, reset, DNS, TLS). */
export class ConnectionError extends Error {
  /** Always `"ConnectionError"`, also in minified code (unlike `constructor.name`). */
  override name = "ConnectionError";
}

/** The call's `timeoutMs` ran out (it covers every attempt and backoff wait). */
export class RequestTimeoutError extends Error {
  /** Always `"RequestTimeoutError"`, also in minified code (unlike `constructor.name`). */
  override name = "RequestTimeoutError";
}

/** The caller's `signal` aborted the call. */
export class RequestAbortedError extends Error {
  /** Always `"RequestAbortedError"`, also in minified code (unlike `constructor.name`). */
  override name = "RequestAbortedError";
}

/** A failure on the client that is none of the above, e.g. an `apiKey` function that threw. */
export class UnexpectedClientError extends Error {
  /** Always `"UnexpectedClientError"`, also in minified code (unlike `constructor.name`). */
  override name = "UnexpectedClientError";
}
