import { RequestAbortedError, RequestTimeoutError } from "../models/errors/client-errors.js";

/** The lifetime of one call: it ends on the caller's signals or when the call's time runs out. */
export interface CallScope {
  /** Aborted when the scope ends; passed to every fetch. */
  readonly signal: AbortSignal;
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
export function openScope(signals: readonly (AbortSignal | null | undefined)[], timeoutMs: number): CallScope {
  const controller = new AbortController();
  // Rejects when the scope ends. Every race includes it, so a step needs no abort listener of its own
  // (adding and removing one per step costs more than the request's own JavaScript).
  let rejectEnded!: (error: unknown) => void;
  const ended = new Promise<never>((_, reject) => {
    rejectEnded = reject;
  });
  // Handled here: most scopes end (time limit after success, say) with nothing racing any more.
  ended.catch(() => {});
  const end = (error: RequestTimeoutError | RequestAbortedError) => {
    if (scope.error) return;
    scope.error = error;
    rejectEnded(error);
    controller.abort(error);
  };
  const onCallerAbort = () => end(new RequestAbortedError("The call was aborted by its signal"));
  // No timer for Infinity; longer finite limits are capped at setTimeout's maximum (24.8 days), which
  // would otherwise overflow and fire at once.
  const timer =
    timeoutMs < Infinity
      ? setTimeout(
          () => end(new RequestTimeoutError(`The call timed out after ${timeoutMs} ms`)),
          Math.min(timeoutMs, 2 ** 31 - 1),
        )
      : undefined;
  // `ended` first: once the scope has ended, a race rejects even with a promise that already settled.
  const race = <T>(promise: Promise<T>) => Promise.race([ended, promise]);
  const scope: { -readonly [K in keyof CallScope]: CallScope[K] } = {
    signal: controller.signal,
    deadline: Date.now() + timeoutMs,
    error: undefined,
    race,
    sleep(ms) {
      let wait: ReturnType<typeof setTimeout>;
      return race(new Promise<void>((resolve) => (wait = setTimeout(resolve, ms)))).finally(() => clearTimeout(wait));
    },
    dispose() {
      clearTimeout(timer);
      for (const caller of signals) caller?.removeEventListener("abort", onCallerAbort);
    },
  };
  for (const caller of signals) {
    caller?.addEventListener("abort", onCallerAbort);
    if (caller?.aborted) onCallerAbort();
  }
  return scope;
}
