import { RequestAbortedError, RequestTimeoutError } from "../models/errors/client-errors.js";

/**
 * The lifetime of one call: one AbortController that fires on the caller's signals or when the
 * call's time runs out. Built from a plain timer and listeners rather than `AbortSignal.any` or
 * `AbortSignal.timeout`, whose signals Node 20 can garbage-collect while a request still waits on them.
 */
export class CallScope {
  readonly #controller = new AbortController();
  readonly #cleanups: (() => void)[] = [];
  readonly #timeoutMs: number;
  /** Epoch milliseconds at which the call times out (Infinity when it never does). */
  readonly deadline: number;
  #outcome: "timeout" | "aborted" | undefined;
  #reason: unknown;

  constructor(signals: readonly (AbortSignal | null | undefined)[], timeoutMs: number) {
    this.#timeoutMs = timeoutMs;
    this.deadline = Number.isFinite(timeoutMs) ? Date.now() + timeoutMs : Infinity;
    for (const signal of signals) {
      if (!signal) continue;
      if (signal.aborted) {
        this.#abort("aborted", signal.reason);
        return;
      }
      const onAbort = () => this.#abort("aborted", signal.reason);
      signal.addEventListener("abort", onAbort, { once: true });
      this.#cleanups.push(() => signal.removeEventListener("abort", onAbort));
    }
    if (Number.isFinite(timeoutMs)) {
      const timer = setTimeout(() => this.#abort("timeout", undefined), timeoutMs);
      this.#cleanups.push(() => clearTimeout(timer));
    }
  }

  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  get aborted(): boolean {
    return this.#outcome !== undefined;
  }

  /** Milliseconds left before the call times out. */
  remaining(): number {
    return this.deadline - Date.now();
  }

  /** The typed error for how the call was stopped. Only meaningful once {@link aborted}. */
  error(): RequestTimeoutError | RequestAbortedError {
    return this.#outcome === "timeout"
      ? new RequestTimeoutError(`The request timed out after ${this.#timeoutMs} ms`)
      : new RequestAbortedError("The request was aborted by the caller's signal", { cause: this.#reason });
  }

  /** Resolves with `promise`, or rejects with the scope's error as soon as the scope aborts. */
  race<T>(promise: Promise<T>): Promise<T> {
    if (this.aborted) {
      promise.catch(() => {});
      return Promise.reject(this.error());
    }
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => reject(this.error());
      this.signal.addEventListener("abort", onAbort, { once: true });
      promise.then(
        (value) => {
          this.signal.removeEventListener("abort", onAbort);
          resolve(value);
        },
        (error: unknown) => {
          this.signal.removeEventListener("abort", onAbort);
          reject(this.aborted ? this.error() : error);
        },
      );
    });
  }

  /** Waits `ms`, or rejects with the scope's error as soon as the scope aborts. */
  sleep(ms: number): Promise<void> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    return this.race(new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))).finally(() =>
      clearTimeout(timer),
    );
  }

  /** Releases the timer and the listeners on the caller's signals. Call exactly once, when the call settles. */
  dispose(): void {
    for (const cleanup of this.#cleanups.splice(0)) cleanup();
  }

  #abort(outcome: "timeout" | "aborted", reason: unknown): void {
    if (this.#outcome) return;
    this.#outcome = outcome;
    this.#reason = reason;
    this.#controller.abort(outcome === "timeout" ? new RequestTimeoutError("timeout") : reason);
  }
}
