// Errors outside the documented bodies: a proxy's HTML page, an undocumented status, a 200 of the wrong shape.
// Each is an OpenRouterError with the raw response's status, content type, headers and body.
import { OpenRouter } from "@openrouter/sdk";
import * as errors from "@openrouter/sdk/models/errors";

const openRouter = new OpenRouter({
  apiKey: process.env["OPENROUTER_API_KEY"] ?? "",
  retryConfig: { strategy: "none" },
});

async function exchange(label: string, code: string) {
  try {
    const result = await openRouter.oAuth.exchangeAuthCodeForAPIKey({ requestBody: { code } });
    console.log(`${label}: no error (user ${result.userId})`);
  } catch (e) {
    if (e instanceof errors.OpenRouterError) {
      console.log(`${label}: ${e.name}`);
      console.log(`  default error: ${e instanceof errors.OpenRouterDefaultError}`);
      console.log(`  validation error: ${e instanceof errors.ResponseValidationError}`);
      console.log(`  statusCode: ${e.statusCode}`);
      console.log(`  contentType: ${e.contentType}`);
      console.log(`  header content-type: ${e.headers.get("content-type")}`);
      console.log(`  body: ${e.body}`);
      if (e instanceof errors.OpenRouterDefaultError) {
        console.log(`  message mentions the status: ${e.message.includes(String(e.statusCode))}`);
      }
      if (e instanceof errors.ResponseValidationError) {
        console.log(`  rawValue: ${JSON.stringify(e.rawValue)}`);
        console.log(`  pretty() names the missing field: ${e.pretty().includes("key")}`);
      }
    } else {
      throw e;
    }
  }
}

await exchange("proxy page", "auth_code_proxy");
await exchange("method not allowed", "auth_code_405");
await exchange("wrong shape", "auth_code_malformed");
