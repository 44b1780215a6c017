import { RequestAbortedError, RequestTimeoutError } from "../models/errors/client-errors.js";

/**
 * The lifetime of one call: an AbortController that fires on the caller's signals or when the call's
 * time runs out. Built from a plain timer and listeners, not `AbortSignal.any` / `AbortSignal.timeout`,
 * whose signals Node 20 can garbage-collect while a request still waits on them (a lost abort, a hang).
 */
export class CallScope {
  readonly #controller = new AbortController();
  readonly #cleanups: (() => void)[] = [];
  /** Epoch milliseconds at which the call times out (Infinity when it never does). */
  readonly deadline: number;
  /** Set once the scope has ended: the typed error every pending step rejects with. */
  error: RequestTimeoutError | RequestAbortedError | undefined;

  constructor(signals: readonly (AbortSignal | null | undefined)[], timeoutMs: number) {
    this.deadline = Date.now() + timeoutMs;
    for (const signal of signals) {
      if (!signal) continue;
      const onAbort = () =>
        this.#end(new RequestAbortedError("The request was aborted by the caller's signal", { cause: signal.reason }));
      if (signal.aborted) onAbort();
      signal.addEventListener("abort", onAbort);
      this.#cleanups.push(() => signal.removeEventListener("abort", onAbort));
    }
    if (timeoutMs < Infinity) {
      const timer = setTimeout(() => this.#end(new RequestTimeoutError(`The request timed out after ${timeoutMs} ms`)), timeoutMs);
      this.#cleanups.push(() => clearTimeout(timer));
    }
  }

  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  /** Settles like `promise`, or rejects with the scope's error as soon as the scope ends. */
  race<T>(promise: Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => reject(this.error);
      if (this.error) onAbort();
      this.signal.addEventListener("abort", onAbort);
      promise
        .then(resolve, (error: unknown) => reject(this.error ?? error))
        .finally(() => this.signal.removeEventListener("abort", onAbort));
    });
  }

  /** Waits `ms`, or rejects with the scope's error as soon as the scope ends. */
  sleep(ms: number): Promise<void> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    return this.race(new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))).finally(() => clearTimeout(timer));
  }

  /** Releases the timer and the listeners on the caller's signals. Call once, when the call settles. */
  dispose(): void {
    for (const cleanup of this.#cleanups) cleanup();
  }

  #end(error: RequestTimeoutError | RequestAbortedError): void {
    if (this.error) return;
    this.error = error;
    this.#controller.abort(error);
  }
}
