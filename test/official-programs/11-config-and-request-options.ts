// Typed configuration: SDKOptions and the server list, per-call RequestOptions, Result and OpenEnum.
import { OpenRouter } from "@openrouter/sdk";
import { type SDKOptions, ServerList, ServerProduction } from "@openrouter/sdk/lib/config.js";
import type { RequestOptions } from "@openrouter/sdk/lib/sdks.js";
import * as operations from "@openrouter/sdk/models/operations";
import type { OpenEnum, Result } from "@openrouter/sdk/types";

console.log(`production server: ${ServerProduction} = ${ServerList[ServerProduction]}`);

// Staging overrides the production URL; everything else comes from one typed object.
const options: SDKOptions = {
  apiKey: process.env["OPENROUTER_API_KEY"] ?? "",
  serverURL: process.env["STAGING_URL"] ?? ServerList[ServerProduction],
  appTitle: "Config Demo",
  timeoutMs: 10_000,
  retryConfig: { strategy: "none" },
};
const openRouter = new OpenRouter(options);

// What one call needs: its own time limit, retries, a header, and a canary server.
const perCall: RequestOptions = {
  timeoutMs: 5_000,
  retries: { strategy: "none" },
  headers: { "x-request-source": "config-demo" },
  serverURL: process.env["CANARY_URL"] ?? ServerList[ServerProduction],
};

type Method = OpenEnum<typeof operations.CreateAuthKeysCodeCodeChallengeMethod>;
function methodFor(hashed: boolean): Method {
  return hashed
    ? operations.CreateAuthKeysCodeCodeChallengeMethod.S256
    : operations.CreateAuthKeysCodeCodeChallengeMethod.Plain;
}

async function attempt<T>(work: () => Promise<T>): Promise<Result<T, Error>> {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error : new Error(String(error)) };
  }
}

async function run() {
  const staging = await attempt(() =>
    openRouter.oAuth.createAuthCode({
      requestBody: {
        callbackUrl: "https://myapp.com/auth/callback",
        codeChallenge: "x".repeat(43),
        codeChallengeMethod: methodFor(false),
      },
    }),
  );
  console.log(staging.ok ? `staging: ${staging.value.data.id}` : `staging failed: ${staging.error.name}`);

  const canary = await attempt(() =>
    openRouter.oAuth.exchangeAuthCodeForAPIKey({ requestBody: { code: "auth_code_canary" } }, perCall),
  );
  console.log(canary.ok ? `canary: ${canary.value.userId}` : `canary failed: ${canary.error.name}`);
}

run();
