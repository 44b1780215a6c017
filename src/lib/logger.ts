/**
 * Where debug output goes; `console` fits. It receives one line per attempt, response and retry:
 * method, URL path, header names, status and timing. Never a header value or a body.
 */
export interface Logger {
  /** Called with one line's parts, like `console.log`. */
  log(...args: unknown[]): void;
}
