import type { ErrorResponse } from "../operations/error-response.js";

/**
 * Base class of every error that comes from an HTTP response: a non-2xx status, or a 2xx whose body
 * could not be used. Only `statusCode` is an own property: logging an error (`util.inspect`, `console.log`,
 * `JSON.stringify`) never dumps bodies or headers, which could carry secrets.
 *
 * @example
 * if (error instanceof OpenRouterError) console.error(error.statusCode, error.message, error.body);
 */
export class OpenRouterError<Data = ErrorResponse | undefined> extends Error {
  /** Always `"OpenRouterError"`, also in minified code (unlike `constructor.name`). */
  override name = "OpenRouterError";
  /** The HTTP status code. */
  readonly statusCode: number;
  // Kept in private fields behind getters: not even `util.inspect(error, { showHidden: true })` or a
  // spread shows them, as they may hold a code or a key.
  readonly #body: string;
  readonly #response: Response;
  readonly #data: Data;

  constructor(message: string, response: Response, body: string, data$?: Data) {
    super(message);
    this.statusCode = response.status;
    this.#body = body;
    this.#response = response;
    this.#data = data$ as Data;
  }

  /** The raw response body, as text (may be empty). */
  get body(): string {
    return this.#body;
  }

  /** The response headers. */
  get headers(): Headers {
    return this.#response.headers;
  }

  /** The response itself; its body has already been read into {@link body}. */
  get rawResponse(): Response {
    return this.#response;
  }

  /** The parsed error body, when the server sent OpenRouter's documented error shape. */
  get data$(): Data {
    return this.#data;
  }
}
