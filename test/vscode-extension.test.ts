// examples/vscode-extension: type-checked against @types/vscode, bundled as it ships, and its bundle driven
// with a fake of the vscode API it uses (test/support/fake-vscode.ts) against the consent-page stand-in:
// approve, deny, stray URIs, another login's URI, a replay, the time limit, cancel, sign-out.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { childEnv, describeChild, repoRoot, requireBuiltDist, runChild } from "./support/build-once.js";
import { type ConsentStandIn, startConsentStandIn } from "./support/consent-stand-in.js";
import { editor, fakeContext, vscodeModule } from "./support/fake-vscode.js";

const exampleDir = join(repoRoot, "examples/vscode-extension");
const EXTENSION_ID = "openrouter-oauth-example.openrouter-sign-in";
const CALLBACK = `vscode://${EXTENSION_ID}/openrouter`;

interface SignIn {
  signIn(): Promise<void>;
  signOut(): Promise<void>;
  apiKey(): Promise<string | undefined>;
  dispose(): void;
}
interface ExtensionBundle {
  activate(context: ReturnType<typeof fakeContext>): void;
  OpenRouterSignIn: new (
    context: ReturnType<typeof fakeContext>,
    options?: { serverURL?: string; timeLimitMs?: number },
  ) => SignIn;
}

let bundle: ExtensionBundle;

/** Loads dist/extension.js as VS Code does (CommonJS), with the fake as `vscode`. */
function loadBundle(): ExtensionBundle {
  const code = readFileSync(join(exampleDir, "dist/extension.js"), "utf8");
  const module = { exports: {} as ExtensionBundle };
  const requireFromHost = (id: string) => {
    if (id === "vscode") return vscodeModule;
    throw new Error(`the extension bundle must not require ${id}`);
  };
  new Function("require", "module", "exports", code)(requireFromHost, module, module.exports);
  return module.exports;
}

beforeAll(async () => {
  requireBuiltDist();
  const built = await runChild(process.execPath, [join(exampleDir, "build.mjs")], { env: childEnv({}) });
  expect(built.code, describeChild(built)).toBe(0);
  bundle = loadBundle();
}, 60_000);

beforeEach(() => editor.reset());

describe("the example as shipped", () => {
  test("type-checks against @types/vscode and the built package's declarations", { timeout: 120_000 }, async () => {
    const tsc = join(repoRoot, "node_modules/typescript/bin/tsc");
    const result = await runChild(process.execPath, [tsc, "--listFiles", "-p", join(exampleDir, "tsconfig.json")], {
      env: childEnv({}),
      timeoutMs: 110_000,
    });
    expect(result.code, describeChild(result)).toBe(0);
    expect(result.stdout).toContain("node_modules/@types/vscode/index.d.ts");
    expect(result.stdout).toContain("dist/esm/src/funcs/oAuthStartAuthorization.d.ts");
  });

  test("its manifest contributes the two commands and wakes the extension for its URI", () => {
    const manifest = JSON.parse(readFileSync(join(exampleDir, "package.json"), "utf8"));
    expect(`${manifest.publisher}.${manifest.name}`).toBe(EXTENSION_ID);
    expect(manifest.activationEvents).toContain("onUri");
    const titles = manifest.contributes.commands.map(
      (c: { category: string; title: string }) => `${c.category}: ${c.title}`,
    );
    expect(titles).toEqual(["OpenRouter: Sign in", "OpenRouter: Sign out"]);
    expect(manifest.main).toBe(manifest.browser);
  });

  test("activation registers one URI handler and the commands, all disposed with the extension", () => {
    const context = fakeContext();
    bundle.activate(context);
    expect([...editor.commands.keys()].sort()).toEqual(["openrouter.signIn", "openrouter.signOut"]);
    expect(editor.handlers).toHaveLength(1);
    for (const disposable of context.subscriptions) disposable.dispose();
    expect(editor.commands.size).toBe(0);
    expect(editor.handlers).toHaveLength(0);
  });

  test.each(["vscode", "cursor", "windsurf", "vscodium"])(
    "in %s, Sign in sends OpenRouter's consent page a callback on that scheme, with the window id and a nonce",
    async (scheme) => {
      editor.uriScheme = scheme;
      const context = fakeContext();
      bundle.activate(context);
      const running = editor.commands.get("openrouter.signIn")?.() as Promise<void>;
      const opened = new URL(await editor.nextOpened());
      expect(opened.origin + opened.pathname).toBe("https://openrouter.ai/auth");
      expect(opened.searchParams.get("code_challenge_method")).toBe("S256");
      expect(opened.searchParams.get("code_challenge")).toMatch(/^[\w-]{43}$/);
      const callback = new URL(opened.searchParams.get("callback_url") as string);
      expect(`${callback.protocol}//${callback.host}${callback.pathname}`).toBe(
        `${scheme}://${EXTENSION_ID}/openrouter`,
      );
      // Both parameters of the callback's own query survived the trip through openExternal.
      expect([...callback.searchParams.keys()]).toEqual(["windowId", "nonce"]);
      editor.progress[0]?.cancel();
      await running;
      expect(context.secretValues.size).toBe(0);
      for (const disposable of context.subscriptions) disposable.dispose();
    },
  );
});

describe("signing in against the consent stand-in", () => {
  let standIn: ConsentStandIn;
  let context: ReturnType<typeof fakeContext>;
  let signIn: SignIn;

  const exchanges = () => standIn.requests.filter((r) => r.method === "POST" && r.url.endsWith("/auth/keys")).length;

  /** The user on the consent page: where the browser is sent back to. */
  const consent = async (url: string) => {
    const page = await fetch(url, { redirect: "manual" });
    expect(page.status).toBe(302);
    return page.headers.get("location") as string;
  };

  /** Resolves when `promise` settles or after `ms`, telling which. */
  const settlesWithin = (promise: Promise<unknown>, ms: number) =>
    Promise.race([promise.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), ms))]);

  const noSecretShown = (key: string) => {
    for (const { text } of editor.messages) expect(text).not.toContain(key);
    for (const url of editor.opened) expect(url).not.toContain(key);
  };

  beforeEach(async () => {
    standIn = await startConsentStandIn();
    context = fakeContext();
    signIn = new bundle.OpenRouterSignIn(context, { serverURL: standIn.apiUrl, timeLimitMs: 3_000 });
    editor.handlers.push(signIn as unknown as (typeof editor.handlers)[number]);
  });
  afterEach(async () => {
    signIn.dispose();
    await standIn.close();
  });

  test("approve: the key lands in SecretStorage only, and a thank-you names no secret", async () => {
    const running = signIn.signIn();
    const landing = await consent(await editor.nextOpened());
    expect(landing.startsWith(`${CALLBACK}?windowId=1&nonce=`)).toBe(true);
    expect(landing).toMatch(/&code=auth_code_/);
    expect(editor.progress.map((p) => p.cancellable)).toEqual([true]);
    editor.deliver(landing);
    await running;
    const key = context.secretValues.get("openrouter.apiKey") as string;
    expect(key).toMatch(/^sk-or-v1-/);
    expect(await signIn.apiKey()).toBe(key);
    expect(editor.messages).toEqual([{ level: "info", text: "Signed in to OpenRouter." }]);
    noSecretShown(key);
    expect([...standIn.issuedCodes.values()][0]).toMatchObject({ codeChallengeMethod: "S256", used: true });
  });

  test("the exchange carries no API key, even with OPENROUTER_API_KEY in the editor's environment", async () => {
    // The extension host's environment is the user's shell's: an exported key (often the one being
    // replaced) must not go out with the exchange, which needs none.
    process.env["OPENROUTER_API_KEY"] = "sk-or-v1-an-older-key-in-the-environment";
    try {
      signIn.dispose();
      signIn = new bundle.OpenRouterSignIn(context, { serverURL: standIn.apiUrl, timeLimitMs: 3_000 });
      editor.handlers.splice(0, editor.handlers.length, signIn as unknown as (typeof editor.handlers)[number]);
      const running = signIn.signIn();
      editor.deliver(await consent(await editor.nextOpened()));
      await running;
      expect(context.secretValues.get("openrouter.apiKey")).toMatch(/^sk-or-v1-/);
      const sent = standIn.requests.filter((r) => r.method === "POST" && r.url.endsWith("/auth/keys"));
      expect(sent).toHaveLength(1);
      expect(sent[0]!.headers.authorization).toBeUndefined();
    } finally {
      delete process.env["OPENROUTER_API_KEY"];
    }
  });

  test("deny: a warning, nothing stored, no exchange", async () => {
    standIn.setDecision("deny");
    const running = signIn.signIn();
    editor.deliver(await consent(await editor.nextOpened()));
    await running;
    expect(editor.messages).toEqual([{ level: "warning", text: "OpenRouter sign-in was not approved." }]);
    expect(context.secretValues.size).toBe(0);
    expect(exchanges()).toBe(0);
  });

  test("stray URIs (another path, no nonce, a wrong nonce) are ignored; the real callback still completes", async () => {
    const running = signIn.signIn();
    const landing = await consent(await editor.nextOpened());
    const code = new URL(landing).searchParams.get("code");
    editor.deliver(`vscode://${EXTENSION_ID}/elsewhere?${new URL(landing).searchParams}`);
    editor.deliver(`${CALLBACK}?code=${code}`);
    editor.deliver(`${CALLBACK}?nonce=not-this-one&code=${code}`);
    expect(await settlesWithin(running, 200)).toBe(false);
    expect(exchanges()).toBe(0);
    editor.deliver(landing);
    await running;
    expect(context.secretValues.get("openrouter.apiKey")).toMatch(/^sk-or-v1-/);
  });

  test("two logins at once: each URI completes only its own login, with its own verifier", async () => {
    const first = signIn.signIn();
    const firstLanding = await consent(await editor.nextOpened());
    const second = signIn.signIn();
    const secondLanding = await consent(await editor.nextOpened());
    expect(editor.progress).toHaveLength(2);

    editor.deliver(secondLanding);
    await second;
    expect(await settlesWithin(first, 200)).toBe(false);
    expect(editor.progress).toHaveLength(1);
    const secondKey = context.secretValues.get("openrouter.apiKey");

    editor.deliver(firstLanding);
    await first;
    // The stand-in checks each code against its own challenge: a crossed verifier would have been refused.
    expect(editor.messages.map((m) => m.level)).toEqual(["info", "info"]);
    expect(context.secretValues.get("openrouter.apiKey")).not.toBe(secondKey);
    expect(exchanges()).toBe(2);
  });

  test("a replayed callback after the sign-in ended is ignored", async () => {
    const running = signIn.signIn();
    const landing = await consent(await editor.nextOpened());
    editor.deliver(landing);
    await running;
    editor.deliver(landing);
    await new Promise((r) => setTimeout(r, 100));
    expect(exchanges()).toBe(1);
    expect(editor.messages).toHaveLength(1);
  });

  test("the time limit ends a sign-in with a warning; a callback after it is ignored", async () => {
    signIn = new bundle.OpenRouterSignIn(context, { serverURL: standIn.apiUrl, timeLimitMs: 300 });
    editor.handlers.splice(0, editor.handlers.length, signIn as unknown as (typeof editor.handlers)[number]);
    const running = signIn.signIn();
    const landing = await consent(await editor.nextOpened());
    expect(await settlesWithin(running, 2_000)).toBe(true);
    expect(editor.messages).toEqual([{ level: "warning", text: expect.stringMatching(/timed out/) }]);
    expect(editor.progress).toHaveLength(0);
    editor.deliver(landing);
    await new Promise((r) => setTimeout(r, 100));
    expect(exchanges()).toBe(0);
    expect(context.secretValues.size).toBe(0);
  });

  test("cancel on the progress notification ends the sign-in at once; a callback after it is ignored", async () => {
    const running = signIn.signIn();
    const landing = await consent(await editor.nextOpened());
    editor.progress[0]?.cancel();
    expect(await settlesWithin(running, 500)).toBe(true);
    editor.deliver(landing);
    await new Promise((r) => setTimeout(r, 100));
    expect(exchanges()).toBe(0);
    expect(context.secretValues.size).toBe(0);
    expect(editor.messages).toEqual([]);
  });

  test("declining to open the browser ends the sign-in at once", async () => {
    editor.openExternalAnswer = false;
    expect(await settlesWithin(signIn.signIn(), 500)).toBe(true);
    expect(editor.progress).toHaveLength(0);
  });

  test("Sign out deletes the key", async () => {
    context.secretValues.set("openrouter.apiKey", "sk-or-v1-previous");
    await signIn.signOut();
    expect(context.secretValues.size).toBe(0);
    expect(editor.messages).toEqual([{ level: "info", text: "Signed out of OpenRouter." }]);
  });
});
