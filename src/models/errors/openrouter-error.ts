import type { ErrorResponse } from "../operations/error-response.js";

/**
 * Base class of every error that comes from an HTTP response: a non-2xx status, or a 2xx whose body
 * could not be used. Only `statusCode` is enumerable: logging an error (`util.inspect`, `console.log`,
 * `JSON.stringify`) never dumps bodies or headers, which could carry secrets.
 *
 * @example
 * if (error instanceof OpenRouterError) console.error(error.statusCode, error.message, error.body);
 */
export class OpenRouterError<Data = ErrorResponse | undefined> extends Error {
  override name = "OpenRouterError";
  /** The HTTP status code. */
  readonly statusCode: number;
  /** The raw response body, as text (may be empty). */
  declare readonly body: string;
  /** The response headers. */
  declare readonly headers: Headers;
  /** The response itself; its body has already been read into {@link body}. */
  declare readonly rawResponse: Response;
  /** The parsed error body, when the server sent OpenRouter's documented error shape. */
  declare readonly data$: Data;

  constructor(message: string, response: Response, body: string, data$?: Data) {
    super(message);
    this.statusCode = response.status;
    Object.defineProperties(this, {
      body: { value: body },
      headers: { value: response.headers },
      rawResponse: { value: response },
      data$: { value: data$ },
    });
  }
}
