import { expect, expectTypeOf, test } from "vitest";
import { type CamelCased, renameKeys, toCamelKey, toSnakeKey } from "../../src/lib/casing.js";

test("keys convert both ways", () => {
  expect(toSnakeKey("codeChallengeMethod")).toBe("code_challenge_method");
  expect(toSnakeKey("code")).toBe("code");
  expect(toCamelKey("code_challenge_method")).toBe("codeChallengeMethod");
  expect(toCamelKey("app_id")).toBe("appId");
  expect(toCamelKey("key")).toBe("key");
});

test("renameKeys renames plain objects deeply, keeps other values, drops undefined", () => {
  const expiresAt = new Date("2027-01-01T00:00:00Z");
  expect(
    renameKeys({ keyLabel: "x", expiresAt, limit: 0, workspaceId: undefined, nested: { appId: 1 } }, toSnakeKey),
  ).toEqual({
    key_label: "x",
    expires_at: expiresAt,
    limit: 0,
    nested: { app_id: 1 },
  });
  expect(renameKeys({ data: { app_id: 1, created_at: "t" } }, toCamelKey)).toEqual({
    data: { appId: 1, createdAt: "t" },
  });
  expect(renameKeys(["a_b"], toCamelKey)).toEqual(["a_b"]);
  expect(renameKeys(null, toCamelKey)).toBeNull();
});

test("CamelCased maps the type the same way, keeping optionality", () => {
  expectTypeOf<CamelCased<{ user_id: string | null; key_label?: string; data: { app_id: number } }>>().toEqualTypeOf<{
    userId: string | null;
    keyLabel?: string;
    data: { appId: number };
  }>();
});

test("renameKeys copies own keys only, never inherited ones", () => {
  const base = { inherited: "no" };
  const value = Object.assign(Object.create(base) as Record<string, unknown>, { ownKey: "yes" });
  Object.defineProperty(value, "constructor", { value: Object, enumerable: false });
  expect(renameKeys(value, toSnakeKey)).toEqual({ own_key: "yes" });
});

test("both renamings agree with their definitions on every short key", () => {
  // toCamelKey: an underscore before [a-z0-9] goes and that is upper-cased; toSnakeKey: [A-Z] becomes _ and lower case.
  const camelByDefinition = (key: string) => key.replace(/_([a-z\d])/g, (_, c: string) => c.toUpperCase());
  const snakeByDefinition = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
  const alphabet = ["a", "z", "_", "A", "Z", "0", "9", "é", "\u{1F600}"];
  let keys = [""];
  for (let length = 1; length <= 5; length++) {
    keys = keys.flatMap((key) => alphabet.map((c) => key + c));
    for (const key of keys) {
      expect(toCamelKey(key), JSON.stringify(key)).toBe(camelByDefinition(key));
      expect(toSnakeKey(key), JSON.stringify(key)).toBe(snakeByDefinition(key));
    }
  }
});
