// `npm run demo` (scripts/demo.ts) is the README's first command: it must run to the end on its own,
// print every step, never print a whole key, and leave nothing running.
import { join } from "node:path";
import { expect, test } from "vitest";
import { childEnv, describeChild, repoRoot, runChild } from "./support/build-once.js";

test("npm run demo runs the server-side and loopback flows against local mocks and exits 0", {
  timeout: 90_000,
}, async () => {
  // The script behind `npm run demo`, run the same way (tsx), without npm in between so the PID is its own.
  const result = await runChild(process.execPath, ["--import", "tsx", join(repoRoot, "scripts/demo.ts")], {
    env: childEnv({}),
    timeoutMs: 80_000,
  });
  expect(result.code, describeChild(result)).toBe(0);
  const out = result.stdout;
  for (const line of [
    /Prism mock of openapi\/openrouter-oauth\.yaml on http:\/\/127\.0\.0\.1:\d+/,
    /Consent page stand-in on http:\/\/127\.0\.0\.1:\d+\/auth/,
    /1\. PKCE pair: challenge [A-Za-z0-9_-]{43}/,
    /2\. createAuthCode → code auth_code_xyz789/,
    /3\. exchangeAuthCodeForAPIKey → key sk-or-v1-…\w{4} \(\d+ chars\)/,
    /4\. .*ForbiddenResponseError 403: "Authorization code expired" \(reason: expired_code\)/,
    /callback server listening on http:\/\/127\.0\.0\.1:\d+, nonce in the path \/callback\/[A-Za-z0-9_-]+/,
    /the stand-in redirected to http:\/\/127\.0\.0\.1:\d+\/callback\/[A-Za-z0-9_-]+\?code=<code>/,
    /the browser was shown: 200 "Signed in to OpenRouter"/,
    /→ key sk-or-v1-…[0-9a-f]{4} \(73 chars\) for user user_\w+; callback server closed/,
    /the browser was shown: 400 "Sign-in to OpenRouter failed"/,
    /→ AuthorizationCallbackError \(kind denied\)/,
    /Demo finished\./,
  ]) {
    expect(out).toMatch(line);
  }
  // Keys are masked: no run of key characters long enough to be (part of) a real key.
  expect(out).not.toMatch(/sk-or-v1-[0-9a-f]{8,}/);
  expect(out).not.toMatch(/code=auth_code_/);
  expect(result.stderr).not.toMatch(/Demo failed/);
});
