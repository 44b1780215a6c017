import type { Client } from "openapi-fetch";
import type * as z from "zod/mini";
import type { paths } from "../../generated/openrouter-oauth.js";
import { coreState, type OpenRouterCore } from "../core.js";
import {
  ConnectionError,
  RequestAbortedError,
  RequestTimeoutError,
  SDKValidationError,
  UnexpectedClientError,
} from "../models/errors/client-errors.js";
import { OpenRouterError } from "../models/errors/openrouter-error.js";
import { ResponseValidationError } from "../models/errors/response-errors.js";
import type { AppHeaders } from "../models/operations/app-headers.js";
import { resolveCallConfig } from "./call-config.js";
import { CallScope } from "./call-scope.js";
import { renameKeys, toCamelKey, toSnakeKey } from "./casing.js";
import { errorFromResponse } from "./error-from-response.js";
import { buildHeaders } from "./headers.js";
import type { RequestOptions } from "./options.js";
import { err, ok, type Result } from "./result.js";
import { type Exchange, retryingFetch } from "./retrying-fetch.js";
import { validateInput } from "./validate-input.js";

/** What openapi-fetch gets for one call besides the body. */
export interface SendInit extends Omit<RequestInit, "method" | "body" | "headers" | "signal"> {
  baseUrl: string;
  headers: Headers;
  fetch: (request: Request) => Promise<Response>;
  parseAs: "stream";
  bodySerializer: (body: unknown) => string;
}

/** The one part that differs between operations; everything else is the shared pipeline below. */
export interface Operation {
  /** Validates the caller's request (camelCase). */
  readonly request: z.ZodMiniType<{ requestBody: object } & AppHeaders>;
  /** Validates the 2xx body on the wire (snake_case), leniently. */
  readonly response: z.ZodMiniType;
  /** Sends the wire body with openapi-fetch on the operation's typed path. */
  send(http: Client<paths>, body: never, init: SendInit): Promise<unknown>;
  /** Appended to a 403's message when an earlier attempt failed: the exchange's codes are single-use. */
  readonly retriedForbiddenNote?: string;
}

/** Every error a call can end with. */
export type SDKError =
  | OpenRouterError<unknown>
  | SDKValidationError
  | ConnectionError
  | RequestTimeoutError
  | RequestAbortedError
  | UnexpectedClientError;

const isLoopback = (hostname: string): boolean =>
  hostname === "localhost" || hostname === "[::1]" || /^127\.\d+\.\d+\.\d+$/.test(hostname);

/**
 * Runs one operation: validate the input, build the request, send it through openapi-fetch with
 * retries and a time limit, then map the outcome to a typed value or error. Never throws or rejects.
 */
export async function callOperation<Output>(
  client: OpenRouterCore,
  operation: Operation,
  request: unknown,
  options?: RequestOptions,
): Promise<Result<Output, SDKError>> {
  let scope: CallScope | undefined;
  try {
    const { options: clientOptions, http } = coreState(client);
    const input = validateInput(operation.request, request);
    const config = resolveCallConfig(clientOptions, options);
    const { signal, headers, ...fetchInit } = options?.fetchOptions ?? {};
    scope = new CallScope([options?.signal, signal], config.timeoutMs);
    const source = clientOptions.apiKey;
    let apiKey: unknown;
    try {
      apiKey = await scope.race(Promise.resolve(typeof source === "function" ? source() : source));
    } catch (error) {
      throw scope.error ?? new UnexpectedClientError("The apiKey function failed", { cause: error });
    }
    if (apiKey !== undefined && typeof apiKey !== "string") {
      throw new SDKValidationError("apiKey", "must be a string or a function that returns one");
    }
    const { protocol, hostname } = new URL(config.baseUrl);
    if (apiKey && protocol === "http:" && !isLoopback(hostname)) {
      throw new SDKValidationError("serverURL", "must be https: the API key is never sent over plain http except to loopback");
    }
    let serialized: string | undefined;
    let exchange: Exchange | undefined;
    await operation.send(http, renameKeys(input.requestBody, toSnakeKey) as never, {
      ...fetchInit,
      baseUrl: config.baseUrl,
      headers: buildHeaders(clientOptions, input, apiKey, headers),
      fetch: retryingFetch(config, scope, () => serialized, (last) => (exchange = last)),
      parseAs: "stream",
      bodySerializer: (body) => (serialized = JSON.stringify(body)),
    });
    const { response, text, attempts } = exchange!;
    if (!response.ok) {
      return err(errorFromResponse(response, text, response.status === 403 && attempts > 1 ? operation.retriedForbiddenNote : ""));
    }
    let json: unknown = text;
    try {
      json = JSON.parse(text);
    } catch {
      throw new ResponseValidationError(`The ${response.status} response body is not JSON`, response, text, text);
    }
    const parsed = operation.response.safeParse(json);
    if (!parsed.success) {
      const where = parsed.error.issues[0]!.path.join(".") || "body";
      throw new ResponseValidationError(`The ${response.status} response does not match the API at ${where}`, response, text, json);
    }
    return ok(renameKeys(parsed.data, toCamelKey) as Output);
  } catch (error) {
    if (error instanceof OpenRouterError) return err(error);
    if (scope?.error) return err(scope.error);
    const known = [SDKValidationError, ConnectionError, RequestTimeoutError, RequestAbortedError, UnexpectedClientError];
    return err(known.some((type) => error instanceof type) ? (error as SDKError) : new UnexpectedClientError("Unexpected error in the SDK", { cause: error }));
  } finally {
    scope?.dispose();
  }
}
