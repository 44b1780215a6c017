/** Where debug output goes; `console` fits. Only method, URL, header names, statuses and timings are logged. */
export interface Logger {
  log(...args: unknown[]): void;
}

/** The URL without credentials, query or fragment: enough to tell which call it was, never a secret. */
export function redactURL(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return "[unparseable URL]";
  }
}

/** Header names with their values hidden, except the harmless ones. */
export function describeHeaders(headers: Headers): string {
  const shown = new Set([
    "content-type",
    "accept",
    "user-agent",
    "content-length",
    "retry-after",
    "http-referer",
    "x-openrouter-title",
    "x-openrouter-categories",
  ]);
  const parts: string[] = [];
  headers.forEach((value, name) => {
    parts.push(shown.has(name) ? `${name}: ${value}` : `${name}: [redacted]`);
  });
  return parts.join(", ");
}
