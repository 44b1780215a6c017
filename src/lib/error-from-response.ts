import {
  BadRequestResponseError,
  ConflictResponseError,
  ForbiddenResponseError,
  InternalServerResponseError,
  OpenRouterDefaultError,
  UnauthorizedResponseError,
} from "../models/errors/response-errors.js";
import type { OpenRouterError } from "../models/errors/openrouter-error.js";
import type { ErrorResponse } from "../models/operations/error-response.js";
import { errorResponseWire } from "../schemas/error-response.js";

const byStatus = {
  400: BadRequestResponseError,
  401: UnauthorizedResponseError,
  403: ForbiddenResponseError,
  409: ConflictResponseError,
  500: InternalServerResponseError,
} as const;

/** Parses OpenRouter's JSON error body; undefined when the body is anything else (HTML, empty, other JSON). */
export function parseErrorBody(text: string): ErrorResponse | undefined {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  const parsed = errorResponseWire.safeParse(json);
  if (!parsed.success) return undefined;
  const { error, user_id, openrouter_metadata } = parsed.data;
  // `metadata` is free-form server data: its keys are passed through as they are.
  return { error, userId: user_id ?? null, openrouterMetadata: openrouter_metadata ?? null };
}

/**
 * The typed error for a non-2xx response: the status's own class when the body is OpenRouter's error
 * shape, else {@link OpenRouterDefaultError}. The message is the server's, verbatim.
 */
export function errorFromResponse(response: Response, body: string, note?: string): OpenRouterError<ErrorResponse | undefined> {
  const data = parseErrorBody(body);
  const suffix = note ? ` (${note})` : "";
  const ErrorClass = data ? byStatus[response.status as keyof typeof byStatus] : undefined;
  if (data && ErrorClass) {
    return new ErrorClass({ message: data.error.message + suffix, response, body, data$: data });
  }
  const type = response.headers.get("content-type") ?? "no content type";
  const message = data
    ? data.error.message
    : `HTTP ${response.status} with ${body === "" ? "an empty body" : `a ${type.split(";")[0]} body that is not OpenRouter's JSON error`}`;
  return new OpenRouterDefaultError({ message: message + suffix, response, body, data$: data });
}
