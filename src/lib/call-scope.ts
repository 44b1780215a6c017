import { RequestAbortedError, RequestTimeoutError } from "../models/errors/client-errors.js";

/** The lifetime of one call: it ends on the caller's signals or when the call's time runs out. */
export interface CallScope {
  /** Aborted when the scope ends. */
  readonly signal: AbortSignal;
  /**
   * What fetch is given: `signal`, or undefined when nothing can end the scope (no time limit and no
   * caller's signal). Node's fetch charges every request that follows a signal several percent of the
   * call (a WeakRef and a FinalizationRegistry entry that outlive it), for an abort that could never come.
   */
  readonly fetchSignal: AbortSignal | undefined;
  /** Epoch milliseconds at which the call times out (Infinity when it never does). */
  readonly deadline: number;
  /** Once the scope has ended: the typed error every pending step rejects with. */
  readonly error: RequestTimeoutError | RequestAbortedError | undefined;
  /** Settles like `promise`, or rejects with the scope's error as soon as the scope ends. */
  race<T>(promise: Promise<T>): Promise<T>;
  /** Waits `ms`, or rejects with the scope's error as soon as the scope ends. */
  sleep(ms: number): Promise<void>;
  /** Releases the timer and the listeners on the caller's signals. Call once, when the call settles. */
  dispose(): void;
}

/**
 * Opens a {@link CallScope}. Built from one AbortController, a plain timer and listeners, not
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

// A class rather than closures: one object per call, its methods shared (this runs on every call).
class Scope implements CallScope {
  readonly #controller = new AbortController();
  readonly signal = this.#controller.signal;
  readonly deadline: number;
  readonly fetchSignal: AbortSignal | undefined;
  error: RequestTimeoutError | RequestAbortedError | undefined;
  // The pending races' reject functions, called when the scope ends: a step needs no abort listener of its
  // own (adding and removing one per step costs more than the request's own JavaScript).
  readonly #racing: ((error: unknown) => void)[] = [];
  readonly #timer: ReturnType<typeof setTimeout> | undefined;
  // The callers' signals and the listener on them: made only when the caller passed a signal (most calls have none).
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
    this.fetchSignal = this.#timer !== undefined || this.#callers ? this.signal : undefined;
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
    for (const reject of this.#racing.splice(0)) reject(error);
    this.#controller.abort(error);
  }

  race<T>(promise: Promise<T>): Promise<T> {
    // By hand rather than Promise.race, which costs several promises and an iterator per call.
    return new Promise<T>((resolve, reject) => {
      // Once the scope has ended, a race rejects even with a promise that already settled.
      if (this.error) reject(this.error);
      else this.#racing.push(reject);
      promise.then(resolve, reject);
    });
  }

  sleep(ms: number): Promise<void> {
    let wait: ReturnType<typeof setTimeout>;
    return this.race(new Promise<void>((resolve) => (wait = setTimeout(resolve, ms)))).finally(() =>
      clearTimeout(wait),
    );
  }

  dispose(): void {
    clearTimeout(this.#timer);
    if (this.#callers) for (const caller of this.#callers) caller.removeEventListener("abort", this.#onCallerAbort!);
  }
}
