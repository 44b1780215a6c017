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
import type { AppHeaders } from "../models/operations/app-headers.js";
import { ResponseValidationError } from "../models/errors/response-errors.js";
import { resolveCallConfig } from "./call-config.js";
import { CallScope } from "./call-scope.js";
import { renameKeys, toCamelKey, toSnakeKey } from "./casing.js";
import { errorFromResponse } from "./error-from-response.js";
import { buildHeaders } from "./headers.js";
import type { RequestOptions } from "./options.js";
import { err, ok, type Result } from "./result.js";
import { Transport } from "./transport.js";
import { validateInput } from "./validate-input.js";

/** What openapi-fetch gets for one call, besides the body. */
export interface SendInit {
  baseUrl: string;
  headers: Headers;
  fetch: (request: Request) => Promise<Response>;
  parseAs: "stream";
  bodySerializer: (body: unknown) => string;
  [init: string]: unknown;
}

/** The one thing that differs between operations; everything else is the shared pipeline below. */
export interface Operation {
  /** Validates the caller's request (camelCase). */
  readonly request: z.ZodMiniType<{ requestBody: object } & AppHeaders, unknown>;
  /** Validates the 2xx body on the wire (snake_case), leniently. */
  readonly response: z.ZodMiniType<unknown, unknown>;
  /** Sends the wire body with openapi-fetch on the operation's typed path. */
  send(http: Client<paths>, body: never, init: SendInit): Promise<{ response: Response }>;
  /** Explains a 403 seen after a retry; the exchange's codes are single-use. */
  readonly retriedForbiddenNote?: string;
}

/** Every error a standalone function can return. */
export type SDKError =
  | OpenRouterError<unknown>
  | SDKValidationError
  | ConnectionError
  | RequestTimeoutError
  | RequestAbortedError
  | UnexpectedClientError;

const isSDKError = (error: unknown): error is SDKError =>
  error instanceof OpenRouterError ||
  error instanceof SDKValidationError ||
  error instanceof ConnectionError ||
  error instanceof RequestTimeoutError ||
  error instanceof RequestAbortedError ||
  error instanceof UnexpectedClientError;

async function resolveApiKey(source: unknown, scope: CallScope): Promise<string | undefined> {
  if (typeof source !== "function") return source === undefined || source === "" ? undefined : checkKey(source);
  let key: unknown;
  try {
    key = await scope.race(Promise.resolve((source as () => unknown)()));
  } catch (error) {
    if (isSDKError(error)) throw error;
    throw new UnexpectedClientError("The apiKey function failed", { cause: error });
  }
  return key === undefined || key === "" ? undefined : checkKey(key);
}

function checkKey(key: unknown): string {
  if (typeof key !== "string") throw new SDKValidationError("apiKey", "must be a string or a function returning one");
  if (/[\r\n]/.test(key)) throw new SDKValidationError("apiKey", "must not contain line breaks");
  return key;
}

const isLoopback = (hostname: string): boolean =>
  hostname === "localhost" || hostname === "[::1]" || /^127(\.\d{1,3}){3}$/.test(hostname);

/**
 * Runs one operation: validate input, build the request, send it through openapi-fetch with retries
 * and a time limit, map the outcome to a typed value or error. Never throws, never rejects.
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
    const { signal: fetchSignal, headers: extraHeaders, ...fetchInit } = options?.fetchOptions ?? {};
    scope = new CallScope([options?.signal, fetchSignal], config.timeoutMs);
    const apiKey = await resolveApiKey(clientOptions.apiKey, scope);
    if (apiKey !== undefined) {
      const url = new URL(config.baseUrl);
      if (url.protocol === "http:" && !isLoopback(url.hostname)) {
        throw new SDKValidationError("serverURL", "refusing to send the API key over plain http to a host that is not loopback");
      }
    }
    const headers = buildHeaders(clientOptions, input, apiKey, extraHeaders);
    let serialized: string | undefined;
    const transport = new Transport(config, scope, () => serialized);
    const body = renameKeys(input.requestBody, toSnakeKey);
    await operation.send(http, body as never, {
      ...fetchInit,
      baseUrl: config.baseUrl,
      headers,
      fetch: transport.fetch,
      parseAs: "stream",
      bodySerializer: (value) => (serialized = JSON.stringify(value)),
    });
    const exchange = transport.exchange;
    if (!exchange) throw new UnexpectedClientError("The request finished without a response");
    const { response, text, attempts } = exchange;
    if (!response.ok) {
      const note = response.status === 403 && attempts > 1 ? operation.retriedForbiddenNote : undefined;
      return err(errorFromResponse(response, text, note));
    }
    return ok(parseSuccess(operation, response, text) as Output);
  } catch (error) {
    if (scope?.aborted && !(error instanceof OpenRouterError)) return err(scope.error());
    return err(isSDKError(error) ? error : new UnexpectedClientError("Unexpected error in the SDK", { cause: error }));
  } finally {
    scope?.dispose();
  }
}

function parseSuccess(operation: Operation, response: Response, text: string): unknown {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ResponseValidationError({
      message: `The ${response.status} response body is not valid JSON`,
      response,
      body: text,
      rawValue: text,
    });
  }
  const parsed = operation.response.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ResponseValidationError({
      message: `The ${response.status} response does not match the API: ${issue?.path.join(".") || "body"} is ${issue?.code === "invalid_type" ? `not a ${issue.expected}` : "invalid"}`,
      response,
      body: text,
      rawValue: json,
    });
  }
  return renameKeys(parsed.data, toCamelKey);
}
