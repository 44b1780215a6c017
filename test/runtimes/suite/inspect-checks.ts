// What the runtime's own inspector prints of the SDK's errors, on Node, Bun and Deno: util.inspect from
// `node:util` with every revealing option (hidden properties, getters called, custom inspection off),
// and on Deno also Deno.inspect. The errors hold secrets where code can read them (the body, the parsed
// value, a cause that user code threw); no printed view may show one.
import { OpenRouterCore, oAuthCreateAuthCode, oAuthExchangeAuthCodeForAPIKey } from "openrouter-oauth";
import { assert, type CheckResult, describeOutcome, runCheck } from "./report.js";

declare const Deno: { inspect(value: unknown, options?: Record<string, unknown>): string } | undefined;

const SECRET_KEY = "sk-or-v1-RETURNED-SECRET-5f2c";
const API_KEY = "sk-or-v1-APP-SECRET-9d41";

/** Every printed view of `value` this runtime offers, labelled. */
async function views(value: unknown): Promise<[string, string][]> {
  const { inspect } = await import("node:util");
  const printed: [string, string][] = [];
  for (const showHidden of [false, true]) {
    for (const getters of [false, true, "get", "set"] as const) {
      for (const customInspect of [true, false]) {
        const options = { showHidden, getters, customInspect, depth: Number.POSITIVE_INFINITY };
        printed.push([`util.inspect ${JSON.stringify(options)}`, inspect(value, options)]);
      }
    }
  }
  if (typeof Deno !== "undefined") {
    for (const showHidden of [false, true]) {
      for (const getters of [false, true]) {
        const options = { showHidden, getters, depth: Number.POSITIVE_INFINITY };
        printed.push([`Deno.inspect ${JSON.stringify(options)}`, Deno.inspect(value, options)]);
      }
    }
  }
  printed.push(["JSON.stringify", JSON.stringify(value)], ["spread", JSON.stringify({ ...(value as object) })]);
  return printed;
}

async function assertClean(value: unknown, secrets: readonly string[]): Promise<void> {
  for (const [label, text] of await views(value)) {
    for (const secret of secrets) assert(!text.includes(secret), `${label} prints a secret`);
  }
}

/** Runs the inspection checks (process runtimes only: workerd has no inspector to ask). */
export async function inspectChecks(): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  const check = async (name: string, body: () => Promise<void>) => results.push(await runCheck(name, body));
  const answering = (response: () => Response) =>
    new OpenRouterCore({ serverURL: "http://127.0.0.1:9/api/v1", fetch: async () => response() });
  const exchangeRequest = { requestBody: { code: "auth_code_1" } };

  await check("inspect: a malformed 200 holding the key prints no secret", async () => {
    const body = JSON.stringify({ key: SECRET_KEY, user_id: 5 });
    const res = await oAuthExchangeAuthCodeForAPIKey(
      answering(() => new Response(body, { headers: { "content-type": "application/json" } })),
      exchangeRequest,
    );
    assert(!res.ok && res.error.name === "ResponseValidationError", describeOutcome(res));
    // Readable in code, where one must look for it.
    assert((res.error as { body?: string }).body === body, "the body is not readable");
    await assertClean(res.error, [SECRET_KEY]);
    await assertClean(res, [SECRET_KEY]);
  });

  await check("inspect: a cause thrown by user code prints no secret", async () => {
    const core = new OpenRouterCore({
      apiKey: API_KEY,
      serverURL: "http://127.0.0.1:9/api/v1",
      retryConfig: { strategy: "none" },
      fetch: async (request) => {
        throw Object.assign(new TypeError("fetch failed"), {
          request,
          authorization: request.headers.get("authorization"),
        });
      },
    });
    const res = await oAuthCreateAuthCode(core, { requestBody: { callbackUrl: "https://myapp.com/cb" } });
    assert(!res.ok && res.error.name === "ConnectionError", describeOutcome(res));
    const cause = (res.error as { cause?: { authorization?: string } }).cause;
    assert(cause?.authorization === `Bearer ${API_KEY}`, "the cause is not readable");
    await assertClean(res.error, [API_KEY]);
  });
  return results;
}
