import type { ErrorResponse } from "../operations/error-response.js";
import { hideFields, readsHiddenFields } from "./hidden-fields.js";

/** The response an error came from, as `@openrouter/sdk`'s error constructors take it. */
export interface HttpMeta {
  /** The response; its body has been read. */
  response: Response;
  /** The response body, as text. */
  body: string;
  /** The request, if at hand: accepted for compatibility, not kept. */
  request?: Request | undefined;
}

/**
 * Base class of every error that comes from an HTTP response: a non-2xx status, or a 2xx whose body
 * could not be used. Only `statusCode` is an own property: the body, the headers, the response and
 * what was parsed from them can be read in code but never show in a printed view of the error
 * (`console.log`, `util.inspect` with any option, `JSON.stringify`, a spread), as they may hold a code
 * or a key.
 *
 * @example
 * if (error instanceof OpenRouterError) console.error(error.statusCode, error.message, error.body);
 */
export class OpenRouterError<Data = ErrorResponse | undefined> extends Error {
  /** Always `"OpenRouterError"`. */
  override name = "OpenRouterError";
  /** The HTTP status code. */
  readonly statusCode: number;
  /** The response's `Content-Type`, or `""`. */
  readonly contentType: string;
  /** The raw response body, as text (may be empty). */
  declare readonly body: string;
  /** The response headers. */
  declare readonly headers: Headers;
  /** The response itself; its body has already been read into {@link body}. */
  declare readonly rawResponse: Response;
  /** The parsed error body, when the server sent OpenRouter's documented error shape. */
  declare readonly data$: Data;

  static {
    readsHiddenFields(OpenRouterError);
  }

  /**
   * @param httpMeta The response, its body as text, and (unused here) the request, as `@openrouter/sdk` takes them.
   * @param data$ What was parsed from the body.
   */
  constructor(message: string, httpMeta: HttpMeta, data$?: Data) {
    super(message);
    const { response, body } = httpMeta;
    this.statusCode = response.status;
    this.contentType = response.headers.get("content-type") ?? "";
    hideFields(this, { body, headers: response.headers, rawResponse: response, data$ });
  }
}
