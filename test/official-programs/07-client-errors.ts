// Failures before any response: no server, a time limit, an abort. All are HTTPClientErrors.
import { OpenRouter } from "@openrouter/sdk";
import * as errors from "@openrouter/sdk/models/errors";

function classify(error: unknown): string {
  if (!(error instanceof errors.HTTPClientError)) return `not a client error: ${String(error)}`;
  if (error instanceof errors.ConnectionError) return "ConnectionError (is the server up?)";
  if (error instanceof errors.RequestTimeoutError) return "RequestTimeoutError (took too long)";
  if (error instanceof errors.RequestAbortedError) return "RequestAbortedError (cancelled)";
  if (error instanceof errors.InvalidRequestError) return "InvalidRequestError (could not build the request)";
  if (error instanceof errors.UnexpectedClientError) return "UnexpectedClientError";
  return `another HTTPClientError: ${error.name}`;
}

const requestBody = { code: "auth_code_slow", codeVerifier: "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk" };

async function run() {
  // Nothing listens there; no retries, so it fails at once.
  const offline = new OpenRouter({
    serverURL: process.env["UNREACHABLE_URL"] ?? "",
    retryConfig: { strategy: "none" },
  });
  try {
    await offline.oAuth.exchangeAuthCodeForAPIKey({ requestBody });
  } catch (error) {
    console.log(`unreachable: ${classify(error)}`);
  }

  // A client-wide time limit against a server that answers after 2 s.
  const impatient = new OpenRouter({ timeoutMs: 200, retryConfig: { strategy: "none" } });
  try {
    await impatient.oAuth.exchangeAuthCodeForAPIKey({ requestBody });
  } catch (error) {
    console.log(`client timeoutMs: ${classify(error)}`);
  }

  // A per-call time limit overrides the client's.
  const patient = new OpenRouter({ timeoutMs: 60_000, retryConfig: { strategy: "none" } });
  try {
    await patient.oAuth.exchangeAuthCodeForAPIKey({ requestBody }, { timeoutMs: 200 });
  } catch (error) {
    console.log(`per-call timeoutMs: ${classify(error)}`);
  }

  // The user cancels.
  const controller = new AbortController();
  setTimeout(() => controller.abort(), 200);
  try {
    await patient.oAuth.exchangeAuthCodeForAPIKey({ requestBody }, { signal: controller.signal });
  } catch (error) {
    console.log(`aborted: ${classify(error)}`);
  }

  // The classes themselves, as an app's own error mapping would build them in its tests.
  for (const error of [
    new errors.InvalidRequestError("bad request options"),
    new errors.UnexpectedClientError("boom", { cause: new Error("inner") }),
    new errors.ConnectionError("offline"),
  ]) {
    console.log(`${error.name}: ${classify(error)}; message ${error.message}`);
  }
}

run();
