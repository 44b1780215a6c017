// callbackUrlProblem remembers its verdicts on strings: the verdict for a URL must be the same on its
// first and every later check, for accepted and refused URLs alike, and past the memo's size bound.
import { expect, test } from "vitest";
import { callbackUrlProblem } from "../../src/lib/callback-url.js";

const cases: [string, string | undefined][] = [
  ["https://myapp.com/auth/callback", undefined],
  ["http://localhost:3000/callback", undefined],
  ["vscode://publisher.name/openrouter", undefined],
  ["http://example.com/callback", "must use https (http only on loopback)"],
  ["javascript:alert(1)", "must not use javascript:, which a browser runs or reads locally"],
  ["/relative/callback", "must be an absolute URL"],
];

test.each(cases)("%s: the same verdict on every check", (url, expected) => {
  for (let i = 0; i < 3; i++) expect(callbackUrlProblem(url)).toBe(expected);
});

test("verdicts stay right past the memo's bound (100 distinct URLs, each checked twice)", () => {
  const urls = Array.from({ length: 100 }, (_, i) =>
    i % 2 ? `https://app${i}.example/cb` : `http://app${i}.example/cb`,
  );
  for (const round of [1, 2]) {
    for (const [i, url] of urls.entries()) {
      expect(callbackUrlProblem(url), `${url}, round ${round}`).toBe(
        i % 2 ? undefined : "must use https (http only on loopback)",
      );
    }
  }
});

test("URL objects are judged as they are now (not remembered: a URL object can change)", () => {
  const url = new URL("https://myapp.com/cb");
  expect(callbackUrlProblem(url)).toBeUndefined();
  url.protocol = "http:";
  expect(callbackUrlProblem(url)).toBe("must use https (http only on loopback)");
});
