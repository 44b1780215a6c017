/** The outcome of a standalone function: it never throws and never rejects. */
export type Result<T, E> = OK<T> | Err<E>;

/** A successful {@link Result}. */
export interface OK<T> {
  /** `true`: narrows the {@link Result} to this branch. */
  readonly ok: true;
  /** What the call produced. */
  readonly value: T;
  /** Never set on success; present so `res.error` type-checks on either branch. */
  readonly error?: undefined;
}

/** A failed {@link Result}. */
export interface Err<E> {
  /** `false`: narrows the {@link Result} to this branch. */
  readonly ok: false;
  /** Why the call failed: one of the SDK's typed errors. */
  readonly error: E;
  /** Never set on failure; present so `res.value` type-checks on either branch. */
  readonly value?: undefined;
}

export const ok = <T>(value: T): OK<T> => ({ ok: true, value });
export const err = <E>(error: E): Err<E> => ({ ok: false, error });
