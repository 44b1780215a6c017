// Retries: a client-wide backoff policy that rides out two 503s, and one call that opts out.
import { OpenRouter } from "@openrouter/sdk";
import { HTTPClient } from "@openrouter/sdk/lib/http.js";
import type { BackoffStrategy, RetryConfig } from "@openrouter/sdk/lib/retries.js";
import * as errors from "@openrouter/sdk/models/errors";

const backoff: BackoffStrategy = {
  initialInterval: 10,
  maxInterval: 50,
  exponent: 1.5,
  maxElapsedTime: 5_000,
};
const retryConfig: RetryConfig = { strategy: "backoff", backoff, retryConnectionErrors: false };

const statuses: number[] = [];
const httpClient = new HTTPClient();
httpClient.addHook("response", (response) => {
  statuses.push(response.status);
});

const openRouter = new OpenRouter({ httpClient, retryConfig });

async function run() {
  const result = await openRouter.oAuth.exchangeAuthCodeForAPIKey({ requestBody: { code: "auth_code_flaky" } });
  console.log(`flaky: user ${result.userId} after ${statuses.join(" → ")}`);

  statuses.length = 0;
  const noRetries: RetryConfig = { strategy: "none" };
  try {
    await openRouter.oAuth.exchangeAuthCodeForAPIKey(
      { requestBody: { code: "auth_code_unavailable" } },
      { retries: noRetries },
    );
    console.log("unavailable: no error");
  } catch (error) {
    if (error instanceof errors.OpenRouterError) {
      console.log(`unavailable: ${error.statusCode} after ${statuses.join(" → ")}`);
    } else {
      throw error;
    }
  }

  // Only the listed statuses are retried: a 503 is not in ["429"].
  statuses.length = 0;
  try {
    await openRouter.oAuth.exchangeAuthCodeForAPIKey(
      { requestBody: { code: "auth_code_unavailable" } },
      { retries: retryConfig, retryCodes: ["429"] },
    );
  } catch (error) {
    if (error instanceof errors.OpenRouterError)
      console.log(`retryCodes 429: ${error.statusCode} after ${statuses.join(" → ")}`);
    else throw error;
  }
}

run();
