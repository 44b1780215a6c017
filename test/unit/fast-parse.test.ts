// fastParse must never disagree with zod: whatever it vouches for, zod accepts with the same output
// (same keys in the same order, the same values). z.parse, which the SDK runs instead of zod's safeParse,
// must give safeParse's verdict, first issue and reason. Checked on every schema the SDK parses with, over
// generated values that mix valid fields with missing, undefined, mistyped and unknown ones.
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { safeParse } from "zod/v4/core";
import { renameKeys, toCamelKey, toSnakeKey } from "../../src/lib/casing.js";
import { fastParse, UNDECIDED } from "../../src/lib/fast-parse.js";
import * as z from "../../src/lib/zod.js";
import { createAuthCodeRequest, createAuthCodeResponseWire } from "../../src/schemas/create-auth-code.js";
import { errorResponseWire } from "../../src/schemas/error-response.js";
import { exchangeAuthCodeRequest, exchangeAuthCodeResponseWire } from "../../src/schemas/exchange-auth-code.js";
import { authorizationUrlParams, codeChallengeParams } from "../../src/schemas/pkce.js";

/** A field's value: usually one a schema might accept, sometimes anything at all. */
const field = (...likely: fc.Arbitrary<unknown>[]) =>
  fc.oneof(
    { weight: 30, arbitrary: fc.oneof(...likely) },
    { weight: 1, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: fc.anything() },
  );

/**
 * An object with some of `fields` (present, absent or undefined; the `required` ones always there, though
 * maybe undefined), sometimes with a key of its own.
 */
const objectOf = (fields: Record<string, fc.Arbitrary<unknown>>, required: string[] = []) =>
  fc
    .tuple(
      fc.record(fields, { requiredKeys: required }),
      fc.oneof(
        { weight: 8, arbitrary: fc.constant(undefined) },
        { weight: 1, arbitrary: fc.constantFrom("extra", "__proto__", "toString", "code_verifier") },
      ),
      fc.anything(),
    )
    .map(([value, extraKey, extra]) => (extraKey ? { ...value, ...JSON.parse(`{"${extraKey}":0}`), extra } : value));

const url = fc.oneof(
  fc.constantFrom(
    "https://myapp.com/auth/callback",
    "http://localhost:3000/callback",
    "http://127.0.0.1:8976/callback",
    "vscode://publisher.ext/auth",
    "javascript:alert(1)",
    "not a url",
    "",
  ),
  fc.webUrl(),
);
const str = fc.oneof(fc.string(), fc.constantFrom("S256", "plain", "daily"));
const date = fc.oneof(
  fc.date({ noInvalidDate: true }),
  fc.date(),
  fc.constantFrom("2027-01-01T00:00:00Z", "2027-01-01T00:00:00+02:00", "2027-01-01", "2027-13-45T00:00:00Z"),
);
const uuid = fc.oneof(fc.uuid(), fc.string());

const requestWith = (body: fc.Arbitrary<unknown>) =>
  objectOf({ requestBody: field(body), httpReferer: field(str), appTitle: field(str), appCategories: field(str) }, [
    "requestBody",
  ]);

const cases: [string, z.Schema, fc.Arbitrary<unknown>][] = [
  [
    "createAuthCodeRequest",
    createAuthCodeRequest,
    requestWith(
      objectOf(
        {
          callbackUrl: field(
            url,
            fc.webUrl().map((href) => new URL(href)),
          ),
          codeChallenge: field(str),
          codeChallengeMethod: field(fc.constantFrom("S256", "plain"), str),
          limit: field(fc.integer(), fc.double()),
          expiresAt: field(date),
          keyLabel: field(fc.string({ maxLength: 120 })),
          usageLimitType: field(fc.constantFrom("daily", "weekly", "monthly", "yearly")),
          workspaceId: field(uuid),
        },
        ["callbackUrl"],
      ),
    ),
  ],
  [
    "exchangeAuthCodeRequest",
    exchangeAuthCodeRequest,
    requestWith(objectOf({ code: field(str), codeVerifier: field(str), codeChallengeMethod: field(str) }, ["code"])),
  ],
  [
    "createAuthCodeResponseWire",
    createAuthCodeResponseWire,
    objectOf({
      data: field(objectOf({ id: field(str), app_id: field(fc.integer(), fc.double()), created_at: field(str) })),
    }),
  ],
  ["exchangeAuthCodeResponseWire", exchangeAuthCodeResponseWire, objectOf({ key: field(str), user_id: field(str) })],
  [
    "errorResponseWire",
    errorResponseWire,
    objectOf({
      error: field(objectOf({ code: field(fc.integer(), str), message: field(str), metadata: field(fc.object()) })),
      user_id: field(str),
      openrouter_metadata: field(fc.object(), fc.array(fc.anything())),
    }),
  ],
  [
    "codeChallengeParams",
    codeChallengeParams,
    objectOf({ codeVerifier: field(fc.stringMatching(/^[A-Za-z\d\-._~]{43,50}$/), fc.string()) }),
  ],
  [
    "authorizationUrlParams",
    authorizationUrlParams,
    objectOf(
      {
        callbackUrl: field(url),
        codeChallenge: field(str),
        codeChallengeMethod: field(fc.constantFrom("S256", "plain"), str),
        limit: field(fc.integer()),
        authorizationUrl: field(url),
      },
      ["callbackUrl"],
    ),
  ],
];

describe.each(cases)("fastParse and z.parse agree with zod on %s", (_, schema, values) => {
  test("what it vouches for, zod accepts, with the same output", () => {
    let vouched = 0;
    let accepted = 0;
    fc.assert(
      fc.property(values, (value) => {
        const fast = fastParse(schema, value);
        const zod = safeParse(schema, value);
        if (zod.success) accepted++;
        // z.parse (zod's run without its error classes) gives zod's verdict, first issue and reason.
        const ours = z.parse(schema, value);
        if (zod.success) expect(ours).toStrictEqual({ data: zod.data });
        else {
          const first = zod.error.issues[0]!;
          expect(ours.issue?.path ?? []).toEqual(first.path);
          expect(ours.issue?.code).toBe(first.code);
          // zod says "Invalid input" where a custom schema gives no reason (only response schemas do that).
          if (first.code === "custom") expect(z.reasonOf(ours.issue!) ?? "Invalid input").toBe(first.message);
        }
        // With a renaming, the output is zod's with its keys renamed (as renameKeys does), whichever path runs.
        for (const rename of [toCamelKey, toSnakeKey]) {
          const renamed = z.parse(schema, value, rename);
          if (zod.success) expect(renamed).toStrictEqual({ data: renameKeys(zod.data, rename) });
          else expect(renamed.issue?.path ?? []).toEqual(zod.error.issues[0]!.path);
          const fastRenamed = fastParse(schema, value, rename);
          expect(fastRenamed === UNDECIDED).toBe(fast === UNDECIDED);
          if (fastRenamed !== UNDECIDED) {
            expect(JSON.stringify(fastRenamed)).toBe(JSON.stringify(renameKeys(zod.data, rename)));
          }
        }
        if (fast === UNDECIDED) return;
        vouched++;
        expect(zod.success).toBe(true);
        expect(fast).toStrictEqual(zod.data);
        // Key order is what the wire body's order comes from.
        expect(JSON.stringify(fast)).toBe(JSON.stringify(zod.data));
      }),
      { numRuns: 2000 },
    );
    // It must also be a fast path: it vouches for the valid values rather than leaving them all to zod.
    expect(accepted, `zod accepted ${accepted} of 2000`).toBeGreaterThan(30);
    expect(vouched).toBe(accepted);
  });
});

test("a custom test answering anything but true leaves the value to zod", () => {
  const truthy = z.custom<string>(() => "yes" as unknown as boolean);
  expect(fastParse(truthy, "a")).toBe(UNDECIDED);
  expect(
    fastParse(
      z.custom<string>(() => true),
      "a",
    ),
  ).toBe("a");
});

test("an optional field present as undefined keeps its key, as zod's output does", () => {
  const schema = z.object({ a: z.optional(z.string()), b: z.optional(z.string()) });
  const out = fastParse(schema, { a: undefined }) as object;
  expect(Object.keys(out)).toEqual(["a"]);
  expect(out).toStrictEqual(safeParse(schema, { a: undefined }).data);
});

test("a renamed output renames nested keys, drops undefined fields and leaves the input's keys alone", () => {
  const schema = z.object({
    data: z.object({ app_id: z.number(), created_at: z.optional(z.string()) }),
    meta: z.optional(z.custom<object>((value) => typeof value === "object")),
  });
  const value = { data: { app_id: 1, created_at: undefined }, meta: { free_form: { deep_key: 1 } } };
  const out = fastParse(schema, value, toCamelKey);
  expect(out).toStrictEqual({ data: { appId: 1 }, meta: { freeForm: { deepKey: 1 } } });
  expect(out).toStrictEqual(renameKeys(safeParse(schema, value).data, toCamelKey));
  // The same schema without a renaming still gives zod's own output (its fast path is kept apart).
  expect(fastParse(schema, value)).toStrictEqual(safeParse(schema, value).data);
  expect(value.data).toStrictEqual({ app_id: 1, created_at: undefined });
});

test("a key outside a strict shape, an array or a missing field is left to zod", () => {
  const schema = z.strictObject({ a: z.string() });
  expect(fastParse(schema, { a: "x" })).toStrictEqual({ a: "x" });
  expect(fastParse(schema, { a: "x", b: 1 })).toBe(UNDECIDED);
  expect(fastParse(schema, JSON.parse('{"a":"x","__proto__":{}}'))).toBe(UNDECIDED);
  expect(fastParse(schema, Object.assign(Object.create({ inherited: 1 }), { a: "x" }))).toBe(UNDECIDED);
  expect(fastParse(schema, ["x"])).toBe(UNDECIDED);
  expect(fastParse(schema, {})).toBe(UNDECIDED);
  // A lenient object drops unknown keys, like zod.
  expect(fastParse(z.object({ a: z.string() }), { a: "x", b: 1 })).toStrictEqual({ a: "x" });
});
