import type { paths } from "../../generated/openrouter-oauth.js";
import type { OpenRouterCore } from "../core.js";
import { HTTPClientError, SDKValidationError, UnexpectedClientError } from "../models/errors/client-errors.js";
import { OpenRouterError } from "../models/errors/openrouter-error.js";
import {
  BadRequestResponseError,
  ConflictResponseError,
  ForbiddenResponseError,
  InternalServerResponseError,
  OpenRouterDefaultError,
  ResponseValidationError,
  UnauthorizedResponseError,
} from "../models/errors/response-errors.js";
import type { SDKError } from "../models/errors/sdk-error.js";
import type { AppHeaders } from "../models/operations/app-headers.js";
import type { ErrorResponse } from "../models/operations/error-response.js";
import { errorResponseWire } from "../schemas/error-response.js";
import { resolveCallConfig, resolveClientOptions } from "./call-config.js";
import { renameKeys, toCamelKey, toSnakeKey } from "./casing.js";
import type { SDKOptions } from "./config.js";
import { err, ok, type Result } from "./result.js";
import { clientOptionsOf, type RequestOptions } from "./sdks.js";
import { type CallScope, openScope, sendWithRetries } from "./transport.js";
import { SDK_VERSION } from "./version.js";
import * as z from "./zod.js";

/** The one part that differs between operations; everything else is the shared pipeline below. */
export interface Operation<P extends keyof paths = keyof paths> {
  /** The path under the server URL; its generated types type the wire body and response. */
  readonly path: P;
  /** Validates the caller's request (camelCase); its body, snake_cased, is the spec's (test/types holds them to it). */
  readonly request: z.Schema<{ requestBody: object } & AppHeaders>;
  /** Validates the 2xx body on the wire (snake_case), leniently, into the spec's. */
  readonly response: z.Schema<unknown>;
  /** Rules across fields that the schema cannot state: throws {@link SDKValidationError} naming the field. */
  readonly checkRequest?: (input: { requestBody: object }) => void;
  /** Filled in (camelCase) where the server left a field out (e.g. a missing nullable `userId` becomes null). */
  readonly defaults?: Readonly<Record<string, unknown>>;
  /** Appended to a 403's message when an earlier attempt failed: the exchange's codes are single-use. */
  readonly retriedForbiddenNote?: string;
}

/**
 * Runs one operation: validate the input, build the request, send it with retries and a time
 * limit, then map the outcome to a typed value or error. Never throws, never rejects.
 */
export async function callOperation<Output>(
  client: OpenRouterCore,
  operation: Operation,
  request: unknown,
  options?: RequestOptions,
): Promise<Result<Output, SDKError>> {
  let scope: CallScope | undefined;
  try {
    const clientOptions = resolveClientOptions(clientOptionsOf(client));
    const input = z.validateInput(operation.request, request);
    operation.checkRequest?.(input);
    const config = resolveCallConfig(clientOptions, options);
    // Fetch options may also come flattened into the call's options (over `fetchOptions`), as
    // `@openrouter/sdk` takes them; the SDK's own options among them are no fetch option, so fetch ignores them.
    const fetchOptions = { ...options?.fetchOptions, ...options };
    scope = openScope(config.timeoutMs, options?.signal, options?.fetchOptions?.signal);
    const source = clientOptions.apiKey;
    let apiKey: unknown;
    try {
      apiKey = typeof source === "function" ? await scope.race(Promise.resolve(source())) : source;
    } catch (error) {
      throw scope.error ?? new UnexpectedClientError("The apiKey function failed", { cause: error });
    }
    if (apiKey !== undefined && typeof apiKey !== "string") {
      throw new SDKValidationError("apiKey", "must be a string or a function that returns one");
    }
    const { response, text, attempts } = await sendWithRetries(config, scope, config.baseUrl + operation.path, {
      // Its signal is followed by the scope (each attempt gets one of its own); its headers are merged.
      ...fetchOptions,
      method: "POST",
      // A flattened `headers: undefined` (say, an optional variable) leaves fetchOptions' headers in place.
      headers: buildHeaders(clientOptions, input, apiKey, options?.headers ?? options?.fetchOptions?.headers),
      body: JSON.stringify(renameKeys(input.requestBody, toSnakeKey)),
      // Never a redirect, whatever fetchOptions say: a 307/308 would resend the code and verifier, or the
      // API key, to wherever it points, and its answer would pass for the user's key.
      redirect: "manual",
    });
    // A custom fetch may follow a redirect itself: its answer is refused all the same.
    if (!response.ok || response.redirected) {
      return err(
        errorFromResponse(
          response,
          text,
          response.status === 403 && attempts > 1 ? operation.retriedForbiddenNote : "",
        ),
      );
    }
    let json: unknown = text;
    try {
      json = JSON.parse(text);
    } catch {
      throw new ResponseValidationError(`The ${response.status} response body is not JSON`, {
        response,
        body: text,
        rawValue: text,
      });
    }
    // Checked on the wire's snake_case, then camelCased.
    const parsed = z.parse(operation.response, json, toCamelKey);
    if (parsed.issue) {
      const where = parsed.issue.path?.join(".") || "body";
      throw new ResponseValidationError(`The ${response.status} response does not match the API at ${where}`, {
        response,
        body: text,
        rawValue: json,
      });
    }
    const value = parsed.data as Record<string, unknown>;
    for (const key in operation.defaults) value[key] ??= operation.defaults[key];
    return ok(value as Output);
  } catch (error) {
    if (error instanceof OpenRouterError) return err(error);
    if (scope?.error) return err(scope.error);
    return err(
      error instanceof HTTPClientError || error instanceof SDKValidationError
        ? (error as SDKError)
        : new UnexpectedClientError("Unexpected error in the SDK", { cause: error }),
    );
  } finally {
    scope?.dispose();
  }
}

// The request headers.

// Browsers forbid setting User-Agent (and Firefox would make it a CORS preflight header).
const defaultUserAgent = "document" in globalThis ? undefined : `openrouter-oauth/${SDK_VERSION}`;

// What a Headers object accepts as a value: HTTP whitespace at the ends (it trims that), and between them
// no NUL or line break, and only Latin-1 (a ByteString).
const validValue = /^[\t\n\r ]*[^\0\r\n\u0100-\uffff]*[\t\n\r ]*$/;

/** Sets `name` unless it is set already (the caller's own headers win) or `value` is empty. */
function put(headers: Record<string, string>, name: string, value: string | undefined, field: string): void {
  if (!value || Object.hasOwn(headers, name)) return;
  if (!validValue.test(value)) {
    throw new SDKValidationError(field, "is not a valid HTTP header value (no line breaks, only Latin-1)");
  }
  headers[name] = value;
}

/**
 * The request headers: the app headers (the request's over the client's), User-Agent, the bearer
 * key when there is one, then the caller's `fetchOptions.headers` over all of them, as a plain object
 * with lower-case names.
 */
export function buildHeaders(
  client: Readonly<SDKOptions>,
  request: AppHeaders,
  apiKey: string | undefined,
  extra: HeadersInit | undefined,
): Record<string, string> {
  const headers: Record<string, string> = {};
  if (extra) for (const [name, value] of new Headers(extra)) headers[name] = value;
  put(headers, "accept", "application/json", "accept");
  put(headers, "content-type", "application/json", "contentType");
  put(headers, "user-agent", client.userAgent ?? defaultUserAgent, "userAgent");
  put(headers, "http-referer", request.httpReferer ?? client.httpReferer, "httpReferer");
  put(headers, "x-openrouter-title", request.appTitle ?? client.appTitle, "appTitle");
  put(headers, "x-openrouter-categories", request.appCategories ?? client.appCategories, "appCategories");
  put(headers, "authorization", apiKey && `Bearer ${apiKey}`, "apiKey");
  return headers;
}

// A non-2xx response as a typed error.

// The five share one constructor: `typeof BadRequestResponseError` types them all.
const classByStatus: Record<number, typeof BadRequestResponseError> = {
  400: BadRequestResponseError,
  401: UnauthorizedResponseError,
  403: ForbiddenResponseError,
  409: ConflictResponseError,
  500: InternalServerResponseError,
};

/** Parses OpenRouter's JSON error body; undefined for anything else (HTML, empty, other JSON). */
export function parseErrorBody(text: string): ErrorResponse | undefined {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  const parsed = z.parse(errorResponseWire, json);
  if (parsed.issue) return undefined;
  const { error, user_id, openrouter_metadata } = parsed.data;
  // `metadata` is free-form server data: its keys stay as the server sent them.
  return {
    error: { ...error, code: Number(error.code) },
    userId: user_id ?? null,
    openrouterMetadata: openrouter_metadata ?? null,
  };
}

/**
 * The typed error of a non-2xx response: the status's own class when the body is OpenRouter's error
 * shape, else {@link OpenRouterDefaultError}, as is any redirect. The message is the server's, verbatim, plus `note`.
 */
export function errorFromResponse(response: Response, body: string, note = ""): OpenRouterError {
  const httpMeta = { response, body };
  if (response.redirected || response.type === "opaqueredirect" || (response.status > 299 && response.status < 400)) {
    return new OpenRouterDefaultError(`HTTP ${response.status}: a redirect, not followed${note}`, httpMeta);
  }
  const data = parseErrorBody(body);
  const ErrorClass = data && classByStatus[response.status];
  if (ErrorClass) return new ErrorClass(data, httpMeta, note);
  const message =
    data?.error.message ??
    `HTTP ${response.status} with ${body ? `a ${response.headers.get("content-type")?.split(";")[0] ?? "untyped"} body that is not OpenRouter's JSON error` : "an empty body"}`;
  return new OpenRouterDefaultError(message + note, httpMeta, data);
}
