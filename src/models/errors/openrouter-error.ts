import type { ErrorResponse } from "../operations/error-response.js";

/** What every error made from an HTTP response carries. */
export interface HTTPErrorInit<Data = unknown> {
  readonly message: string;
  readonly response: Response;
  /** The raw response body, as text. */
  readonly body: string;
  readonly data$?: Data;
  readonly cause?: unknown;
}

const inspectSymbol = Symbol.for("nodejs.util.inspect.custom");

/**
 * Base class of every error that comes from an HTTP response: a non-2xx status, or a 2xx whose body
 * could not be used. Holds the status, the raw body text, the headers and the response itself.
 *
 * @example
 * if (error instanceof OpenRouterError) console.error(error.statusCode, error.message);
 */
export class OpenRouterError<Data = ErrorResponse | undefined> extends Error {
  /** The HTTP status code. */
  declare readonly statusCode: number;
  /** The raw response body, as text (may be empty). */
  declare readonly body: string;
  /** The response headers. */
  declare readonly headers: Headers;
  /** The response itself; its body has already been read into {@link body}. */
  declare readonly rawResponse: Response;
  /** The parsed error body, when the server sent the documented error shape. */
  declare readonly data$: Data;

  constructor(init: HTTPErrorInit<Data>) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = new.target.name;
    // Everything but the status is non-enumerable: logging an error (util.inspect, JSON.stringify,
    // console.log) shows a summary and never dumps bodies or headers that could carry secrets.
    Object.defineProperty(this, "statusCode", { value: init.response.status, enumerable: true });
    hide(this, "body", init.body);
    hide(this, "headers", init.response.headers);
    hide(this, "rawResponse", init.response);
    hide(this, "data$", init.data$ as Data);
  }

  /** JSON form for logs: name, message and status only. */
  toJSON(): { name: string; message: string; statusCode: number } {
    return { name: this.name, message: this.message, statusCode: this.statusCode };
  }

  [inspectSymbol](): string {
    return `${this.stack ?? `${this.name}: ${this.message}`}\n  { statusCode: ${this.statusCode} }`;
  }
}

/** Defines a read-only property that `util.inspect`, `JSON.stringify` and spreading do not show. */
export function hide(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: false, writable: false, configurable: true });
}
