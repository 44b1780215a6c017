import { expect, test } from "vitest";
import { maskKey } from "../../examples/server/pages.js";

test("the server example's masked key: the prefix and the last four of a real-length key, nothing of a short one", () => {
  expect(maskKey(`sk-or-v1-${"0".repeat(60)}abcd`)).toBe("sk-or-v1-…abcd");
  expect(maskKey("sk-or-v1-short")).toBe("sk-or-v1-…");
  expect(maskKey("abcdefgh")).toBe("…");
});
