// The zod schemas and the public types must agree with the generated spec types. A spec change that
// the schemas or the hand-written layer do not follow fails here, at type-check time.
import { expectTypeOf, test } from "vitest";
import type * as z from "zod/mini";
import type { components } from "../../generated/openrouter-oauth.js";
import type * as generated from "../../generated/public-types.js";
import type { CamelCased } from "../../src/lib/casing.js";
import type {
  CreateAuthKeysCodeRequestBody,
  CreateAuthKeysCodeResponse,
  CreateAuthKeysCodeResponseData,
  ErrorResponse,
  ErrorResponseErrorData,
  ExchangeAuthCodeForAPIKeyRequestBody,
  ExchangeAuthCodeForAPIKeyResponse,
} from "../../src/models/operations/index.js";
import type { createAuthCodeRequest, createAuthCodeResponseWire } from "../../src/schemas/create-auth-code.js";
import type { errorResponseWire } from "../../src/schemas/error-response.js";
import type { exchangeAuthCodeRequest, exchangeAuthCodeResponseWire } from "../../src/schemas/exchange-auth-code.js";
import type { OpenEnum } from "../../src/types/index.js";
import type { WireBody, WireData } from "./wire.js";

/** The request bodies' enum fields, typed open in the public types as @openrouter/sdk types them. */
type EnumFields = "codeChallengeMethod" | "usageLimitType";

/**
 * Same fields, same optionality, mutually assignable values. (`toEqualTypeOf` alone would also tell
 * `a?: T` from `a?: T | undefined`, which are the same thing without exactOptionalPropertyTypes.)
 */
type RequiredKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? never : K }[keyof T];
type Same<A, B> = [A, B] extends [B, A]
  ? [keyof A, RequiredKeys<A>] extends [keyof B, RequiredKeys<B>]
    ? [keyof B, RequiredKeys<B>] extends [keyof A, RequiredKeys<A>]
      ? true
      : false
    : false
  : false;

type SnakeCase<S extends string> = S extends `${infer Head}${infer Tail}`
  ? `${Head extends Uppercase<Head> ? (Head extends Lowercase<Head> ? Head : `_${Lowercase<Head>}`) : Head}${SnakeCase<Tail>}`
  : S;
/** What the SDK's request body becomes on the wire: keys snake_cased, Dates serialised as strings. */
type OnTheWire<T> = { [K in keyof T as K extends string ? SnakeCase<K> : K]: Exclude<T[K], Date> };

test("createAuthCode: the request schema sends exactly the spec's body", () => {
  type Validated = z.output<typeof createAuthCodeRequest>["requestBody"];
  expectTypeOf<Same<OnTheWire<Validated>, WireBody<"/auth/keys/code">>>().toEqualTypeOf<true>();
  expectTypeOf<
    Same<z.input<typeof createAuthCodeRequest>["requestBody"], generated.CreateAuthKeysCodeRequestBody>
  >().toEqualTypeOf<true>();
});

test("createAuthCode: the response schema reads exactly the spec's 200 body", () => {
  type Parsed = z.output<typeof createAuthCodeResponseWire>;
  expectTypeOf<Same<Parsed, WireData<"/auth/keys/code">>>().toEqualTypeOf<true>();
  expectTypeOf<Same<Parsed["data"], WireData<"/auth/keys/code">["data"]>>().toEqualTypeOf<true>();
  expectTypeOf<
    Same<CreateAuthKeysCodeResponse["data"], { id: string; appId: number; createdAt: string }>
  >().toEqualTypeOf<true>();
});

test("exchangeAuthCodeForAPIKey: the request schema sends exactly the spec's body", () => {
  type Validated = z.output<typeof exchangeAuthCodeRequest>["requestBody"];
  expectTypeOf<Same<OnTheWire<Validated>, WireBody<"/auth/keys">>>().toEqualTypeOf<true>();
  expectTypeOf<
    Same<z.input<typeof exchangeAuthCodeRequest>["requestBody"], generated.ExchangeAuthCodeForAPIKeyRequestBody>
  >().toEqualTypeOf<true>();
});

test("exchangeAuthCodeForAPIKey: the response schema, with user_id defaulted to null, is the spec's 200 body", () => {
  type Parsed = z.output<typeof exchangeAuthCodeResponseWire>;
  type Defaulted = Omit<Parsed, "user_id"> & { user_id: NonNullable<Parsed["user_id"]> | null };
  expectTypeOf<Same<Defaulted, WireData<"/auth/keys">>>().toEqualTypeOf<true>();
  expectTypeOf<Same<ExchangeAuthCodeForAPIKeyResponse, { key: string; userId: string | null }>>().toEqualTypeOf<true>();
});

test("the error schema reads exactly each of the spec's error bodies", () => {
  // Upstream has one error body per status; all must stay one shape, the one the SDK reads.
  type Parsed = z.output<typeof errorResponseWire>;
  type Bodies = components["schemas"];
  // The wire schema also takes a numeric string `code` (some servers send one), read as its number after.
  type ParsedAsRead = Omit<Parsed, "error"> & { error: Omit<Parsed["error"], "code"> & { code: number } };
  expectTypeOf<Parsed["error"]["code"]>().toEqualTypeOf<number | string>();
  expectTypeOf<Same<ParsedAsRead, Bodies["BadRequestResponse"]>>().toEqualTypeOf<true>();
  expectTypeOf<Same<ParsedAsRead, Bodies["UnauthorizedResponse"]>>().toEqualTypeOf<true>();
  expectTypeOf<Same<ParsedAsRead, Bodies["ForbiddenResponse"]>>().toEqualTypeOf<true>();
  expectTypeOf<Same<ParsedAsRead, Bodies["ConflictResponse"]>>().toEqualTypeOf<true>();
  expectTypeOf<Same<ParsedAsRead, Bodies["InternalServerResponse"]>>().toEqualTypeOf<true>();
  expectTypeOf<Same<ParsedAsRead["error"], Bodies["BadRequestResponseErrorData"]>>().toEqualTypeOf<true>();
  expectTypeOf<Same<ParsedAsRead["error"], Bodies["ForbiddenResponseErrorData"]>>().toEqualTypeOf<true>();
  expectTypeOf<ErrorResponse["error"]["code"]>().toEqualTypeOf<number>();
  expectTypeOf<Same<ErrorResponse, CamelCased<Bodies["InternalServerResponse"]>>>().toEqualTypeOf<true>();
});

test("the generated public interfaces are the wire bodies camelCased, field for field", () => {
  // generated/public-types.ts is written from the spec by a generator of its own: these tie it to
  // openapi-typescript's wire types, so a field it renames, drops, retypes or makes optional fails here.
  type Schemas = components["schemas"];
  expectTypeOf<
    Same<OnTheWire<generated.CreateAuthKeysCodeRequestBody>, WireBody<"/auth/keys/code">>
  >().toEqualTypeOf<true>();
  expectTypeOf<CreateAuthKeysCodeRequestBody["expiresAt"]>().toEqualTypeOf<Date | string | null | undefined>();
  expectTypeOf<
    Same<OnTheWire<generated.ExchangeAuthCodeForAPIKeyRequestBody>, WireBody<"/auth/keys">>
  >().toEqualTypeOf<true>();
  // The public bodies: the generated ones, with each enum field open over the spec's own values.
  expectTypeOf<
    Same<Omit<CreateAuthKeysCodeRequestBody, EnumFields>, Omit<generated.CreateAuthKeysCodeRequestBody, EnumFields>>
  >().toEqualTypeOf<true>();
  expectTypeOf<
    Same<
      Omit<ExchangeAuthCodeForAPIKeyRequestBody, EnumFields>,
      Omit<generated.ExchangeAuthCodeForAPIKeyRequestBody, EnumFields>
    >
  >().toEqualTypeOf<true>();
  type Open<T> = OpenEnum<{ [K in Extract<T, string>]: K }>;
  type CreateBody = generated.CreateAuthKeysCodeRequestBody;
  expectTypeOf<CreateAuthKeysCodeRequestBody["codeChallengeMethod"]>().toEqualTypeOf<
    Open<CreateBody["codeChallengeMethod"]> | undefined
  >();
  expectTypeOf<CreateAuthKeysCodeRequestBody["usageLimitType"]>().toEqualTypeOf<
    Open<CreateBody["usageLimitType"]> | undefined
  >();
  expectTypeOf<ExchangeAuthCodeForAPIKeyRequestBody["codeChallengeMethod"]>().toEqualTypeOf<
    Open<generated.ExchangeAuthCodeForAPIKeyRequestBody["codeChallengeMethod"]> | null | undefined
  >();
  expectTypeOf<Same<CreateAuthKeysCodeResponse, CamelCased<WireData<"/auth/keys/code">>>>().toEqualTypeOf<true>();
  expectTypeOf<
    Same<CreateAuthKeysCodeResponseData, CamelCased<WireData<"/auth/keys/code">["data"]>>
  >().toEqualTypeOf<true>();
  expectTypeOf<Same<ExchangeAuthCodeForAPIKeyResponse, CamelCased<WireData<"/auth/keys">>>>().toEqualTypeOf<true>();
  expectTypeOf<Same<ErrorResponse, CamelCased<Schemas["BadRequestResponse"]>>>().toEqualTypeOf<true>();
  expectTypeOf<
    Same<ErrorResponseErrorData, CamelCased<Schemas["BadRequestResponseErrorData"]>>
  >().toEqualTypeOf<true>();
});
