import type { OpenRouterError } from "../models/errors/openrouter-error.js";
import {
  BadRequestResponseError,
  ConflictResponseError,
  type ErrorResponseError,
  ForbiddenResponseError,
  InternalServerResponseError,
  OpenRouterDefaultError,
  UnauthorizedResponseError,
} from "../models/errors/response-errors.js";
import type { ErrorResponse } from "../models/operations/error-response.js";
import { errorResponseWire } from "../schemas/error-response.js";
import { parse } from "./zod.js";

const classByStatus: Record<
  number,
  new (
    ...args: ConstructorParameters<typeof ErrorResponseError>
  ) => ErrorResponseError
> = {
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
  const parsed = parse(errorResponseWire, json);
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
