// Prism's dynamic mode answers with random bodies that fit the spec, with random extra properties:
// the SDK must accept all of them (lenient response checks) and map them faithfully.
import { afterAll, beforeAll, expect, test } from "vitest";
import { OpenRouterCore, oAuthCreateAuthCode, oAuthExchangeAuthCodeForAPIKey } from "../src/index.js";
import { type PrismServer, startPrism } from "./support/prism.js";

let prism: PrismServer;
let core: OpenRouterCore;
const rawBodies: unknown[] = [];

beforeAll(async () => {
  prism = await startPrism(undefined, ["--dynamic"]);
  // Keeps what Prism really sent, to show the bodies did carry fields the spec does not list.
  const recordingFetch = async (request: Request) => {
    const response = await fetch(request);
    rawBodies.push(await response.clone().json());
    return response;
  };
  core = new OpenRouterCore({
    apiKey: "sk-or-v1-test",
    serverURL: prism.url,
    retryConfig: { strategy: "none" },
    fetch: recordingFetch,
  });
});

afterAll(async () => {
  await prism.stop();
});

test("createAuthCode accepts 25 random 200 bodies", async () => {
  for (let i = 0; i < 25; i++) {
    const res = await oAuthCreateAuthCode(core, { requestBody: { callbackUrl: "https://myapp.com/cb", limit: 1 } });
    if (!res.ok) throw res.error;
    expect(typeof res.value.data.id).toBe("string");
    expect(Number.isInteger(res.value.data.appId)).toBe(true);
    expect(typeof res.value.data.createdAt).toBe("string");
    expect(Object.keys(res.value)).toEqual(["data"]);
  }
  const extra = rawBodies.filter((body) => Object.keys(body as object).some((key) => key !== "data"));
  expect(extra.length).toBeGreaterThan(0);
});

test("exchangeAuthCodeForAPIKey accepts 25 random 200 bodies", async () => {
  for (let i = 0; i < 25; i++) {
    const res = await oAuthExchangeAuthCodeForAPIKey(core, { requestBody: { code: "c", codeVerifier: "v" } });
    if (!res.ok) throw res.error;
    expect(typeof res.value.key).toBe("string");
    expect(res.value.userId === null || typeof res.value.userId === "string").toBe(true);
    expect(Object.keys(res.value).sort()).toEqual(["key", "userId"]);
  }
});

test("random error bodies still map to the status's class with the server's message", async () => {
  for (const status of [400, 403, 500]) {
    const res = await oAuthExchangeAuthCodeForAPIKey(
      core,
      { requestBody: { code: "c" } },
      { fetchOptions: { headers: { Prefer: `code=${status}` } } },
    );
    expect(res.ok).toBe(false);
    const error = res.error as { statusCode: number; data$?: { error: { message: string } }; message: string };
    expect(error.statusCode).toBe(status);
    expect(error.message).toBe(error.data$?.error.message);
  }
});
