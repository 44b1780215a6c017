// The one callback-URL rule, through every entry point that takes a callback: the consent URL helpers
// (standalone and class), the callback parser, and createAuthCode (against Prism: what we accept must
// reach the mock unchanged). The accepted cases are the callbacks shipping integrations send today
// (API-FACTS, "Callback URLs in the wild"); the floor is what @openrouter/sdk accepts (zod v3's `.url()`).
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { z as zodV3 } from "zod/v3";
import {
  OpenRouter,
  OpenRouterCore,
  oAuthCompleteAuthorization,
  oAuthCreateAuthCode,
  oAuthCreateAuthorizationUrl,
  oAuthParseAuthorizationCallback,
  oAuthStartAuthorization,
  SDKValidationError,
} from "../src/index.js";
import { type ConsentStandIn, startConsentStandIn } from "./support/consent-stand-in.js";
import { type RecordingServer, startRecordingServer } from "./support/recording-server.js";

const ACCEPTED = [
  "vscode://saoudrizwan.claude-dev/openrouter",
  "cursor://rooveterinaryinc.roo-cline/openrouter",
  "windsurf://kilocode.kilo-code/openrouter",
  "vscodium://saoudrizwan.claude-dev/openrouter",
  "jetbrains://idea/kilocode?provider=openrouter",
  "com.example.app:/oauth2redirect",
  "http://localhost:51423/callback",
  "http://127.0.0.1:3000/callback",
  "http://127.8.9.10/cb",
  "http://[::1]:8976/cb",
  "http://localhost/cb?keep=1",
  "https://myapp.com/auth/callback",
  "https://myapp.com:8443/cb?x=1#frag",
  "ws://localhost:9000/cb",
  "wss://myapp.com/cb",
];

const REFUSED: [url: unknown, reason: RegExp][] = [
  ["javascript:alert(1)", /must not use javascript:/],
  ["JavaScript:alert(1)", /must not use javascript:/],
  [" javascript:alert(1)", /must not use javascript:/],
  ["java\tscript:alert(1)", /must not use javascript:/],
  ["vbscript:msgbox(1)", /must not use vbscript:/],
  ["data:text/html,<script>1</script>", /must not use data:/],
  ["file:///etc/passwd", /must not use file:/],
  ["blob:https://myapp.com/0d9e", /must not use blob:/],
  ["about:blank", /must not use about:/],
  ["view-source:https://myapp.com/", /must not use view-source:/],
  ["feed:javascript:alert(1)", /must not use feed:/],
  ["intent://scan/#Intent;scheme=zxing;package=com.example;end", /must not use intent:/],
  ["chrome://settings", /must not use chrome:/],
  ["edge://settings", /must not use edge:/],
  ["chrome-extension://abcdef/page.html", /must not use chrome-extension:/],
  ["moz-extension://abcdef/page.html", /must not use moz-extension:/],
  ["ws://example.com/cb", /must use https \(ws only on loopback\)/],
  ["ftp://example.com/cb", /must use https \(ftp only on loopback\)/],
  ["gopher://example.com/cb", /must use https \(gopher only on loopback\)/],
  ["telnet://example.com/", /must use https \(telnet only on loopback\)/],
  ["http://example.com/cb", /must use https/],
  ["http://192.168.1.20:3000/cb", /must use https/],
  ["http://localhost.example.com/cb", /must use https/],
  ["http://128.0.0.1/cb", /must use https/],
  ["/auth/callback", /absolute URL/],
  ["myapp.com/callback", /absolute URL/],
  ["", /absolute URL/],
  [42, /./],
];

/** Whether @openrouter/sdk's oAuthCreateAuthorizationUrl takes this string: `z.string().url()` from zod v3. */
const officialAccepts = (url: string) => zodV3.string().url().safeParse(url).success;

/** Network protocols without TLS, refused off loopback (this test's own statement of the rule). */
const CLEAR_TEXT = /^(http|ws|ftp|gopher|telnet|nntp|irc|ldap):$/;
/** Schemes a browser runs, reads locally, keeps for itself, or uses to wrap another URL: refused. */
const BROWSER_OWN =
  /^(javascript|vbscript|data|file|blob|about|filesystem|view-source|feed|intent|jar|resource|chrome|chrome-untrusted|devtools|edge|brave|opera|vivaldi|[a-z-]+-extension):$/;

/** The exceptions to that floor the rule makes on purpose. */
const deliberatelyRefused = (url: string) => {
  const { protocol, hostname } = new URL(url);
  const loopback = hostname === "localhost" || hostname === "[::1]" || /^127\.\d+\.\d+\.\d+$/.test(hostname);
  return (CLEAR_TEXT.test(protocol) && !loopback) || BROWSER_OWN.test(protocol);
};

const core = new OpenRouterCore({ serverURL: "https://openrouter.ai/api/v1" });

const consentCallback = (authorizationUrl: string) => new URL(authorizationUrl).searchParams.get("callback_url");

describe("the consent URL helpers", () => {
  test.each(ACCEPTED)("accept %s and pass it on unchanged", async (callbackUrl) => {
    const res = oAuthCreateAuthorizationUrl(core, { callbackUrl });
    expect(res.ok).toBe(true);
    expect(consentCallback(res.value as string)).toBe(callbackUrl);
    const fromClass = await new OpenRouter().oAuth.createAuthorizationUrl({ callbackUrl: new URL(callbackUrl) });
    expect(consentCallback(fromClass)).toBe(new URL(callbackUrl).href);
  });

  test.each(REFUSED)("refuse %j naming callbackUrl and the rule", async (callbackUrl, reason) => {
    const res = oAuthCreateAuthorizationUrl(core, { callbackUrl } as never);
    expect(res.ok).toBe(false);
    const error = res.error as SDKValidationError;
    expect(error).toBeInstanceOf(SDKValidationError);
    expect(error.field).toBe("callbackUrl");
    expect(error.reason).toMatch(reason);
    expect(error.message).toBe(`Invalid callbackUrl: ${error.reason}`);

    await expect(new OpenRouter().oAuth.createAuthorizationUrl({ callbackUrl } as never)).rejects.toBeInstanceOf(
      SDKValidationError,
    );
    const started = await oAuthStartAuthorization(core, { callbackUrl } as never);
    expect(started.ok).toBe(false);
    expect((started.error as SDKValidationError).field).toBe("callbackUrl");
    expect((started.error as SDKValidationError).reason).toMatch(reason);
  });

  test.each([
    ["jetbrains://idea/kilocode?provider=openrouter", { provider: "openrouter" }],
    ["vscode://saoudrizwan.claude-dev/openrouter", {}],
    ["com.example.app:/oauth2redirect", {}],
    ["https://myapp.com/cb?a=1&b=two", { a: "1", b: "two" }],
  ])("oAuthStartAuthorization adds the nonce to %s's own query and keeps what is there", async (callbackUrl, kept) => {
    const res = await oAuthStartAuthorization(core, { callbackUrl });
    if (!res.ok) throw res.error;
    const sent = new URL(consentCallback(res.value.authorizationUrl) as string);
    expect(sent.protocol).toBe(new URL(callbackUrl).protocol);
    expect(sent.pathname).toBe(new URL(callbackUrl).pathname);
    expect(Object.fromEntries(sent.searchParams)).toEqual({ ...kept, nonce: res.value.nonce });
  });
});

describe("the callback parser", () => {
  test.each([
    "vscode://saoudrizwan.claude-dev/openrouter?nonce=N1&code=C1",
    "jetbrains://idea/kilocode?provider=openrouter&nonce=N1&code=C1",
    "com.example.app:/oauth2redirect?nonce=N1&code=C1",
    "http://[::1]:8976/cb?nonce=N1&code=C1",
  ])("reads %s", (url) => {
    expect(oAuthParseAuthorizationCallback(url, { expectedNonce: "N1" })).toEqual({ ok: true, value: { code: "C1" } });
    const forged = oAuthParseAuthorizationCallback(url, { expectedNonce: "N2" });
    expect(forged.ok).toBe(false);
    expect(forged.error).toMatchObject({ kind: "nonce_mismatch" });
  });

  test.each(REFUSED)("refuses %j as the URL it came back on", (url, reason) => {
    const res = oAuthParseAuthorizationCallback(url as never, { expectedNonce: "N1" });
    expect(res.ok).toBe(false);
    expect(res.error).toBeInstanceOf(SDKValidationError);
    expect((res.error as SDKValidationError).reason).toMatch(reason);
  });
});

describe("a custom-scheme login end to end, against the consent stand-in", () => {
  let standIn: ConsentStandIn;
  beforeAll(async () => {
    standIn = await startConsentStandIn();
  });
  afterAll(() => standIn.close());

  test.each(["vscode://saoudrizwan.claude-dev/openrouter", "jetbrains://idea/kilocode?provider=openrouter"])(
    "%s: start, consent, back on the app's scheme, complete",
    async (callbackUrl) => {
      const client = new OpenRouterCore({ serverURL: standIn.apiUrl });
      const started = await oAuthStartAuthorization(client, { callbackUrl });
      if (!started.ok) throw started.error;
      const consent = await fetch(started.value.authorizationUrl, { redirect: "manual" });
      expect(consent.status).toBe(302);
      const landing = consent.headers.get("location") as string;
      expect(landing.startsWith(`${callbackUrl}${callbackUrl.includes("?") ? "&" : "?"}nonce=`)).toBe(true);

      const done = await oAuthCompleteAuthorization(client, {
        callbackUrl: landing,
        codeVerifier: started.value.codeVerifier,
        nonce: started.value.nonce,
      });
      if (!done.ok) throw done.error;
      expect(done.value.key).toMatch(/^sk-or-v1-/);
      const issued = [...standIn.issuedCodes.values()].at(-1);
      expect(issued?.codeChallengeMethod).toBe("S256");
      expect(issued?.used).toBe(true);
    },
  );
});

describe("createAuthCode", () => {
  const prismUrl = inject("prismUrl");

  /** A fetch that keeps every request body it forwards, to see what reached the mock. */
  const recordingFetch = () => {
    const bodies: string[] = [];
    const fetcher = async (input: RequestInfo | URL, init?: RequestInit) => {
      const request = new Request(input, init);
      bodies.push(await request.clone().text());
      return fetch(request);
    };
    return { bodies, fetcher };
  };

  test.each(ACCEPTED)("sends %s to the server unchanged, and Prism takes it", async (callbackUrl) => {
    const { bodies, fetcher } = recordingFetch();
    const res = await oAuthCreateAuthCode(
      new OpenRouterCore({ serverURL: prismUrl, apiKey: "sk-or-v1-test", fetch: fetcher }),
      {
        requestBody: {
          callbackUrl,
          codeChallenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
          codeChallengeMethod: "S256",
        },
      },
      { retries: { strategy: "none" } },
    );
    if (!res.ok) throw res.error;
    expect(bodies).toHaveLength(1);
    expect(JSON.parse(bodies[0] as string).callback_url).toBe(callbackUrl);
  });

  describe("refused before anything is sent", () => {
    let server: RecordingServer;
    beforeAll(async () => {
      server = await startRecordingServer();
    });
    afterAll(() => server.close());

    test.each(REFUSED)("%j", async (callbackUrl, reason) => {
      server.reset();
      const client = new OpenRouter({ serverURL: server.url, apiKey: "sk-or-v1-test" });
      const error = await client.oAuth.createAuthCode({ requestBody: { callbackUrl } as never }).then(
        () => undefined,
        (thrown: unknown) => thrown,
      );
      expect(error).toBeInstanceOf(SDKValidationError);
      expect((error as SDKValidationError).field).toBe("requestBody.callbackUrl");
      expect((error as SDKValidationError).reason).toMatch(reason);
      expect(server.requests).toHaveLength(0);
    });
  });
});

describe("properties", () => {
  const scheme = fc
    .tuple(fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz"), fc.stringMatching(/^[a-z\d+.-]{0,15}$/))
    .map(([first, rest]) => first + rest);
  const pathPart = fc.stringMatching(/^[A-Za-z\d._~/-]{0,20}$/);

  test("an app's own scheme is accepted unless a browser runs, reads or keeps it, or it is clear text off loopback", () => {
    fc.assert(
      fc.property(scheme, fc.domain(), pathPart, (s, host, path) => {
        const url = `${s}://${host}/${path}`;
        const res = oAuthCreateAuthorizationUrl(core, { callbackUrl: url });
        expect(res.ok).toBe(!deliberatelyRefused(url));
      }),
      { numRuns: 300 },
    );
  });

  test("whatever @openrouter/sdk accepts, we accept too, except the deliberate refusals", () => {
    const candidates = fc.oneof(
      fc.webUrl({ withQueryParameters: true, withFragments: true }),
      fc.tuple(scheme, fc.string({ maxLength: 30 })).map(([s, rest]) => `${s}:${rest}`),
      fc.string({ maxLength: 40 }),
    );
    fc.assert(
      fc.property(candidates, (url) => {
        const ours = oAuthCreateAuthorizationUrl(core, { callbackUrl: url }).ok;
        if (officialAccepts(url) && !deliberatelyRefused(url)) expect(ours).toBe(true);
        // Never more lenient than an absolute URL.
        if (ours) expect(URL.canParse(url)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  test("a nonce added to any accepted callback comes back out of it with the code, the callback's query kept", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          scheme.filter((s) => !deliberatelyRefused(`${s}://x`)),
          fc.constant("https"),
        ),
        fc.domain(),
        pathPart,
        fc.dictionary(fc.stringMatching(/^[a-z]{1,8}$/), fc.string({ maxLength: 10 }), { maxKeys: 3 }),
        async (s, host, path, query) => {
          fc.pre(!("nonce" in query) && !("code" in query));
          const callback = new URL(`${s}://${host}/${path}`);
          for (const [k, v] of Object.entries(query)) callback.searchParams.set(k, v);
          const started = await oAuthStartAuthorization(core, { callbackUrl: callback.href });
          if (!started.ok) throw started.error;
          // The consent page appends the code to the callback it was given.
          const landing = new URL(consentCallback(started.value.authorizationUrl) as string);
          landing.searchParams.append("code", "the-code");
          const parsed = oAuthParseAuthorizationCallback(landing.href, { expectedNonce: started.value.nonce });
          expect(parsed).toEqual({ ok: true, value: { code: "the-code" } });
          for (const [k, v] of Object.entries(query)) expect(landing.searchParams.get(k)).toBe(v);
        },
      ),
      { numRuns: 100 },
    );
  });
});
