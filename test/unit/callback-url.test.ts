// The consent page's rule (https, or http on loopback), and that judging a callback URL keeps nothing of
// it once done. The callback rule itself is tested through every helper in test/callback-urls.test.ts.
import { expect, test } from "vitest";
import { consentPageUrlProblem } from "../../src/lib/callback-url.js";
import { describeChild, requireBuiltDist, runChild } from "../support/build-once.js";

test.each([
  ["https://openrouter.ai/auth", undefined],
  ["http://localhost:4000/auth", undefined],
  ["http://127.0.0.1:4000/auth", undefined],
  ["http://openrouter.example/auth", /must use https/],
  ["javascript:alert(1)", /must be an https URL/],
  ["file:///tmp/consent.html", /must be an https URL/],
  ["vscode://publisher.name/auth", /must be an https URL/],
  ["not a url", /must be an absolute URL/],
])("consent page %s", (url, expected) => {
  if (expected === undefined) expect(consentPageUrlProblem(url)).toBeUndefined();
  else expect(consentPageUrlProblem(url)).toMatch(expected);
});

// A server judges the callback URLs its users send: judging must not keep them. 64 distinct 4 MB URLs
// once stayed in a verdict memo for the life of the process (+259 MB).
test("judging 64 distinct 4 MB callback URLs keeps none of them", async () => {
  requireBuiltDist();
  const script = `
    const { OpenRouterCore, oAuthCreateAuthorizationUrl } = await import("./dist/esm/src/index.js");
    const core = new OpenRouterCore({});
    globalThis.gc();
    const before = process.memoryUsage().heapUsed;
    for (let i = 0; i < 64; i++) {
      const callbackUrl = "https://myapp.example/cb?pad=" + String(i).padStart(4, "0") + "x".repeat(4 * 1024 * 1024);
      oAuthCreateAuthorizationUrl(core, { callbackUrl });
    }
    globalThis.gc();
    console.log(JSON.stringify({ grownMB: (process.memoryUsage().heapUsed - before) / 2 ** 20 }));
  `;
  const result = await runChild(process.execPath, ["--expose-gc", "--input-type=module", "-e", script], {
    timeoutMs: 60_000,
  });
  expect(result.code, describeChild(result)).toBe(0);
  const { grownMB } = JSON.parse(result.stdout) as { grownMB: number };
  expect(grownMB).toBeLessThan(16);
});
