import { RequestAbortedError, RequestTimeoutError } from "../models/errors/client-errors.js";

/** The lifetime of one call: it ends on the caller's signals or when the call's time runs out. */
export interface CallScope {
  /** Epoch milliseconds at which the call times out (Infinity when it never does). */
  readonly deadline: number;
  /** Once the scope has ended: the typed error every pending step rejects with. */
  readonly error: RequestTimeoutError | RequestAbortedError | undefined;
  /** Settles like `promise`, or rejects with the scope's error as soon as the scope ends. */
  race<T>(promise: Promise<T>): Promise<T>;
  /** Waits `ms`, or rejects with the scope's error as soon as the scope ends. */
  sleep(ms: number): Promise<void>;
  /**
   * The signal to give the fetch of a new attempt, aborted when the scope ends. Each attempt gets its
   * own, so what fetch attaches to it (Node's fetch adds a listener that stays until garbage collection)
   * goes with the attempt instead of piling up on one signal over a call's retries.
   */
  attemptSignal(): AbortSignal;
  /** Releases the timer and the listeners on the caller's signals. Call once, when the call settles. */
  dispose(): void;
}

/**
 * Opens a {@link CallScope}. Built from an AbortController per attempt, a plain timer and listeners, not
 * `AbortSignal.any` / `AbortSignal.timeout`, whose signals Node 20 can garbage-collect while a
 * request still waits on them (a lost abort, a hang).
 */
export function openScope(timeoutMs: number, signal?: AbortSignal | null, otherSignal?: AbortSignal | null): CallScope {
  return new Scope(timeoutMs, signal, otherSignal);
}

// Module-level, so that a call's timer needs no closure of its own.
function timeOut(scope: Scope, timeoutMs: number): void {
  scope.end(new RequestTimeoutError(`The call timed out after ${timeoutMs} ms`));
}

// A class rather than closures: one object per call, its methods shared.
class Scope implements CallScope {
  readonly deadline: number;
  error: RequestTimeoutError | RequestAbortedError | undefined;
  // The pending races' reject functions, called when the scope ends: a step needs no abort listener of its own.
  readonly #racing = new Set<(error: unknown) => void>();
  // The current attempt's controller (a call's attempts run one at a time), aborted with the scope.
  #attempt: AbortController | undefined;
  readonly #timer: ReturnType<typeof setTimeout> | undefined;
  // The callers' signals and the one listener on them, removed by dispose: made only when the caller passed a signal.
  #callers: AbortSignal[] | undefined;
  #onCallerAbort: (() => void) | undefined;

  constructor(timeoutMs: number, signal?: AbortSignal | null, otherSignal?: AbortSignal | null) {
    this.deadline = Date.now() + timeoutMs;
    // No timer for Infinity; longer finite limits are capped at setTimeout's maximum (24.8 days), which
    // would otherwise overflow and fire at once.
    this.#timer =
      timeoutMs < Infinity ? setTimeout(timeOut, Math.min(timeoutMs, 2 ** 31 - 1), this, timeoutMs) : undefined;
    if (signal) this.#follow(signal);
    if (otherSignal) this.#follow(otherSignal);
  }

  /** Ends the scope when `caller` aborts (at once if it has). */
  #follow(caller: AbortSignal): void {
    this.#onCallerAbort ??= () => this.end(new RequestAbortedError("The call was aborted by its signal"));
    this.#callers ??= [];
    this.#callers.push(caller);
    caller.addEventListener("abort", this.#onCallerAbort);
    if (caller.aborted) this.#onCallerAbort();
  }

  /** Ends the scope with `error`, unless it has ended already. */
  end(error: RequestTimeoutError | RequestAbortedError): void {
    if (this.error) return;
    this.error = error;
    for (const reject of this.#racing) reject(error);
    this.#racing.clear();
    this.#attempt?.abort(error);
  }

  race<T>(promise: Promise<T>): Promise<T> {
    // By hand rather than Promise.race, so that a settled step leaves nothing behind: over a call's
    // attempts, the pending set holds at most the steps still running.
    return new Promise<T>((resolve, reject) => {
      // Once the scope has ended, a race rejects even with a promise that already settled.
      if (this.error) reject(this.error);
      else this.#racing.add(reject);
      // Followed even once the scope has ended, so that its rejection is never unhandled.
      promise.then(
        (value) => {
          this.#racing.delete(reject);
          resolve(value);
        },
        (error: unknown) => {
          this.#racing.delete(reject);
          reject(error);
        },
      );
    });
  }

  sleep(ms: number): Promise<void> {
    let wait: ReturnType<typeof setTimeout>;
    return this.race(new Promise<void>((resolve) => (wait = setTimeout(resolve, ms)))).finally(() =>
      clearTimeout(wait),
    );
  }

  attemptSignal(): AbortSignal {
    this.#attempt = new AbortController();
    if (this.error) this.#attempt.abort(this.error);
    return this.#attempt.signal;
  }

  dispose(): void {
    clearTimeout(this.#timer);
    if (this.#callers) for (const caller of this.#callers) caller.removeEventListener("abort", this.#onCallerAbort!);
  }
}
