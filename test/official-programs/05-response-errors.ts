// What the server refuses: each documented status as its typed error, with the error body's fields.
import { OpenRouter } from "@openrouter/sdk";
import * as errors from "@openrouter/sdk/models/errors";

// No retries: a 500 is reported at once (the default would retry it).
const openRouter = new OpenRouter({
  apiKey: process.env["OPENROUTER_API_KEY"] ?? "",
  retryConfig: { strategy: "none" },
});
const revoked = new OpenRouter({ apiKey: "sk-or-v1-revoked", retryConfig: { strategy: "none" } });

function report(label: string, error: unknown) {
  if (
    error instanceof errors.BadRequestResponseError ||
    error instanceof errors.UnauthorizedResponseError ||
    error instanceof errors.ForbiddenResponseError ||
    error instanceof errors.ConflictResponseError ||
    error instanceof errors.InternalServerResponseError
  ) {
    console.log(`${label}: ${error.name} ${error.statusCode}`);
    console.log(`  error.code: ${error.error.code}, error.message: ${error.error.message}`);
    console.log(`  message: ${error.message}`);
    console.log(`  userId: ${error.userId ?? "(none)"}`);
    console.log(`  openrouterMetadata: ${JSON.stringify(error.openrouterMetadata ?? null)}`);
    console.log(`  data$.error.message: ${error.data$.error.message}`);
    console.log(`  contentType: ${error.contentType}`);
    console.log(`  x-request-id: ${error.headers.get("x-request-id")}`);
    console.log(`  body: ${error.body}`);
  } else if (error instanceof errors.OpenRouterError) {
    console.log(`${label}: other OpenRouterError ${error.name} ${error.statusCode}`);
  } else {
    console.log(`${label}: unexpected ${String(error)}`);
  }
}

async function run() {
  const creates: [string, OpenRouter, { callbackUrl: string; keyLabel?: string; workspaceId?: string }][] = [
    ["create 400", openRouter, { callbackUrl: "https://myapp.com:8443/auth/callback" }],
    ["create 401", revoked, { callbackUrl: "https://myapp.com/auth/callback" }],
    [
      "create 403",
      openRouter,
      { callbackUrl: "https://myapp.com/auth/callback", workspaceId: "0b9d8a4e-5f7c-4e3a-9c1b-2d6f8e0a4b03" },
    ],
    ["create 409", openRouter, { callbackUrl: "https://myapp.com/auth/callback", keyLabel: "taken" }],
    ["create 500", openRouter, { callbackUrl: "https://myapp.com/auth/callback", keyLabel: "crash" }],
  ];
  for (const [label, client, requestBody] of creates) {
    try {
      await client.oAuth.createAuthCode({ requestBody });
      console.log(`${label}: no error`);
    } catch (error) {
      report(label, error);
    }
  }

  for (const [label, code] of [
    ["exchange 400", "auth_code_wrong_method"],
    ["exchange 403", "auth_code_expired"],
    ["exchange 500", "auth_code_crash"],
  ] as const) {
    try {
      await openRouter.oAuth.exchangeAuthCodeForAPIKey({
        requestBody: { code, codeVerifier: "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk", codeChallengeMethod: "S256" },
      });
      console.log(`${label}: no error`);
    } catch (error) {
      report(label, error);
    }
  }
}

run();
