import { expect, inject, test } from "vitest";
import { OpenRouter } from "../src/index.js";

test("createAuthCode against Prism", async () => {
  const client = new OpenRouter({ apiKey: "sk-test", serverURL: inject("prismUrl") });
  const result = await client.oAuth.createAuthCode({ requestBody: { callbackUrl: "https://myapp.com/cb" } });
  expect(result.data.id).toBe("auth_code_xyz789");
});
