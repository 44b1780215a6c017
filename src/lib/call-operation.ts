import type { paths } from "../../generated/openrouter-oauth.js";
import type { OpenRouterCore } from "../core.js";
import { HTTPClientError, SDKValidationError, UnexpectedClientError } from "../models/errors/client-errors.js";
import { OpenRouterError } from "../models/errors/openrouter-error.js";
import { ResponseValidationError } from "../models/errors/response-errors.js";
import type { SDKError } from "../models/errors/sdk-error.js";
import type { AppHeaders } from "../models/operations/app-headers.js";
import { resolveCallConfig, resolveClientOptions } from "./call-config.js";
import { type CallScope, openScope } from "./call-scope.js";
import { renameKeys, toCamelKey, toSnakeKey } from "./casing.js";
import { errorFromResponse } from "./error-from-response.js";
import { buildHeaders } from "./headers.js";
import { err, ok, type Result } from "./result.js";
import { sendWithRetries } from "./retrying-fetch.js";
import { clientOptionsOf, type RequestOptions } from "./sdks.js";
import { validateInput } from "./validate-input.js";
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
    const input = validateInput(operation.request, request);
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
      headers: buildHeaders(clientOptions, input, apiKey, fetchOptions.headers),
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
