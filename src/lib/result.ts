/** The outcome of a standalone function: it never throws and never rejects. */
export type Result<T, E> = OK<T> | Err<E>;

/** A successful {@link Result}. */
export interface OK<T> {
  readonly ok: true;
  readonly value: T;
  readonly error?: undefined;
}

/** A failed {@link Result}. */
export interface Err<E> {
  readonly ok: false;
  readonly error: E;
  readonly value?: undefined;
}

export const ok = <T>(value: T): OK<T> => ({ ok: true, value });
export const err = <E>(error: E): Err<E> => ({ ok: false, error });
