import { readFileSync } from "node:fs";
import { expect, test } from "vitest";
import { SDK_VERSION } from "../../src/index.js";

test("SDK_VERSION is package.json's version (npm run version keeps them in step)", () => {
  const { version } = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8"));
  expect(SDK_VERSION).toBe(version);
});
