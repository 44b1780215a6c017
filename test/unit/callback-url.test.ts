// The callback rule: what shipping integrations send passes (https, loopback http, apps' own schemes);
// clear-text network schemes off loopback and the schemes a browser runs, reads locally or keeps for
// itself are refused. Also the consent page's rule (https, or http on loopback), and that judging a
// URL keeps nothing of it once done.
import { expect, test } from "vitest";
import { callbackUrlProblem, consentPageUrlProblem } from "../../src/lib/callback-url.js";
import { describeChild, requireBuiltDist, runChild } from "../support/build-once.js";

const accepted = [
  "https://myapp.com/auth/callback",
  "https://myapp.com:8443/cb",
  "http://localhost:3000/callback",
  "http://127.0.0.1:51423/callback",
  "http://[::1]:8080/cb",
  "ws://localhost:9000/cb",
  "wss://myapp.com/cb",
  // VS Code-family extensions, by the editor's own scheme.
  "vscode://publisher.name/openrouter",
  "cursor://publisher.name/openrouter",
  "windsurf://publisher.name/openrouter",
  "vscodium://publisher.name/openrouter",
  // The same extensions hosted in JetBrains IDEs.
  "jetbrains://idea/com.example.plugin?provider=openrouter",
  // A native app's reverse-DNS scheme (RFC 8252).
  "com.example.app:/callback",
];

const refused: [string, RegExp][] = [
  ["http://example.com/callback", /must use https \(http only on loopback\)/],
  ["http://10.0.0.5:3000/cb", /must use https/],
  ["ws://example.com/cb", /must use https \(ws only on loopback\)/],
  ["ftp://example.com/cb", /must use https \(ftp only on loopback\)/],
  ["gopher://example.com/cb", /must use https \(gopher only on loopback\)/],
  ["telnet://example.com/", /must use https/],
  ["javascript:alert(1)", /must not use javascript:/],
  ["JavaScript:alert(1)", /must not use javascript:/],
  ["vbscript:msgbox(1)", /must not use vbscript:/],
  ["data:text/html,<script>alert(1)</script>", /must not use data:/],
  ["file:///etc/passwd", /must not use file:/],
  ["blob:https://myapp.com/1234", /must not use blob:/],
  ["about:blank", /must not use about:/],
  ["view-source:https://myapp.com/", /must not use view-source:/],
  ["feed:javascript:alert(1)", /must not use feed:/],
  ["intent://scan/#Intent;scheme=zxing;package=com.example;end", /must not use intent:/],
  ["chrome://settings", /must not use chrome:/],
  ["chrome-extension://abcdef/page.html", /must not use chrome-extension:/],
  ["moz-extension://abcdef/page.html", /must not use moz-extension:/],
  ["/relative/callback", /must be an absolute URL/],
  ["", /must be an absolute URL/],
];

test.each(accepted)("accepted: %s", (url) => {
  expect(callbackUrlProblem(url)).toBeUndefined();
  expect(callbackUrlProblem(new URL(url))).toBeUndefined();
});

test.each(refused)("refused: %s", (url, reason) => {
  expect(callbackUrlProblem(url)).toMatch(reason);
});

test("a reason never quotes the URL (it may carry a nonce or a code)", () => {
  for (const [url] of refused) if (url) expect(callbackUrlProblem(`${url}?code=SECRET`)).not.toContain("SECRET");
});

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
