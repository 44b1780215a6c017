import { SDKValidationError } from "../models/errors/client-errors.js";
import type { AppHeaders } from "../models/operations/app-headers.js";
import type { SDKOptions } from "./options.js";
import { SDK_VERSION } from "./version.js";

// Browsers forbid setting User-Agent (and Firefox would make it a CORS preflight header).
const defaultUserAgent = "document" in globalThis ? undefined : `openrouter-oauth/${SDK_VERSION}`;

/**
 * The request headers: the app headers (the request's over the client's), User-Agent, the bearer
 * key when there is one, then the caller's `fetchOptions.headers` over all of them.
 */
export function buildHeaders(
  client: Readonly<SDKOptions>,
  request: AppHeaders,
  apiKey: string | undefined,
  extra: HeadersInit | undefined,
): Headers {
  const headers = new Headers(extra);
  const given: [string, string | undefined, string][] = [
    ["Accept", "application/json", "accept"],
    ["Content-Type", "application/json", "contentType"],
    ["User-Agent", client.userAgent ?? defaultUserAgent, "userAgent"],
    ["HTTP-Referer", request.httpReferer ?? client.httpReferer, "httpReferer"],
    ["X-OpenRouter-Title", request.appTitle ?? client.appTitle, "appTitle"],
    ["X-OpenRouter-Categories", request.appCategories ?? client.appCategories, "appCategories"],
    ["Authorization", apiKey && `Bearer ${apiKey}`, "apiKey"],
  ];
  for (const [name, value, field] of given) {
    if (!value || headers.has(name)) continue;
    try {
      headers.set(name, value);
    } catch {
      throw new SDKValidationError(field, "is not a valid HTTP header value (no line breaks, only Latin-1)");
    }
  }
  return headers;
}
