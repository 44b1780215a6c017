// A custom HTTP client: a fetcher that logs, hooks that add a header and watch responses.
import { type Fetcher, HTTPClient, type HTTPClientOptions, OpenRouter, type SDKOptions } from "@openrouter/sdk";

const log: string[] = [];

const fetcher: Fetcher = (input, init) => {
  const request = new Request(input, init);
  log.push(`fetch ${request.method} ${new URL(request.url).pathname}`);
  return fetch(request);
};
const httpClientOptions: HTTPClientOptions = { fetcher };
const httpClient = new HTTPClient(httpClientOptions);

httpClient.addHook("beforeRequest", (request) => {
  const nextRequest = new Request(request, {
    signal: request.signal || AbortSignal.timeout(5000),
  });
  nextRequest.headers.set("x-trace-id", "trace-1234");
  log.push(`before ${nextRequest.headers.get("x-trace-id")}`);
  return nextRequest;
});
httpClient.addHook("response", (response, request) => {
  log.push(`response ${response.status} ${new URL(request.url).pathname}`);
});
httpClient.addHook("requestError", (error, request) => {
  log.push(`requestError ${request.method}: ${String(error)}`);
});

const options: SDKOptions = {
  apiKey: process.env["OPENROUTER_API_KEY"] ?? "",
  httpClient,
  retryConfig: { strategy: "none" },
};
const openRouter = new OpenRouter(options);

async function run() {
  const created = await openRouter.oAuth.createAuthCode({
    requestBody: { callbackUrl: "https://myapp.com/auth/callback" },
  });
  const exchanged = await openRouter.oAuth.exchangeAuthCodeForAPIKey({ requestBody: { code: created.data.id } });
  console.log(log.join("\n"));
  console.log(`user: ${exchanged.userId}`);
}

run();
