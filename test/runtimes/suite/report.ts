// How a runtime suite check is run and reported: each check gets a name, a time cap, and a verdict.
// Shared by every entry point (processes and the worker), so every runtime reports the same way.

/** One check's outcome on one runtime. */
export interface CheckResult {
  readonly check: string;
  readonly ok: boolean;
  /** Why it failed (empty when it passed). Never a secret: checks describe values, they do not print them. */
  readonly detail: string;
}

/** What each entry point prints (or the worker returns): the runtime it found itself on, and the results. */
export interface SuiteReport {
  readonly runtime: string;
  readonly results: readonly CheckResult[];
}

/** The servers the orchestrator (test/runtimes/run.ts) started on 127.0.0.1 for the checks. */
export interface SuiteConfig {
  /** Prism mocking the spec: `serverURL` for the two operations and their documented errors. */
  readonly prismUrl: string;
  /** The misbehaving server: `${faultUrl}/html502`, `/html200`, `/hang` and `/busy503` as `serverURL`s. */
  readonly faultUrl: string;
  /** The consent stand-in that approves (`serverURL`: its `/api/v1`). */
  readonly approvingApiUrl: string;
  /** A second consent stand-in, whose consent page always denies. */
  readonly denyingApiUrl: string;
}

/** Fails the check with `message` unless `condition` holds. */
export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

const CHECK_CAP_MS = 15_000;

/** Runs `body` as the check `name`, capped at 15 s so a hang is reported as a miss instead of stalling the suite. */
export async function runCheck(name: string, body: () => Promise<void>): Promise<CheckResult> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const cap = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no verdict within ${CHECK_CAP_MS} ms`)), CHECK_CAP_MS);
  });
  try {
    await Promise.race([body(), cap]);
    return { check: name, ok: true, detail: "" };
  } catch (error) {
    const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return { check: name, ok: false, detail };
  } finally {
    clearTimeout(timer);
  }
}

/** Describes an outcome for a failure message without printing values (a key or code must never show). */
export function describeOutcome(outcome: { ok: boolean; error?: unknown }): string {
  if (outcome.ok) return "it succeeded";
  const error = outcome.error;
  return error instanceof Error ? `${error.name} (${error.constructor.name})` : typeof error;
}

/**
 * Plays the user's browser on a consent page: opens `authorizationUrl` without following its redirect,
 * and returns where it sends the user back to.
 */
export async function consentRedirect(authorizationUrl: string): Promise<string> {
  const response = await fetch(authorizationUrl, { redirect: "manual" });
  await response.body?.cancel();
  const location = response.headers.get("location");
  assert(response.status === 302 && location !== null, `the consent page answered ${response.status}, not a redirect`);
  return new URL(location, authorizationUrl).href;
}
