declare const unrecognizedBrand: unique symbol;

/**
 * A value this version of the SDK does not know, typed apart from the known ones: what `@openrouter/sdk`
 * lets a program send where the API may have added a value. Ours checks requests against the values the
 * API documents, so such a value fails with an `SDKValidationError` naming the field.
 */
export type Unrecognized<T> = T & {
  /** Marks the value as unrecognized in types; it never exists at run time. */
  readonly [unrecognizedBrand]?: "unrecognized";
};

/** One of an enum object's values. */
export type ClosedEnum<T extends Readonly<Record<string, string | number>>> = T[keyof T];

/**
 * One of an enum object's values, or an {@link Unrecognized} one: the type `@openrouter/sdk` gives the
 * enums of request fields, so that a program written for it compiles with this SDK unchanged.
 */
export type OpenEnum<T extends Readonly<Record<string, string | number>>> =
  | T[keyof T]
  | Unrecognized<T[keyof T] extends number ? number : string>;
