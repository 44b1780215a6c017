import { SDKValidationError } from "../models/errors/client-errors.js";
import type { AppHeaders } from "../models/operations/app-headers.js";
import type { SDKOptions } from "./config.js";
import { SDK_VERSION } from "./version.js";

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
