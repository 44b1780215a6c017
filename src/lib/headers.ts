import { SDKValidationError } from "../models/errors/client-errors.js";
import type { AppHeaders } from "../models/operations/app-headers.js";
import type { SDKOptions } from "./options.js";
import { SDK_VERSION } from "./version.js";

// Browsers forbid setting User-Agent (and Firefox would make it a CORS preflight header).
const defaultUserAgent = "document" in globalThis ? undefined : `openrouter-oauth/${SDK_VERSION}`;

// What a Headers object accepts as a value: HTTP whitespace at the ends (it trims that), and between them
// no NUL or line break, and only Latin-1 (a ByteString).
const validValue = /^[\t\n\r ]*[^\0\r\n\u0100-\uffff]*[\t\n\r ]*$/;

// The headers of a client's common calls (see buildHeaders), per client.
const commonHeaders = new WeakMap<Readonly<SDKOptions>, Readonly<Record<string, string>>>();

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
 * key when there is one, then the caller's `fetchOptions.headers` over all of them. A plain object
 * with lower-case names: fetch copies one faster than a Headers object, which it iterates entry by entry.
 */
export function buildHeaders(
  client: Readonly<SDKOptions>,
  request: AppHeaders,
  apiKey: string | undefined,
  extra: HeadersInit | undefined,
): Record<string, string> {
  // Most calls add no headers of their own and send the client's own key: theirs are built and checked
  // once per client, and each call gets a copy (a fetch wrapper may write to the object it is given).
  const common =
    !extra &&
    request.httpReferer === undefined &&
    request.appTitle === undefined &&
    request.appCategories === undefined &&
    apiKey === client.apiKey;
  const built = common && commonHeaders.get(client);
  if (built) return { ...built };
  const headers: Record<string, string> = {};
  if (extra) for (const [name, value] of new Headers(extra)) headers[name] = value;
  put(headers, "accept", "application/json", "accept");
  put(headers, "content-type", "application/json", "contentType");
  put(headers, "user-agent", client.userAgent ?? defaultUserAgent, "userAgent");
  put(headers, "http-referer", request.httpReferer ?? client.httpReferer, "httpReferer");
  put(headers, "x-openrouter-title", request.appTitle ?? client.appTitle, "appTitle");
  put(headers, "x-openrouter-categories", request.appCategories ?? client.appCategories, "appCategories");
  put(headers, "authorization", apiKey && `Bearer ${apiKey}`, "apiKey");
  if (common) commonHeaders.set(client, { ...headers });
  return headers;
}
